"""Use cases for a meeting's place in the calendar: scheduling, postponing, cancelling,
the body's meetings and forward plan, and a meeting's history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from meetings.application import disclosure
from meetings.application.commands import (
    CancelMeeting,
    NotifyForthcomingDecision,
    PostponeMeeting,
    ScheduleMeeting,
)
from meetings.application.disclosure import confidential_items, withheld_history
from meetings.application.dto import HistoryEntry
from meetings.application.dto.forward_plan import ForwardPlanRow
from meetings.application.dto.meetings import MeetingRow
from meetings.application.queries import record as read
from meetings.application.queries.meeting_view import forward_plan_view, meeting_view
from meetings.application.record_base import MeetingRecordBase
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError, UnknownReferenceError
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.rules import london_date
from meetings.infrastructure.tokens import Principal


class SchedulingUseCases(MeetingRecordBase):
    """When and where a body meets, and what it has said it will decide."""

    def schedule_meeting(self, cmd: ScheduleMeeting) -> dict[str, Any]:
        body = self._get(Body, "body", cmd.body_id)
        body.require_sitting_on(london_date(cmd.starts_at), "schedule a meeting then")
        groups, joint = list(cmd.groups or []), list(cmd.joint_with or [])
        self._check_summoned(body, cmd, groups, joint)
        return self._create(
            cmd,
            lambda: Meeting(
                cmd.body_id, cmd.starts_at, cmd.venue, cmd.kind, groups or None, joint or None
            ),
            meeting_view,
        )

    def _check_summoned(
        self, body: Body, cmd: ScheduleMeeting, groups: list[str], joint: list[UUID]
    ) -> None:
        """Each group summoned once, and of the body; each body met jointly with once,
        another body, sitting on the day."""
        day = london_date(cmd.starts_at)
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

    def postpone_meeting(self, cmd: PostponeMeeting) -> dict[str, Any]:
        if cmd.starts_at is not None:
            body = self._get(Body, "body", self.get_body_of_meeting(cmd.meeting_id))
            body.require_sitting_on(london_date(cmd.starts_at), "postpone the meeting to then")
        return self._change(cmd, lambda m: m.postpone(cmd.reason, cmd.starts_at))

    def cancel_meeting(self, cmd: CancelMeeting) -> dict[str, Any]:
        return self._change(cmd, lambda m: m.cancel(cmd.reason))

    def list_meetings(self, body_id: UUID) -> list[MeetingRow]:
        self._get(Body, "body", body_id)
        return read.list_meetings_of_body(self, body_id)

    def get_meeting_history(self, meeting_id: UUID, who: Principal | None) -> list[HistoryEntry]:
        """The meeting's events; what was recorded under a confidential item is withheld
        from a reader who may not see it, as on every other surface."""
        entries = self.get_history(Meeting, "meeting", meeting_id)
        if self._sees(who, self.get_body_of_meeting(meeting_id)):
            return entries
        meeting = self._get(Meeting, "meeting", meeting_id)
        secret = confidential_items(meeting.agenda)
        hidden = {e["id"] for e in meeting.entries.values() if e.get("item_id") in secret}
        return [withheld_history(h, secret, hidden) for h in entries]

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

    def list_forward_plan(
        self, body_id: UUID, who: Principal | None = None
    ) -> list[ForwardPlanRow]:
        """The body's forward plan; the subject of a decision a confidential item takes up
        is withheld, like the item, from whoever may not see the body's confidential
        content."""
        self._get(Body, "body", body_id)
        rows = read.list_forward_plan(self, body_id)
        if not self._sees(who, body_id):
            confidential = self._confidential_notices(body_id)
            rows = [
                disclosure.withheld_subject(r, confidential[r["id"]])
                if r["id"] in confidential
                else r
                for r in rows
            ]
        return [ForwardPlanRow(**r) for r in rows]

    def _confidential_notices(self, body_id: UUID) -> dict[str, str | None]:
        """The body's forward-plan entries that a confidential agenda item takes up, with
        the reason that item is withheld."""
        found: dict[str, str | None] = {}
        for meeting_id in read.list_meetings_with_confidential_items(self, body_id):
            agenda = self._get(Meeting, "meeting", meeting_id).agenda
            found.update(disclosure.plan_entries_withheld(agenda))
        return found
