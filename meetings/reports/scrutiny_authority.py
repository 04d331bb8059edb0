"""On whose authority a decision was taken, shaped from what the use case loaded: why it
did or did not need ratification, who chaired, who was in the room, and the quorum."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from meetings.application.dto import MeetingState
from meetings.domain.body import Body
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.rules import london_date, members_present, requires_ratification
from meetings.infrastructure.sql import Row

NOT_NEEDED = "no ratification is needed."
NEEDED = "the partner organisations must ratify it."


def ratification_reason(
    decision: dict[str, Any],
    notice_days: int | None,
    notified_on: date | None,
    meeting_starts: datetime,
    meeting_day: date,
) -> str:
    """The rule that decided whether the partners must ratify, in the clerk's words."""
    if decision["method"] == "noted":
        reason = f"The matter was noted rather than decided: {NOT_NEEDED}"
    elif not decision["within_delegated_authority"]:
        reason = f"Taken outside the members' delegated authority: {NEEDED}"
    elif notice_days is None:
        reason = f"Within delegated authority, and the body requires no notice: {NOT_NEEDED}"
    elif notified_on is None:
        reason = (
            f"The body requires {notice_days} days' notice of decisions on its forward plan and "
            f"this matter was not on it: {NEEDED}"
        )
    else:
        days = (meeting_day - notified_on).days
        enough = days >= notice_days
        reason = (
            f"On the forward plan from {notified_on.isoformat()}, {days} days before the meeting "
            f"(the body requires {notice_days}): {NOT_NEEDED if enough else NEEDED}"
        )
    by_rule = requires_ratification(
        decision["method"],
        decision["within_delegated_authority"],
        notice_days,
        notified_on,
        meeting_starts,
    )
    if by_rule != decision["requires_ratification"]:
        stated = "needs" if decision["requires_ratification"] else "does not need"
        reason += f" The record was corrected to say the decision {stated} ratification."
    return reason


@dataclass(frozen=True)
class DecisionFacts:
    """What a decision's authority report is shaped from: the decision as the register
    holds it (`row`) and as the meeting recorded it (`entry`, with every correction), the
    meeting and its corrected attendance, who recorded and corrected the decision
    (`record`), the body now and as it stood when the decision was recorded, the forward
    plan entry of its item, the names of the people in the room and in the chair, and the
    partners' ratifications so far."""

    row: Row
    entry: dict[str, Any]
    meeting: MeetingState
    attendance: list[dict[str, Any]]
    record: dict[str, Any]
    body: Body
    body_then: Body
    plan: ForwardPlanEntry | None
    names: dict[str, Row]
    ratifications: list[Row]


def people_to_name(
    meeting: MeetingState, attendance: list[dict[str, Any]], at: datetime
) -> set[str]:
    """Whose names the report needs: who was in the chair and in the room at `at`."""
    here = [e for e in attendance if members_present([e], at)]
    people = {str(e["person_id"]) for e in here}
    people |= {str(e["substitute_for"]) for e in here if e["substitute_for"]}
    in_the_chair = meeting.chair_at(at)
    return people | ({str(in_the_chair)} if in_the_chair is not None else set())


class DecisionAuthority:
    """On whose authority a decision was taken: the body and meeting, who chaired, the
    members in the room and the quorum when it was recorded, delegated authority and
    ratification, the terms of reference in force, and who recorded and corrected it."""

    def __init__(self, facts: DecisionFacts) -> None:
        self.facts = facts
        self.row = facts.row
        self.meeting = facts.meeting
        self.entry = facts.entry
        self.item = self.meeting.item(self.entry["item_id"])
        self.day = london_date(self.meeting.starts_at)
        self.record = facts.record
        self.body_then = facts.body_then
        self.body = facts.body

    def report(self) -> dict[str, Any]:
        """The whole report, nothing withheld (the disclosure policy decides that)."""
        return {
            "decision": self._decision(),
            "body": {"id": self.body.id, "name": self.body.name},
            "meeting": {
                "id": self.meeting.id,
                "starts_at": self.meeting.starts_at,
                "kind": self.meeting.kind,
                "venue": self.meeting.venue,
                "opened_at": self.meeting.opened_at,
                "closed_at": self.meeting.closed_at,
            },
            "chair": self._chair("chair"),
            "vice_chair": self._chair("vice_chair"),
            "in_the_chair": self._in_the_chair(),
            **self._in_the_room(),
            "ratification": self._ratification(),
            "terms_of_reference": self.body.terms_of_reference_on(self.day),
            **self.record,
        }

    def _decision(self) -> dict[str, Any]:
        number = next(n for n, i in enumerate(self.meeting.agenda, 1) if i is self.item)
        return {
            **{k: self.entry[k] for k in ("id", "item_id", "text", "method", "votes")},
            "item_number": number,
            "item_title": self.item["title"],
            "confidential": bool(self.item["confidential"]),
            "within_delegated_authority": self.entry["within_delegated_authority"],
            "requires_ratification": self.entry["requires_ratification"],
            "referred_to": self.row["referred_to"],
            "referred_to_name": self.row["referred_to_name"],
        }

    def _chair(self, role: str) -> dict[str, Any] | None:
        term = self.body.chair_on(role, self.day)
        if term is None:
            return None
        return {"person_id": term["person_id"], "person_name": term["person_name"], "role": role}

    def _in_the_chair(self) -> dict[str, Any] | None:
        """Who was in the chair when the decision was recorded: the person recorded in the
        chair then, or else the body's chair in office on the meeting's day."""
        person_id = self.meeting.chair_at(self.record["recorded_at"])
        if person_id is None:
            chair = self._chair("chair")
            return None if chair is None else {**chair, "recorded": False}
        names = self.facts.names
        name = names[str(person_id)]["name"] if str(person_id) in names else None
        return {"person_id": person_id, "person_name": name, "role": "chair", "recorded": True}

    def _in_the_room(self) -> dict[str, Any]:
        """Members (and substitutes) in the room at the moment the decision was recorded."""
        at: datetime = self.record["recorded_at"]
        attendance = self.facts.attendance
        here = [e for e in attendance if members_present([e], at)]
        names = self.facts.names
        required = self.body_then.quorum
        count = members_present(attendance, at)
        closed = self.meeting.closed_at
        return {
            "quorum": {
                "required": required,
                "members_present": count,
                "quorate": required is None or count >= required,
                "at": at,
                "recorded_after_close": closed is not None and at > closed,
            },
            "members_present": [
                {
                    "person_id": e["person_id"],
                    "person_name": names[str(e["person_id"])]["name"],
                    "substitute_for": e["substitute_for"],
                    "substitute_for_name": names[str(e["substitute_for"])]["name"]
                    if e["substitute_for"]
                    else None,
                }
                for e in here
            ],
        }

    def _ratification(self) -> dict[str, Any]:
        plan = self.facts.plan
        notified_on = plan.notified_on if plan else None
        notice_days = self.body_then.decision_notice_days
        return {
            "required": self.entry["requires_ratification"],
            "reason": ratification_reason(
                self.entry, notice_days, notified_on, self.meeting.starts_at, self.day
            ),
            "decision_notice_days": notice_days,
            "forward_plan": None
            if plan is None
            else {
                "id": plan.id,
                "subject": plan.subject,
                "notified_on": plan.notified_on,
                "days_before_meeting": (self.day - plan.notified_on).days,
            },
            "status": self.row["ratification_status"],
            "ratifications": self.facts.ratifications,
        }
