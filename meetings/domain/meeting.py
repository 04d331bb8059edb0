"""A sitting of a body, from scheduling until it closes: agenda, attendance, record."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain import agenda, attendance, minutes_stage
from meetings.domain.attendance import live
from meetings.domain.base import RecordedAggregate
from meetings.domain.entries import corrected, new_entry, upcast_state_v1_v2
from meetings.domain.errors import (
    InvalidFieldError,
    MeetingStatusError,
    NotInSessionError,
    UnknownReferenceError,
)
from meetings.domain.minutes_stage import (
    AGREE,
    APPROVE,
    CIRCULATE,
    NO_MINUTES,
    PUBLISH,
    REOPENED_BY_CORRECTION,
    Sitting,
)
from meetings.domain.rules import late_notice

#: The life of the meeting itself (the strings the record stores); its minutes' life is
#: in `minutes_stage`.
SCHEDULED, IN_SESSION, CLOSED, CANCELLED = "scheduled", "in_session", "closed", "cancelled"


class Meeting(RecordedAggregate):
    """A meeting of one body. Every tap of the clerk is an event; entries are corrected
    or retracted by later events, never changed in place."""

    class Scheduled(RecordedAggregate.Created):
        class_version = 2
        body_id: UUID
        starts_at: datetime
        venue: str | None
        kind: str
        #: The body's groups summoned (since December 2026; none: everyone).
        groups: list[str] | None = None
        #: Other bodies meeting jointly with this one (since December 2026).
        joint_with: list[UUID] | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Stored before December 2026 (f30aa52): no groups summoned, no joint bodies."""
            state.setdefault("groups", None)
            state.setdefault("joint_with", None)

    #: The version of the state a snapshot holds (stored in it since December 2026).
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot from before December 2026 (f30aa52): the state its events give today."""
        upcast_state_v1_v2(state)

    @event(Scheduled)
    def __init__(
        self,
        body_id: UUID,
        starts_at: datetime,
        venue: str | None,
        kind: str,
        groups: list[str] | None = None,
        joint_with: list[UUID] | None = None,
    ) -> None:
        self.groups: list[str] | None = list(groups) if groups else None
        self.joint_with: list[UUID] | None = list(joint_with) if joint_with else None
        self.body_id = body_id
        self.starts_at = starts_at
        self.venue = venue
        self.kind = kind
        self.status = SCHEDULED
        self.agenda: list[dict[str, Any]] = []
        self.agenda_agreed: dict[str, Any] | None = None
        self.agenda_published_at: datetime | None = None
        self.late_notice: bool | None = None
        self.opened_at: datetime | None = None
        self.closed_at: datetime | None = None
        self.postponements: list[dict[str, Any]] = []
        self.cancellation_reason: str | None = None
        self.entries: dict[str, dict[str, Any]] = {}

    # Lifecycle ---------------------------------------------------------------------

    def _require_status(self, *allowed: str, doing: str) -> None:
        if self.status not in allowed:
            raise MeetingStatusError(
                f"Cannot {doing}: the meeting is {self.status.replace('_', ' ')}."
            )

    def _require_in_session(self) -> None:
        if self.status != IN_SESSION:
            raise NotInSessionError(self.status)

    class Postponed(RecordedAggregate.Event):
        class_version = 1
        reason: str
        starts_at: datetime | None

    def postpone(self, reason: str, starts_at: datetime | None) -> None:
        self._require_status(SCHEDULED, doing="postpone it")
        self._postponed(reason, starts_at)

    @event(Postponed)
    def _postponed(self, reason: str, starts_at: datetime | None) -> None:
        self.postponements.append({"from": self.starts_at, "to": starts_at, "reason": reason})
        if starts_at is not None:
            self.starts_at = starts_at
        # The agenda must go out again for the new date.
        self.agenda_published_at = None
        self.late_notice = None

    class Cancelled(RecordedAggregate.Event):
        class_version = 1
        reason: str

    def cancel(self, reason: str) -> None:
        self._require_status(SCHEDULED, doing="cancel it")
        self._cancelled(reason)

    @event(Cancelled)
    def _cancelled(self, reason: str) -> None:
        self.status = CANCELLED
        self.cancellation_reason = reason

    class Opened(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def open(self, at: datetime) -> None:
        self._require_status(SCHEDULED, doing="open it")
        self._opened(at)

    @event(Opened)
    def _opened(self, at: datetime) -> None:
        self.status = IN_SESSION
        self.opened_at = at

    class Closed(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def close(self, at: datetime) -> None:
        self._require_in_session()
        assert self.opened_at is not None
        if at < self.opened_at:
            raise InvalidFieldError("at", "A meeting cannot close before it opened.")
        self._closed(at)

    @event(Closed)
    def _closed(self, at: datetime) -> None:
        self.status = CLOSED
        self.closed_at = at

    # Agenda ------------------------------------------------------------------------

    class AgendaItemAdded(RecordedAggregate.Event):
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
        self._item_added(
            item_id,
            title,
            kind,
            presenter_id,
            confidential,
            confidential_reason,
            papers,
            forward_plan_id,
            deferred_from,
        )
        return self.item(item_id)

    @event(AgendaItemAdded)
    def _item_added(
        self,
        item_id: str,
        title: str,
        kind: str,
        presenter_id: UUID | None,
        confidential: bool,
        confidential_reason: str | None,
        papers: list[dict[str, Any]],
        forward_plan_id: UUID | None,
        deferred_from: UUID | None,
    ) -> None:
        self.agenda.append(
            {
                "id": item_id,
                "title": title,
                "kind": kind,
                "presenter_id": presenter_id,
                "confidential": confidential,
                "confidential_reason": confidential_reason,
                "papers": papers,
                "forward_plan_id": forward_plan_id,
                "status": "listed",
                "deferred_from": deferred_from,
                "deferred_to": None,
                "deferral_reason": None,
                "added_after_publication": self.agenda_published_at is not None,
            }
        )
        # A changed agenda needs the chair's agreement again.
        self.agenda_agreed = None

    class ReferralTakenUp(RecordedAggregate.Event):
        class_version = 1
        item_id: str
        decision_id: str

    def take_up_referral(self, item_id: str, decision_id: str) -> None:
        """The item considers a matter another body's decision referred to this body."""
        self.item(item_id)
        self._referral_taken_up(item_id, decision_id)

    @event(ReferralTakenUp)
    def _referral_taken_up(self, item_id: str, decision_id: str) -> None:
        item = self.item(item_id)
        # The first referral the item takes up stays `referral_of`; all are listed.
        item["referral_of"] = item.get("referral_of") or decision_id
        item["referrals_of"] = [*(item.get("referrals_of") or []), decision_id]

    class AgendaReordered(RecordedAggregate.Event):
        class_version = 1
        item_ids: list[str]

    def reorder(self, item_ids: list[str]) -> None:
        self._require_status(SCHEDULED, IN_SESSION, doing="reorder the agenda")
        agenda.check_order(self.agenda, item_ids)
        self._reordered(item_ids)

    @event(AgendaReordered)
    def _reordered(self, item_ids: list[str]) -> None:
        position = {item_id: n for n, item_id in enumerate(item_ids)}
        self.agenda.sort(key=lambda i: position[i["id"]])
        self.agenda_agreed = None

    class AgendaAgreed(RecordedAggregate.Event):
        class_version = 1
        person_id: UUID
        at: datetime

    def agree_agenda(self, person_id: UUID, at: datetime) -> None:
        self._require_status(SCHEDULED, doing="agree the agenda")
        agenda.check_agreeable(self.agenda)
        self._agenda_agreed(person_id, at)

    @event(AgendaAgreed)
    def _agenda_agreed(self, person_id: UUID, at: datetime) -> None:
        self.agenda_agreed = {"person_id": person_id, "at": at}

    class AgendaPublished(RecordedAggregate.Event):
        class_version = 1
        published_at: datetime
        late_notice: bool

    def publish_agenda(self, now: datetime, notice_working_days: int) -> None:
        self._require_status(SCHEDULED, doing="publish the agenda")
        agenda.check_publishable(self.agenda_agreed)
        self._agenda_published(now, late_notice(now, self.starts_at, notice_working_days))

    @event(AgendaPublished)
    def _agenda_published(self, published_at: datetime, late_notice: bool) -> None:
        self.agenda_published_at = published_at
        self.late_notice = late_notice

    class ItemDeferred(RecordedAggregate.Event):
        class_version = 1
        item_id: str
        reason: str
        to_meeting_id: UUID | None

    def defer_item(self, item_id: str, reason: str, to_meeting_id: UUID | None) -> None:
        self._require_status(SCHEDULED, IN_SESSION, doing="defer an item")
        agenda.check_deferrable(self.item(item_id))
        self._item_deferred(item_id, reason, to_meeting_id)

    @event(ItemDeferred)
    def _item_deferred(self, item_id: str, reason: str, to_meeting_id: UUID | None) -> None:
        item = self.item(item_id)
        item.update(status="deferred", deferral_reason=reason, deferred_to=to_meeting_id)

    def item(self, item_id: str) -> dict[str, Any]:
        return agenda.find_item(self.agenda, item_id)

    def require_item(self, item_id: str, field: str = "item_id") -> dict[str, Any]:
        """An item named in the body of a request: unknown is an invalid field (422)."""
        return agenda.require_item(self.agenda, item_id, field)

    # Attendance --------------------------------------------------------------------

    class AttendanceRecorded(RecordedAggregate.Event):
        class_version = 1
        entry_id: str
        person_id: UUID
        status: str
        capacity: str
        substitute_for: UUID | None
        admitted_by_chair: bool
        at: datetime

    def record_attendance(
        self,
        entry_id: str,
        person_id: UUID,
        status: str,
        capacity: str,
        substitute_for: UUID | None,
        admitted_by_chair: bool,
        at: datetime,
        *,
        is_member: bool,
        is_named_substitute: bool,
    ) -> dict[str, Any]:
        self._require_in_session()
        self.check_attendance(
            person_id,
            status,
            capacity,
            substitute_for,
            admitted_by_chair,
            is_member=is_member,
            is_named_substitute=is_named_substitute,
        )
        self._attendance_recorded(
            entry_id, person_id, status, capacity, substitute_for, admitted_by_chair, at
        )
        return self.entries[entry_id]

    def check_attendance(
        self,
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
        """The rules of who may be recorded as attending, and how."""
        attendance.check_attendance(
            self.entries,
            person_id,
            status,
            capacity,
            substitute_for,
            admitted_by_chair,
            is_member=is_member,
            is_named_substitute=is_named_substitute,
            ignoring=ignoring,
        )

    @event(AttendanceRecorded)
    def _attendance_recorded(
        self,
        entry_id: str,
        person_id: UUID,
        status: str,
        capacity: str,
        substitute_for: UUID | None,
        admitted_by_chair: bool,
        at: datetime,
    ) -> None:
        self._add_entry(
            entry_id,
            "attendance",
            person_id=person_id,
            status=status,
            capacity=capacity,
            substitute_for=substitute_for,
            admitted_by_chair=admitted_by_chair,
            at=at,
        )

    class DepartureRecorded(RecordedAggregate.Event):
        class_version = 1
        entry_id: str
        person_id: UUID
        at: datetime

    def record_departure(self, entry_id: str, person_id: UUID, at: datetime) -> dict[str, Any]:
        self._require_in_session()
        attendance.check_departure(self.attendance(), person_id, at)
        self._departure_recorded(entry_id, person_id, at)
        return self.entries[entry_id]

    @event(DepartureRecorded)
    def _departure_recorded(self, entry_id: str, person_id: UUID, at: datetime) -> None:
        self._add_entry(entry_id, "departure", person_id=person_id, at=at)

    def attendance(self) -> list[dict[str, Any]]:
        """Attendance entries in force, each with when the person left (if they did)."""
        return attendance.attendance_rows(self.entries)

    # Who is in the chair ------------------------------------------------------------

    class ChairTaken(RecordedAggregate.Event):
        class_version = 1
        entry_id: str
        person_id: UUID
        at: datetime

    def take_chair(self, entry_id: str, person_id: UUID, at: datetime) -> dict[str, Any]:
        """Who took the chair from `at`: the chair, the vice-chair, a nominee, or someone
        taking over while the chair steps out. Recorded before the meeting (so they agree
        its agenda), during it, or typed up afterwards while the minutes are a draft."""
        attendance.check_taking_chair(self.status, self.minutes["status"], self.closed_at, at)
        self._chair_taken(entry_id, person_id, at)
        return self.entries[entry_id]

    @event(ChairTaken)
    def _chair_taken(self, entry_id: str, person_id: UUID, at: datetime) -> None:
        self._add_entry(entry_id, "chair", person_id=person_id, at=at)

    def in_the_chair(self) -> list[dict[str, Any]]:
        """Who was recorded in the chair, in order of when they took it."""
        return attendance.in_the_chair(self.entries)

    def chair_at(self, moment: datetime) -> UUID | None:
        """Who was recorded in the chair at a moment (None if nobody was yet)."""
        return attendance.chair_at(self.entries, moment)

    # The record of each item --------------------------------------------------------

    class InterestDeclared(RecordedAggregate.Event):
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
        self._interest_declared(entry_id, person_id, item_id, interest, withdrew, at)
        return self.entries[entry_id]

    @event(InterestDeclared)
    def _interest_declared(
        self,
        entry_id: str,
        person_id: UUID,
        item_id: str,
        interest: str,
        withdrew: bool,
        at: datetime | None = None,
    ) -> None:
        self._add_entry(
            entry_id,
            "declaration",
            person_id=person_id,
            item_id=item_id,
            interest=interest,
            withdrew=withdrew,
            at=at,
        )

    class NoteRecorded(RecordedAggregate.Event):
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

    def record_note(
        self, entry_id: str, item_id: str, text: str, at: datetime | None = None
    ) -> dict[str, Any]:
        self._require_in_session()
        self.item(item_id)
        agenda.check_moment(self.opened_at, at)
        self._note_recorded(entry_id, item_id, text, at)
        return self.entries[entry_id]

    @event(NoteRecorded)
    def _note_recorded(
        self, entry_id: str, item_id: str, text: str, at: datetime | None = None
    ) -> None:
        self._add_entry(entry_id, "note", item_id=item_id, text=text, at=at)

    class DecisionRecorded(RecordedAggregate.Event):
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

    def record_decision(
        self, entry_id: str, item_id: str, decision: dict[str, Any], body_method: str
    ) -> dict[str, Any]:
        """`decision` holds text, method, votes, within_delegated_authority, referred_to
        and requires_ratification (worked out by the caller from the forward plan)."""
        self._require_in_session()
        self.check_decision(item_id, decision, body_method)
        agenda.check_moment(self.opened_at, decision.get("at"))
        self._decision_recorded(entry_id, item_id, **decision)
        return self.entries[entry_id]

    def check_decision(self, item_id: str, decision: dict[str, Any], body_method: str) -> None:
        agenda.check_decision(self.item(item_id), decision, body_method, self.entries)

    @event(DecisionRecorded)
    def _decision_recorded(
        self,
        entry_id: str,
        item_id: str,
        text: str,
        method: str,
        votes: dict[str, int] | None,
        within_delegated_authority: bool,
        referred_to: UUID | None,
        requires_ratification: bool,
        at: datetime | None = None,
        votes_by_member: list[dict[str, Any]] | None = None,
        quorum: dict[str, Any] | None = None,
        also_referred_to: list[UUID] | None = None,
    ) -> None:
        self._add_entry(
            entry_id,
            "decision",
            at=at,
            votes_by_member=votes_by_member,
            quorum=quorum,
            also_referred_to=also_referred_to,
            item_id=item_id,
            text=text,
            method=method,
            votes=votes,
            within_delegated_authority=within_delegated_authority,
            referred_to=referred_to,
            requires_ratification=requires_ratification,
        )

    class ActionAgreed(RecordedAggregate.Event):
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

    def agree_action(
        self, entry_id: str, action_id: UUID, item_id: str, fields: dict[str, Any]
    ) -> dict[str, Any]:
        """`fields`: description, owner_id, organisation_id, due_on, theme."""
        self._require_in_session()
        self.item(item_id)
        agenda.check_action_owner(fields)
        self._action_agreed(entry_id, action_id, item_id, **fields)
        return self.entries[entry_id]

    @event(ActionAgreed)
    def _action_agreed(
        self,
        entry_id: str,
        action_id: UUID,
        item_id: str,
        description: str,
        owner_id: UUID | None,
        organisation_id: UUID | None,
        due_on: date,
        theme: str | None,
    ) -> None:
        self._add_entry(
            entry_id,
            "action",
            action_id=action_id,
            item_id=item_id,
            description=description,
            owner_id=owner_id,
            organisation_id=organisation_id,
            due_on=due_on,
            theme=theme,
        )

    # Corrections -------------------------------------------------------------------

    class EntryCorrected(RecordedAggregate.Event):
        class_version = 1
        entry_id: str
        reason: str
        replacement: dict[str, Any] | None

    def correct(self, entry_id: str, reason: str, replacement: dict[str, Any] | None) -> None:
        """Correct (with the entry's fields as they should have been) or retract (None)."""
        self._require_status(IN_SESSION, CLOSED, doing="correct the record")
        minutes_stage.check_correctable(self.minutes["status"])
        agenda.check_correctable(self.entry(entry_id))
        self._entry_corrected(entry_id, reason, replacement)

    @event(EntryCorrected)
    def _entry_corrected(
        self, entry_id: str, reason: str, replacement: dict[str, Any] | None
    ) -> None:
        # A new dict, never a change in place: forks of this meeting share entries.
        self.entries[entry_id] = corrected(self.entries[entry_id], reason, replacement)
        if self.minutes["status"] in REOPENED_BY_CORRECTION:
            # The agreed text no longer matches the record: the chair agrees it again.
            self.minutes = {
                **self.minutes,
                "status": minutes_stage.DRAFT,
                "reopened": [*self.minutes["reopened"], {"by_correction_of": entry_id}],
            }

    def entry(self, entry_id: str) -> dict[str, Any]:
        try:
            return self.entries[entry_id]
        except KeyError:
            raise UnknownReferenceError("entry_id", "entry of this meeting", entry_id) from None

    # Minutes -----------------------------------------------------------------------

    #: Until the first step of the minutes (and in snapshots taken before there were any).
    minutes = NO_MINUTES

    class MinutesAgreed(RecordedAggregate.Event):
        class_version = 1
        person_id: UUID
        at: datetime

    def agree_minutes(self, person_id: UUID, at: datetime) -> None:
        minutes_stage.check_meeting_closed(self.status)
        minutes_stage.next_stage(self.minutes["status"], AGREE)
        self._minutes_agreed(person_id, at)

    @event(MinutesAgreed)
    def _minutes_agreed(self, person_id: UUID, at: datetime) -> None:
        self.minutes = {
            **self.minutes,
            "status": AGREE.reached,
            "agreed": {"person_id": person_id, "at": at},
        }

    class MinutesCirculated(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def circulate_minutes(self, at: datetime) -> None:
        minutes_stage.next_stage(self.minutes["status"], CIRCULATE)
        self._minutes_circulated(at)

    @event(MinutesCirculated)
    def _minutes_circulated(self, at: datetime) -> None:
        self.minutes = {**self.minutes, "status": CIRCULATE.reached, "circulated_at": at}

    class MinutesApproved(RecordedAggregate.Event):
        class_version = 1
        meeting_id: UUID
        at: datetime
        amendments: list[dict[str, Any]]

    def approve_minutes(
        self, later: Meeting, at: datetime, amendments: list[dict[str, Any]]
    ) -> None:
        """Approved as a correct record at `later`, a later meeting of the same body,
        with any amendments ({item_id, text}: how the item's minute should read)."""
        minutes_stage.next_stage(self.minutes["status"], APPROVE)
        minutes_stage.check_approved_at(self._sitting(), later._sitting())
        minutes_stage.check_amendments(amendments, self.require_item)
        self._minutes_approved(later.id, at, amendments)

    @event(MinutesApproved)
    def _minutes_approved(
        self, meeting_id: UUID, at: datetime, amendments: list[dict[str, Any]]
    ) -> None:
        self.minutes = {
            **self.minutes,
            "status": APPROVE.reached,
            "approved": {"meeting_id": meeting_id, "at": at},
            "amendments": [dict(a) for a in amendments],
        }

    class MinutesPublished(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def publish_minutes(self, at: datetime) -> None:
        minutes_stage.next_stage(self.minutes["status"], PUBLISH)
        self._minutes_published(at)

    @event(MinutesPublished)
    def _minutes_published(self, at: datetime) -> None:
        self.minutes = {**self.minutes, "status": PUBLISH.reached, "published_at": at}

    # Entries -----------------------------------------------------------------------

    def fork(self) -> Meeting:
        """A copy to change, sharing the entries (which events replace, never change), so
        a meeting kept in memory can serve the next command without decoding a snapshot."""
        copy = object.__new__(Meeting)
        copy.__dict__.update(self.__dict__)
        copy.__dict__["_pending_events"] = []
        copy.entries = dict(self.entries)
        copy.agenda = [dict(item) for item in self.agenda]
        copy.postponements = list(self.postponements)
        return copy

    def _add_entry(self, entry_id: str, kind: str, **fields: Any) -> None:
        self.entries[entry_id] = new_entry(entry_id, kind, **fields)

    def live_entries(self, kind: str) -> list[dict[str, Any]]:
        return live(self.entries, kind)

    def _sitting(self) -> Sitting:
        return Sitting(self.id, self.body_id, self.starts_at, self.status)
