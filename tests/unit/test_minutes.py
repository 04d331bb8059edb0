"""The minutes' own rules: each step in order, approval at a later meeting of the body,
amendments kept, and the record fixed once approved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from meetings.domain.errors import (
    CorrectionRuleError,
    InvalidFieldError,
    MeetingStatusError,
    UnknownReferenceError,
)
from meetings.domain.meeting import Meeting

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
BODY = uuid4()


def _held(starts: datetime = T0, body=BODY) -> tuple[Meeting, str]:  # type: ignore[no-untyped-def]
    m = Meeting(body, starts, "County Hall", "ordinary")
    item = m.add_item(str(uuid4()), "Plan", "decision", None, False, None, [], None)["id"]
    m.open(starts)
    m.record_note(str(uuid4()), item, "Discussed.")
    m.close(starts + timedelta(hours=2))
    return m, item


def _later(weeks: int = 12, body=BODY) -> Meeting:  # type: ignore[no-untyped-def]
    later, _ = _held(T0 + timedelta(weeks=weeks), body)
    return later


def _steps(m: Meeting) -> list[str]:
    return [type(e).__name__ for e in m.collect_events() if type(e).__name__.startswith("Minutes")]


def test_the_minutes_go_from_draft_to_published_in_order() -> None:
    m, item = _held()
    chair = uuid4()
    assert m.minutes["status"] == "draft"
    m.agree_minutes(chair, T0 + timedelta(days=3))
    m.circulate_minutes(T0 + timedelta(days=5))
    later = _later()
    m.approve_minutes(later, later.starts_at, [{"item_id": item, "text": "Discussed at length."}])
    m.publish_minutes(later.starts_at + timedelta(days=1))
    assert m.minutes["status"] == "published"
    assert m.minutes["agreed"]["person_id"] == chair
    assert m.minutes["approved"]["meeting_id"] == later.id
    assert m.minutes["amendments"] == [{"item_id": item, "text": "Discussed at length."}]
    assert _steps(m) == [
        "MinutesAgreed",
        "MinutesCirculated",
        "MinutesApproved",
        "MinutesPublished",
    ]


def test_minutes_are_agreed_only_after_the_meeting_closes() -> None:
    m = Meeting(BODY, T0, None, "ordinary")
    with pytest.raises(MeetingStatusError, match="after the meeting closes"):
        m.agree_minutes(uuid4(), T0)
    m.open(T0)
    with pytest.raises(MeetingStatusError, match="in session"):
        m.agree_minutes(uuid4(), T0)


@pytest.mark.parametrize("step", ["circulate", "approve", "publish"])
def test_a_step_out_of_order_is_refused_and_records_nothing(step: str) -> None:
    m, _ = _held()
    before, later = m.version, _later()
    steps = {
        "circulate": lambda: m.circulate_minutes(T0),
        "approve": lambda: m.approve_minutes(later, T0, []),
        "publish": lambda: m.publish_minutes(T0),
    }
    with pytest.raises(MeetingStatusError, match="the minutes are draft"):
        steps[step]()
    assert m.version == before


def test_approval_is_at_a_later_meeting_of_the_same_body_that_has_met() -> None:
    m, item = _held()
    m.agree_minutes(uuid4(), T0)
    m.circulate_minutes(T0)
    with pytest.raises(MeetingStatusError, match="another body"):
        m.approve_minutes(_later(body=uuid4()), T0, [])
    with pytest.raises(MeetingStatusError, match="not later"):
        m.approve_minutes(_later(weeks=-4), T0, [])
    with pytest.raises(MeetingStatusError, match="not later"):
        m.approve_minutes(m, T0, [])
    not_yet = Meeting(BODY, T0 + timedelta(weeks=12), None, "ordinary")
    with pytest.raises(MeetingStatusError, match="scheduled"):
        m.approve_minutes(not_yet, T0, [])
    with pytest.raises(UnknownReferenceError):
        m.approve_minutes(_later(), T0, [{"item_id": "nope", "text": "x"}])
    twice = [{"item_id": item, "text": "a"}, {"item_id": item, "text": "b"}]
    with pytest.raises(InvalidFieldError, match="one amendment per item"):
        m.approve_minutes(_later(), T0, twice)
    assert m.minutes["status"] == "circulated"


def test_a_correction_before_approval_sends_agreed_minutes_back_to_draft() -> None:
    m, item = _held()
    note = next(e for e in m.entries.values() if e["kind"] == "note")
    m.agree_minutes(uuid4(), T0)
    m.circulate_minutes(T0)
    m.correct(note["id"], "wrong words", {"item_id": item, "text": "Discussed briefly."})
    assert m.minutes["status"] == "draft"
    assert m.minutes["reopened"] == [{"by_correction_of": note["id"]}]
    m.agree_minutes(uuid4(), T0)
    assert m.minutes["status"] == "agreed"


def test_once_approved_the_record_is_no_longer_corrected() -> None:
    m, _ = _held()
    note = next(e for e in m.entries.values() if e["kind"] == "note")
    m.agree_minutes(uuid4(), T0)
    m.circulate_minutes(T0)
    m.approve_minutes(_later(), T0, [])
    with pytest.raises(CorrectionRuleError, match="later meeting"):
        m.correct(note["id"], "too late", None)


def test_the_minutes_survive_a_snapshot_and_a_fork() -> None:
    from eventsourcing.domain import Snapshot

    m, _ = _held()
    m.agree_minutes(uuid4(), T0)
    copy = m.fork()
    copy.circulate_minutes(T0)
    assert m.minutes["status"] == "agreed" and copy.minutes["status"] == "circulated"
    restored = Snapshot.take(copy).mutate(None)
    assert restored.minutes == copy.minutes
