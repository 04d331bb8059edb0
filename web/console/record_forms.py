"""The recording screen's controls, each read into the command the API would send and
run: open and close, attendance, substitutes, departures, declarations, notes,
decisions, actions, deferrals and corrections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AgreeAction,
    CloseMeeting,
    DeclareInterest,
    DeferItem,
    OpenMeeting,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
)
from meetings.idempotency import Idempotency, ReplayedAnswer
from web.api.schemas.record import (
    ActionIn,
    AttendanceIn,
    DecisionIn,
    DeclarationIn,
    DeferIn,
    NoteIn,
)
from web.console.common import FormErrors, attempt
from web.console.record_corrections import correct
from web.console.record_fields import Form, Refused, blank, item_named, load, person_named, ticked

Run = Callable[[], Any]
Reader = Callable[[MeetingsApplication, UUID, Form, str, "Idempotency | None"], Run]

# The API's schemas, each made once: a schema is only loaded with, so one serves every form.
_ATTENDANCE = AttendanceIn()
_PERSON = AttendanceIn(only=("person_id",))
_DECLARATION = DeclarationIn()
_NOTE = NoteIn()
_DECISION = DecisionIn()
_ACTION = ActionIn()
_DEFERRAL = DeferIn()


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
        "admitted_by_chair": ticked(form, "admitted_by_chair"),
    }
    fields = load(_ATTENDANCE, data)
    cmd = RecordAttendance(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **fields)
    return lambda: app.record_attendance(cmd)


def _substitute(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    data = {
        "person_id": form.get("person_id", ""),
        "substitute_for": form.get("substitute_for", ""),
        "status": "present",
        "capacity": "member",
    }
    fields = load(_ATTENDANCE, data)
    cmd = RecordAttendance(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **fields)
    return lambda: app.record_attendance(cmd)


def _depart(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    person = load(_PERSON, {"person_id": form.get("person_id", "")})
    cmd = RecordDeparture(meeting_id=mid, recorded_by=by, idempotency=idem, at=_now(), **person)
    return lambda: app.record_departure(cmd)


def _declare(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = item_named(app, mid, form)
    person = person_named(app, form.get("name"), "name")
    data = {
        "person_id": str(person),
        "item_id": item_id,
        "interest": form.get("interest", ""),
        "withdrew": ticked(form, "withdrew"),
    }
    cmd = DeclareInterest(
        meeting_id=mid, recorded_by=by, idempotency=idem, **load(_DECLARATION, data)
    )
    return lambda: app.declare_interest(cmd)


def _note(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = item_named(app, mid, form)
    fields = load(_NOTE, {"text": form.get("text", "")})
    cmd = RecordNote(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.record_note(cmd)


def _decide(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = item_named(app, mid, form)
    data: dict[str, Any] = {
        "text": form.get("text", ""),
        "method": form.get("method", ""),
        "within_delegated_authority": ticked(form, "within_delegated_authority"),
        "referred_to": blank(form.get("referred_to")),
    }
    if data["method"] == "vote":
        data["votes"] = {k: _count(form, f"votes_{k}", k) for k in ("for", "against", "abstain")}
    fields = load(_DECISION, data)
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
    item_id = item_named(app, mid, form)
    owner = person_named(app, form.get("owner"), "owner")
    data = {
        "description": form.get("description", ""),
        "owner_id": str(owner),
        "due_on": form.get("due_on", ""),
        "organisation_id": blank(form.get("organisation_id")),
    }
    fields = load(_ACTION, data)
    cmd = AgreeAction(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.agree_action(cmd)


def _defer(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Run:
    item_id = item_named(app, mid, form)
    data = {"reason": form.get("reason", ""), "to_meeting_id": blank(form.get("to_meeting_id"))}
    fields = load(_DEFERRAL, data)
    cmd = DeferItem(meeting_id=mid, recorded_by=by, idempotency=idem, item_id=item_id, **fields)
    return lambda: app.defer_item(cmd)


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
    "correct": correct,
}


def run_control(read: Callable[[], Run], errors: FormErrors) -> bool:
    """Read a control's form into its command and run it; each refusal goes into `errors`
    beside its field, and nothing is recorded. True when the same form was sent before (a
    retry after a lost answer) under a key answered before results were kept as data (a
    newer key says so itself: `Idempotency.answered_before`): it was recorded once."""
    try:
        run = attempt(read, errors)
        if run is not None:
            attempt(run, errors)
    except ReplayedAnswer:
        return True
    except Refused as refusal:
        for field, message in refusal.errors.items():
            errors.add(field, message)
    return False
