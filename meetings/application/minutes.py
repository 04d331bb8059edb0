"""Use cases for minutes: derived from the record, agreed by the chair, circulated,
approved at a later meeting (with amendments), published."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.application.commands import (
    AgreeMinutes,
    ApproveMinutes,
    CirculateMinutes,
    PublishMinutes,
)
from meetings.application.disclosure import redact
from meetings.application.dto import MeetingState
from meetings.application.dto.minutes import PublishedMinutesRow
from meetings.application.meeting_record import MeetingUseCases
from meetings.application.queries import record as read
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.meeting import Meeting
from meetings.domain.meeting.minutes import MinutesApproved, MinutesCirculated, MinutesPublished
from meetings.domain.meeting.record import EntryCorrected
from meetings.domain.rules import london_date
from meetings.domain.values import MinutesStatus
from meetings.reports.minutes_text import Names, compose, people_mentioned

#: The event that ends each stage whose text can be asked for.
_STAGE_EVENTS: dict[str, type[Any]] = {
    MinutesStatus.CIRCULATED: MinutesCirculated,
    MinutesStatus.APPROVED: MinutesApproved,
    MinutesStatus.PUBLISHED: MinutesPublished,
}


def _now() -> datetime:
    return datetime.now(tz=UTC)


class MinutesUseCases(MeetingUseCases):
    """Minutes from the record to publication; every step an event."""

    # Steps ---------------------------------------------------------------------------

    def agree_minutes(self, cmd: AgreeMinutes, confidential: bool = True) -> dict[str, Any]:
        return self._minutes_step(
            cmd.meeting_id,
            cmd,
            lambda m: m.agree_minutes(cmd.person_id, cmd.at or _now()),
            confidential,
        )

    def circulate_minutes(self, cmd: CirculateMinutes, confidential: bool = True) -> dict[str, Any]:
        return self._minutes_step(
            cmd.meeting_id, cmd, lambda m: m.circulate_minutes(cmd.at or _now()), confidential
        )

    def approve_minutes(self, cmd: ApproveMinutes, confidential: bool = True) -> dict[str, Any]:
        later = self._require(Meeting, "meeting", "approved_at", cmd.approved_at)
        assert later is not None

        def approve(m: Meeting) -> None:
            when = later.opened_at or later.starts_at
            m.approve_minutes(later, when, [dict(a) for a in cmd.amendments])

        return self._minutes_step(cmd.meeting_id, cmd, approve, confidential)

    def publish_minutes(self, cmd: PublishMinutes, confidential: bool = True) -> dict[str, Any]:
        return self._minutes_step(
            cmd.meeting_id, cmd, lambda m: m.publish_minutes(cmd.at or _now()), confidential
        )

    def _minutes_step(
        self,
        meeting_id: UUID,
        cmd: Any,
        change: Callable[[Meeting], None],
        confidential: bool,
    ) -> dict[str, Any]:
        return self._update(
            cmd,
            Meeting,
            "meeting",
            meeting_id,
            change,
            lambda m, _: self._composed(m, confidential, with_amendments=True),
        )

    # Reading -------------------------------------------------------------------------

    def get_minutes(
        self,
        meeting_id: UUID,
        confidential: bool,
        stage: str | None = None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> dict[str, Any]:
        """The minutes now (or as they stood at a version or moment); `stage` asks for
        the text as it was circulated, approved or published."""
        meeting_id = UUID(str(meeting_id))
        meeting = self._get_as_at(Meeting, "meeting", meeting_id, version, as_at)
        if stage is None or stage == "current":
            return self._composed(meeting, confidential, with_amendments=True)
        at = self._stage_version(meeting, stage)
        if at is None:
            raise NotFoundError(f"minutes as {stage}", meeting_id)
        staged = self._get_as_at(Meeting, "meeting", meeting_id, version=at)
        return {
            **self._composed(
                staged, confidential, with_amendments=stage != MinutesStatus.CIRCULATED
            ),
            "stage": stage,
        }

    def get_published_minutes(self, meeting_id: UUID) -> dict[str, Any]:
        """What the public may read: published minutes of a body open to the public,
        confidential items withheld; otherwise there is nothing to see (404)."""
        meeting = self._get(Meeting, "meeting", UUID(str(meeting_id)))
        if meeting.minutes["status"] != MinutesStatus.PUBLISHED or not self.get_open_to_public(
            meeting.body_id
        ):
            raise NotFoundError("published minutes", meeting_id)
        return self.get_minutes(meeting_id, confidential=False, stage=MinutesStatus.PUBLISHED)

    def list_published_minutes(
        self, body_id: UUID | None = None, limit: int = 100
    ) -> list[PublishedMinutesRow]:
        if body_id is not None:
            self._get(Body, "body", body_id)
        return read.list_published_minutes(self, body_id, limit)

    def _stage_version(self, meeting: Meeting | MeetingState, stage: str) -> int | None:
        wanted = _STAGE_EVENTS[stage]
        found = None
        for e in self.events.get(meeting.id, lte=meeting.version):
            if isinstance(e, wanted):
                found = e.originator_version
            elif isinstance(e, EntryCorrected) and stage == MinutesStatus.CIRCULATED:
                found = None  # the record changed since: it has to go out again
        return found

    def _composed(
        self, m: Meeting | MeetingState, confidential: bool, with_amendments: bool
    ) -> dict[str, Any]:
        view = meeting_view(m)
        if not confidential:
            view = redact(view)
        names = self._names(m, view)
        body = self._get(Body, "body", m.body_id)
        minutes = m.minutes
        composed = compose(
            view,
            {"name": body.name, "short_name": body.short_name},
            names,
            minutes,
            with_amendments=with_amendments,
            confidential_shown=confidential,
        )
        return {
            "meeting_id": m.id,
            "body_id": m.body_id,
            "status": minutes["status"],
            "stage": "current",
            "agreed": minutes["agreed"],
            "circulated_at": minutes["circulated_at"],
            "approved": minutes["approved"],
            "published_at": minutes["published_at"],
            **composed,
            "etag_version": m.version,
            "version": m.version,
        }

    def _names(self, m: Meeting | MeetingState, view: dict[str, Any]) -> Names:
        organisations = {str(a["organisation_id"]) for a in view["actions"] if a["organisation_id"]}
        bodies = {str(d["referred_to"]) for d in view["decisions"] if d["referred_to"]}
        bodies |= {str(b) for d in view["decisions"] for b in d.get("also_referred_to") or []}
        people, orgs, body_names = read.get_names(
            self, people_mentioned(view), organisations, bodies
        )
        body = self._get(Body, "body", m.body_id)
        day = london_date(m.starts_at)
        chair, vice = body.chair_on("chair", day), body.chair_on("vice_chair", day)
        targets = {str(i["deferred_to"]) for i in view["agenda"] if i.get("deferred_to")}
        meetings = {
            target: self._get(Meeting, "meeting", UUID(target)).starts_at for target in targets
        }
        return Names(
            people=people,
            organisations=orgs,
            bodies=body_names,
            meetings=meetings,
            chair_id=str(chair["person_id"]) if chair else None,
            vice_chair_id=str(vice["person_id"]) if vice else None,
            in_the_chair=[(str(e["person_id"]), e["at"]) for e in view.get("in_the_chair", [])],
        )
