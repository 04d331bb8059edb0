"""Rules of issue 13 (governance as the partnerships run it), on the aggregates alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import (
    ActionClosedError,
    InvalidFieldError,
    MeetingStatusError,
    RuleBrokenError,
)
from meetings.domain.meeting import Meeting

AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def _action() -> Action:
    action = Action(
        uuid4(),
        uuid4(),
        uuid4(),
        "item-1",
        "Open the skills hub",
        uuid4(),
        None,
        date(2026, 9, 1),
        None,
    )
    action.collect_events()
    return action


def test_an_action_is_taken_into_a_workplan_item_once() -> None:
    action, workplan = _action(), uuid4()
    action.take_into_workplan(workplan, "item-a")
    [linked] = action.collect_events()
    assert isinstance(linked, Action.LinkedToWorkplan)
    assert (action.workplan_id, action.workplan_item_id) == (workplan, "item-a")
    with pytest.raises(ActionClosedError, match="already"):
        action.take_into_workplan(workplan, "item-a")
    action.take_into_workplan(workplan, "item-b")  # moved to another item
    assert action.workplan_item_id == "item-b"


def test_a_dropped_action_is_not_taken_into_a_workplan() -> None:
    action = _action()
    action.drop("Merged into another", AT)
    with pytest.raises(ActionClosedError, match="dropped"):
        action.take_into_workplan(uuid4(), "item-a")


def _meeting() -> Meeting:
    m = Meeting(uuid4(), AT, "County Hall", "ordinary")
    m.add_item("item-1", "Budget", "decision", None, False, None, [], None)
    return m


def test_who_is_in_the_chair_at_each_moment() -> None:
    m = _meeting()
    nominee, vice = uuid4(), uuid4()
    m.take_chair("c1", nominee, AT)  # recorded before the meeting
    m.open(AT)
    m.take_chair("c2", vice, AT + timedelta(minutes=40))
    assert m.chair_at(AT - timedelta(minutes=1)) is None
    assert m.chair_at(AT + timedelta(minutes=39)) == nominee
    assert m.chair_at(AT + timedelta(hours=1)) == vice
    assert [e["person_id"] for e in m.in_the_chair()] == [nominee, vice]
    m.correct("c2", "It was the chair throughout", None)
    assert m.chair_at(AT + timedelta(hours=1)) == nominee


def test_nobody_takes_the_chair_after_closing_or_at_a_cancelled_meeting() -> None:
    m = _meeting()
    m.open(AT)
    m.close(AT + timedelta(hours=1))
    with pytest.raises(InvalidFieldError, match="closed"):
        m.take_chair("c1", uuid4(), AT + timedelta(hours=2))
    m.take_chair("c1", uuid4(), AT)  # typed up afterwards, while the minutes are a draft
    cancelled = _meeting()
    cancelled.cancel("No business")
    with pytest.raises(MeetingStatusError, match="cancelled"):
        cancelled.take_chair("c1", uuid4(), AT)


def _body() -> Body:
    body = Body(
        "CADEX", "CADEX", "officers", None, "consensus", None, 5, None, False, [], None, None
    )
    body.collect_events()
    return body


def test_a_body_is_wound_up_once_and_not_before_its_last_meeting() -> None:
    body = _body()
    with pytest.raises(InvalidFieldError, match="after that day"):
        body.end(date(2026, 3, 31), "Replaced", last_held=date(2026, 4, 2))
    body.end(date(2026, 4, 30), "Replaced", last_held=date(2026, 4, 2))
    body.require_sitting_on(date(2026, 4, 30), "meet")
    with pytest.raises(RuleBrokenError, match="wound up on 2026-04-30"):
        body.require_sitting_on(date(2026, 5, 1), "meet")
    with pytest.raises(RuleBrokenError):
        body.end(date(2026, 5, 31), "Again", last_held=None)


def test_rules_of_governance_default_and_revise() -> None:
    body = _body()
    assert body.rules_of_governance() == {
        "standing_items": [],
        "substitutes": "named",
        "groups": [],
    }
    body.revise_rules(
        {"groups": ["Local authority", "Partnership"], "substitutes": "member_organisation"}
    )
    assert body.rules_of_governance()["groups"] == ["Local authority", "Partnership"]
    body.require_group("Partnership", "groups")
    with pytest.raises(InvalidFieldError, match="no group called"):
        body.require_group("Everyone", "groups.0")
    with pytest.raises(InvalidFieldError):
        body.revise_rules({"substitutes": "anyone"})
