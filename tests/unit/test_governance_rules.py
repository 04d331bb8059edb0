"""Rules of issue 13 (governance as the partnerships run it), on the aggregates alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from meetings.domain.action import Action
from meetings.domain.errors import ActionClosedError

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
