"""The life of the minutes as pure functions (meetings/domain/minutes_stage.py): each step
only from the stage before it, approval at a later opened meeting of the same body."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from meetings.domain import minutes_stage
from meetings.domain.errors import CorrectionRuleError, InvalidFieldError, MeetingStatusError
from meetings.domain.minutes_stage import AGREE, APPROVE, CIRCULATE, PUBLISH, Sitting

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
STEPS = (AGREE, CIRCULATE, APPROVE, PUBLISH)


def test_the_steps_walk_the_stages_in_order() -> None:
    status = minutes_stage.NO_MINUTES["status"]
    for step in STEPS:
        status = minutes_stage.next_stage(status, step)
    assert status == "published"
    assert [s.reached for s in STEPS] == list(minutes_stage.MINUTES_STAGES[1:])


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.doing)
def test_every_step_out_of_order_is_refused_with_its_hint(step: minutes_stage.Step) -> None:
    for status in minutes_stage.MINUTES_STAGES:
        if status == step.start:
            continue
        with pytest.raises(MeetingStatusError) as refused:
            minutes_stage.next_stage(status, step)
        assert str(refused.value) == f"Cannot {step.doing}: the minutes are {status}. {step.hint}"


def test_minutes_are_agreed_only_after_the_meeting_closes() -> None:
    minutes_stage.check_meeting_closed("closed")
    with pytest.raises(MeetingStatusError, match="the meeting is in session"):
        minutes_stage.check_meeting_closed("in_session")


def _sitting(**changes: Any) -> Sitting:
    fields = {"id": uuid4(), "body_id": BODY, "starts_at": T0, "status": "closed", **changes}
    return Sitting(**fields)


BODY = uuid4()


def test_approval_is_at_a_later_opened_meeting_of_the_same_body() -> None:
    meeting = _sitting()
    later = T0 + timedelta(days=30)
    minutes_stage.check_approved_at(meeting, _sitting(starts_at=later, status="in_session"))
    refusals = {
        "belongs to another body": _sitting(starts_at=later, body_id=uuid4()),
        "not later than this one": _sitting(starts_at=T0),
        "is scheduled": _sitting(starts_at=later, status="scheduled"),
    }
    for words, at in refusals.items():
        with pytest.raises(MeetingStatusError, match=words):
            minutes_stage.check_approved_at(meeting, at)
    with pytest.raises(MeetingStatusError, match="not later"):
        minutes_stage.check_approved_at(meeting, meeting)


def test_one_amendment_per_known_item() -> None:
    asked: list[tuple[str, str]] = []
    minutes_stage.check_amendments(
        [{"item_id": "a"}, {"item_id": "b"}], lambda i, f: asked.append((i, f))
    )
    assert asked == [("a", "amendments.0.item_id"), ("b", "amendments.1.item_id")]
    with pytest.raises(InvalidFieldError) as refused:
        minutes_stage.check_amendments([{"item_id": "a"}, {"item_id": "a"}], lambda i, f: None)
    assert refused.value.field == "amendments.1.item_id"


def test_approved_minutes_take_no_correction_and_agreed_ones_reopen() -> None:
    for status in ("draft", "agreed", "circulated"):
        minutes_stage.check_correctable(status)
    for status in ("approved", "published"):
        with pytest.raises(CorrectionRuleError):
            minutes_stage.check_correctable(status)
    assert minutes_stage.REOPENED_BY_CORRECTION == ("agreed", "circulated")
