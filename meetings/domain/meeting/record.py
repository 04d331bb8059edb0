"""The record of each item: interests declared, notes, decisions and actions agreed, and
corrections of any of them (an entry is never changed in place: a correction replaces or
retracts it, and keeps what it said before)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from meetings.domain import agenda, minutes_stage
from meetings.domain.base import RecordedAggregate
from meetings.domain.entries import corrected
from meetings.domain.meeting.part import CLOSED, IN_SESSION, MeetingPart, stored_topic
from meetings.domain.minutes_stage import REOPENED_BY_CORRECTION


class InterestDeclared(RecordedAggregate.Event):
    TOPIC = stored_topic("InterestDeclared")
    class_version = 2
    entry_id: str
    person_id: UUID
    item_id: str
    interest: str
    withdrew: bool
    #: When it was declared (recorded since December 2026; None before).
    at: datetime | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Stored before December 2026 (f30aa52): no moment of declaring."""
        state.setdefault("at", None)

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(
            self.entry_id,
            "declaration",
            person_id=self.person_id,
            item_id=self.item_id,
            interest=self.interest,
            withdrew=self.withdrew,
            at=self.at,
        )


class NoteRecorded(RecordedAggregate.Event):
    TOPIC = stored_topic("NoteRecorded")
    class_version = 2
    entry_id: str
    item_id: str
    text: str
    #: When it was said (recorded since December 2026; None before).
    at: datetime | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Stored before December 2026 (f30aa52): no moment of the note."""
        state.setdefault("at", None)

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(self.entry_id, "note", item_id=self.item_id, text=self.text, at=self.at)


class DecisionRecorded(RecordedAggregate.Event):
    TOPIC = stored_topic("DecisionRecorded")
    class_version = 2
    entry_id: str
    item_id: str
    text: str
    method: str
    votes: dict[str, int] | None
    within_delegated_authority: bool
    referred_to: UUID | None
    requires_ratification: bool
    #: When it was taken (recorded since December 2026; None before).
    at: datetime | None = None
    #: A recorded (named) vote: [{person_id, vote}] (since December 2026).
    votes_by_member: list[dict[str, Any]] | None = None
    #: The quorum at that moment: {required, members_present, quorate} (since December 2026).
    quorum: dict[str, Any] | None = None
    #: Further bodies the matter is referred to, beside `referred_to` (since December 2026).
    also_referred_to: list[UUID] | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Stored before December 2026 (f30aa52): no moment, named vote, quorum, referrals."""
        state.setdefault("at", None)
        state.setdefault("votes_by_member", None)
        state.setdefault("quorum", None)
        state.setdefault("also_referred_to", None)

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(
            self.entry_id,
            "decision",
            at=self.at,
            votes_by_member=self.votes_by_member,
            quorum=self.quorum,
            also_referred_to=self.also_referred_to,
            item_id=self.item_id,
            text=self.text,
            method=self.method,
            votes=self.votes,
            within_delegated_authority=self.within_delegated_authority,
            referred_to=self.referred_to,
            requires_ratification=self.requires_ratification,
        )


class ActionAgreed(RecordedAggregate.Event):
    TOPIC = stored_topic("ActionAgreed")
    class_version = 1
    entry_id: str
    action_id: UUID
    item_id: str
    description: str
    #: None when the action is owned by a partner organisation, to name an owner later.
    owner_id: UUID | None
    organisation_id: UUID | None
    due_on: date
    theme: str | None

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(
            self.entry_id,
            "action",
            action_id=self.action_id,
            item_id=self.item_id,
            description=self.description,
            owner_id=self.owner_id,
            organisation_id=self.organisation_id,
            due_on=self.due_on,
            theme=self.theme,
        )


class EntryCorrected(RecordedAggregate.Event):
    TOPIC = stored_topic("EntryCorrected")
    class_version = 1
    entry_id: str
    reason: str
    replacement: dict[str, Any] | None

    def apply(self, meeting: MeetingPart) -> None:
        # A new dict, never a change in place: forks of this meeting share entries.
        meeting.entries[self.entry_id] = corrected(
            meeting.entries[self.entry_id], self.reason, self.replacement
        )
        if meeting.minutes["status"] in REOPENED_BY_CORRECTION:
            # The agreed text no longer matches the record: the chair agrees it again.
            meeting.minutes = {
                **meeting.minutes,
                "status": minutes_stage.DRAFT,
                "reopened": [*meeting.minutes["reopened"], {"by_correction_of": self.entry_id}],
            }


class Record(MeetingPart):
    """Record what is declared, said, decided and agreed on each item, and correct it."""

    def declare_interest(
        self,
        entry_id: str,
        person_id: UUID,
        item_id: str,
        interest: str,
        withdrew: bool,
        at: datetime | None = None,
    ) -> dict[str, Any]:
        self._require_in_session()
        self.require_item(item_id)
        agenda.check_moment(self.opened_at, at)
        self.trigger_event(
            InterestDeclared,
            entry_id=entry_id,
            person_id=person_id,
            item_id=item_id,
            interest=interest,
            withdrew=withdrew,
            at=at,
        )
        return self.entries[entry_id]

    def record_note(
        self, entry_id: str, item_id: str, text: str, at: datetime | None = None
    ) -> dict[str, Any]:
        self._require_in_session()
        self.item(item_id)
        agenda.check_moment(self.opened_at, at)
        self.trigger_event(NoteRecorded, entry_id=entry_id, item_id=item_id, text=text, at=at)
        return self.entries[entry_id]

    def record_decision(
        self, entry_id: str, item_id: str, decision: dict[str, Any], body_method: str
    ) -> dict[str, Any]:
        """`decision` holds text, method, votes, within_delegated_authority, referred_to
        and requires_ratification (worked out by the caller from the forward plan)."""
        self._require_in_session()
        self.check_decision(item_id, decision, body_method)
        agenda.check_moment(self.opened_at, decision.get("at"))
        self.trigger_event(DecisionRecorded, entry_id=entry_id, item_id=item_id, **decision)
        return self.entries[entry_id]

    def check_decision(self, item_id: str, decision: dict[str, Any], body_method: str) -> None:
        agenda.check_decision(self.item(item_id), decision, body_method, self.entries)

    def agree_action(
        self, entry_id: str, action_id: UUID, item_id: str, fields: dict[str, Any]
    ) -> dict[str, Any]:
        """`fields`: description, owner_id, organisation_id, due_on, theme."""
        self._require_in_session()
        self.item(item_id)
        agenda.check_action_owner(fields)
        self.trigger_event(
            ActionAgreed, entry_id=entry_id, action_id=action_id, item_id=item_id, **fields
        )
        return self.entries[entry_id]

    def correct(self, entry_id: str, reason: str, replacement: dict[str, Any] | None) -> None:
        """Correct (with the entry's fields as they should have been) or retract (None)."""
        self._require_status(IN_SESSION, CLOSED, doing="correct the record")
        minutes_stage.check_correctable(self.minutes["status"])
        agenda.check_correctable(self.entry(entry_id))
        self.trigger_event(
            EntryCorrected, entry_id=entry_id, reason=reason, replacement=replacement
        )
