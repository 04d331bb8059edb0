"""What every use case of the meeting record shares: the meeting loaded and answered with
(the whole meeting, or the one entry just recorded), when an untimed entry happened, and
who may see and chair it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.application import access, disclosure
from meetings.application.commands import MeetingCommand
from meetings.application.dto import MeetingState
from meetings.application.machinery import CoreApplication
from meetings.application.queries import record as read
from meetings.application.queries.meeting_view import entry_view, meeting_state, meeting_view
from meetings.domain.body import Body
from meetings.domain.meeting import Meeting
from meetings.domain.rules import london_date
from meetings.infrastructure.tokens import Principal


def now() -> datetime:
    return datetime.now(tz=UTC)


def default_moment(meeting: Meeting) -> datetime:
    """When something given without `at` happened: now, at a meeting in session today;
    otherwise (typing up a meeting held on an earlier day, or before it starts) the
    meeting's start."""
    start = meeting.opened_at or meeting.starts_at
    moment = now()
    if meeting.status == "in_session" and london_date(start) >= london_date(moment):
        return moment
    return start


def as_list(given: UUID | list[UUID] | None) -> list[UUID]:
    """One id, several, or none, as a list."""
    if given is None:
        return []
    return list(given) if isinstance(given, list) else [given]


class MeetingRecordBase(CoreApplication):
    """A meeting loaded, changed and answered with; who may see and chair it."""

    def get_meeting(
        self, meeting_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> MeetingState:
        """The meeting as recorded, or as it stood at a version or a moment, as data."""
        return meeting_state(self._get_as_at(Meeting, "meeting", meeting_id, version, as_at))

    def get_body_of_meeting(self, meeting_id: UUID) -> UUID:
        """The body a meeting belongs to (never changes, so it is remembered)."""
        cache: dict[UUID, UUID] = self.__dict__.setdefault("_meeting_bodies", {})
        if meeting_id not in cache:
            cache[meeting_id] = self._get(Meeting, "meeting", meeting_id).body_id
        return cache[meeting_id]

    # Who may see and do what ---------------------------------------------------------

    def may_see_confidential(self, who: Principal | None, body_id: UUID) -> bool:
        """Admin, the body's clerks, and people who sit on the body today."""
        return disclosure.sees_confidential(who, body_id, self._seats_now)

    def _seats_now(self, person_id: UUID) -> set[UUID]:
        return read.list_bodies_of_person(self, person_id, now().date())

    def get_open_to_public(self, body_id: UUID) -> bool:
        return bool(self._get(Body, "body", body_id).open_to_public)

    def check_chair(
        self,
        who: Principal,
        meeting_id: UUID,
        doing: str = "agree the agenda",
        *,
        of_minutes: bool | None = None,
    ) -> UUID:
        """The person a chair token speaks for, if they may agree this meeting's papers.

        The agenda: the body's chair or vice-chair in office on the meeting's day (so
        where the chair rotates, the chair who will chair it). The minutes (`of_minutes`,
        by default when `doing` names them): whoever was in the chair at the meeting: the
        people recorded in the chair, or else the chair or vice-chair in office on its day.
        Anyone recorded in the chair may agree the agenda too."""
        of_minutes = "minutes" in doing if of_minutes is None else of_minutes
        return access.check_chair(who, self._chairs(meeting_id, of_minutes), doing, of_minutes)

    def may_chair_meeting(self, who: Principal | None, meeting_id: UUID, of_minutes: bool) -> bool:
        """Whether this person may agree the meeting's agenda (or, `of_minutes`, its
        minutes) as its chair: the rule of `check_chair`, answered yes or no."""
        return access.may_chair(who, self._chairs(meeting_id, of_minutes))

    def _chairs(self, meeting_id: UUID, of_minutes: bool) -> set[UUID]:
        meeting = self._get(Meeting, "meeting", meeting_id)
        return chairs_of_meeting(meeting, self._get(Body, "body", meeting.body_id), of_minutes)

    # Answering -----------------------------------------------------------------------

    def _change(self, cmd: MeetingCommand, change: Callable[[Meeting], Any]) -> dict[str, Any]:
        """A change to the meeting as a whole: answers with the whole meeting."""
        return self._update(
            cmd, Meeting, "meeting", cmd.meeting_id, change, lambda m, _: meeting_view(m)
        )

    def _new_entry(
        self, cmd: MeetingCommand, change: Callable[[Meeting], dict[str, Any]]
    ) -> dict[str, Any]:
        """A new entry in the record: answers with the entry."""
        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            change,
            lambda m, entry: {**entry_view(entry), "etag_version": m.version},
        )


def chairs_of_meeting(meeting: Meeting, body: Body, of_minutes: bool = False) -> set[UUID]:
    """Who chairs the meeting: the people recorded in the chair, and (for its agenda, or
    when nobody was recorded) the body's chair and vice-chair in office on its day."""
    recorded = {e["person_id"] for e in meeting.in_the_chair()}
    if of_minutes and recorded:
        return recorded
    day = london_date(meeting.starts_at)
    terms = [body.chair_on(role, day) for role in ("chair", "vice_chair")]
    return recorded | {t["person_id"] for t in terms if t}
