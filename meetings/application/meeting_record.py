"""Use cases for recording a meeting live: agenda, session, attendance, the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from meetings.application import access, disclosure
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAction,
    AgreeAgenda,
    CancelMeeting,
    CloseMeeting,
    CorrectEntry,
    DeclareInterest,
    DeferItem,
    MeetingCommand,
    NotifyForthcomingDecision,
    OpenMeeting,
    PostponeMeeting,
    PublishAgenda,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
    ReorderAgenda,
    ScheduleMeeting,
    TakeChair,
)
from meetings.application.disclosure import (
    confidential_items,
    withheld_action,
    withheld_history,
)
from meetings.application.dto import HistoryEntry
from meetings.application.machinery import CoreApplication
from meetings.application.queries.meeting_view import entry_view, forward_plan_view, meeting_view
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError, UnknownReferenceError
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.person import Person
from meetings.domain.rules import london_date, requires_ratification
from meetings.infrastructure.sql import Row
from meetings.infrastructure.tokens import Principal
from projections import actions as read_actions
from projections import decisions as read_decisions
from projections import meetings as read_meetings
from projections import structure as read_structure
from projections import workplans as read_workplans

STANDING_ITEMS = (
    ("Minutes of the last meeting", "minutes"),
    ("Matters arising", "matters_arising"),
)


def _now() -> datetime:
    return datetime.now(tz=UTC)


class MeetingUseCases(CoreApplication):
    """What the clerk does before, during and just after a meeting."""

    # Scheduling ----------------------------------------------------------------------

    def schedule_meeting(self, cmd: ScheduleMeeting) -> dict[str, Any]:
        body = self._get(Body, "body", cmd.body_id)
        day = london_date(cmd.starts_at)
        body.require_sitting_on(day, "schedule a meeting then")
        groups, joint = list(cmd.groups or []), list(cmd.joint_with or [])
        if len(set(groups)) != len(groups):
            raise InvalidFieldError("groups", "Summon each group once.")
        for n, group in enumerate(groups):
            body.require_group(group, f"groups.{n}")
        if len(set(joint)) != len(joint):
            raise InvalidFieldError("joint_with", "Name each body meeting jointly once.")
        for n, other_id in enumerate(joint):
            if other_id == body.id:
                raise InvalidFieldError(
                    f"joint_with.{n}", "A body does not meet jointly with itself."
                )
            other = self._require(Body, "body", f"joint_with.{n}", other_id)
            assert other is not None
            other.require_sitting_on(day, f"meet jointly with {other.short_name} then")
        return self._create(
            cmd,
            lambda: Meeting(
                cmd.body_id, cmd.starts_at, cmd.venue, cmd.kind, groups or None, joint or None
            ),
            meeting_view,
        )

    def postpone_meeting(self, cmd: PostponeMeeting) -> dict[str, Any]:
        if cmd.starts_at is not None:
            body = self._get(Body, "body", self.body_of_meeting(cmd.meeting_id))
            body.require_sitting_on(london_date(cmd.starts_at), "postpone the meeting to then")
        return self._change(cmd, lambda m: m.postpone(cmd.reason, cmd.starts_at))

    def cancel_meeting(self, cmd: CancelMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.cancel(cmd.reason))

    def list_meetings(self, body_id: UUID) -> list[Row]:
        self._get(Body, "body", body_id)
        self._projected()
        return read_meetings.meetings_of_body(self.db, body_id)

    def body_of_meeting(self, meeting_id: UUID) -> UUID:
        """The body a meeting belongs to (never changes, so it is remembered)."""
        cache: dict[UUID, UUID] = self.__dict__.setdefault("_meeting_bodies", {})
        if meeting_id not in cache:
            cache[meeting_id] = self._get(Meeting, "meeting", meeting_id).body_id
        return cache[meeting_id]

    def meeting_history(self, meeting_id: UUID, confidential: bool) -> list[HistoryEntry]:
        """The meeting's events; without `confidential`, what was recorded under a
        confidential item is withheld, as on every other surface."""
        entries = self.history(Meeting, "meeting", meeting_id)
        if confidential:
            return entries
        meeting = self._get(Meeting, "meeting", meeting_id)
        secret = confidential_items(meeting.agenda)
        hidden = {e["id"] for e in meeting.entries.values() if e.get("item_id") in secret}
        return [withheld_history(h, secret, hidden) for h in entries]

    def get_meeting(
        self, meeting_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> Meeting:
        return self._get_as_at(Meeting, "meeting", meeting_id, version, as_at)

    # The agenda ----------------------------------------------------------------------

    def add_agenda_item(self, cmd: AddAgendaItem) -> dict[str, Any]:
        self._check_reference(Person, "person", "presenter_id", cmd.presenter_id)
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        if cmd.forward_plan_id is not None:
            entry = self._require(
                ForwardPlanEntry, "forward plan entry", "forward_plan_id", cmd.forward_plan_id
            )
            if entry is not None and entry.body_id != meeting.body_id:
                raise InvalidFieldError(
                    "forward_plan_id", "That forward plan entry belongs to another body."
                )
        referrals = _as_list(cmd.referral_of)
        if len(set(referrals)) != len(referrals):
            raise InvalidFieldError("referral_of", "Give each referred decision once.")
        for decision_id in referrals:
            self._check_referral(decision_id, meeting.body_id)
        item_id = str(uuid4())

        def add(m: Meeting) -> dict[str, Any]:
            item = m.add_item(
                item_id,
                cmd.title,
                cmd.kind,
                cmd.presenter_id,
                cmd.confidential,
                cmd.confidential_reason,
                [dict(p) for p in cmd.papers],
                cmd.forward_plan_id,
            )
            for decision_id in referrals:
                m.take_up_referral(item_id, str(decision_id))
            return item

        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            add,
            lambda m, item: {**_numbered(m, item), "etag_version": m.version},
        )

    def _check_referral(self, decision_id: UUID, body_id: UUID) -> None:
        """An item may take up a decision that another body referred to this one."""
        self._projected()
        decision = read_decisions.decision(self.db, decision_id)
        if decision is None:
            raise UnknownReferenceError("referral_of", "decision", decision_id)
        if str(body_id) not in read_decisions.referred_bodies(self.db, decision):
            raise InvalidFieldError(
                "referral_of", "That decision was not referred to this meeting's body."
            )

    def add_standing_items(self, cmd: AddStandingItems) -> dict[str, Any]:
        """The body's own standing items (its rules' `standing_items`) at the top of the
        agenda, in order, each once; a body without its own gets "Minutes of the last
        meeting" and "Matters arising" at the end, as before."""
        body = self._get(Body, "body", self.body_of_meeting(cmd.meeting_id))
        titles = body.rules_of_governance()["standing_items"]

        def add(m: Meeting) -> None:
            if not titles:
                present = {i["kind"] for i in m.agenda}
                for title, kind in STANDING_ITEMS:
                    if kind not in present:
                        m.add_item(str(uuid4()), title, kind, None, False, None, [], None)
                return
            listed = {i["title"]: i["id"] for i in m.agenda if i["kind"] == "standing"}
            for title in titles:
                if title not in listed:
                    item = m.add_item(str(uuid4()), title, "standing", None, False, None, [], None)
                    listed[title] = item["id"]
            top = [listed[t] for t in titles]
            order = top + [i["id"] for i in m.agenda if i["id"] not in top]
            if order != [i["id"] for i in m.agenda]:
                m.reorder(order)

        return self._change(cmd, add)

    def reorder_agenda(self, cmd: ReorderAgenda) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.reorder(list(cmd.item_ids)))

    def agree_agenda(self, cmd: AgreeAgenda) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.agree_agenda(cmd.person_id, cmd.at or _now()))

    def publish_agenda(self, cmd: PublishAgenda) -> dict[str, Any]:
        now = _now()
        if cmd.at is not None and cmd.at > now:
            raise InvalidFieldError("at", "An agenda cannot have gone out in the future.")

        def publish(m: Meeting) -> None:
            body = self._get(Body, "body", m.body_id)
            m.publish_agenda(cmd.at or now, body.agenda_notice_working_days)

        return self._change(cmd, publish)

    def matters_arising(self, meeting_id: UUID, confidential: bool) -> list[Row]:
        """The body's open actions from its earlier meetings; without `confidential`,
        those agreed under a confidential item show only that they are withheld."""
        meeting = self._get(Meeting, "meeting", meeting_id)
        self._projected()
        rows = read_actions.open_actions_of_body(
            self.db, meeting.body_id, meeting.starts_at, meeting_id
        )
        return disclosure.shown_rows(rows, confidential, withheld_action)

    def defer_item(self, cmd: DeferItem) -> dict[str, Any]:
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        meeting.item(cmd.item_id)
        self._deferral_target(meeting, cmd.to_meeting_id)

        def carry_over(m: Meeting, _: None) -> list[Meeting]:
            # Loaded afresh on every attempt: a failed attempt must leave no trace on it.
            target = self._deferral_target(m, cmd.to_meeting_id)
            if target is None:
                return []
            item, carried_id = m.item(cmd.item_id), str(uuid4())
            target.add_item(
                carried_id,
                item["title"],
                item["kind"],
                item["presenter_id"],
                item["confidential"],
                item["confidential_reason"],
                item["papers"],
                item["forward_plan_id"],
                deferred_from=m.id,
            )
            for decision_id in item.get("referrals_of") or (
                [item["referral_of"]] if item.get("referral_of") else []
            ):
                target.take_up_referral(carried_id, decision_id)
            return [target]

        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            lambda m: m.defer_item(cmd.item_id, cmd.reason, cmd.to_meeting_id),
            lambda m, _: meeting_view(m),
            also=carry_over,
        )

    def _deferral_target(self, meeting: Meeting, target_id: UUID | None) -> Meeting | None:
        if target_id is None:
            return None
        target = self._require(Meeting, "meeting", "to_meeting_id", target_id)
        assert target is not None
        if target.body_id != meeting.body_id or target.starts_at <= meeting.starts_at:
            raise InvalidFieldError("to_meeting_id", "Defer to a later meeting of the same body.")
        return target

    # The session ---------------------------------------------------------------------

    def open_meeting(self, cmd: OpenMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.open(cmd.at or _now()))

    def close_meeting(self, cmd: CloseMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.close(cmd.at or _now()))

    def record_attendance(self, cmd: RecordAttendance) -> dict[str, Any]:
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        self._check_reference(Person, "person", "substitute_for", cmd.substitute_for)
        entry_id = str(uuid4())

        def record(m: Meeting) -> dict[str, Any]:
            facts = self._attendance_facts(m, cmd.person_id, cmd.substitute_for)
            return m.record_attendance(
                entry_id,
                cmd.person_id,
                cmd.status,
                cmd.capacity,
                cmd.substitute_for,
                cmd.admitted_by_chair,
                cmd.at or default_moment(m),
                **facts,
            )

        return self._new_entry(cmd, record)

    def _attendance_facts(
        self, meeting: Meeting, person_id: UUID, substitute_for: UUID | None
    ) -> dict[str, bool]:
        """Whether the person is a member due at the meeting (of a group it summons, or of
        any body of a joint meeting), and a substitute the rules allow for whom they replace
        (named, or under `member_organisation` of the member's organisation), on the day of
        the meeting (from the membership read model)."""
        people = [person_id] + ([substitute_for] if substitute_for else [])
        seated = self.seated_due(meeting, people)
        if substitute_for is not None and str(substitute_for) not in seated:
            raise InvalidFieldError(
                "substitute_for",
                "That person is not a member due at this meeting (a member of this body on "
                "its day, of a group it summons), so nobody can substitute for them.",
            )
        named = substitute_for is not None and self.may_substitute(
            seated[str(substitute_for)], person_id, substitute_for
        )
        return {"is_member": str(person_id) in seated, "is_named_substitute": named}

    def seated_due(self, meeting: Meeting, people: list[UUID]) -> dict[str, Any]:
        """Of these people, those with a seat due at the meeting (on its body, of a group it
        summons, or on any body of a joint meeting), each with its named substitutes."""
        self._projected(read_structure.structure)
        day = london_date(meeting.starts_at)
        seated: dict[str, Any] = {}
        for body_id in [meeting.body_id, *(meeting.joint_with or [])]:
            found = read_structure.seated_members(self.db, body_id, day, people)
            for person, seat in found.items():
                if self._seat_due(meeting, body_id, seat):
                    seated.setdefault(person, {**seat, "body_id": body_id})
        return seated

    def may_substitute(self, seat: dict[str, Any], person_id: UUID, member_id: UUID) -> bool:
        """A named substitute of the seat, or one the body's rule allows."""
        return str(person_id) in seat["substitutes"] or self._substitute_by_rule(
            seat, person_id, member_id
        )

    def _seat_due(self, meeting: Meeting, body_id: UUID, seat: dict[str, Any]) -> bool:
        """A seat of the meeting's own body is due when the meeting summons everyone, the
        seat belongs to no group, or to a group summoned; every seat of a joint body is."""
        if body_id != meeting.body_id or not meeting.groups or not seat.get("grouped"):
            return True
        return bool(read_structure.membership_groups(self.db, seat["id"]) & set(meeting.groups))

    def _substitute_by_rule(self, seat: dict[str, Any], person_id: UUID, member_id: UUID) -> bool:
        """Under `member_organisation`, anyone of the member's own organisation substitutes."""
        body = self._get(Body, "body", UUID(str(seat["body_id"])))
        if body.rules_of_governance()["substitutes"] != "member_organisation":
            return False
        organisation = (
            seat.get("organisation_id") or self._get(Person, "person", member_id).organisation_id
        )
        person = self._get(Person, "person", person_id)
        return organisation is not None and str(person.organisation_id) == str(organisation)

    def record_departure(self, cmd: RecordDeparture) -> dict[str, Any]:
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        entry_id = str(uuid4())
        return self._new_entry(cmd, lambda m: m.record_departure(entry_id, cmd.person_id, cmd.at))

    def quorum(self, meeting_id: UUID, at: datetime | None = None) -> dict[str, Any]:
        """Members and their substitutes in the room at a moment, against the quorum."""
        from meetings.domain.rules import members_present

        meeting = self._get(Meeting, "meeting", meeting_id)
        body = self._get(Body, "body", meeting.body_id)
        moment = at or _now()
        present = members_present(meeting.attendance(), moment)
        required = body.quorum
        answer: dict[str, Any] = {
            "required": required,
            "members_present": present,
            "quorate": required is None or present >= required,
            "at": moment,
            "bodies": [],
        }
        if meeting.joint_with:
            answer["bodies"] = [
                self._body_quorum(meeting, body_id, moment)
                for body_id in [meeting.body_id, *meeting.joint_with]
            ]
        return answer

    def _body_quorum(self, meeting: Meeting, body_id: UUID, at: datetime) -> dict[str, Any]:
        """At a joint meeting, one body's members in the room against its own quorum."""
        from meetings.domain.rules import members_in_the_room

        here = members_in_the_room(meeting.attendance(), at)
        substitutes = {
            e["person_id"]: e["substitute_for"]
            for e in meeting.attendance()
            if e["substitute_for"] is not None
        }
        self._projected(read_structure.structure)
        seated = read_structure.seated_members(
            self.db,
            body_id,
            london_date(meeting.starts_at),
            [substitutes.get(p, p) for p in here],
        )
        required = self._get(Body, "body", body_id).quorum
        count = sum(1 for p in here if str(substitutes.get(p, p)) in seated)
        return {
            "body_id": body_id,
            "required": required,
            "members_present": count,
            "quorate": required is None or count >= required,
        }

    def take_chair(self, cmd: TakeChair) -> dict[str, Any]:
        """Record who is in the chair from `at` (default: now while in session, else the
        meeting's start)."""
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        entry_id = str(uuid4())

        def take(m: Meeting) -> dict[str, Any]:
            return m.take_chair(entry_id, cmd.person_id, cmd.at or default_moment(m))

        return self._new_entry(cmd, take)

    # The record of each item ---------------------------------------------------------

    def declare_interest(self, cmd: DeclareInterest) -> dict[str, Any]:
        self._check_reference(Person, "person", "person_id", cmd.person_id)
        entry_id = str(uuid4())
        return self._new_entry(
            cmd,
            lambda m: m.declare_interest(
                entry_id,
                cmd.person_id,
                cmd.item_id,
                cmd.interest,
                cmd.withdrew,
                cmd.at or default_moment(m),
            ),
        )

    def record_note(self, cmd: RecordNote) -> dict[str, Any]:
        entry_id = str(uuid4())
        return self._new_entry(
            cmd,
            lambda m: m.record_note(entry_id, cmd.item_id, cmd.text, cmd.at or default_moment(m)),
        )

    def record_decision(self, cmd: RecordDecision) -> dict[str, Any]:
        referred = _as_list(cmd.referred_to)
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        meeting.item(cmd.item_id)
        body = self._get(Body, "body", meeting.body_id)
        if len(set(referred)) != len(referred):
            raise InvalidFieldError("referred_to", "Refer the matter to each body once.")
        for n, body_id in enumerate(referred):
            field = "referred_to" if len(referred) == 1 else f"referred_to.{n}"
            self._check_reference(Body, "body", field, body_id)
            if body_id == body.id:
                raise InvalidFieldError(field, "A body does not refer a matter to itself.")
        named = [
            {"person_id": v["person_id"], "vote": v["vote"]} for v in cmd.votes_by_member or []
        ]
        votes = cmd.votes
        if named:
            counted = {k: sum(v["vote"] == k for v in named) for k in ("for", "against", "abstain")}
            if votes is not None and votes != counted:
                raise InvalidFieldError(
                    "votes", "The counts differ from the recorded vote: give one or the other."
                )
            votes = counted
        decision: dict[str, Any] = {
            "text": cmd.text,
            "method": cmd.method,
            "votes": votes,
            "votes_by_member": named or None,
            "within_delegated_authority": cmd.within_delegated_authority,
            "referred_to": referred[0] if referred else None,
            "also_referred_to": referred[1:] or None,
        }
        entry_id = str(uuid4())

        def decide(m: Meeting) -> dict[str, Any]:
            decision["requires_ratification"] = self._needs_ratification(
                m, cmd.item_id, decision, body
            )
            decision["at"] = cmd.at or default_moment(m)
            decision["quorum"] = self._quorum_at(m, body, decision["at"])
            return m.record_decision(entry_id, cmd.item_id, decision, body.decision_method)

        return self._new_entry(cmd, decide)

    def _quorum_at(self, meeting: Meeting, body: Body, at: datetime) -> dict[str, Any]:
        """Members in the room at a moment, against the body's quorum."""
        from meetings.domain.rules import members_present

        present = members_present(meeting.attendance(), at)
        required = body.quorum
        return {
            "required": required,
            "members_present": present,
            "quorate": required is None or present >= required,
        }

    def _needs_ratification(
        self, meeting: Meeting, item_id: str, decision: dict[str, Any], body: Body
    ) -> bool:
        plan_id = meeting.item(item_id)["forward_plan_id"]
        notified_on = None
        if plan_id is not None:
            notified_on = self._get(ForwardPlanEntry, "forward plan entry", plan_id).notified_on
        return requires_ratification(
            decision["method"],
            decision["within_delegated_authority"],
            body.decision_notice_days,
            notified_on,
            meeting.starts_at,
        )

    def agree_action(self, cmd: AgreeAction) -> dict[str, Any]:
        owner = self._require(Person, "person", "owner_id", cmd.owner_id)
        self._require_organisation(cmd.organisation_id)
        fields: dict[str, Any] = {
            "description": cmd.description,
            "owner_id": cmd.owner_id,
            "organisation_id": cmd.organisation_id or (owner.organisation_id if owner else None),
            "due_on": cmd.due_on,
            "theme": cmd.theme,
        }
        entry_id, action_id = str(uuid4()), uuid4()
        workplan_id = self._workplan_of_item(cmd.workplan_item_id)

        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            lambda m: m.agree_action(entry_id, action_id, cmd.item_id, fields),
            lambda m, entry: {**agreed_action_view(entry), "etag_version": m.version},
            also=lambda m, _: [self._new_action(action_id, m, cmd, fields, workplan_id)],
        )

    def _new_action(
        self,
        action_id: UUID,
        m: Meeting,
        cmd: AgreeAction,
        fields: dict[str, Any],
        workplan_id: UUID | None,
    ) -> Action:
        action = Action(action_id, m.body_id, m.id, cmd.item_id, **fields)
        if workplan_id is not None:
            action.link_to_workplan(workplan_id, str(cmd.workplan_item_id))
        return action

    def _workplan_of_item(self, item_id: UUID | None) -> UUID | None:
        if item_id is None:
            return None
        self._projected()
        workplan = read_workplans.workplan_of_item(self.db, str(item_id))
        if workplan is None:
            raise UnknownReferenceError("workplan_item_id", "workplan item", item_id)
        return workplan

    def _require_organisation(self, organisation_id: UUID | None) -> None:
        from meetings.domain.organisation import Organisation

        self._require(Organisation, "organisation", "organisation_id", organisation_id)

    # Corrections ---------------------------------------------------------------------

    def correct_entry(self, cmd: CorrectEntry) -> dict[str, Any]:
        from meetings.application.corrections import Corrector

        return Corrector(self).correct(cmd)

    # Forward plan --------------------------------------------------------------------

    def notify_forthcoming_decision(self, cmd: NotifyForthcomingDecision) -> dict[str, Any]:
        self._get(Body, "body", cmd.body_id)
        if cmd.meeting_id is not None:
            meeting = self._require(Meeting, "meeting", "meeting_id", cmd.meeting_id)
            if meeting is not None and meeting.body_id != cmd.body_id:
                raise UnknownReferenceError("meeting_id", "meeting of this body", cmd.meeting_id)
        return self._create(
            cmd,
            lambda: ForwardPlanEntry(cmd.body_id, cmd.subject, cmd.notified_on, cmd.meeting_id),
            forward_plan_view,
        )

    def list_forward_plan(self, body_id: UUID, who: Principal | None = None) -> list[Row]:
        """The body's forward plan; the subject of a decision a confidential item takes up
        is withheld, like the item, from whoever may not see the body's confidential
        content."""
        self._get(Body, "body", body_id)
        self._projected()
        rows = read_meetings.forward_plan_of_body(self.db, body_id)
        if self.may_see_confidential(who, body_id):
            return rows
        confidential = self._confidential_notices(body_id)
        return [
            disclosure.withheld_subject(r, confidential[r["id"]]) if r["id"] in confidential else r
            for r in rows
        ]

    def _confidential_notices(self, body_id: UUID) -> dict[str, str | None]:
        """The body's forward-plan entries that a confidential agenda item takes up, with
        the reason that item is withheld."""
        found: dict[str, str | None] = {}
        for meeting_id in read_meetings.meetings_with_confidential_items(self.db, body_id):
            agenda = self._get(Meeting, "meeting", UUID(meeting_id)).agenda
            found.update(disclosure.plan_entries_withheld(agenda))
        return found

    # Who may see and do what ---------------------------------------------------------

    def may_see_confidential(self, who: Principal | None, body_id: UUID) -> bool:
        """Admin, the body's clerks, and people who sit on the body today."""
        return disclosure.sees_confidential(who, body_id, self._seats_now)

    def _seats_now(self, person_id: UUID) -> set[UUID]:
        self._projected()
        rows = read_structure.memberships_of_person(self.db, person_id, _now().date())
        return {UUID(r["body_id"]) for r in rows}

    def is_open_to_public(self, body_id: UUID) -> bool:
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
        meeting = self._get(Meeting, "meeting", meeting_id)
        body = self._get(Body, "body", meeting.body_id)
        of_minutes = "minutes" in doing if of_minutes is None else of_minutes
        allowed = self.chairs_of_meeting(meeting, body, of_minutes)
        return access.check_chair(who, allowed, doing, of_minutes)

    def chairs_of_meeting(
        self, meeting: Meeting, body: Body, of_minutes: bool = False
    ) -> set[UUID]:
        """Who chairs the meeting: the people recorded in the chair, and (for its agenda,
        or when nobody was recorded) the body's chair and vice-chair in office on its day."""
        recorded = {e["person_id"] for e in meeting.in_the_chair()}
        if of_minutes and recorded:
            return recorded
        day = london_date(meeting.starts_at)
        terms = [body.chair_on(role, day) for role in ("chair", "vice_chair")]
        return recorded | {t["person_id"] for t in terms if t}

    # Shared --------------------------------------------------------------------------

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


def _as_list(given: UUID | list[UUID] | None) -> list[UUID]:
    """One id, several, or none, as a list."""
    if given is None:
        return []
    return list(given) if isinstance(given, list) else [given]


def default_moment(meeting: Meeting) -> datetime:
    """When something given without `at` happened: now, at a meeting in session today;
    otherwise (typing up a meeting held on an earlier day, or before it starts) the
    meeting's start."""
    start = meeting.opened_at or meeting.starts_at
    now = _now()
    if meeting.status == "in_session" and london_date(start) >= london_date(now):
        return now
    return start


def agreed_action_view(entry: dict[str, Any]) -> dict[str, Any]:
    """The answer to agreeing an action: `id` is the action's own id (as the contract
    says), `entry_id` the meeting entry's (to correct it), `action_id` an alias of `id`."""
    return {
        **entry_view(entry),
        "id": entry["action_id"],
        "entry_id": entry["id"],
        "action_id": entry["action_id"],
        "status": "open",
    }


def _numbered(meeting: Meeting, item: dict[str, Any]) -> dict[str, Any]:
    number = next(n for n, i in enumerate(meeting.agenda, 1) if i["id"] == item["id"])
    return {**item, "number": number}
