"""The domain's errors, in the clerk's words: what the record cannot accept (a thing not
found, a field wrong in itself, a rule of the domain broken). The application's own
refusals (not signed in, not allowed, a stale If-Match, the read side behind) are in
`meetings/application/errors.py`; `web/errors.py` maps each class to an HTTP status once."""

from __future__ import annotations

from datetime import date
from uuid import UUID


class MeetingsError(Exception):
    """Base class: something the record cannot accept."""


class NotFoundError(MeetingsError):
    """The thing asked for does not exist (or is not of the kind asked for)."""

    def __init__(self, kind: str, id: UUID | str) -> None:
        super().__init__(f"There is no {kind} with id {id}.")
        self.kind = kind
        self.id = id


class NotYetRecordedError(NotFoundError):
    """Asked for a record as it stood before it was first recorded."""

    def __init__(self, kind: str, id: UUID | str, first_recorded: str, as_at: str) -> None:
        MeetingsError.__init__(
            self,
            f"The {kind} {id} was first recorded at {first_recorded}: there is nothing "
            f"to show as at {as_at}.",
        )
        self.kind = kind
        self.id = id


class InvalidFieldError(MeetingsError):
    """A field's value is wrong in itself, e.g. a reference to an unknown person."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class UnknownReferenceError(InvalidFieldError):
    def __init__(self, field: str, kind: str, id: UUID | str) -> None:
        super().__init__(field, f"There is no {kind} with id {id}.")


class RuleBrokenError(MeetingsError):
    """The command is well formed but breaks a rule of the domain."""


class MembershipAlreadyEndedError(RuleBrokenError):
    def __init__(self, ended_on: date) -> None:
        super().__init__(f"This membership already ended on {ended_on.isoformat()}.")


class ChairTermOverlapError(RuleBrokenError):
    def __init__(self, role: str, person_name: str, starts_on: date, ends_on: date | None) -> None:
        until = f"until {ends_on.isoformat()}" if ends_on else "with no end date"
        super().__init__(
            f"The body already has a {role.replace('_', '-')} from {starts_on.isoformat()} "
            f"{until} ({person_name}): end that term before appointing another."
        )


class SeatAlreadyHeldError(RuleBrokenError):
    def __init__(self, seat: str, starts_on: str, ends_on: str | None) -> None:
        until = f"until {ends_on}" if ends_on else "with no end date"
        super().__init__(
            f"That person already holds the seat {seat!r} on this body from {starts_on} "
            f"{until}: a term that overlaps it would seat them twice. End or correct that "
            "membership instead."
        )


class ChairTermAlreadyEndedError(RuleBrokenError):
    def __init__(self, ended_on: date) -> None:
        super().__init__(f"This term of office already ended on {ended_on.isoformat()}.")


class DuplicateSubstituteError(RuleBrokenError):
    def __init__(self) -> None:
        super().__init__("That person is already a named substitute for this membership.")


class SubstituteIsMemberError(RuleBrokenError):
    def __init__(self) -> None:
        super().__init__("A member cannot be named as their own substitute.")


class MeetingStatusError(RuleBrokenError):
    """The meeting is not at the stage of its life the command needs."""


class NotInSessionError(MeetingStatusError):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"The meeting is not in session (it is {status.replace('_', ' ')}): "
            "open it before recording attendance, declarations, notes, decisions or actions."
        )


class AttendanceRuleError(RuleBrokenError):
    """Who may be recorded as attending, and how."""


class DecisionRuleError(RuleBrokenError):
    pass


class CorrectionRuleError(RuleBrokenError):
    pass


class InvalidFieldsError(MeetingsError):
    """Several fields are invalid at once, e.g. in a correction's replacement."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"Some fields are not valid: {', '.join(sorted(errors))}.")
        self.errors = errors


class ActionClosedError(RuleBrokenError):
    """An action that is done or dropped takes no more updates."""
