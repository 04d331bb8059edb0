"""Use cases for a meeting's agenda: items added (taking up a forward-plan entry or a
referred decision), standing items, the order, agreed and published, items deferred, and
the matters arising from the body's earlier meetings."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from meetings.application import disclosure
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAgenda,
    DeferItem,
    PublishAgenda,
    ReorderAgenda,
)
from meetings.application.disclosure import withheld_action
from meetings.application.dto.actions import ActionRow
from meetings.application.facts import record as facts
from meetings.application.queries import record as read
from meetings.application.queries.meeting_view import meeting_view
from meetings.application.record_base import MeetingRecordBase, as_list, now
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError, UnknownReferenceError
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.person import Person
from meetings.infrastructure.tokens import Principal

STANDING_ITEMS = (
    ("Minutes of the last meeting", "minutes"),
    ("Matters arising", "matters_arising"),
)


class AgendaUseCases(MeetingRecordBase):
    """What a meeting will consider, in what order, and what it carries over."""

    def add_agenda_item(self, cmd: AddAgendaItem) -> dict[str, Any]:
        self._check_reference(Person, "person", "presenter_id", cmd.presenter_id)
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        referrals = self._check_item(cmd, meeting)
        item_id = str(uuid4())
        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            lambda m: _add_item(m, item_id, cmd, referrals),
            lambda m, item: {**_numbered(m, item), "etag_version": m.version},
        )

    def _check_item(self, cmd: AddAgendaItem, meeting: Meeting) -> list[UUID]:
        """The forward-plan entry (of this body) and the decisions the item takes up (each
        once, referred to this body): the decisions taken up."""
        if cmd.forward_plan_id is not None:
            entry = self._require(
                ForwardPlanEntry, "forward plan entry", "forward_plan_id", cmd.forward_plan_id
            )
            if entry is not None and entry.body_id != meeting.body_id:
                raise InvalidFieldError(
                    "forward_plan_id", "That forward plan entry belongs to another body."
                )
        referrals = as_list(cmd.referral_of)
        if len(set(referrals)) != len(referrals):
            raise InvalidFieldError("referral_of", "Give each referred decision once.")
        for decision_id in referrals:
            self._check_referral(decision_id, meeting.body_id)
        return referrals

    def _check_referral(self, decision_id: UUID, body_id: UUID) -> None:
        """An item may take up a decision that another body referred to this one."""
        referred = facts.bodies_referred(self, decision_id)
        if referred is None:
            raise UnknownReferenceError("referral_of", "decision", decision_id)
        if str(body_id) not in referred:
            raise InvalidFieldError(
                "referral_of", "That decision was not referred to this meeting's body."
            )

    def add_standing_items(self, cmd: AddStandingItems) -> dict[str, Any]:
        """The body's own standing items (its rules' `standing_items`) at the top of the
        agenda, in order, each once; a body without its own gets "Minutes of the last
        meeting" and "Matters arising" at the end, as before."""
        body = self._get(Body, "body", self.get_body_of_meeting(cmd.meeting_id))
        titles = body.rules_of_governance()["standing_items"]
        return self._change(cmd, lambda m: _add_standing_items(m, titles))

    def reorder_agenda(self, cmd: ReorderAgenda) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.reorder(list(cmd.item_ids)))

    def agree_agenda(self, cmd: AgreeAgenda) -> dict[str, Any]:
        """The chair agrees the agenda (`cmd.by`: if the access policy says they chair
        it); answers with the meeting as they may see it."""
        person_id = self._chair_agreeing(cmd, "agree the agenda", of_minutes=False)
        view = self._change(cmd, lambda m: m.agree_agenda(person_id, cmd.at or now()))
        return view if cmd.by is None else self._shown_meeting(cmd.by, view)

    def publish_agenda(self, cmd: PublishAgenda) -> dict[str, Any]:
        moment = now()
        if cmd.at is not None and cmd.at > moment:
            raise InvalidFieldError("at", "An agenda cannot have gone out in the future.")

        def publish(m: Meeting) -> None:
            body = self._get(Body, "body", m.body_id)
            m.publish_agenda(cmd.at or moment, body.agenda_notice_working_days)

        return self._change(cmd, publish)

    def list_matters_arising(self, meeting_id: UUID, who: Principal | None) -> list[ActionRow]:
        """The body's open actions from its earlier meetings; those agreed under a
        confidential item show only that they are withheld, unless this reader may see
        the body's confidential content."""
        sees = self._sees(who, self.get_body_of_meeting(meeting_id))
        meeting = self._get(Meeting, "meeting", meeting_id)
        rows = read.list_open_actions_before(self, meeting.body_id, meeting.starts_at, meeting_id)
        return [ActionRow(**r) for r in disclosure.shown_rows(rows, sees, withheld_action)]

    def defer_item(self, cmd: DeferItem) -> dict[str, Any]:
        meeting = self._get(Meeting, "meeting", cmd.meeting_id)
        meeting.item(cmd.item_id)
        self._deferral_target(meeting, cmd.to_meeting_id)
        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            lambda m: m.defer_item(cmd.item_id, cmd.reason, cmd.to_meeting_id),
            lambda m, _: meeting_view(m),
            also=lambda m, _: self._carry_over(m, cmd),
        )

    def _carry_over(self, meeting: Meeting, cmd: DeferItem) -> list[Meeting]:
        """The deferred item added to the later meeting, with the referrals it takes up."""
        # Loaded afresh on every attempt: a failed attempt must leave no trace on it.
        target = self._deferral_target(meeting, cmd.to_meeting_id)
        if target is None:
            return []
        item, carried_id = meeting.item(cmd.item_id), str(uuid4())
        target.add_item(
            carried_id,
            item["title"],
            item["kind"],
            item["presenter_id"],
            item["confidential"],
            item["confidential_reason"],
            item["papers"],
            item["forward_plan_id"],
            deferred_from=meeting.id,
        )
        for decision_id in item.get("referrals_of") or (
            [item["referral_of"]] if item.get("referral_of") else []
        ):
            target.take_up_referral(carried_id, decision_id)
        return [target]

    def _deferral_target(self, meeting: Meeting, target_id: UUID | None) -> Meeting | None:
        if target_id is None:
            return None
        target = self._require(Meeting, "meeting", "to_meeting_id", target_id)
        assert target is not None
        if target.body_id != meeting.body_id or target.starts_at <= meeting.starts_at:
            raise InvalidFieldError("to_meeting_id", "Defer to a later meeting of the same body.")
        return target


def _add_item(
    meeting: Meeting, item_id: str, cmd: AddAgendaItem, referrals: list[UUID]
) -> dict[str, Any]:
    """The item added to the agenda, taking up the referred decisions."""
    item = meeting.add_item(
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
        meeting.take_up_referral(item_id, str(decision_id))
    return item


def _add_standing_items(meeting: Meeting, titles: list[str]) -> None:
    """The body's standing items at the top, in order, each once; without any of its own,
    the two usual ones at the end, each once."""
    if not titles:
        present = {i["kind"] for i in meeting.agenda}
        for title, kind in STANDING_ITEMS:
            if kind not in present:
                meeting.add_item(str(uuid4()), title, kind, None, False, None, [], None)
        return
    listed = {i["title"]: i["id"] for i in meeting.agenda if i["kind"] == "standing"}
    for title in titles:
        if title not in listed:
            item = meeting.add_item(str(uuid4()), title, "standing", None, False, None, [], None)
            listed[title] = item["id"]
    top = [listed[t] for t in titles]
    order = top + [i["id"] for i in meeting.agenda if i["id"] not in top]
    if order != [i["id"] for i in meeting.agenda]:
        meeting.reorder(order)


def _numbered(meeting: Meeting, item: dict[str, Any]) -> dict[str, Any]:
    number = next(n for n, i in enumerate(meeting.agenda, 1) if i["id"] == item["id"])
    return {**item, "number": number}
