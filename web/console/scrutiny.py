"""Scrutiny: any body, meeting or decision as it stood at a moment, and who sat on a body
on a day (each record's history is in `history.py`, the reports in `scrutiny_reports.py`).

Who may read these pages is the API's rule for history: administrators, scrutiny, and a
body's clerks for their bodies (`require_history_reader`). What they see is the API's:
the application's reads, given the reader, withhold confidential items from whoever may not
see them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from uuid import UUID

from flask import render_template, request

from meetings.application import access
from meetings.application.dto.meetings import MeetingView
from meetings.application.dto.structure import BodyRow, MembershipRow, OrganisationRow
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal
from web.auth import require_history_reader
from web.console.common import bp, signed_in
from web.console.forms import people_choices
from web.console.scrutiny_common import AsAt, Table, as_at_asked, day_asked, read_as_at, when
from web.context import meetings_app

SCRUTINY = "/console/scrutiny"


def history_reader(body_id: UUID | None = None) -> Principal:
    """Signed in (else to sign-in), then the API's rule for reading history."""
    signed_in()
    return require_history_reader(body_id)


def names() -> dict[str, str]:
    return {c.id: c.label for c in people_choices()}


def organisations() -> list[OrganisationRow]:
    rows, _ = meetings_app().list_organisations(1, 1000)
    return rows


def visible_bodies(who: Principal) -> list[BodyRow]:
    rows, _ = meetings_app().list_bodies(1, 1000)
    listed = access.bodies_listed_for(who, (UUID(r.id) for r in rows))
    return [r for r in rows if UUID(r.id) in listed]


@bp.get(SCRUTINY)
def scrutiny_home() -> str:
    """Where scrutiny starts: every body (a clerk: theirs), the reports, the integrity."""
    who = history_reader(None)
    return render_template(
        "console/scrutiny_home.html",
        bodies=visible_bodies(who),
        organisations=organisations() if access.sees_every_body(who) else [],
        people=people_choices() if access.sees_every_body(who) else [],
        auditor=access.may_audit(who),
    )


# A body ----------------------------------------------------------------------------------


@bp.get(f"{SCRUTINY}/bodies/<uuid:body_id>")
def scrutiny_body(body_id: UUID) -> tuple[str, int]:
    history_reader(body_id)
    app = meetings_app()
    body, asked = read_as_at(as_at_asked(), lambda **kw: app.get_body(body_id, **kw))
    day, day_error = day_asked("on", london_today())
    assert day is not None
    members = _members_table(body.short_name, day, app.list_body_memberships(body_id, day))
    return render_template(
        "console/scrutiny_body.html",
        body=body,
        asked=asked,
        day=day,
        day_typed=request.args.get("on", ""),
        day_error=day_error,
        members=members,
        meetings=app.list_meetings(body_id),
        workplans=app.list_workplans(body_id),
    ), 200 if asked.error is None and day_error is None else 422


def _members_table(short_name: str, day: date, rows: list[MembershipRow]) -> Table:
    table = Table(
        f"Who sat on {short_name} on {when(day)}",
        ("Person", "Seat", "Capacity", "From", "Until", "Named substitutes"),
    )
    for row in rows:
        subs = ", ".join(s.person_name for s in row.substitutes) or "none"
        table.add(
            (
                row.person_name,
                row.seat,
                row.capacity.replace("_", "-"),
                row.starts_on,
                row.ends_on or "no end date",
                subs,
            )
        )
    return table


# A meeting -------------------------------------------------------------------------------


def entry_text(entry: Mapping[str, Any] | None) -> str:
    """What an entry said, in a line."""
    if not entry:
        return "—"
    for key in ("text", "description", "interest", "status"):
        if entry.get(key):
            return str(entry[key])
    return ", ".join(f"{k}: {v}" for k, v in entry.items() if k not in ("id", "kind", "item_id"))


@bp.get(f"{SCRUTINY}/meetings/<uuid:meeting_id>")
def scrutiny_meeting(meeting_id: UUID) -> tuple[str, int]:
    app = meetings_app()
    body_id = app.get_body_of_meeting(meeting_id)
    who = history_reader(body_id)
    view, asked = read_as_at(
        as_at_asked(), lambda **kw: app.get_meeting_view(meeting_id, who, **kw)
    )
    people = names()
    return render_template(
        "console/scrutiny_meeting.html",
        m=view,
        body=app.get_body(body_id),
        asked=asked,
        by_item=_by_item(view),
        corrections=_corrections(view),
        attendance=_attendance_table(view, people),
        people=people,
    ), 200 if asked.error is None else 422


def _corrections(view: MeetingView) -> list[dict[str, Any]]:
    """Each correction with what the entry said before and what it says now."""
    current = {
        e["id"]: e for e in (*view.notes, *view.decisions, *view.actions, *view.declarations)
    }
    return [
        {
            **c,
            "before": entry_text(c["previous"]),
            "after": "retracted (struck from the record)"
            if c.get("retracted")
            else entry_text(current.get(c["entry_id"])),
        }
        for c in view.corrections
    ]


def _attendance_table(view: MeetingView, people: dict[str, str]) -> Table:
    attendance = Table(
        "Attendance",
        ("Person", "Recorded as", "Capacity", "In place of", "From", "Left"),
    )
    for a in view.attendance:
        attendance.add(
            (
                people.get(str(a["person_id"]), str(a["person_id"])),
                a["status"].replace("_", " "),
                (a.get("capacity") or "—").replace("_", "-"),
                people.get(str(a.get("substitute_for")), "—") if a.get("substitute_for") else "—",
                a.get("at"),
                a.get("left_at"),
            )
        )
    return attendance


def _by_item(view: MeetingView) -> dict[str, dict[str, list[Mapping[str, Any]]]]:
    found: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    entries = {
        "declarations": view.declarations,
        "notes": view.notes,
        "decisions": view.decisions,
        "actions": view.actions,
    }
    for key, listed in entries.items():
        for entry in listed:
            found.setdefault(str(entry.get("item_id")), {}).setdefault(key, []).append(entry)
    return found


# A decision ------------------------------------------------------------------------------


@bp.get(f"{SCRUTINY}/decisions/<uuid:decision_id>")
def scrutiny_decision(decision_id: UUID) -> tuple[str, int]:
    app = meetings_app()
    who = history_reader(app.get_body_of_decision(decision_id))
    decision, asked = read_as_at(
        as_at_asked(), lambda **kw: app.get_decision(decision_id, who, **kw)
    )
    return render_template(
        "console/scrutiny_decision.html", d=decision, asked=asked
    ), 200 if asked.error is None else 422


def banner_words(asked: AsAt) -> str:
    if asked.moment is not None:
        return f"as it stood on {when(asked.moment)}"
    return f"as it stood at version {asked.version}"


def moment_value(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%dT%H:%M")
