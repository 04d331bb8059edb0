"""Who may be recorded as attending a meeting, and how, as pure functions of the entries
already recorded: present once at a time, one attendance entry per person otherwise; a
substitute only for a member who is not here, named in advance or admitted by the chair; a
guest only with the chair's agreement; the member capacity only for members due. Also
who was in the room when, and who was in the chair."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from meetings.domain.entry_book import EntryBook
from meetings.domain.errors import AttendanceRuleError, InvalidFieldError, MeetingStatusError
from meetings.domain.values import (
    AttendanceCapacity,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
)

#: A meeting's entries by id, as its state keeps them (an `EntryBook`) or a view shows them.
Entries = Mapping[str, dict[str, Any]]


def of_person(entries: Entries, person_id: UUID) -> Entries:
    """What `standing` reads of the person: from a meeting's `EntryBook`, only their
    attendance and departures (without decoding anyone else's); otherwise every entry."""
    return entries.of_person(person_id) if isinstance(entries, EntryBook) else entries


def live(entries: Entries, kind: str) -> list[dict[str, Any]]:
    """The entries of one kind in force (not retracted), in the order recorded."""
    return [e for e in entries.values() if e["kind"] == kind and not e["retracted"]]


def check_attendance(
    entries: Entries,
    person_id: UUID,
    status: str,
    capacity: str,
    substitute_for: UUID | None,
    admitted_by_chair: bool,
    *,
    is_member: bool,
    is_named_substitute: bool,
    ignoring: str | None = None,
) -> None:
    """The rules of who may be recorded as attending, and how (`ignoring`: the entry
    being corrected, checked as if it were not there)."""
    recorded, here = standing(of_person(entries, person_id), person_id, ignoring)
    present = status == AttendanceStatus.PRESENT
    if present and here:
        raise AttendanceRuleError(
            "That person is already recorded as present: record a departure first, "
            "or correct the earlier entry."
        )
    if not present and recorded:
        raise AttendanceRuleError(
            "That person's attendance is already recorded: correct that entry instead."
        )
    if substitute_for is not None:
        member_here = standing(of_person(entries, substitute_for), substitute_for, ignoring)[1]
        check_substitute(status, capacity, admitted_by_chair, is_named_substitute, member_here)
    elif capacity == AttendanceCapacity.GUEST and not admitted_by_chair:
        raise AttendanceRuleError(
            "A guest attends only with the chair's agreement: set admitted_by_chair."
        )
    elif capacity == AttendanceCapacity.MEMBER and present and not is_member:
        raise AttendanceRuleError(
            "That person is not a member of this body on the day of the meeting (or their "
            "seat's group is not summoned to it): record them as an adviser, observer, "
            "officer, or a guest admitted by the chair."
        )


def check_substitute(
    status: str, capacity: str, admitted: bool, named: bool, member_here: bool
) -> None:
    """A substitute is present as a member, named or admitted, for a member not here."""
    if status != AttendanceStatus.PRESENT or capacity != AttendanceCapacity.MEMBER:
        raise InvalidFieldError(
            "substitute_for", "A substitute is recorded as present, in the member capacity."
        )
    if not (named or admitted):
        raise AttendanceRuleError(
            "That person is not a named substitute for the member they replace: the chair "
            "must agree to admit them (admitted_by_chair)."
        )
    if member_here:
        raise AttendanceRuleError(
            "The member is here in person, so nobody can substitute for them."
        )


def standing(entries: Entries, person_id: UUID, ignoring: str | None = None) -> tuple[bool, bool]:
    """Whether the person's attendance is recorded at all, and whether they are here now
    (present, and not left since), leaving one entry out; without copying the record
    (this runs on every tap)."""
    recorded = here = False
    for e in entries.values():
        if (
            e["kind"] != "attendance"
            or e["retracted"]
            or e["id"] == ignoring
            or e["person_id"] != person_id
        ):
            continue
        recorded = True
        here = here or (
            e["status"] == AttendanceStatus.PRESENT and not left_since(entries, person_id, e["at"])
        )
    return recorded, here


def left_since(entries: Entries, person_id: UUID, since: datetime) -> bool:
    """Whether a departure of the person is recorded at or after `since`."""
    return any(
        d["kind"] == "departure"
        and not d["retracted"]
        and d["person_id"] == person_id
        and d["at"] >= since
        for d in entries.values()
    )


def attendance_rows(entries: Entries) -> list[dict[str, Any]]:
    """Attendance entries in force, each with when the person left (None if they did not)."""
    departures = live(entries, "departure")
    rows = []
    for entry in live(entries, "attendance"):
        left = [
            d["at"]
            for d in departures
            if d["person_id"] == entry["person_id"] and d["at"] >= entry["at"]
        ]
        rows.append({**entry, "left_at": min(left) if left else None})
    return rows


def check_departure(rows: list[dict[str, Any]], person_id: UUID, at: datetime) -> None:
    """Only someone present (and not gone) leaves, and not before they arrived."""
    here = [
        e
        for e in rows
        if e["person_id"] == person_id
        and e["status"] == AttendanceStatus.PRESENT
        and not e["left_at"]
    ]
    if not here:
        raise AttendanceRuleError("That person is not recorded as present, so cannot leave.")
    if at < here[-1]["at"]:
        raise InvalidFieldError("at", "A departure cannot be before the person arrived.")


def check_taking_chair(
    meeting_status: str, minutes_status: str, closed_at: datetime | None, at: datetime
) -> None:
    """Who is in the chair is recorded before, during, or (while the minutes are a draft)
    after the meeting, never for a moment after it closed, nor for a cancelled meeting."""
    if meeting_status == MeetingStatus.CANCELLED:
        raise MeetingStatusError("Cannot record who is in the chair: the meeting is cancelled.")
    if meeting_status != MeetingStatus.CLOSED:
        return
    if minutes_status != MinutesStatus.DRAFT:
        raise MeetingStatusError(
            "Cannot record who is in the chair: the minutes are "
            f"{minutes_status}. Correct the record before they are agreed."
        )
    if closed_at is not None and at > closed_at:
        raise InvalidFieldError("at", "Nobody takes the chair after the meeting closed.")


def in_the_chair(entries: Entries) -> list[dict[str, Any]]:
    """Who was recorded in the chair, in order of when they took it."""
    return sorted(live(entries, "chair"), key=lambda e: e["at"])


def chair_at(entries: Entries, moment: datetime) -> UUID | None:
    """Who was recorded in the chair at a moment (None if nobody was yet)."""
    taken = [e for e in in_the_chair(entries) if e["at"] <= moment]
    return taken[-1]["person_id"] if taken else None
