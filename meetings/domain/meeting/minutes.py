"""A meeting's minutes: agreed by its chair, circulated, approved as a correct record at a
later meeting of the body (with any amendments), published. The order of the steps is
in `domain/minutes_stage.py`."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from meetings.domain import minutes_stage
from meetings.domain.base import RecordedAggregate
from meetings.domain.meeting.part import MeetingPart, stored_topic
from meetings.domain.minutes_stage import AGREE, APPROVE, CIRCULATE, PUBLISH


class MinutesAgreed(RecordedAggregate.Event):
    TOPIC = stored_topic("MinutesAgreed")
    class_version = 1
    person_id: UUID
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.minutes = {
            **meeting.minutes,
            "status": AGREE.reached,
            "agreed": {"person_id": self.person_id, "at": self.at},
        }


class MinutesCirculated(RecordedAggregate.Event):
    TOPIC = stored_topic("MinutesCirculated")
    class_version = 1
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.minutes = {**meeting.minutes, "status": CIRCULATE.reached, "circulated_at": self.at}


class MinutesApproved(RecordedAggregate.Event):
    TOPIC = stored_topic("MinutesApproved")
    class_version = 1
    meeting_id: UUID
    at: datetime
    amendments: list[dict[str, Any]]

    def apply(self, meeting: MeetingPart) -> None:
        meeting.minutes = {
            **meeting.minutes,
            "status": APPROVE.reached,
            "approved": {"meeting_id": self.meeting_id, "at": self.at},
            "amendments": [dict(a) for a in self.amendments],
        }


class MinutesPublished(RecordedAggregate.Event):
    TOPIC = stored_topic("MinutesPublished")
    class_version = 1
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.minutes = {**meeting.minutes, "status": PUBLISH.reached, "published_at": self.at}


class MinutesOfMeeting(MeetingPart):
    """Take a meeting's minutes through their steps."""

    def agree_minutes(self, person_id: UUID, at: datetime) -> None:
        minutes_stage.check_meeting_closed(self.status)
        minutes_stage.next_stage(self.minutes["status"], AGREE)
        self.trigger_event(MinutesAgreed, person_id=person_id, at=at)

    def circulate_minutes(self, at: datetime) -> None:
        minutes_stage.next_stage(self.minutes["status"], CIRCULATE)
        self.trigger_event(MinutesCirculated, at=at)

    def approve_minutes(
        self, later: MeetingPart, at: datetime, amendments: list[dict[str, Any]]
    ) -> None:
        """Approved as a correct record at `later`, a later meeting of the same body,
        with any amendments ({item_id, text}: how the item's minute should read)."""
        minutes_stage.next_stage(self.minutes["status"], APPROVE)
        minutes_stage.check_approved_at(self.sitting(), later.sitting())
        minutes_stage.check_amendments(amendments, self.require_item)
        self.trigger_event(MinutesApproved, meeting_id=later.id, at=at, amendments=amendments)

    def publish_minutes(self, at: datetime) -> None:
        minutes_stage.next_stage(self.minutes["status"], PUBLISH)
        self.trigger_event(MinutesPublished, at=at)
