"""Scrutiny: any body, meeting or decision as it stood at a moment, who sat on a body on a
day, and each record's history (who recorded what, when, and why each correction).

Who may read these pages is the API's rule for history: administrators, scrutiny, and a
body's clerks for their bodies (`require_history_reader`). What they see is the API's:
confidential items withheld unless `may_see_confidential`, decisions and actions through
the same application reads that withhold them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from flask import render_template, request

from meetings.application import access
from meetings.application.disclosure import shown_meeting
from meetings.application.dto import HistoryEntry
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal
from web.auth import require_history_reader
from web.console.common import bp, signed_in
from web.console.forms import people_choices
from web.console.scrutiny_common import AsAt, Table, as_at_asked, day_asked, read_as_at, when
from web.context import meetings_app

_SCRUTINY = "/console/scrutiny"


def history_reader(body_id: UUID | None = None) -> Principal:
    """Signed in (else to sign-in), then the API's rule for reading history."""
    signed_in()
    return require_history_reader(body_id)


def names() -> dict[str, str]:
    return {c.id: c.label for c in people_choices()}


def organisations() -> list[dict[str, Any]]:
    rows, _ = meetings_app().list_organisations(1, 1000)
    return rows


def visible_bodies(who: Principal) -> list[dict[str, Any]]:
    rows, _ = meetings_app().list_bodies(1, 1000)
    listed = access.bodies_listed_for(who, (UUID(str(r["id"])) for r in rows))
    return [r for r in rows if UUID(str(r["id"])) in listed]


@bp.get(_SCRUTINY)
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


@bp.get(f"{_SCRUTINY}/bodies/<uuid:body_id>")
def scrutiny_body(body_id: UUID) -> tuple[str, int]:
    history_reader(body_id)
    app = meetings_app()
    body, asked = read_as_at(as_at_asked(), lambda **kw: app.get_body(body_id, **kw))
    day, day_error = day_asked("on", london_today())
    assert day is not None
    table = Table(
        f"Who sat on {body.short_name} on {when(day)}",
        ("Person", "Seat", "Capacity", "From", "Until", "Named substitutes"),
    )
    for row in app.list_body_memberships(body_id, day):
        subs = ", ".join(s["person_name"] for s in row.get("substitutes") or []) or "none"
        table.add(
            (
                row["person_name"],
                row["seat"],
                row["capacity"].replace("_", "-"),
                row["starts_on"],
                row["ends_on"] or "no end date",
                subs,
            )
        )
    return render_template(
        "console/scrutiny_body.html",
        body=body,
        asked=asked,
        day=day,
        day_typed=request.args.get("on", ""),
        day_error=day_error,
        members=table,
        meetings=app.list_meetings(body_id),
        workplans=app.list_workplans(body_id),
    ), 200 if asked.error is None and day_error is None else 422


# A meeting -------------------------------------------------------------------------------


def entry_text(entry: dict[str, Any] | None) -> str:
    """What an entry said, in a line."""
    if not entry:
        return "—"
    for key in ("text", "description", "interest", "status"):
        if entry.get(key):
            return str(entry[key])
    return ", ".join(f"{k}: {v}" for k, v in entry.items() if k not in ("id", "kind", "item_id"))


@bp.get(f"{_SCRUTINY}/meetings/<uuid:meeting_id>")
def scrutiny_meeting(meeting_id: UUID) -> tuple[str, int]:
    app = meetings_app()
    body_id = app.body_of_meeting(meeting_id)
    who = history_reader(body_id)
    m, asked = read_as_at(as_at_asked(), lambda **kw: app.get_meeting(meeting_id, **kw))
    view = shown_meeting(meeting_view(m), app.may_see_confidential(who, body_id))
    people = names()
    current = {
        e["id"]: e for key in ("notes", "decisions", "actions", "declarations") for e in view[key]
    }
    corrections = [
        {
            **c,
            "before": entry_text(c["previous"]),
            "after": "retracted (struck from the record)"
            if c.get("retracted")
            else entry_text(current.get(c["entry_id"])),
        }
        for c in view["corrections"]
    ]
    attendance = Table(
        "Attendance",
        ("Person", "Recorded as", "Capacity", "In place of", "From", "Left"),
    )
    for a in view["attendance"]:
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
    return render_template(
        "console/scrutiny_meeting.html",
        m=view,
        body=app.get_body(body_id),
        asked=asked,
        by_item=_by_item(view),
        corrections=corrections,
        attendance=attendance,
        people=people,
    ), 200 if asked.error is None else 422


def _by_item(view: dict[str, Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    found: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key in ("declarations", "notes", "decisions", "actions"):
        for entry in view[key]:
            found.setdefault(str(entry.get("item_id")), {}).setdefault(key, []).append(entry)
    return found


# A decision ------------------------------------------------------------------------------


@bp.get(f"{_SCRUTINY}/decisions/<uuid:decision_id>")
def scrutiny_decision(decision_id: UUID) -> tuple[str, int]:
    app = meetings_app()
    who = history_reader(app.body_of_decision(decision_id))
    visible = app.confidential_bodies(who)
    decision, asked = read_as_at(
        as_at_asked(), lambda **kw: app.get_decision(decision_id, visible, **kw)
    )
    return render_template(
        "console/scrutiny_decision.html", d=decision, asked=asked
    ), 200 if asked.error is None else 422


# History ---------------------------------------------------------------------------------

_EVENT_WORDS = {
    "EntryCorrected": "Entry corrected",
}


def event_words(kind: str) -> str:
    """`Meeting.EntryCorrected` → "Entry corrected"."""
    name = kind.rsplit(".", 1)[-1]
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return _EVENT_WORDS.get(name, spaced[:1].upper() + spaced[1:])


def detail_lines(data: dict[str, Any], people: dict[str, str]) -> list[tuple[str, str]]:
    """An event's data as lines of words: ids of people by name."""
    lines = []
    for key, value in data.items():
        if key in ("reason", "replacement", "entry_id") and "entry_id" in data:
            continue
        if value is None or value == "" or value == [] or value == {}:
            continue  # nothing was given
        if key == "id" or key.endswith("_id"):
            if not (isinstance(value, str) and value in people):
                continue  # a record's id says nothing to a reader; a person's name does
            key = key.removesuffix("_id")
        lines.append((key.replace("_", " "), _value_words(key, value, people)))
    return lines


def _value_words(key: str, value: Any, people: dict[str, str]) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in detail_lines(value, people))
    if isinstance(value, list):
        return " | ".join(_value_words(key, v, people) for v in value) or "none"
    if isinstance(value, str) and value in people:
        return people[value]
    return when(value)


def timeline(
    entries: list[HistoryEntry],
    people: dict[str, str],
    before_of: Any = None,
) -> list[dict[str, Any]]:
    """History entries as the timeline shows them; a correction with its reason and, when
    `before_of(entry)` can say, what the entry said before → after."""
    shown = []
    for e in entries:
        item: dict[str, Any] = {
            "version": e.version,
            "what": event_words(e.type),
            "recorded_at": e.recorded_at,
            "recorded_by": e.recorded_by,
            "reason": e.data.get("reason"),
            "lines": detail_lines(e.data, people),
            "correction": None,
        }
        if "entry_id" in e.data and "replacement" in e.data:
            replacement = e.data.get("replacement")
            item["correction"] = {
                "before": before_of(e) if before_of is not None else "—",
                "after": "retracted (struck from the record)"
                if replacement is None
                else entry_text(replacement),
            }
        shown.append(item)
    return shown


def _history_page(title: str, back: str, items: list[dict[str, Any]], link: Any) -> str:
    return render_template(
        "console/scrutiny_history.html", title=title, back=back, items=items, link=link
    )


@bp.get(f"{_SCRUTINY}/meetings/<uuid:meeting_id>/history")
def meeting_history_page(meeting_id: UUID) -> str:
    app = meetings_app()
    body_id = app.body_of_meeting(meeting_id)
    who = history_reader(body_id)
    confidential = app.may_see_confidential(who, body_id)
    entries = app.meeting_history(meeting_id, confidential)

    def before(e: HistoryEntry) -> str:
        earlier = meeting_view(app.get_meeting(meeting_id, version=e.version - 1))
        found = next(
            (
                x
                for k in ("notes", "decisions", "actions", "declarations", "attendance")
                for x in earlier.get(k, [])
                if str(x.get("id")) == e.data["entry_id"]
            ),
            None,
        )
        return entry_text(found)

    m = app.get_meeting(meeting_id)
    title = f"History of the meeting of {app.get_body(body_id).short_name} on {when(m.starts_at)}"
    return _history_page(
        title,
        f"/console/scrutiny/meetings/{meeting_id}",
        timeline(entries, names(), before),
        lambda v: f"/console/scrutiny/meetings/{meeting_id}?version={v}",
    )


@bp.get(f"{_SCRUTINY}/bodies/<uuid:body_id>/history")
def body_history_page(body_id: UUID) -> str:
    history_reader(body_id)
    app = meetings_app()
    entries = app.history(Body, "body", body_id)
    return _history_page(
        f"History of {app.get_body(body_id).name}",
        f"/console/scrutiny/bodies/{body_id}",
        timeline(entries, names()),
        lambda v: f"/console/scrutiny/bodies/{body_id}?version={v}",
    )


@bp.get(f"{_SCRUTINY}/decisions/<uuid:decision_id>/history")
def decision_history_page(decision_id: UUID) -> str:
    app = meetings_app()
    body_id = app.body_of_decision(decision_id)
    who = history_reader(body_id)
    entries = app.decision_history(decision_id, app.may_see_confidential(who, body_id))
    return _history_page(
        "History of a decision",
        f"/console/scrutiny/decisions/{decision_id}",
        timeline(entries, names()),
        None,
    )


@bp.get("/console/actions/<uuid:action_id>/history")
def action_history_page(action_id: UUID) -> str:
    app = meetings_app()
    signed_in()
    who = history_reader(app.get_action(action_id, None)["body_id"])
    entries = app.action_history(action_id, app.confidential_bodies(who))
    return _history_page(
        "History of an action",
        f"/console/actions/{action_id}",
        timeline(entries, names()),
        lambda v: f"/console/actions/{action_id}?version={v}",
    )


def banner_words(asked: AsAt) -> str:
    if asked.moment is not None:
        return f"as it stood on {when(asked.moment)}"
    return f"as it stood at version {asked.version}"


def moment_value(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%dT%H:%M")
