"""Reading the console's forms: the API's own schemas check every field (one rule, one
message), people are picked by name, times are typed in London time, and a form sent
twice records once."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from uuid import UUID, uuid4

import marshmallow as ma
from flask import request

from meetings.domain.rules import LONDON
from meetings.idempotency import Idempotency
from meetings.infrastructure.tokens import Principal
from web.console.common import FormErrors
from web.context import meetings_app

#: Fields of the API's schemas whose messages belong beside another field of a form.
_SHOWN_BESIDE = {"starts_at": "date", "presenter_id": "presenter"}


def validated(schema: ma.Schema, data: dict[str, Any], errors: FormErrors) -> dict[str, Any]:
    """The data as the API's schema loads it; each message kept beside its field."""
    try:
        loaded: dict[str, Any] = schema.load(data)
        return loaded
    except ma.ValidationError as error:
        _keep(error.messages, "", errors)
        return {}


def _keep(messages: Any, prefix: str, errors: FormErrors) -> None:
    if isinstance(messages, dict):
        for key, value in messages.items():
            _keep(value, f"{prefix}.{key}" if prefix else str(key), errors)
        return
    for message in messages if isinstance(messages, list) else [messages]:
        top = prefix.split(".")[0] or "_form"
        errors.add(_SHOWN_BESIDE.get(top, prefix or "_form"), str(message))


def london_time(day: str, clock: str, errors: FormErrors) -> str | None:
    """A date and a time typed in London (the meeting's place) as an ISO time with offset."""
    try:
        moment = datetime.combine(
            date.fromisoformat(day.strip()),
            time.fromisoformat(clock.strip() or "10:00"),
            tzinfo=LONDON,
        )
    except ValueError:
        errors.add("date", "Give the date (like 2027-03-04) and the time (like 10:00).")
        return None
    return moment.isoformat()


@dataclass(frozen=True)
class PersonChoice:
    label: str
    id: str


def people_choices() -> list[PersonChoice]:
    """Everyone registered, labelled so that a name typed picks one person."""
    rows, _ = meetings_app().list_people(None, 1, 1000)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.name.casefold()] = counts.get(row.name.casefold(), 0) + 1
    choices = []
    for row in rows:
        label = row.name
        if counts[label.casefold()] > 1:
            label = f"{label} ({row.job_title or row.id[:8]})"
        choices.append(PersonChoice(label, row.id))
    return choices


def person_named(typed: str, field: str, errors: FormErrors) -> str | None:
    """The id of the person whose name (as offered) was typed; blank is nobody."""
    typed = " ".join(typed.split())
    if not typed:
        return None
    for choice in people_choices():
        if choice.label.casefold() == typed.casefold():
            return choice.id
    errors.add(field, f"Nobody called “{typed}” is registered: pick a name from the list.")
    return None


def version_sent() -> int | None:
    """The meeting's version the form was made from (its If-Match)."""
    raw = request.form.get("version", "")
    return int(raw) if raw.isdigit() else None


def new_form_key() -> str:
    return str(uuid4())


def form_idempotency(who: Principal) -> Idempotency | None:
    """The form's one-time key: sent twice (a double click, a resend), it records once."""
    key = request.form.get("form_key", "").strip()
    if not key or len(key) > 255:
        return None
    fields = {k: v for k, v in request.form.items(multi=True) if k != "csrf_token"}
    fingerprint = hashlib.sha256(
        json.dumps([request.path, sorted(fields.items())], default=str).encode()
    ).hexdigest()
    return Idempotency(who.id, f"console:{key}", fingerprint)


def as_uuid(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None
