"""A meeting's agenda: items added (with referrals taken up), reordered, agreed by the
chair, published with notice, and items deferred. The rules are in `domain/agenda.py`."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from meetings.domain import agenda
from meetings.domain.base import RecordedAggregate
from meetings.domain.meeting.part import IN_SESSION, SCHEDULED, MeetingPart, stored_topic
from meetings.domain.rules import late_notice


class AgendaItemAdded(RecordedAggregate.Event):
    TOPIC = stored_topic("AgendaItemAdded")
    class_version = 1
    item_id: str
    title: str
    kind: str
    presenter_id: UUID | None
    confidential: bool
    confidential_reason: str | None
    papers: list[dict[str, Any]]
    forward_plan_id: UUID | None
    deferred_from: UUID | None

    def apply(self, meeting: MeetingPart) -> None:
        meeting.agenda.append(
            {
                "id": self.item_id,
                "title": self.title,
                "kind": self.kind,
                "presenter_id": self.presenter_id,
                "confidential": self.confidential,
                "confidential_reason": self.confidential_reason,
                "papers": self.papers,
                "forward_plan_id": self.forward_plan_id,
                "status": "listed",
                "deferred_from": self.deferred_from,
                "deferred_to": None,
                "deferral_reason": None,
                "added_after_publication": meeting.agenda_published_at is not None,
            }
        )
        # A changed agenda needs the chair's agreement again.
        meeting.agenda_agreed = None


class ReferralTakenUp(RecordedAggregate.Event):
    TOPIC = stored_topic("ReferralTakenUp")
    class_version = 1
    item_id: str
    decision_id: str

    def apply(self, meeting: MeetingPart) -> None:
        item = meeting.item(self.item_id)
        # The first referral the item takes up stays `referral_of`; all are listed.
        item["referral_of"] = item.get("referral_of") or self.decision_id
        item["referrals_of"] = [*(item.get("referrals_of") or []), self.decision_id]


class AgendaReordered(RecordedAggregate.Event):
    TOPIC = stored_topic("AgendaReordered")
    class_version = 1
    item_ids: list[str]

    def apply(self, meeting: MeetingPart) -> None:
        position = {item_id: n for n, item_id in enumerate(self.item_ids)}
        meeting.agenda.sort(key=lambda i: position[i["id"]])
        meeting.agenda_agreed = None


class AgendaAgreed(RecordedAggregate.Event):
    TOPIC = stored_topic("AgendaAgreed")
    class_version = 1
    person_id: UUID
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.agenda_agreed = {"person_id": self.person_id, "at": self.at}


class AgendaPublished(RecordedAggregate.Event):
    TOPIC = stored_topic("AgendaPublished")
    class_version = 1
    published_at: datetime
    late_notice: bool

    def apply(self, meeting: MeetingPart) -> None:
        meeting.agenda_published_at = self.published_at
        meeting.late_notice = self.late_notice


class ItemDeferred(RecordedAggregate.Event):
    TOPIC = stored_topic("ItemDeferred")
    class_version = 1
    item_id: str
    reason: str
    to_meeting_id: UUID | None

    def apply(self, meeting: MeetingPart) -> None:
        meeting.item(self.item_id).update(
            status="deferred", deferral_reason=self.reason, deferred_to=self.to_meeting_id
        )


class AgendaOfMeeting(MeetingPart):
    """Add, reorder, agree, publish and defer the items of a meeting's agenda."""

    def add_item(
        self,
        item_id: str,
        title: str,
        kind: str,
        presenter_id: UUID | None,
        confidential: bool,
        confidential_reason: str | None,
        papers: list[dict[str, Any]],
        forward_plan_id: UUID | None,
        deferred_from: UUID | None = None,
    ) -> dict[str, Any]:
        self._require_status(SCHEDULED, IN_SESSION, doing="change the agenda")
        agenda.check_new_item(confidential, confidential_reason)
        self.trigger_event(
            AgendaItemAdded,
            item_id=item_id,
            title=title,
            kind=kind,
            presenter_id=presenter_id,
            confidential=confidential,
            confidential_reason=confidential_reason,
            papers=papers,
            forward_plan_id=forward_plan_id,
            deferred_from=deferred_from,
        )
        return self.item(item_id)

    def take_up_referral(self, item_id: str, decision_id: str) -> None:
        """The item considers a matter another body's decision referred to this body."""
        self.item(item_id)
        self.trigger_event(ReferralTakenUp, item_id=item_id, decision_id=decision_id)

    def reorder(self, item_ids: list[str]) -> None:
        self._require_status(SCHEDULED, IN_SESSION, doing="reorder the agenda")
        agenda.check_order(self.agenda, item_ids)
        self.trigger_event(AgendaReordered, item_ids=item_ids)

    def agree_agenda(self, person_id: UUID, at: datetime) -> None:
        self._require_status(SCHEDULED, doing="agree the agenda")
        agenda.check_agreeable(self.agenda)
        self.trigger_event(AgendaAgreed, person_id=person_id, at=at)

    def publish_agenda(self, now: datetime, notice_working_days: int) -> None:
        self._require_status(SCHEDULED, doing="publish the agenda")
        agenda.check_publishable(self.agenda_agreed)
        late = late_notice(now, self.starts_at, notice_working_days)
        self.trigger_event(AgendaPublished, published_at=now, late_notice=late)

    def defer_item(self, item_id: str, reason: str, to_meeting_id: UUID | None) -> None:
        self._require_status(SCHEDULED, IN_SESSION, doing="defer an item")
        agenda.check_deferrable(self.item(item_id))
        self.trigger_event(
            ItemDeferred, item_id=item_id, reason=reason, to_meeting_id=to_meeting_id
        )
