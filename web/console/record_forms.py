"""The recording screen's forms, each read into the command the API would send: checked
by the API's own schemas, people named by typing their name (never an id)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import marshmallow as ma

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AgreeAction,
    CloseMeeting,
    CorrectEntry,
    DeclareInterest,
    DeferItem,
    OpenMeeting,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
)
from meetings.domain.errors import VersionMismatchError
from meetings.idempotency import Idempotency
from web.api.schemas.record import (
    REPLACEMENTS,
    ActionIn,
    AttendanceIn,
    DecisionIn,
    DeclarationIn,
    DeferIn,
    NoteIn,
)

Form = Mapping[str, str]
Run = Callable[[], Any]
Reader = Callable[[MeetingsApplication, UUID, Form, str, "Idempotency | None"], Run]

#: The field each kind of entry is corrected by on this screen (its words).
CORRECTED_FIELD = {
    "note": "text",
    "decision": "text",
    "action": "description",
    "declaration": "interest",
}


class Refused(Exception):
    """The form cannot become a command: messages by field, nothing recorded."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _load(schema: ma.Schema, data: dict[str, Any]) -> dict[str, Any]:
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


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _ticked(form: Form, name: str) -> bool:
    return form.get(name) in ("on", "true", "1", "yes")


def _item(app: MeetingsApplication, meeting_id: UUID, form: Form) -> str:
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
    organisations = {str(o["id"]): o["name"] for o in app.list_organisations(1, 1000)[0]}
    counts: dict[str, int] = {}
    for p in people:
        counts[p["name"].casefold()] = counts.get(p["name"].casefold(), 0) + 1
    offered = []
    for p in people:
        label = p["name"]
        if counts[label.casefold()] > 1:
            label = (
                f"{label} ({organisations.get(str(p.get('organisation_id')), 'no organisation')})"
            )
        offered.append({"id": p["id"], "name": p["name"], "label": label})
    return offered


def _now() -> datetime:
    return datetime.now(tz=UTC)


# One reader per control ------------------------------------------------------------------


def _open(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    return lambda: app.open_meeting(
        OpenMeeting(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now())
    )


def _close(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    return lambda: app.close_meeting(
        CloseMeeting(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now())
    )


def _attend(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    data: dict[str, Any] = {
        "person_id": form.get("person_id") or str(person_named(app, form.get("name"), "name")),
        "status": form.get("status", ""),
        "capacity": form.get("capacity") or "member",
        "admitted_by_chair": _ticked(form, "admitted_by_chair"),
    }
    fields = _load(AttendanceIn(), data)
    cmd = RecordAttendance(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **fields)
    return lambda: app.record_attendance(cmd)


def _substitute(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    data = {
        "person_id": form.get("person_id", ""),
        "substitute_for": form.get("substitute_for", ""),
        "status": "present",
        "capacity": "member",
    }
    fields = _load(AttendanceIn(), data)
    cmd = RecordAttendance(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **fields)
    return lambda: app.record_attendance(cmd)


def _depart(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    person = _load(AttendanceIn(only=("person_id",)), {"person_id": form.get("person_id", "")})
    cmd = RecordDeparture(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **person)
    return lambda: app.record_departure(cmd)


def _declare(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = _item(app, mid, form)
    person = person_named(app, form.get("name"), "name")
    data = {
        "person_id": str(person),
        "item_id": item_id,
        "interest": form.get("interest", ""),
        "withdrew": _ticked(form, "withdrew"),
    }
    cmd = DeclareInterest(
        meeting_id=mid, recorded_by=by, idempotency=idem, **_load(DeclarationIn(), data)
    )
    return lambda: app.declare_interest(cmd)


def _note(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = _item(app, mid, form)
    fields = _load(NoteIn(), {"text": form.get("text", "")})
    cmd = RecordNote(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.record_note(cmd)


def _decide(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = _item(app, mid, form)
    data: dict[str, Any] = {
        "text": form.get("text", ""),
        "method": form.get("method", ""),
        "within_delegated_authority": _ticked(form, "within_delegated_authority"),
        "referred_to": _blank(form.get("referred_to")),
    }
    if data["method"] == "vote":
        data["votes"] = {k: _count(form, f"votes_{k}", k) for k in ("for", "against", "abstain")}
    fields = _load(DecisionIn(), data)
    cmd = RecordDecision(
        meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields
    )
    return lambda: app.record_decision(cmd)


def _count(form: Form, name: str, words: str) -> int:
    raw = (form.get(name) or "").strip()
    if not raw.isdigit():
        raise Refused({"votes": f"Give the number of votes {words}, as a whole number."})
    return int(raw)


def _act(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = _item(app, mid, form)
    owner = person_named(app, form.get("owner"), "owner")
    data = {
        "description": form.get("description", ""),
        "owner_id": str(owner),
        "due_on": form.get("due_on", ""),
        "organisation_id": _blank(form.get("organisation_id")),
    }
    fields = _load(ActionIn(), data)
    cmd = AgreeAction(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.agree_action(cmd)


def _defer(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = _item(app, mid, form)
    data = {"reason": form.get("reason", ""), "to_meeting_id": _blank(form.get("to_meeting_id"))}
    fields = _load(DeferIn(), data)
    cmd = DeferItem(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.defer_item(cmd)


def _correct(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    entry = app.get_meeting(mid).entry(form.get("entry_id", ""))
    reason = _load(DeferIn(only=("reason",)), {"reason": form.get("reason", "")})["reason"]
    replacement = None
    if not _ticked(form, "retract"):
        replacement = _replacement(entry, form)
    seen = form.get("seen", "")
    shown = int(seen) if seen.isdigit() else None

    def run() -> Any:
        # The check and the correction are one: the command carries, as its If-Match, the
        # version of the meeting in which the entry was found as the clerk saw it, so a
        # correction saved by someone else in between refuses it instead of being
        # overwritten; anything else recorded in between only means checking again.
        for _ in range(CORRECTION_ATTEMPTS):
            meeting = app.get_meeting(mid)
            _unchanged_since_shown(meeting.entry(entry["id"]), shown)
            cmd = CorrectEntry(
                meeting_id=mid,
                recorded_by=by,
                idempotency=idem,
                expected_version=meeting.version,
                entry_id=entry["id"],
                reason=reason,
                replacement=replacement,
            )
            try:
                return app.correct_entry(cmd)
            except VersionMismatchError:
                continue
        raise VersionMismatchError(meeting.version, meeting.version + 1)

    return run


#: How often a correction is checked again while other entries keep arriving.
CORRECTION_ATTEMPTS = 5


def _replacement(entry: dict[str, Any], form: Form) -> dict[str, Any]:
    """The corrected fields: the wording of a note, decision, action or declaration, or
    the status of an attendance (present, apologies, absent)."""
    if entry["kind"] == "attendance":
        return _load(AttendanceIn(only=("status",)), {"status": form.get("status", "")})
    field = CORRECTED_FIELD.get(entry["kind"])
    if field is None:
        raise Refused({"_form": "This entry can only be retracted here."})
    return _load(REPLACEMENTS[entry["kind"]](only=(field,)), {field: form.get(field, "")})


def _unchanged_since_shown(entry: dict[str, Any], shown: int | None) -> None:
    """A correction made on a screen that showed an older wording never overwrites a
    correction made meanwhile by someone else: `shown` is how many corrections the
    entry had on the clerk's screen."""
    if shown is not None and shown != len(entry["corrections"]):
        if entry["retracted"]:
            now = "was retracted"
        elif entry["kind"] == "attendance":
            now = f"now reads: {entry['status']}"
        else:
            now = f"now reads: {entry.get(CORRECTED_FIELD.get(entry['kind'], ''), '')!r}"
        raise Refused(
            {
                "_form": "Someone else corrected this entry while you had the page open, "
                f"so nothing was recorded. It {now}. What you typed is kept below."
            }
        )


COMMANDS: dict[str, Reader] = {
    "open": _open,
    "close": _close,
    "attend": _attend,
    "substitute": _substitute,
    "depart": _depart,
    "declare": _declare,
    "note": _note,
    "decide": _decide,
    "act": _act,
    "defer": _defer,
    "correct": _correct,
}
