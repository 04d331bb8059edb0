"""The scrutiny reports of the API as pages that print on A4, each with a CSV beside it
holding exactly the tables the page shows: attendance of a person or an organisation over
a period, a body's membership changes, a decision's authority, and minutes amendments
before and after. And the record's integrity: the hash chain checked on demand.

Who may read each is the API's rule (`web.api.scrutiny`, `web.api.audit`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from flask import current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from meetings.application import access
from meetings.domain.rules import london_today
from web.auth import require_auditor, require_scrutineer
from web.console.common import FormErrors, bp, signed_in
from web.console.forms import person_named
from web.console.scrutiny_common import Table, csv_download, day_asked, when, words
from web.context import meetings_app

_REPORTS = "/console/scrutiny"
_OUTCOMES = {
    "present": "Present",
    "substitute_sent": "Sent a substitute",
    "apologies": "Apologies",
    "absent": "Absent",
    "not_recorded": "Not recorded",
}


def _period() -> tuple[date, date, FormErrors]:
    """The period asked (default: the year to today), checked as the API checks it."""
    errors = FormErrors()
    today = london_today()
    end, end_error = day_asked("to", today)
    start, start_error = day_asked("from", None)
    if end_error:
        errors.add("to", end_error)
    if start_error:
        errors.add("from", start_error)
    assert end is not None
    start = start or _year_before(end)
    if start > end:
        errors.add(
            "to",
            f"The end date ({end.isoformat()}) is before the start date ({start.isoformat()}).",
        )
        start = _year_before(end)
    return start, end, errors


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _facts(caption: str, rows: list[tuple[str, Any]]) -> Table:
    table = Table(caption, ("Fact", "As recorded"))
    for label, value in rows:
        table.add((label, value if isinstance(value, str) else when(value)))
    return table


def _report(
    title: str,
    tables: list[Table],
    csv_url: str,
    period: tuple[date, date, FormErrors] | None,
    back: tuple[str, str] | None = None,
) -> tuple[str, int]:
    errors = period[2] if period else FormErrors()
    return render_template(
        "console/scrutiny_report.html",
        title=title,
        tables=tables,
        csv_url=csv_url,
        period=period,
        errors=errors,
        back=back,
        printed=when(datetime.now(tz=UTC)),
    ), 422 if errors else 200


def _csv_url() -> str:
    query = request.query_string.decode()
    return request.path + ".csv" + (f"?{query}" if query else "")


def _as_page_or_csv(
    build: Callable[[], tuple[str, list[Table], tuple[date, date, FormErrors] | None, Any]],
    csv: bool,
    filename: str,
) -> Any:
    title, tables, period, back = build()
    if csv:
        return csv_download(tables, filename)
    return _report(title, tables, _csv_url(), period, back)


# Attendance ------------------------------------------------------------------------------


@bp.get(f"{_REPORTS}/attendance")
def attendance_finder() -> Response | tuple[str, int]:
    """From the scrutiny home: a person typed by name, or an organisation picked."""
    signed_in()
    require_scrutineer()
    errors = FormErrors()
    period: dict[str, Any] = {k: request.args[k] for k in ("from", "to") if request.args.get(k)}
    organisation = request.args.get("organisation", "").strip()
    if organisation:
        return redirect(
            url_for("console.organisation_attendance", organisation_id=organisation, **period)
        )
    person_id = person_named(request.args.get("person", ""), "person", errors)
    if person_id:
        return redirect(url_for("console.person_attendance", person_id=person_id, **period))
    detail = "; ".join(m for ms in errors.values() for m in ms) or "Type a person's name."
    return render_template("console/refused.html", title="Whose attendance?", detail=detail), 422


def _person_attendance(person_id: UUID) -> Any:
    period = _period()
    start, end = period[0], period[1]
    report = meetings_app().get_person_attendance(person_id, start, end)
    s = report["summary"]
    summary = _facts(
        "Summary",
        [
            ("Meetings where they held a seat", str(s["meetings"])),
            ("Present", str(s["present"])),
            ("Sent a substitute", str(s["substitute_sent"])),
            ("Apologies", str(s["apologies"])),
            ("Absent", str(s["absent"])),
            ("Not recorded", str(s["not_recorded"])),
            ("Attended without a seat (adviser, guest, substitute)", str(s["other_capacity"])),
        ],
    )
    table = Table(
        "Meetings",
        (
            "Meeting",
            "Body",
            "Seat",
            "Outcome",
            "Capacity",
            "Substitute",
            "In place of",
            "Arrived",
            "Left",
        ),
    )
    for m in report["meetings"]:
        table.add(
            (
                m["starts_at"],
                m["body_name"],
                m.get("seat") or "no seat",
                _OUTCOMES.get(m["outcome"], m["outcome"]),
                (m.get("capacity") or "—").replace("_", "-"),
                m.get("substitute_name"),
                m.get("substitute_for_name"),
                m.get("arrived_at"),
                m.get("left_at"),
            )
        )
    title = f"Attendance of {report['person_name']}, {when(start)} to {when(end)}"
    return title, [summary, table], period, None


@bp.get(f"{_REPORTS}/people/<uuid:person_id>/attendance")
def person_attendance(person_id: UUID) -> Any:
    signed_in()
    require_scrutineer()
    return _as_page_or_csv(lambda: _person_attendance(person_id), False, "")


@bp.get(f"{_REPORTS}/people/<uuid:person_id>/attendance.csv")
def person_attendance_csv(person_id: UUID) -> Any:
    signed_in()
    require_scrutineer()
    return _as_page_or_csv(lambda: _person_attendance(person_id), True, "attendance.csv")


def _organisation_attendance(organisation_id: UUID) -> Any:
    period = _period()
    start, end = period[0], period[1]
    report = meetings_app().get_organisation_attendance(organisation_id, start, end)
    s = report["summary"]
    summary = _facts(
        "Summary",
        [(words(k), str(v)) for k, v in s.items()],
    )
    table = Table(
        "Seats at each meeting",
        ("Meeting", "Body", "Seat", "Member", "Outcome", "Substitute", "Arrived", "Left"),
    )
    for m in report["meetings"]:
        for seat in m["seats"]:
            table.add(
                (
                    m["starts_at"],
                    m["body_name"],
                    seat.get("seat"),
                    seat.get("person_name"),
                    _OUTCOMES.get(seat["outcome"], seat["outcome"]),
                    seat.get("substitute_name"),
                    seat.get("arrived_at"),
                    seat.get("left_at"),
                )
            )
    title = f"Attendance of {report['organisation_name']}, {when(start)} to {when(end)}"
    return title, [summary, table], period, None


@bp.get(f"{_REPORTS}/organisations/<uuid:organisation_id>/attendance")
def organisation_attendance(organisation_id: UUID) -> Any:
    signed_in()
    require_scrutineer()
    return _as_page_or_csv(lambda: _organisation_attendance(organisation_id), False, "")


@bp.get(f"{_REPORTS}/organisations/<uuid:organisation_id>/attendance.csv")
def organisation_attendance_csv(organisation_id: UUID) -> Any:
    signed_in()
    require_scrutineer()
    return _as_page_or_csv(
        lambda: _organisation_attendance(organisation_id), True, "organisation-attendance.csv"
    )


# Membership changes ----------------------------------------------------------------------

_CHANGES = {
    "membership_began": "Joined",
    "membership_ended": "Left",
    "substitute_named": "Substitute named",
    "substitute_withdrawn": "Substitute withdrawn",
    "chair_appointed": "Appointed to the chair",
    "chair_term_ended": "Term in the chair ended",
}


def _body_report(body_id: UUID, what: str, table: Callable[[date, date], Table]) -> Any:
    """A report on one body over the period asked for: its title, its table, the period
    and the way back to the body."""
    period = _period()
    start, end = period[0], period[1]
    body = meetings_app().get_body(body_id)
    title = f"{what} of {body.name}, {when(start)} to {when(end)}"
    return (
        title,
        [table(start, end)],
        period,
        (f"/console/scrutiny/bodies/{body_id}", body.short_name),
    )


def _membership_changes(body_id: UUID) -> Any:
    return _body_report(
        body_id, "Membership changes", lambda start, end: _changes_table(body_id, start, end)
    )


def _changes_table(body_id: UUID, start: date, end: date) -> Table:
    table = Table(
        "Changes, by date",
        ("On", "Change", "Person", "Seat", "Organisation", "Substitute", "Reason", "Recorded by"),
    )
    for c in meetings_app().list_membership_changes(body_id, start, end):
        change = _CHANGES.get(c["change"], words(c["change"]))
        if c.get("role"):
            change += f" ({str(c['role']).replace('_', '-')})"
        table.add(
            (
                c["on"],
                change,
                c.get("person_name"),
                c.get("seat"),
                c.get("organisation_name"),
                c.get("substitute_name"),
                c.get("reason"),
                f"{c['recorded_by']}, {when(c['recorded_at'])}",
            )
        )
    return table


@bp.get(f"{_REPORTS}/bodies/<uuid:body_id>/membership-changes")
def membership_changes_page(body_id: UUID) -> Any:
    signed_in()
    require_scrutineer(body_id)
    return _as_page_or_csv(lambda: _membership_changes(body_id), False, "")


@bp.get(f"{_REPORTS}/bodies/<uuid:body_id>/membership-changes.csv")
def membership_changes_csv(body_id: UUID) -> Any:
    signed_in()
    require_scrutineer(body_id)
    return _as_page_or_csv(lambda: _membership_changes(body_id), True, "membership-changes.csv")


# Minutes amendments ----------------------------------------------------------------------


def _amendments(body_id: UUID) -> Any:
    return _body_report(
        body_id, "Minutes amendments", lambda start, end: _amendments_table(body_id, start, end)
    )


def _amendments_table(body_id: UUID, start: date, end: date) -> Table:
    who = signed_in()
    table = Table(
        "Minutes amended on approval",
        ("Meeting", "Item", "As circulated", "As approved", "Approved at", "Recorded by"),
    )
    for a in meetings_app().list_minutes_amendments(body_id, start, end, who=who):
        table.add(
            (
                a["meeting_starts_at"],
                f"{a.get('item_number')}. {a.get('item_title')}",
                a.get("before"),
                a.get("after"),
                a.get("approved_at_meeting_starts_at"),
                f"{a['recorded_by']}, {when(a['recorded_at'])}",
            )
        )
    return table


@bp.get(f"{_REPORTS}/bodies/<uuid:body_id>/minutes-amendments")
def amendments_page(body_id: UUID) -> Any:
    signed_in()
    require_scrutineer(body_id)
    return _as_page_or_csv(lambda: _amendments(body_id), False, "")


@bp.get(f"{_REPORTS}/bodies/<uuid:body_id>/minutes-amendments.csv")
def amendments_csv(body_id: UUID) -> Any:
    signed_in()
    require_scrutineer(body_id)
    return _as_page_or_csv(lambda: _amendments(body_id), True, "minutes-amendments.csv")


# A decision's authority ------------------------------------------------------------------


def _authority_reader(decision_id: UUID) -> Any:
    """The API's rule: a clerk of the deciding body, or admin and scrutiny."""
    who = signed_in()
    if not access.is_clerk(who):
        require_scrutineer()
    return access.check_authority_reader(who, meetings_app().body_of_decision(decision_id))


def _authority(decision_id: UUID) -> Any:
    who = _authority_reader(decision_id)
    r = meetings_app().get_decision_authority(str(decision_id), who)
    d, q, rat = r["decision"], r["quorum"], r["ratification"]
    chair = r.get("in_the_chair") or {}
    tor = r.get("terms_of_reference") or {}
    facts = _facts(
        "On whose authority",
        [
            ("Decision", d["text"]),
            ("Body", r["body"]["name"]),
            ("Meeting", r["meeting"]["starts_at"]),
            ("Item", f"{d.get('item_number')}. {d.get('item_title')}"),
            ("How decided", str(d.get("method") or "—")),
            ("In the chair", f"{chair.get('person_name') or 'not recorded'}"),
            (
                "Quorum",
                f"{q.get('members_present')} members present, {q.get('required')} needed: "
                + ("quorate" if q.get("quorate") else "NOT quorate"),
            ),
            ("Within delegated authority", d.get("within_delegated_authority")),
            ("Notice and ratification", rat.get("reason") or "—"),
            ("Ratification", str(rat.get("status"))),
            ("Decision notice (days)", str(rat.get("decision_notice_days") or "none required")),
            ("Referred to", d.get("referred_to_name")),
            (
                "Terms of reference",
                f"adopted {when(tor.get('adopted_on'))}" if tor else "none adopted",
            ),
            ("Recorded by", f"{r['recorded_by']}, {when(r['recorded_at'])}"),
        ],
    )
    present = Table("Members in the room", ("Member", "In place of"))
    for p in r["members_present"]:
        present.add((p["person_name"], p.get("substitute_for_name")))
    tables = [facts, present]
    if rat.get("ratifications"):
        ratified = Table("Ratifications", ("Organisation", "Outcome", "On"))
        for o in rat["ratifications"]:
            ratified.add(
                (o.get("organisation_name"), str(o.get("outcome") or o.get("status")), o.get("on"))
            )
        tables.append(ratified)
    if r.get("corrections"):
        fixed = Table("Corrections", ("Reason", "Recorded"))
        for c in r["corrections"]:
            fixed.add((str(c.get("reason")), c.get("at") or c.get("recorded_at")))
        tables.append(fixed)
    back = (f"/console/scrutiny/decisions/{decision_id}", "the decision")
    return "The authority of a decision", tables, None, back


@bp.get(f"{_REPORTS}/decisions/<uuid:decision_id>/authority")
def authority_page(decision_id: UUID) -> Any:
    _authority_reader(decision_id)
    return _as_page_or_csv(lambda: _authority(decision_id), False, "")


@bp.get(f"{_REPORTS}/decisions/<uuid:decision_id>/authority.csv")
def authority_csv(decision_id: UUID) -> Any:
    _authority_reader(decision_id)
    return _as_page_or_csv(lambda: _authority(decision_id), True, "authority.csv")


# The record's integrity ------------------------------------------------------------------

#: The last check made from this page in this server process: when, by whom, the verdict.
_LAST_CHECK = "scrutiny_last_chain_check"


@bp.get(f"{_REPORTS}/integrity")
def integrity() -> str:
    signed_in()
    require_auditor()
    position, digest = meetings_app().get_chain_head()
    return render_template(
        "console/scrutiny_integrity.html",
        position=position,
        digest=digest,
        last=current_app.extensions.get(_LAST_CHECK),
    )


@bp.post(f"{_REPORTS}/integrity")
def verify_chain() -> str:
    """Recompute the hash chain from the stored log now (GET /audit/verify)."""
    who = signed_in()
    require_auditor()
    verdict = meetings_app().get_log_verdict()
    current_app.extensions[_LAST_CHECK] = {
        "at": datetime.now(tz=UTC),
        "by": who.name,
        "verdict": verdict,
    }
    position, digest = meetings_app().get_chain_head()
    return render_template(
        "console/scrutiny_integrity.html",
        position=position,
        digest=digest,
        last=current_app.extensions[_LAST_CHECK],
        just_checked=True,
    )
