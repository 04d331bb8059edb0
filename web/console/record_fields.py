"""Reading the recording screen's fields: checked by the API's own schemas, refusals told
in the clerk's words beside the field, people named by typing their name (never an id)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import marshmallow as ma

from meetings.application import MeetingsApplication

Form = Mapping[str, str]


class Refused(Exception):
    """The form cannot become a command: messages by field, nothing recorded."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def load(schema: ma.Schema, data: dict[str, Any]) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = schema.load(data)
    except ma.ValidationError as error:
        messages: dict[str, Any] = error.normalized_messages()  # type: ignore[no-untyped-call]
        raise Refused({k: _words(v) for k, v in messages.items()}) from None
    return loaded


def _words(messages: Any) -> str:
    if isinstance(messages, dict):
        return " ".join(_words(v) for v in messages.values())
    if isinstance(messages, list):
        return " ".join(_plain(str(m)) for m in messages)
    return _plain(str(messages))


def _plain(message: str) -> str:
    """A schema's message in the clerk's words where it has a terse one."""
    if message.startswith(("Length must be between 1 ", "Missing data for required")):
        return "This cannot be left empty."
    if message == "Not a valid date.":
        return "Give a date, like 2026-12-31."
    return message


def blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def ticked(form: Form, name: str) -> bool:
    return form.get(name) in ("on", "true", "1", "yes")


def item_named(app: MeetingsApplication, meeting_id: UUID, form: Form) -> str:
    item_id = form.get("item_id", "")
    app.get_meeting(meeting_id).require_item(item_id)
    return item_id


def person_named(app: MeetingsApplication, typed: str | None, field: str) -> UUID:
    """The one person known by the name typed (as offered in the list: "Name" or, when
    two share a name, "Name (Organisation)")."""
    name = (typed or "").strip()
    if not name:
        raise Refused({field: "Type the person's name (the list offers everyone known)."})
    matches = [p for p in people_offered(app) if p["label"].casefold() == name.casefold()]
    if not matches:
        matches = [p for p in people_offered(app) if p["name"].casefold() == name.casefold()]
    if not matches:
        raise Refused(
            {field: f"Nobody called {name!r} is known: check the spelling against the list."}
        )
    if len(matches) > 1:
        raise Refused(
            {field: f"Several people are called {name!r}: pick one with their organisation."}
        )
    return UUID(str(matches[0]["id"]))


def people_offered(app: MeetingsApplication) -> list[dict[str, Any]]:
    """Everyone known, each labelled by name (with their organisation if names clash)."""
    people, _ = app.list_people(None, 1, 1000)
    organisations = {o.id: o.name for o in app.list_organisations(1, 1000)[0]}
    counts: dict[str, int] = {}
    for p in people:
        counts[p.name.casefold()] = counts.get(p.name.casefold(), 0) + 1
    offered = []
    for p in people:
        label = p.name
        if counts[label.casefold()] > 1:
            label = f"{label} ({organisations.get(str(p.organisation_id), 'no organisation')})"
        offered.append({"id": p.id, "name": p.name, "label": label})
    return offered
