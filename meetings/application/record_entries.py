"""Use cases for what is recorded under an item: interests declared, notes, decisions
(with the quorum then and whether the partners must ratify them) and actions agreed."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from meetings.application.commands import AgreeAction, DeclareInterest, RecordDecision, RecordNote
from meetings.application.facts import record as facts
from meetings.application.queries.meeting_view import entry_view
from meetings.application.record_base import MeetingRecordBase, as_list, default_moment
from meetings.application.session import quorum_at
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError, UnknownReferenceError
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.rules import requires_ratification


class EntryUseCases(MeetingRecordBase):
    """The record of each item, entry by entry."""

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
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        meeting.item(cmd.item_id)
        body = self._get(Body, "body", meeting.body_id)
        decision = self._checked_decision(cmd, body)
        entry_id = str(uuid4())

        def decide(m: Meeting) -> dict[str, Any]:
            ratify = self._needs_ratification(m, cmd.item_id, decision, body)
            at = cmd.at or default_moment(m)
            decided = {**decision, "requires_ratification": ratify, "at": at}
            decided["quorum"] = quorum_at(m, body, at)
            return m.record_decision(entry_id, cmd.item_id, decided, body.decision_method)

        return self._new_entry(cmd, decide)

    def _checked_decision(self, cmd: RecordDecision, body: Body) -> dict[str, Any]:
        """The decision as given: each body referred to once (another body, known), and
        the votes counted, or the counts the same as the recorded vote."""
        referred = as_list(cmd.referred_to)
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
        return {
            "text": cmd.text,
            "method": cmd.method,
            "votes": votes,
            "votes_by_member": named or None,
            "within_delegated_authority": cmd.within_delegated_authority,
            "referred_to": referred[0] if referred else None,
            "also_referred_to": referred[1:] or None,
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
        self._require(Organisation, "organisation", "organisation_id", cmd.organisation_id)
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
        workplan = facts.workplan_of_item(self, item_id)
        if workplan is None:
            raise UnknownReferenceError("workplan_item_id", "workplan item", item_id)
        return workplan


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
