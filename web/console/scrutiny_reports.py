"""The scrutiny reports of the API as pages that print on A4, each with a CSV beside it
holding exactly the tables the page shows: attendance of a person or an organisation over
a period, a body's membership changes, and minutes amendments before and after (a
decision's authority is in `authority.py`, the record's integrity in `integrity.py`).

Who may read each is the API's rule (`web.api.scrutiny`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from web.auth import require_scrutineer
from web.console.common import FormErrors, bp, signed_in
from web.console.forms import person_named
from web.console.report_pages import REPORTS, Report, facts, page_and_csv, period_asked
from web.console.scrutiny_common import Table, when, words
from web.context import meetings_app

_OUTCOMES = {
    "present": "Present",
    "substitute_sent": "Sent a substitute",
    "apologies": "Apologies",
    "absent": "Absent",
    "not_recorded": "Not recorded",
}


def _scrutineer(**_: Any) -> None:
    signed_in()
    require_scrutineer()


def _scrutineer_of_body(body_id: UUID) -> None:
    signed_in()
    require_scrutineer(body_id)


# Attendance ------------------------------------------------------------------------------


@bp.get(f"{REPORTS}/attendance")
def attendance_finder() -> Response | tuple[str, int]:
    """From the scrutiny home: a person typed by name, or an organisation picked."""
    _scrutineer()
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


@page_and_csv(
    "/people/<uuid:person_id>/attendance",
    "person_attendance",
    "person_attendance_csv",
    "attendance.csv",
    _scrutineer,
)
def person_attendance(person_id: UUID) -> Report:
    period = period_asked()
    report = meetings_app().get_person_attendance(person_id, period.start, period.end)
    s = report.summary
    summary = facts(
        "Summary",
        [
            ("Meetings where they held a seat", str(s.meetings)),
            ("Present", str(s.present)),
            ("Sent a substitute", str(s.substitute_sent)),
            ("Apologies", str(s.apologies)),
            ("Absent", str(s.absent)),
            ("Not recorded", str(s.not_recorded)),
            ("Attended without a seat (adviser, guest, substitute)", str(s.other_capacity)),
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
    for m in report.meetings:
        table.add(
            (
                m.starts_at,
                m.body_name,
                m.seat or "no seat",
                _OUTCOMES.get(m.outcome, m.outcome),
                (m.capacity or "—").replace("_", "-"),
                m.substitute_name,
                m.substitute_for_name,
                m.arrived_at,
                m.left_at,
            )
        )
    title = f"Attendance of {report.person_name}, {when(period.start)} to {when(period.end)}"
    return Report(title, [summary, table], period)


@page_and_csv(
    "/organisations/<uuid:organisation_id>/attendance",
    "organisation_attendance",
    "organisation_attendance_csv",
    "organisation-attendance.csv",
    _scrutineer,
)
def organisation_attendance(organisation_id: UUID) -> Report:
    period = period_asked()
    report = meetings_app().get_organisation_attendance(organisation_id, period.start, period.end)
    summary = facts("Summary", [(words(k), str(v)) for k, v in asdict(report.summary).items()])
    table = Table(
        "Seats at each meeting",
        ("Meeting", "Body", "Seat", "Member", "Outcome", "Substitute", "Arrived", "Left"),
    )
    for m in report.meetings:
        for seat in m.seats:
            table.add(
                (
                    m.starts_at,
                    m.body_name,
                    seat.seat,
                    seat.person_name,
                    _OUTCOMES.get(seat.outcome, seat.outcome),
                    seat.substitute_name,
                    seat.arrived_at,
                    seat.left_at,
                )
            )
    name = report.organisation_name
    title = f"Attendance of {name}, {when(period.start)} to {when(period.end)}"
    return Report(title, [summary, table], period)


# A body's reports ------------------------------------------------------------------------


def _body_report(body_id: UUID, what: str, table: Callable[[date, date], Table]) -> Report:
    """A report on one body over the period asked for: its title, its table, the period
    and the way back to the body."""
    period = period_asked()
    body = meetings_app().get_body(body_id)
    title = f"{what} of {body.name}, {when(period.start)} to {when(period.end)}"
    back = (f"/console/scrutiny/bodies/{body_id}", body.short_name)
    return Report(title, [table(period.start, period.end)], period, back)


_CHANGES = {
    "membership_began": "Joined",
    "membership_ended": "Left",
    "substitute_named": "Substitute named",
    "substitute_withdrawn": "Substitute withdrawn",
    "chair_appointed": "Appointed to the chair",
    "chair_term_ended": "Term in the chair ended",
}


@page_and_csv(
    "/bodies/<uuid:body_id>/membership-changes",
    "membership_changes_page",
    "membership_changes_csv",
    "membership-changes.csv",
    _scrutineer_of_body,
)
def membership_changes(body_id: UUID) -> Report:
    return _body_report(
        body_id, "Membership changes", lambda start, end: _changes_table(body_id, start, end)
    )


def _changes_table(body_id: UUID, start: date, end: date) -> Table:
    table = Table(
        "Changes, by date",
        ("On", "Change", "Person", "Seat", "Organisation", "Substitute", "Reason", "Recorded by"),
    )
    for c in meetings_app().list_membership_changes(body_id, start, end):
        change = _CHANGES.get(c.change, words(c.change))
        if c.role:
            change += f" ({str(c.role).replace('_', '-')})"
        table.add(
            (
                c.on,
                change,
                c.person_name,
                c.seat,
                c.organisation_name,
                c.substitute_name,
                c.reason,
                f"{c.recorded_by}, {when(c.recorded_at)}",
            )
        )
    return table


@page_and_csv(
    "/bodies/<uuid:body_id>/minutes-amendments",
    "amendments_page",
    "amendments_csv",
    "minutes-amendments.csv",
    _scrutineer_of_body,
)
def amendments(body_id: UUID) -> Report:
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
                a.meeting_starts_at,
                f"{a.item_number}. {a.item_title}",
                a.before,
                a.after,
                a.approved_at_meeting_starts_at,
                f"{a.recorded_by}, {when(a.recorded_at)}",
            )
        )
    return table
