"""Each record's history for scrutiny: who recorded what, when, and why each correction,
with what a corrected entry said before and after. A meeting's, a body's, a decision's and
an action's; who may read each, and what they see of it, is the API's rule for history
(`require_history_reader`); what they see, the application's history reads decide for the
reader (confidential items withheld unless they may see them)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template

from meetings.application.dto import HistoryEntry
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from web.console.common import bp, signed_in
from web.console.scrutiny import SCRUTINY, entry_text, history_reader, names
from web.console.scrutiny_common import when
from web.context import meetings_app

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


@bp.get(f"{SCRUTINY}/meetings/<uuid:meeting_id>/history")
def meeting_history_page(meeting_id: UUID) -> str:
    app = meetings_app()
    body_id = app.get_body_of_meeting(meeting_id)
    entries = app.get_meeting_history(meeting_id, history_reader(body_id))
    m = app.get_meeting(meeting_id)
    title = f"History of the meeting of {app.get_body(body_id).short_name} on {when(m.starts_at)}"
    return _history_page(
        title,
        f"/console/scrutiny/meetings/{meeting_id}",
        timeline(entries, names(), lambda e: _entry_before(meeting_id, e)),
        lambda v: f"/console/scrutiny/meetings/{meeting_id}?version={v}",
    )


def _entry_before(meeting_id: UUID, e: HistoryEntry) -> str:
    """What a corrected entry said in the version before the correction."""
    earlier = meeting_view(meetings_app().get_meeting(meeting_id, version=e.version - 1))
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


@bp.get(f"{SCRUTINY}/bodies/<uuid:body_id>/history")
def body_history_page(body_id: UUID) -> str:
    history_reader(body_id)
    app = meetings_app()
    entries = app.get_history(Body, "body", body_id)
    return _history_page(
        f"History of {app.get_body(body_id).name}",
        f"/console/scrutiny/bodies/{body_id}",
        timeline(entries, names()),
        lambda v: f"/console/scrutiny/bodies/{body_id}?version={v}",
    )


@bp.get(f"{SCRUTINY}/decisions/<uuid:decision_id>/history")
def decision_history_page(decision_id: UUID) -> str:
    app = meetings_app()
    body_id = app.get_body_of_decision(decision_id)
    entries = app.get_decision_history(decision_id, history_reader(body_id))
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
    who = history_reader(app.get_body_of_action(action_id))
    entries = app.get_action_history(action_id, who)
    return _history_page(
        "History of an action",
        f"/console/actions/{action_id}",
        timeline(entries, names()),
        lambda v: f"/console/actions/{action_id}?version={v}",
    )
