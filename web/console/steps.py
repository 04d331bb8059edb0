"""What comes next for a meeting, and who must do it: said the same way on the clerk's
home, the meeting's page and the chair's page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meetings.domain.meeting import CANCELLED, CLOSED, IN_SESSION, SCHEDULED
from meetings.domain.minutes_stage import AGREED, APPROVED, CIRCULATED, DRAFT, PUBLISHED

CLERK, CHAIR, NOBODY = "clerk", "chair", "nobody"


@dataclass(frozen=True)
class Step:
    """The next thing to do: what, who (clerk, chair or nobody), and where it is done."""

    key: str
    what: str
    who: str

    def whom(self, chair_name: str | None) -> str:
        if self.who == CHAIR:
            return f"the chair ({chair_name})" if chair_name else "the chair"
        return {CLERK: "the clerk", NOBODY: "nobody"}[self.who]


def next_step(meeting: Any) -> Step:
    """The next step of a meeting (a meeting as recorded: its MeetingState)."""
    if meeting.status == CANCELLED:
        return Step("none", "Nothing: the meeting was cancelled.", NOBODY)
    if meeting.status == SCHEDULED:
        return _before(meeting)
    if meeting.status == IN_SESSION:
        return Step("record", "Record the meeting as it happens, then close it.", CLERK)
    assert meeting.status == CLOSED
    return _after(meeting.minutes["status"])


def _before(meeting: Any) -> Step:
    if not meeting.agenda:
        return Step("agenda", "Build the agenda.", CLERK)
    if meeting.agenda_agreed is None:
        return Step(
            "agree_agenda",
            "Agree the agenda (it is waiting on the chair's console page).",
            CHAIR,
        )
    if meeting.agenda_published_at is None:
        return Step("publish_agenda", "Publish the agreed agenda.", CLERK)
    return Step("open", "Open the meeting when it starts, and record it.", CLERK)


def _after(status: str) -> Step:
    return {
        DRAFT: Step(
            "agree_minutes",
            "Agree the draft minutes (they are waiting on the chair's console page).",
            CHAIR,
        ),
        AGREED: Step("circulate", "Circulate the agreed minutes to the members.", CLERK),
        CIRCULATED: Step(
            "approve",
            "Approve the minutes at the body's next meeting, with any amendments.",
            CLERK,
        ),
        APPROVED: Step("publish_minutes", "Publish the approved minutes.", CLERK),
        PUBLISHED: Step("none", "Nothing: the minutes are published.", NOBODY),
    }[status]
