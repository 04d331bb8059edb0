"""The demo's minutes: each held meeting's minutes agreed by its chair, circulated, and
approved at the body's next meeting (one with an amendment), then published."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Protocol
from uuid import UUID

from demo.family import RECORDED_BY
from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import (
    AgreeMinutes,
    ApproveMinutes,
    CirculateMinutes,
    PublishMinutes,
)
from meetings.domain.rules import london_date
from meetings.domain.values import MeetingStatus

#: What the board asked to change when it approved its first minutes of the year.
AMENDMENT = (
    "The board asked that the minute record its thanks to the officers of all four "
    "partner organisations who prepared the report at short notice."
)


class Held(Protocol):
    id: UUID
    body: str


def take_minutes_forward(
    app: MeetingsApplication, meetings: Sequence[Held], chair: Callable[[str, date], UUID]
) -> int:
    """Agree and circulate the minutes of every closed meeting; approve and publish them
    at the body's next meeting that has met. Returns how many were published."""
    held = [(m, app.get_meeting(m.id)) for m in meetings]
    held = [(m, record) for m, record in held if record.status == MeetingStatus.CLOSED]
    published, amended = 0, False
    for n, (plan, record) in enumerate(held):
        assert record.closed_at is not None
        closed = record.closed_at
        app.agree_minutes(
            AgreeMinutes(
                meeting_id=record.id,
                person_id=getattr(plan, "chaired_by", None)
                or chair(plan.body, london_date(record.starts_at)),
                at=closed + timedelta(days=4),
                recorded_by=RECORDED_BY,
            )
        )
        app.circulate_minutes(
            CirculateMinutes(
                meeting_id=record.id, at=closed + timedelta(days=6), recorded_by=RECORDED_BY
            )
        )
        later = next((r for p, r in held[n + 1 :] if p.body == plan.body), None)
        if later is None:
            continue  # to be approved at the body's next meeting
        app.approve_minutes(
            ApproveMinutes(
                meeting_id=record.id,
                approved_at=later.id,
                amendments=_amendments(app, record.id, first=plan.body == "board" and not amended),
                recorded_by=RECORDED_BY,
            )
        )
        assert later.closed_at is not None
        app.publish_minutes(
            PublishMinutes(
                meeting_id=record.id,
                at=later.closed_at + timedelta(days=2),
                recorded_by=RECORDED_BY,
            )
        )
        published += 1
        amended = amended or plan.body == "board"
    return published


def _amendments(app: MeetingsApplication, meeting_id: UUID, first: bool) -> list[dict[str, str]]:
    """One amendment, on the first published minutes: to the first item with notes."""
    if not first:
        return []
    minutes = app.get_minutes(meeting_id, RECORD_TOOLS)
    item = next(i for i in minutes.items if i["notes"] and not i["confidential"])
    return [{"item_id": item["id"], "text": "\n\n".join([*item["notes"], AMENDMENT])}]
