"""A sitting of a body, from scheduling until it closes: agenda, attendance, record."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import (
    AttendanceRuleError,
    CorrectionRuleError,
    DecisionRuleError,
    InvalidFieldError,
    MeetingStatusError,
    NotFoundError,
    NotInSessionError,
    UnknownReferenceError,
)
from meetings.domain.rules import late_notice

SCHEDULED, IN_SESSION, CLOSED, CANCELLED = "scheduled", "in_session", "closed", "cancelled"

#: The life of the minutes, in order.
DRAFT, AGREED, CIRCULATED, APPROVED, PUBLISHED = (
    "draft",
    "agreed",
    "circulated",
    "approved",
    "published",
)
MINUTES_STAGES = (DRAFT, AGREED, CIRCULATED, APPROVED, PUBLISHED)
_NO_MINUTES: dict[str, Any] = {
    "status": DRAFT,
    "agreed": None,
    "circulated_at": None,
    "approved": None,
    "amendments": [],
    "published_at": None,
    "reopened": [],
}


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

    #: Class defaults: meetings (and snapshots) from before groups and joint meetings.
    groups: list[str] | None = None
    joint_with: list[UUID] | None = None

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
        self.groups = list(groups) if groups else None
        self.joint_with = list(joint_with) if joint_with else None
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
        if confidential and not confidential_reason:
            raise InvalidFieldError(
                "confidential_reason", "A confidential item needs the reason it is withheld."
            )
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
        if sorted(item_ids) != sorted(i["id"] for i in self.agenda):
            raise InvalidFieldError("item_ids", "Give every item of the agenda exactly once.")
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
        if not self.agenda:
            raise MeetingStatusError("The agenda has no items yet: add them before agreeing.")
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
        if self.agenda_agreed is None:
            raise MeetingStatusError(
                "The chair has not agreed the agenda (or it changed since): "
                "ask the chair to agree it before publishing."
            )
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
        if self.item(item_id)["status"] != "listed":
            raise MeetingStatusError("That item has already been deferred.")
        self._item_deferred(item_id, reason, to_meeting_id)

    @event(ItemDeferred)
    def _item_deferred(self, item_id: str, reason: str, to_meeting_id: UUID | None) -> None:
        item = self.item(item_id)
        item.update(status="deferred", deferral_reason=reason, deferred_to=to_meeting_id)

    def item(self, item_id: str) -> dict[str, Any]:
        for item in self.agenda:
            if item["id"] == item_id:
                return item
        raise NotFoundError("agenda item of this meeting", item_id)

    def require_item(self, item_id: str, field: str = "item_id") -> dict[str, Any]:
        """An item named in the body of a request: unknown is an invalid field (422)."""
        try:
            return self.item(item_id)
        except NotFoundError:
            raise UnknownReferenceError(field, "agenda item of this meeting", item_id) from None

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
        recorded, here = self._standing(person_id, ignoring)
        if status == "present" and here:
            raise AttendanceRuleError(
                "That person is already recorded as present: record a departure first, "
                "or correct the earlier entry."
            )
        if status != "present" and recorded:
            raise AttendanceRuleError(
                "That person's attendance is already recorded: correct that entry instead."
            )
        if substitute_for is not None:
            self._check_substitute(
                status,
                capacity,
                admitted_by_chair,
                is_named_substitute,
                member_here=self._standing(substitute_for, ignoring)[1],
            )
        elif capacity == "guest" and not admitted_by_chair:
            raise AttendanceRuleError(
                "A guest attends only with the chair's agreement: set admitted_by_chair."
            )
        elif capacity == "member" and status == "present" and not is_member:
            raise AttendanceRuleError(
                "That person is not a member of this body on the day of the meeting (or their "
                "seat's group is not summoned to it): record them as an adviser, observer, "
                "officer, or a guest admitted by the chair."
            )

    def _standing(self, person_id: UUID, ignoring: str | None) -> tuple[bool, bool]:
        """Whether the person's attendance is recorded at all, and whether they are here
        now (present, and not left since), leaving one entry out; without copying the
        record (this runs on every tap)."""
        recorded = here = False
        for e in self.entries.values():
            if (
                e["kind"] != "attendance"
                or e["retracted"]
                or e["id"] == ignoring
                or e["person_id"] != person_id
            ):
                continue
            recorded = True
            here = here or (e["status"] == "present" and not self._left_since(person_id, e["at"]))
        return recorded, here

    def _left_since(self, person_id: UUID, since: datetime) -> bool:
        return any(
            d["kind"] == "departure"
            and not d["retracted"]
            and d["person_id"] == person_id
            and d["at"] >= since
            for d in self.entries.values()
        )

    @staticmethod
    def _check_substitute(
        status: str,
        capacity: str,
        admitted: bool,
        named: bool,
        *,
        member_here: bool,
    ) -> None:
        if status != "present" or capacity != "member":
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
        here = [
            e
            for e in self.attendance()
            if e["person_id"] == person_id and e["status"] == "present" and not e["left_at"]
        ]
        if not here:
            raise AttendanceRuleError("That person is not recorded as present, so cannot leave.")
        if at < here[-1]["at"]:
            raise InvalidFieldError("at", "A departure cannot be before the person arrived.")
        self._departure_recorded(entry_id, person_id, at)
        return self.entries[entry_id]

    @event(DepartureRecorded)
    def _departure_recorded(self, entry_id: str, person_id: UUID, at: datetime) -> None:
        self._add_entry(entry_id, "departure", person_id=person_id, at=at)

    def attendance(self) -> list[dict[str, Any]]:
        """Attendance entries in force, each with when the person left (if they did)."""
        rows = []
        departures = self.live_entries("departure")
        for entry in self.live_entries("attendance"):
            left = [
                d["at"]
                for d in departures
                if d["person_id"] == entry["person_id"] and d["at"] >= entry["at"]
            ]
            rows.append({**entry, "left_at": min(left) if left else None})
        return rows

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
        if self.status == CANCELLED:
            raise MeetingStatusError("Cannot record who is in the chair: the meeting is cancelled.")
        if self.status == CLOSED:
            if self.minutes["status"] != DRAFT:
                raise MeetingStatusError(
                    "Cannot record who is in the chair: the minutes are "
                    f"{self.minutes['status']}. Correct the record before they are agreed."
                )
            if self.closed_at is not None and at > self.closed_at:
                raise InvalidFieldError("at", "Nobody takes the chair after the meeting closed.")
        self._chair_taken(entry_id, person_id, at)
        return self.entries[entry_id]

    @event(ChairTaken)
    def _chair_taken(self, entry_id: str, person_id: UUID, at: datetime) -> None:
        self._add_entry(entry_id, "chair", person_id=person_id, at=at)

    def in_the_chair(self) -> list[dict[str, Any]]:
        """Who was recorded in the chair, in order of when they took it."""
        return sorted(self.live_entries("chair"), key=lambda e: e["at"])

    def chair_at(self, moment: datetime) -> UUID | None:
        """Who was recorded in the chair at a moment (None if nobody was yet)."""
        taken = [e for e in self.in_the_chair() if e["at"] <= moment]
        return taken[-1]["person_id"] if taken else None

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
        self._check_moment(at)
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

    def _check_moment(self, at: datetime | None) -> None:
        """Something recorded in session happened after the meeting opened."""
        if at is not None and self.opened_at is not None and at < self.opened_at:
            raise InvalidFieldError(
                "at", "That is before the meeting opened: give a time during the meeting."
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
        self._check_moment(at)
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
        self._check_moment(decision.get("at"))
        self._decision_recorded(entry_id, item_id, **decision)
        return self.entries[entry_id]

    def check_decision(self, item_id: str, decision: dict[str, Any], body_method: str) -> None:
        if self.item(item_id)["status"] != "listed":
            raise DecisionRuleError("That item was deferred: nothing can be decided on it here.")
        if decision["method"] == "vote" and body_method != "vote":
            raise DecisionRuleError(
                "This body decides by consensus and has no voting arrangements: record the "
                "decision as consensus (or noted)."
            )
        if decision["method"] == "vote" and not decision.get("votes"):
            raise InvalidFieldError("votes", "A vote needs its counts: for, against, abstain.")
        if decision["method"] != "vote" and decision.get("votes"):
            raise InvalidFieldError("votes", "Vote counts go only with the method vote.")
        named = decision.get("votes_by_member")
        if named:
            self._check_named_vote(named, decision.get("at"))

    def _check_named_vote(self, named: list[dict[str, Any]], at: datetime | None) -> None:
        """Everyone named in a recorded vote votes once, and was in the room as a member."""
        from meetings.domain.rules import members_in_the_room

        seen: set[Any] = set()
        here = members_in_the_room(self.attendance(), at or datetime.max.replace(tzinfo=UTC))
        for n, v in enumerate(named):
            if v["person_id"] in seen:
                raise InvalidFieldError(
                    f"votes_by_member.{n}.person_id", "Each member votes once in a recorded vote."
                )
            seen.add(v["person_id"])
            if v["person_id"] not in here:
                raise DecisionRuleError(
                    f"Vote {n + 1} of the recorded vote is by someone not recorded as present as a "
                    "member (or substitute) when the decision was taken: only members in the "
                    "room vote. Record their attendance first, or correct it."
                )

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
        if fields.get("owner_id") is None and fields.get("organisation_id") is None:
            raise InvalidFieldError(
                "owner_id",
                "An action needs an owner: a person (owner_id), or a partner organisation "
                "(organisation_id) that names one later.",
            )
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
        if self.minutes["status"] in (APPROVED, PUBLISHED):
            raise CorrectionRuleError(
                "The minutes were approved as a correct record: the record can no longer be "
                "corrected here. A later meeting of the body must decide the change."
            )
        entry = self.entry(entry_id)
        if entry["retracted"]:
            raise CorrectionRuleError("That entry was already retracted.")
        self._entry_corrected(entry_id, reason, replacement)

    @event(EntryCorrected)
    def _entry_corrected(
        self, entry_id: str, reason: str, replacement: dict[str, Any] | None
    ) -> None:
        # A new dict, never a change in place: forks of this meeting share entries.
        entry = self.entries[entry_id]
        previous = {k: v for k, v in entry.items() if k != "corrections"}
        correction = {"reason": reason, "previous": previous, "retracted": replacement is None}
        self.entries[entry_id] = {
            **entry,
            **(replacement or {"retracted": True}),
            "corrections": [*entry["corrections"], correction],
        }
        if self.minutes["status"] in (AGREED, CIRCULATED):
            # The agreed text no longer matches the record: the chair agrees it again.
            self.minutes = {
                **self.minutes,
                "status": DRAFT,
                "reopened": [*self.minutes["reopened"], {"by_correction_of": entry_id}],
            }

    def entry(self, entry_id: str) -> dict[str, Any]:
        try:
            return self.entries[entry_id]
        except KeyError:
            raise UnknownReferenceError("entry_id", "entry of this meeting", entry_id) from None

    # Minutes -----------------------------------------------------------------------

    #: Until the first step of the minutes (and in snapshots taken before there were any).
    minutes = _NO_MINUTES

    def _require_minutes(self, *allowed: str, doing: str, hint: str) -> None:
        status = self.minutes["status"]
        if status not in allowed:
            raise MeetingStatusError(f"Cannot {doing}: the minutes are {status}. {hint}")

    class MinutesAgreed(RecordedAggregate.Event):
        class_version = 1
        person_id: UUID
        at: datetime

    def agree_minutes(self, person_id: UUID, at: datetime) -> None:
        if self.status != CLOSED:
            raise MeetingStatusError(
                f"Cannot agree the minutes: the meeting is {self.status.replace('_', ' ')}. "
                "Minutes are agreed after the meeting closes."
            )
        self._require_minutes(
            DRAFT, doing="agree the minutes", hint="They have been agreed already."
        )
        self._minutes_agreed(person_id, at)

    @event(MinutesAgreed)
    def _minutes_agreed(self, person_id: UUID, at: datetime) -> None:
        self.minutes = {
            **self.minutes,
            "status": AGREED,
            "agreed": {"person_id": person_id, "at": at},
        }

    class MinutesCirculated(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def circulate_minutes(self, at: datetime) -> None:
        self._require_minutes(
            AGREED,
            doing="circulate the minutes",
            hint="They are circulated once the chair has agreed them, and only once.",
        )
        self._minutes_circulated(at)

    @event(MinutesCirculated)
    def _minutes_circulated(self, at: datetime) -> None:
        self.minutes = {**self.minutes, "status": CIRCULATED, "circulated_at": at}

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
        self._require_minutes(
            CIRCULATED,
            doing="approve the minutes",
            hint="They are approved after they have been agreed by the chair and circulated.",
        )
        if later.body_id != self.body_id:
            raise MeetingStatusError(
                "Minutes are approved at a later meeting of the same body: the meeting "
                "named in approved_at belongs to another body."
            )
        if later.id == self.id or later.starts_at <= self.starts_at:
            raise MeetingStatusError(
                "Minutes are approved at a later meeting of the same body: the meeting "
                "named in approved_at is not later than this one."
            )
        if later.status not in (IN_SESSION, CLOSED):
            raise MeetingStatusError(
                f"The meeting named in approved_at is {later.status.replace('_', ' ')}: "
                "minutes are approved at a meeting that has opened."
            )
        seen: set[str] = set()
        for n, amendment in enumerate(amendments):
            self.require_item(amendment["item_id"], f"amendments.{n}.item_id")
            if amendment["item_id"] in seen:
                raise InvalidFieldError(f"amendments.{n}.item_id", "Give one amendment per item.")
            seen.add(amendment["item_id"])
        self._minutes_approved(later.id, at, amendments)

    @event(MinutesApproved)
    def _minutes_approved(
        self, meeting_id: UUID, at: datetime, amendments: list[dict[str, Any]]
    ) -> None:
        self.minutes = {
            **self.minutes,
            "status": APPROVED,
            "approved": {"meeting_id": meeting_id, "at": at},
            "amendments": [dict(a) for a in amendments],
        }

    class MinutesPublished(RecordedAggregate.Event):
        class_version = 1
        at: datetime

    def publish_minutes(self, at: datetime) -> None:
        self._require_minutes(
            APPROVED,
            doing="publish the minutes",
            hint="Only minutes approved as a correct record at a later meeting are published.",
        )
        self._minutes_published(at)

    @event(MinutesPublished)
    def _minutes_published(self, at: datetime) -> None:
        self.minutes = {**self.minutes, "status": PUBLISHED, "published_at": at}

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
        self.entries[entry_id] = {
            "id": entry_id,
            "kind": kind,
            **fields,
            "retracted": False,
            "corrections": [],
        }

    def live_entries(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.entries.values() if e["kind"] == kind and not e["retracted"]]
