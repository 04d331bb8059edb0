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
from meetings.application.dto.meetings import MeetingRow
from meetings.application.dto.minutes import (
    Minutes,
    PapersForChair,
    PublishedMinutes,
    PublishedMinutesRow,
)
from meetings.application.meeting_record import MeetingUseCases
from meetings.application.queries import record as read
from meetings.application.queries import structure as structure_queries
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.meeting import Meeting
from meetings.domain.meeting.minutes import MinutesApproved, MinutesCirculated, MinutesPublished
from meetings.domain.meeting.record import EntryCorrected
from meetings.domain.rules import london_date
from meetings.domain.values import MeetingStatus, MinutesStatus
from meetings.infrastructure.tokens import Principal
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

    def agree_minutes(self, cmd: AgreeMinutes) -> dict[str, Any]:
        """The chair agrees the draft minutes (`cmd.by`: if the access policy says they
        were in the chair); answers with the minutes as they may see them."""
        person_id = self._chair_agreeing(cmd, "agree the minutes", of_minutes=True)
        sees = cmd.by is None or self._sees(cmd.by, self.get_body_of_meeting(cmd.meeting_id))
        return self._minutes_step(
            cmd.meeting_id, cmd, lambda m: m.agree_minutes(person_id, cmd.at or _now()), sees
        )

    # The steps below are the body's clerk's (or an administrator's): they see every item.

    def circulate_minutes(self, cmd: CirculateMinutes) -> dict[str, Any]:
        return self._minutes_step(
            cmd.meeting_id, cmd, lambda m: m.circulate_minutes(cmd.at or _now()), True
        )

    def approve_minutes(self, cmd: ApproveMinutes) -> dict[str, Any]:
        later = self._require(Meeting, "meeting", "approved_at", cmd.approved_at)
        assert later is not None

        def approve(m: Meeting) -> None:
            when = later.opened_at or later.starts_at
            m.approve_minutes(later, when, [dict(a) for a in cmd.amendments])

        return self._minutes_step(cmd.meeting_id, cmd, approve, True)

    def publish_minutes(self, cmd: PublishMinutes) -> dict[str, Any]:
        return self._minutes_step(
            cmd.meeting_id, cmd, lambda m: m.publish_minutes(cmd.at or _now()), True
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
        who: Principal | None,
        stage: str | None = None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> Minutes:
        """The minutes now (or as they stood at a version or moment) as this reader may
        see them; `stage` asks for the text as it was circulated, approved or published.
        Without a reader (the public): only the published text of published minutes of a
        body open to the public (404 otherwise). The record's own tools read them whole
        as `access.RECORD_TOOLS`."""
        meeting_id = UUID(str(meeting_id))
        if who is None:
            minutes = self._minutes(meeting_id, False, MinutesStatus.PUBLISHED, version, as_at)
            if minutes.status != MinutesStatus.PUBLISHED or not self.get_open_to_public(
                minutes.body_id
            ):
                raise NotFoundError("published minutes", meeting_id)
            return minutes
        confidential = self._sees(who, self.get_body_of_meeting(meeting_id))
        return self._minutes(meeting_id, confidential, stage, version, as_at)

    def _minutes(
        self,
        meeting_id: UUID,
        confidential: bool,
        stage: str | None = None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> Minutes:
        """The minutes as composed with (or without) the confidential items, as
        `get_minutes` and the scrutiny reports (which ask the reader first) read them."""
        meeting = self._get_as_at(Meeting, "meeting", meeting_id, version, as_at)
        if stage is None or stage == "current":
            return Minutes.of(self._composed(meeting, confidential, with_amendments=True))
        at = self._stage_version(meeting, stage)
        if at is None:
            raise NotFoundError(f"minutes as {stage}", meeting_id)
        staged = self._get_as_at(Meeting, "meeting", meeting_id, version=at)
        amended = stage != MinutesStatus.CIRCULATED
        return Minutes.of(
            {**self._composed(staged, confidential, with_amendments=amended), "stage": stage}
        )

    def get_published_minutes(self, meeting_id: UUID) -> PublishedMinutes:
        """What the public may read: published minutes of a body open to the public,
        confidential items withheld; otherwise there is nothing to see (404)."""
        meeting = self._get(Meeting, "meeting", UUID(str(meeting_id)))
        if meeting.minutes["status"] != MinutesStatus.PUBLISHED or not self.get_open_to_public(
            meeting.body_id
        ):
            raise NotFoundError("published minutes", meeting_id)
        composed = self._minutes(meeting.id, False, MinutesStatus.PUBLISHED)
        return PublishedMinutes.of(composed.as_data())

    def list_published_minutes(
        self, body_id: UUID | None = None, limit: int = 100
    ) -> list[PublishedMinutesRow]:
        if body_id is not None:
            self._get(Body, "body", body_id)
        return read.list_published_minutes(self, body_id, limit)

    def list_papers_for_chair(self, who: Principal) -> list[PapersForChair]:
        """The agendas and draft minutes waiting for this person's agreement: those the
        access policy lets them agree (the chair in office on the meeting's day for an
        agenda, whoever was in the chair for its minutes), each as they may see it."""
        if who.person_id is None:
            return []
        found: list[PapersForChair] = []
        bodies, _ = structure_queries.list_bodies(self, 1, 1000)
        for body in bodies:
            for row in read.list_meetings_of_body(self, UUID(body.id)):
                papers = self._awaiting_chair(row)
                meeting_id = UUID(row.id)
                if papers and self.access_policy.may_chair(who, meeting_id, papers == "minutes"):
                    found.append(self._papers(who, body.name, meeting_id, papers))
        return found

    def _awaiting_chair(self, row: MeetingRow) -> str | None:
        """Which papers of the meeting wait for its chair: an agenda built but not agreed
        (before it is published), or the draft minutes of a closed meeting."""
        if row.status == MeetingStatus.SCHEDULED and row.agenda_published_at is None:
            m = self.get_meeting(UUID(row.id))
            built = m.status == MeetingStatus.SCHEDULED and bool(m.agenda)
            return "agenda" if built and m.agenda_agreed is None else None
        if row.status == MeetingStatus.CLOSED and row.minutes_status == MinutesStatus.DRAFT:
            return "minutes"
        return None

    def _papers(
        self, who: Principal, body_name: str, meeting_id: UUID, papers: str
    ) -> PapersForChair:
        m = self.get_meeting(meeting_id)
        if papers == "agenda":
            agenda = self.get_meeting_view(meeting_id, who).agenda
            return PapersForChair(str(m.id), body_name, m.starts_at, papers, m.version, agenda)
        text = self.get_minutes(meeting_id, who).markdown
        return PapersForChair(
            str(m.id), body_name, m.starts_at, papers, m.version, minutes_markdown=text
        )

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
