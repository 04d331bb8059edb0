"""The roll call: a whole meeting's attendance recorded in one command, and the sheet a
clerk calls it from (the membership in force on the meeting's day, beside what is recorded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from meetings.application.commands import Attendance, MeetingCommand
from meetings.application.dto import NamedSubstitute, RollCallLine, RollCallSheet
from meetings.application.meeting_record import MeetingUseCases
from meetings.application.queries import record as read
from meetings.application.queries.meeting_view import entry_view, meeting_state
from meetings.application.record_base import default_moment
from meetings.domain.errors import (
    InvalidFieldError,
    NotFoundError,
    NotInSessionError,
    RuleBrokenError,
)
from meetings.domain.meeting import Meeting
from meetings.domain.person import Person
from meetings.domain.rules import london_date

#: The order a roll call is called in: those who decide first.
CAPACITY_ORDER = ("member", "co_opted", "adviser", "observer")


#: One entry of a roll call: an attendance, as RecordAttendance records one.
RollCallEntry = Attendance


@dataclass(frozen=True, kw_only=True)
class RecordRollCall(MeetingCommand):
    entries: list[RollCallEntry] = field(default_factory=list)


class RollCallEntryRefusedError(RuleBrokenError):
    """One entry of a roll call breaks a rule: nothing of the roll call is recorded."""


class RollCallUseCases(MeetingUseCases):
    """Attendance in bulk, and the sheet the clerk calls it from."""

    def record_roll_call(self, cmd: RecordRollCall) -> dict[str, Any]:
        """Record every entry, in order, in one save, or none of them."""
        for n, e in enumerate(cmd.entries):
            self._roll_call_reference(n, e, "person_id", e.person_id)
            self._roll_call_reference(n, e, "substitute_for", e.substitute_for)
        entry_ids = [str(uuid4()) for _ in cmd.entries]

        def record(m: Meeting) -> list[dict[str, Any]]:
            seated = self._roll_call_seated(m, cmd.entries)
            # Typing up a meeting held on an earlier day: untimed entries take its start.
            moment = default_moment(m)
            return [
                self._roll_call_entry(m, n, e, entry_ids[n], seated, moment)
                for n, e in enumerate(cmd.entries)
            ]

        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            record,
            lambda m, recorded: {
                "entries": [entry_view(e) for e in recorded],
                "etag_version": m.version,
            },
        )

    def _roll_call_reference(
        self, n: int, e: RollCallEntry, name: str, person: UUID | None
    ) -> None:
        try:
            self._check_reference(Person, "person", f"entries.{n}.{name}", person)
        except InvalidFieldError as error:
            raise InvalidFieldError(error.field, f"Entry {n}: {error.message}") from None

    def _roll_call_seated(self, m: Meeting, entries: list[RollCallEntry]) -> dict[str, Any]:
        """The members due at the meeting among everyone named, with their named
        substitutes (groups summoned and joint meetings as for one attendance)."""
        people = {e.person_id for e in entries} | {
            e.substitute_for for e in entries if e.substitute_for
        }
        return self._seated_due(m, sorted(people, key=str))

    def _roll_call_entry(
        self,
        m: Meeting,
        n: int,
        e: RollCallEntry,
        entry_id: str,
        seated: dict[str, Any],
        now: datetime,
    ) -> dict[str, Any]:
        named = self._roll_call_substitute(n, e, seated)
        try:
            return m.record_attendance(
                entry_id,
                e.person_id,
                e.status,
                e.capacity,
                e.substitute_for,
                e.admitted_by_chair,
                e.at or now,
                is_member=str(e.person_id) in seated,
                is_named_substitute=named,
            )
        except NotInSessionError:
            raise
        except InvalidFieldError as error:
            raise InvalidFieldError(
                f"entries.{n}.{error.field}",
                f"Entry {n} ({self._roll_call_who(e)}): {error.message}",
            ) from None
        except RuleBrokenError as error:
            raise RollCallEntryRefusedError(
                f"Nothing was recorded: entry {n} ({self._roll_call_who(e)}) was refused. {error}"
            ) from None

    def _roll_call_substitute(self, n: int, e: RollCallEntry, seated: dict[str, Any]) -> bool:
        """Whether the entry is a substitute the rules allow for a member due at the
        meeting (refused when whom they replace is not such a member)."""
        if e.substitute_for is None:
            return False
        if str(e.substitute_for) not in seated:
            raise InvalidFieldError(
                f"entries.{n}.substitute_for",
                f"Entry {n} ({self._roll_call_who(e)}): that member is not a member of this "
                "body on the day of the meeting, so nobody can substitute for them.",
            )
        return self._may_substitute(seated[str(e.substitute_for)], e.person_id, e.substitute_for)

    def _roll_call_who(self, e: RollCallEntry) -> str:
        """The person an entry names, in words, for a refusal."""
        name = self._roll_call_name(e.person_id)
        if e.substitute_for is not None:
            return f"{name}, substituting for {self._roll_call_name(e.substitute_for)}"
        return name

    def _roll_call_name(self, person_id: UUID) -> str:
        try:
            return str(self._get(Person, "person", person_id).name)
        except NotFoundError:
            return str(person_id)

    # The sheet -------------------------------------------------------------------------

    def get_roll_call_sheet(self, meeting_id: UUID) -> RollCallSheet:
        """Who the roll call lists (the membership in force on the meeting's day, by
        capacity, each member with their named substitutes) and what is recorded so far,
        with corrections applied."""
        meeting = self._get(Meeting, "meeting", meeting_id)
        day = london_date(meeting.starts_at)
        memberships = read.list_memberships_of_body(self, meeting.body_id, day)
        attendance = meeting.attendance()
        seated = {str(r["person_id"]) for r in memberships}
        groups: dict[str, list[RollCallLine]] = {c: [] for c in CAPACITY_ORDER}
        recorded = _AttendanceByPerson(attendance)
        for row in memberships:
            groups.setdefault(row["capacity"], []).append(_sheet_line(row, recorded))
        others = (
            a
            for a in attendance
            if _str(a["person_id"]) not in seated and a.get("substitute_for") is None
        )
        return RollCallSheet(
            meeting=meeting_state(meeting),
            day=day,
            groups=tuple((c, tuple(rows)) for c, rows in groups.items() if rows),
            others=tuple(others),
            quorum=self.get_quorum(meeting_id),
        )


class _AttendanceByPerson:
    """The attendance entries in force, found by whom they record and by the member they
    substitute for (each in the order recorded): one pass, not one per line of the sheet."""

    def __init__(self, attendance: list[dict[str, Any]]) -> None:
        self.of: dict[str, list[dict[str, Any]]] = {}
        self.substituting: dict[str, list[dict[str, Any]]] = {}
        for a in attendance:
            self.of.setdefault(str(a["person_id"]), []).append(a)
            if a.get("substitute_for") is not None:
                self.substituting.setdefault(str(a["substitute_for"]), []).append(a)

    def latest(self, person: str) -> dict[str, Any] | None:
        """The person's latest attendance entry in force (they may arrive, leave, return)."""
        mine = self.of.get(person)
        return max(mine, key=lambda a: a["at"]) if mine else None


def _sheet_line(membership: dict[str, Any], recorded: _AttendanceByPerson) -> RollCallLine:
    """One member on the roll-call sheet: their seat, their named substitutes, what is
    recorded of them, and who substitutes for them."""
    person = str(membership["person_id"])
    return RollCallLine(
        membership_id=str(membership["id"]),
        person_id=person,
        person_name=membership["person_name"],
        seat=membership["seat"],
        capacity=membership["capacity"],
        substitutes=tuple(
            NamedSubstitute(person_id=str(s["person_id"]), person_name=s["person_name"])
            for s in membership.get("substitutes", [])
        ),
        recorded=recorded.latest(person),
        substituted_by=tuple(recorded.substituting.get(person, ())),
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
