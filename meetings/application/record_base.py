"""What every use case of the meeting record shares: the meeting loaded and answered with
(the whole meeting, or the one entry just recorded), when an untimed entry happened, who
agrees its papers as chair (asked of the access policy), and what a reader sees of it
(asked of the disclosure policy)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any
from uuid import UUID

from meetings.application import access, disclosure
from meetings.application.commands import ChairCommand, MeetingCommand
from meetings.application.dto import MeetingState
from meetings.application.dto.meetings import MeetingView
from meetings.application.errors import NotAuthenticatedError
from meetings.application.machinery import CoreApplication
from meetings.application.queries import readers
from meetings.application.queries.meeting_view import entry_view, meeting_state, meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError
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
    """A meeting loaded, changed and answered with; who chairs it, and what a reader sees."""

    def get_meeting(
        self, meeting_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> MeetingState:
        """The meeting as recorded, or as it stood at a version or a moment, as data."""
        return meeting_state(self._get_as_at(Meeting, "meeting", meeting_id, version, as_at))

    def get_meeting_view(
        self,
        meeting_id: UUID,
        who: Principal | None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> MeetingView:
        """The meeting (as recorded, or as it stood) as this reader may see it: its
        confidential items withheld unless they may see them. The public (no reader)
        reads only a meeting whose agenda a body open to the public has published."""
        meeting = self.get_meeting(meeting_id, version, as_at)
        if who is None and not self._agenda_public(meeting):
            raise NotAuthenticatedError("Sign in to read this meeting: its agenda is not public.")
        shown = disclosure.shown_meeting(meeting_view(meeting), self._sees(who, meeting.body_id))
        return MeetingView.of(shown)

    def _agenda_public(self, meeting: MeetingState) -> bool:
        published = meeting.agenda_published_at is not None
        return published and self.get_open_to_public(meeting.body_id)

    def get_body_of_meeting(self, meeting_id: UUID) -> UUID:
        """The body a meeting belongs to (never changes, so it is remembered)."""
        cache: dict[UUID, UUID] = self.__dict__.setdefault("_meeting_bodies", {})
        if meeting_id not in cache:
            cache[meeting_id] = self._get(Meeting, "meeting", meeting_id).body_id
        return cache[meeting_id]

    def get_open_to_public(self, body_id: UUID) -> bool:
        return bool(self._get(Body, "body", body_id).open_to_public)

    # Who may do it, and what they see -------------------------------------------------

    @cached_property
    def access_policy(self) -> access.AccessPolicy:
        """The access policy's rules asked of the record (who chairs a meeting, who may
        update an action), for the use cases and `web/guards.py`."""
        return access.AccessPolicy(self._get)

    def _chair_agreeing(self, cmd: ChairCommand, doing: str, of_minutes: bool) -> UUID:
        """The person who agrees the meeting's papers as its chair: the principal the
        command carries, if the access policy lets them (a command without one, from the
        record's own tools, names the person)."""
        if cmd.by is not None:
            return self.access_policy.check_chair(
                cmd.by, cmd.meeting_id, doing, of_minutes=of_minutes
            )
        if cmd.person_id is None:
            raise InvalidFieldError("person_id", "Name the person who chairs.")
        return cmd.person_id

    def _sees(self, who: Principal | None, body_id: UUID) -> bool:
        """May this reader see the body's confidential content?"""
        return readers.sees_confidential(self, who, body_id)

    def _shown_meeting(self, who: Principal | None, view: dict[str, Any]) -> dict[str, Any]:
        """A meeting's view as this reader may see it."""
        return disclosure.shown_meeting(view, self._sees(who, UUID(str(view["body_id"]))))

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
