"""An action between meetings: progress, new due dates, owners, completion, dropping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from meetings.domain.action import Action
from meetings.domain.errors import ActionClosedError

AT = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
DUE = date(2026, 3, 1)


def _action() -> Action:
    """An open action, its creation event already collected."""
    action = Action(
        uuid4(), uuid4(), uuid4(), "item-1", "Refresh the JSNA", uuid4(), uuid4(), DUE, "Health"
    )
    action.collect_events()
    return action


def _done() -> Action:
    action = _action()
    action.complete("Published.", AT)
    action.collect_events()
    return action


def _dropped() -> Action:
    action = _action()
    action.drop("Overtaken by the national review", AT)
    action.collect_events()
    return action


def test_an_agreed_action_is_open_with_no_updates() -> None:
    owner, organisation = uuid4(), uuid4()
    action = Action(uuid4(), uuid4(), uuid4(), "item-1", "Refresh", owner, organisation, DUE, None)
    [agreed] = action.collect_events()
    assert isinstance(agreed, Action.Agreed)
    assert (agreed.owner_id, agreed.organisation_id, agreed.due_on) == (owner, organisation, DUE)
    assert action.status == "open" and action.updates == [] and action.percent_complete is None


def test_progress_sets_the_percent_and_keeps_the_note() -> None:
    action = _action()
    action.note_progress("Draft circulated", 40, AT)
    [noted] = action.collect_events()
    assert isinstance(noted, Action.ProgressNoted)
    assert (noted.note, noted.percent_complete, noted.at) == ("Draft circulated", 40, AT)
    assert action.percent_complete == 40
    assert action.updates == [
        {"kind": "progress", "note": "Draft circulated", "percent_complete": 40, "at": AT}
    ]


def test_progress_without_a_percent_keeps_the_last_percent() -> None:
    action = _action()
    action.note_progress("Started", 20, AT)
    action.note_progress("Chased the data team", None, AT)
    assert action.percent_complete == 20
    assert [u["percent_complete"] for u in action.updates] == [20, None]
    assert len(action.collect_events()) == 2


def test_a_new_due_date_keeps_the_previous_date_and_the_reason() -> None:
    action = _action()
    action.revise_due_date(date(2026, 4, 30), "Data late from the ONS", AT)
    [revised] = action.collect_events()
    assert isinstance(revised, Action.DueDateRevised)
    assert (revised.due_on, revised.reason) == (date(2026, 4, 30), "Data late from the ONS")
    assert action.due_on == date(2026, 4, 30)
    assert action.updates == [
        {
            "kind": "due_date",
            "previous_due_on": DUE,
            "due_on": date(2026, 4, 30),
            "reason": "Data late from the ONS",
            "at": AT,
        }
    ]


def test_reassignment_records_the_previous_owner_and_the_new_organisation() -> None:
    action = _action()
    before, owner, organisation = action.owner_id, uuid4(), uuid4()
    action.reassign(owner, organisation, AT)
    [reassigned] = action.collect_events()
    assert isinstance(reassigned, Action.Reassigned)
    assert (reassigned.owner_id, reassigned.organisation_id) == (owner, organisation)
    assert (action.owner_id, action.organisation_id) == (owner, organisation)
    assert action.updates[-1]["previous_owner_id"] == before


def test_completion_makes_the_action_done_at_full_percent() -> None:
    action = _action()
    action.complete("Published on the website", AT)
    [completed] = action.collect_events()
    assert isinstance(completed, Action.Completed)
    assert (completed.note, completed.at) == ("Published on the website", AT)
    assert (action.status, action.percent_complete, action.completed_at) == ("done", 100, AT)
    assert action.updates[-1] == {"kind": "completed", "note": "Published on the website", "at": AT}


def test_dropping_keeps_the_reason() -> None:
    action = _action()
    action.drop("Overtaken by the national review", AT)
    [dropped] = action.collect_events()
    assert isinstance(dropped, Action.Dropped)
    assert dropped.reason == "Overtaken by the national review"
    assert (action.status, action.drop_reason) == ("dropped", "Overtaken by the national review")


def test_completing_a_dropped_action_is_refused_naming_the_reason() -> None:
    action = _dropped()
    with pytest.raises(ActionClosedError, match="dropped \\(Overtaken by the national review\\)"):
        action.complete(None, AT)
    assert action.collect_events() == []
    assert action.status == "dropped"


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a.note_progress("More", 50, AT),
        lambda a: a.revise_due_date(date(2026, 5, 1), "Later", AT),
        lambda a: a.reassign(uuid4(), None, AT),
        lambda a: a.complete(None, AT),
        lambda a: a.drop("No longer needed", AT),
    ],
    ids=["progress", "due_date", "reassign", "complete", "drop"],
)
def test_updating_a_done_action_is_refused(change: Callable[[Action], None]) -> None:
    action = _done()
    with pytest.raises(ActionClosedError, match="already done"):
        change(action)
    assert action.collect_events() == []
    assert (action.status, len(action.updates)) == ("done", 1)


def test_dropping_twice_is_refused() -> None:
    action = _dropped()
    with pytest.raises(ActionClosedError):
        action.drop("Again", AT)
    assert action.collect_events() == []
    assert action.drop_reason == "Overtaken by the national review"


def test_an_open_action_is_overdue_only_after_its_due_date() -> None:
    action = _action()
    assert not action.overdue_on(date(2026, 2, 28))
    assert not action.overdue_on(DUE)
    assert action.overdue_on(date(2026, 3, 2))


def test_an_overdue_action_is_no_longer_overdue_once_revised() -> None:
    action = _action()
    action.revise_due_date(date(2026, 4, 30), "Data late", AT)
    assert not action.overdue_on(date(2026, 3, 2))


@pytest.mark.parametrize("closed", [_done, _dropped], ids=["done", "dropped"])
def test_a_closed_action_is_never_overdue(closed: Callable[[], Action]) -> None:
    assert not closed().overdue_on(date(2027, 1, 1))


def test_linking_to_a_workplan_item_is_recorded() -> None:
    action, workplan = _action(), uuid4()
    action.link_to_workplan(workplan, "item-7")
    [linked] = action.collect_events()
    assert isinstance(linked, Action.LinkedToWorkplan)
    assert (action.workplan_id, action.workplan_item_id) == (workplan, "item-7")
