"""Use cases of scrutiny: the questions a scrutiny committee asks a year later. The
attendance records are `attendance_reports.py`; the shaping of each report is in
`meetings/reports/`."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.application.attendance_reports import AttendanceReports
from meetings.application.disclosure import shown_authority, withheld
from meetings.application.dto import MeetingState
from meetings.application.dto.authority import DecisionAuthorityReport
from meetings.application.dto.scrutiny import MembershipChange, MinutesAmendment, exactly
from meetings.application.queries import Row
from meetings.application.queries import decisions as decision_queries
from meetings.application.queries import record as record_queries
from meetings.application.queries import scrutiny as queries
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.membership import Membership
from meetings.domain.rules import london_date, london_today
from meetings.infrastructure.tokens import Principal
from meetings.reports.scrutiny_attendance import period
from meetings.reports.scrutiny_authority import DecisionAuthority, DecisionFacts, people_to_name
from meetings.reports.scrutiny_record import chair_changes, decision_record, membership_changes


class ScrutinyUseCases(AttendanceReports):
    """Attendance records, membership changes, decisions' authority, minutes amendments."""

    def list_membership_changes(
        self, body_id: UUID, start: date | None, end: date | None
    ) -> list[MembershipChange]:
        """Memberships begun or ended, substitutes named or withdrawn, and chairs and
        vice-chairs appointed or ended in the period, by date, with who recorded each."""
        self._get(Body, "body", body_id)
        start, end = period(start, end, london_today())
        changes = []
        for seat in queries.list_seats(self, body_id=body_id):
            history = self.get_history(Membership, "membership", UUID(seat["id"]))
            changes += membership_changes(seat, history, start, end)
        changes += chair_changes(self.get_history(Body, "body", body_id), start, end)
        changes.sort(key=lambda c: (c["on"], c["recorded_at"]))
        self._name(changes)
        return [exactly(MembershipChange, c) for c in changes]

    def get_decision_authority(
        self, decision_id: str, who: Principal | None
    ) -> DecisionAuthorityReport:
        """On whose authority a decision was taken: see `DecisionAuthority`."""
        row = decision_queries.get_decision_row(self, decision_id)
        if row is None:
            raise NotFoundError("decision", decision_id)
        facts = self._decision_facts(row)
        report = DecisionAuthority(facts).report()
        item = facts.meeting.item(facts.entry["item_id"])
        return DecisionAuthorityReport.of(
            shown_authority(report, item, self._sees(who, facts.body.id))
        )

    def _decision_facts(self, row: Row) -> DecisionFacts:
        """Everything the authority report is shaped from, loaded."""
        meeting = self.get_meeting(UUID(row["meeting_id"]))
        view = meeting_view(meeting)
        entry = next(d for d in view["decisions"] if d["id"] == row["id"])
        record = decision_record(self.get_history(Meeting, "meeting", meeting.id), row["id"])
        at = record["recorded_at"]
        plan_id = meeting.item(entry["item_id"])["forward_plan_id"]
        people = people_to_name(meeting, view["attendance"], at)
        return DecisionFacts(
            row=row,
            entry=entry,
            meeting=meeting,
            attendance=view["attendance"],
            record=record,
            body=self._get(Body, "body", meeting.body_id),
            # The body's rules as they stood when the decision was recorded.
            body_then=self._get_as_at(Body, "body", meeting.body_id, as_at=at),
            plan=self._get(ForwardPlanEntry, "forward plan entry", plan_id) if plan_id else None,
            names=queries.get_names(self, people)[0],
            ratifications=decision_queries.list_ratifications(self, row["id"]),
        )

    def list_minutes_amendments(
        self, body_id: UUID, start: date | None, end: date | None, who: Principal | None
    ) -> list[MinutesAmendment]:
        """Each amendment made when the body's minutes were approved in the period: the
        text as circulated and as approved, and who recorded the approval, and when."""
        self._get(Body, "body", body_id)
        start, end = period(start, end, london_today())
        confidential = self._sees(who, body_id)
        rows: list[MinutesAmendment] = []
        for listed in record_queries.list_meetings_of_body(self, body_id):
            meeting = self.get_meeting(UUID(listed.id))
            approval = meeting.minutes["approved"]
            if not approval or not meeting.minutes["amendments"]:
                continue
            if not start <= london_date(approval["at"]) <= end:
                continue
            rows += self._amendments(meeting, confidential)
        return rows

    # Shared --------------------------------------------------------------------------

    def _amendments(self, meeting: MeetingState, confidential: bool) -> list[MinutesAmendment]:
        minutes = self._minutes(meeting.id, confidential, stage="approved")
        approval = meeting.minutes["approved"]
        approving = self.get_meeting(approval["meeting_id"])
        recorded = [
            h
            for h in self.get_history(Meeting, "meeting", meeting.id)
            if h.type == "Meeting.MinutesApproved"
        ][-1]
        common: dict[str, Any] = {
            "meeting_id": meeting.id,
            "meeting_starts_at": meeting.starts_at,
            "approved_at_meeting_id": approving.id,
            "approved_at_meeting_starts_at": approving.starts_at,
            "approved_on": london_date(approval["at"]),
            "recorded_by": recorded.recorded_by,
            "recorded_at": recorded.recorded_at,
        }
        shown = {a["item_id"]: a for a in minutes.amendments}
        rows = []
        for number, item in enumerate(meeting.agenda, 1):
            made = [a for a in meeting.minutes["amendments"] if a["item_id"] == item["id"]]
            if not made:
                continue
            amendment = shown.get(item["id"])
            hidden = withheld(item["confidential_reason"])
            rows.append(
                MinutesAmendment(
                    **common,
                    item_id=item["id"],
                    item_number=number,
                    item_title=amendment["title"] if amendment else "Confidential item",
                    before=amendment["original"] if amendment else hidden,
                    after=amendment["text"] if amendment else hidden,
                    withheld=amendment is None,
                )
            )
        return rows
