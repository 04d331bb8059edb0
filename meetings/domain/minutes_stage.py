"""The life of a meeting's minutes, as pure functions: drafted from the record once the
meeting closes, agreed by the chair, circulated, approved as a correct record at a later
meeting of the same body (with any amendments), then published. A correction of the
record sends minutes the chair agreed back to draft; approved minutes take no correction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

from meetings.domain.errors import CorrectionRuleError, InvalidFieldError, MeetingStatusError
from meetings.domain.values import MeetingStatus

#: The stages, in order (the strings the record stores).
DRAFT, AGREED, CIRCULATED, APPROVED, PUBLISHED = (
    "draft",
    "agreed",
    "circulated",
    "approved",
    "published",
)
MINUTES_STAGES = (DRAFT, AGREED, CIRCULATED, APPROVED, PUBLISHED)
#: A correction of the record sends minutes at these stages back to draft: the text the
#: chair agreed no longer matches the record, so the chair agrees it again.
REOPENED_BY_CORRECTION = (AGREED, CIRCULATED)

#: The minutes of a meeting before their first step (and in snapshots from before minutes).
NO_MINUTES: dict[str, Any] = {
    "status": DRAFT,
    "agreed": None,
    "circulated_at": None,
    "approved": None,
    "amendments": [],
    "published_at": None,
    "reopened": [],
}


class Step(NamedTuple):
    """One step of the minutes: the stage it starts from, the stage it reaches, and what
    the clerk is told when the minutes are elsewhere."""

    doing: str
    start: str
    reached: str
    hint: str


AGREE = Step("agree the minutes", DRAFT, AGREED, "They have been agreed already.")
CIRCULATE = Step(
    "circulate the minutes",
    AGREED,
    CIRCULATED,
    "They are circulated once the chair has agreed them, and only once.",
)
APPROVE = Step(
    "approve the minutes",
    CIRCULATED,
    APPROVED,
    "They are approved after they have been agreed by the chair and circulated.",
)
PUBLISH = Step(
    "publish the minutes",
    APPROVED,
    PUBLISHED,
    "Only minutes approved as a correct record at a later meeting are published.",
)


def next_stage(status: str, step: Step) -> str:
    """The stage the minutes reach by `step` from `status`; refused out of order."""
    if status != step.start:
        raise MeetingStatusError(f"Cannot {step.doing}: the minutes are {status}. {step.hint}")
    return step.reached


def check_meeting_closed(meeting_status: str) -> None:
    """Minutes are agreed only after the meeting closes."""
    if meeting_status != MeetingStatus.CLOSED:
        raise MeetingStatusError(
            f"Cannot agree the minutes: the meeting is {meeting_status.replace('_', ' ')}. "
            "Minutes are agreed after the meeting closes."
        )


class Sitting(NamedTuple):
    """What approval needs to know of a meeting: which body's, and when."""

    id: UUID
    body_id: UUID
    starts_at: datetime
    status: str


def check_approved_at(meeting: Sitting, later: Sitting) -> None:
    """Minutes are approved at a later meeting of the same body that has opened."""
    if later.body_id != meeting.body_id:
        raise MeetingStatusError(
            "Minutes are approved at a later meeting of the same body: the meeting "
            "named in approved_at belongs to another body."
        )
    if later.id == meeting.id or later.starts_at <= meeting.starts_at:
        raise MeetingStatusError(
            "Minutes are approved at a later meeting of the same body: the meeting "
            "named in approved_at is not later than this one."
        )
    if later.status not in (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED):
        raise MeetingStatusError(
            f"The meeting named in approved_at is {later.status.replace('_', ' ')}: "
            "minutes are approved at a meeting that has opened."
        )


def check_amendments(
    amendments: Sequence[dict[str, Any]], require_item: Callable[[str, str], object]
) -> None:
    """Each amendment names an item of the meeting, and each item is amended once."""
    seen: set[str] = set()
    for n, amendment in enumerate(amendments):
        require_item(amendment["item_id"], f"amendments.{n}.item_id")
        if amendment["item_id"] in seen:
            raise InvalidFieldError(f"amendments.{n}.item_id", "Give one amendment per item.")
        seen.add(amendment["item_id"])


def check_correctable(status: str) -> None:
    """Once approved as a correct record, only a later meeting of the body changes it."""
    if status in (APPROVED, PUBLISHED):
        raise CorrectionRuleError(
            "The minutes were approved as a correct record: the record can no longer be "
            "corrected here. A later meeting of the body must decide the change."
        )
