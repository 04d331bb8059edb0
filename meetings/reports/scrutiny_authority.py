"""Why a decision did or did not need ratification, and what of it a reader may see."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from meetings.application.disclosure import shown_authority
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.rules import london_date, members_present, requires_ratification
from meetings.infrastructure.sql import Row
from meetings.infrastructure.tokens import Principal
from meetings.reports.scrutiny_record import decision_record
from projections import decisions as read_decisions
from projections import structure as read_structure

if TYPE_CHECKING:
    from meetings.application.scrutiny import ScrutinyUseCases

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


class DecisionAuthority:
    """On whose authority a decision was taken: the body and meeting, who chaired, the
    members in the room and the quorum when it was recorded, delegated authority and
    ratification, the terms of reference in force, and who recorded and corrected it."""

    def __init__(self, app: ScrutinyUseCases, row: Row) -> None:
        self.app = app
        self.row = row
        self.meeting = app.get_meeting(UUID(row["meeting_id"]))
        self.view = meeting_view(self.meeting)
        self.entry = next(d for d in self.view["decisions"] if d["id"] == row["id"])
        self.item = self.meeting.item(self.entry["item_id"])
        self.day = london_date(self.meeting.starts_at)
        self.record = decision_record(app.history(Meeting, "meeting", self.meeting.id), row["id"])
        # The body's rules as they stood when the decision was recorded.
        self.body_then = app._get_as_at(
            Body, "body", self.meeting.body_id, as_at=self.record["recorded_at"]
        )
        self.body = app._get(Body, "body", self.meeting.body_id)

    def report(self, who: Principal | None) -> dict[str, Any]:
        report = {
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
        sees = self.app.may_see_confidential(who, self.body.id)
        return shown_authority(report, self.item, sees)

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
        names, _, _ = read_structure.names(self.app.db, {str(person_id)}, set(), set())
        name = names[str(person_id)]["name"] if str(person_id) in names else None
        return {"person_id": person_id, "person_name": name, "role": "chair", "recorded": True}

    def _in_the_room(self) -> dict[str, Any]:
        """Members (and substitutes) in the room at the moment the decision was recorded."""
        at: datetime = self.record["recorded_at"]
        attendance = self.view["attendance"]
        here = [e for e in attendance if members_present([e], at)]
        people = {str(e["person_id"]) for e in here} | {
            str(e["substitute_for"]) for e in here if e["substitute_for"]
        }
        names, _, _ = read_structure.names(self.app.db, people, set(), set())
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
        plan_id = self.item["forward_plan_id"]
        plan = self.app._get(ForwardPlanEntry, "forward plan entry", plan_id) if plan_id else None
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
            "ratifications": read_decisions.ratifications(self.app.db, self.row["id"]),
        }
