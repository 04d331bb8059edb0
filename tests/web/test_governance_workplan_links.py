"""Actions agreed at earlier meetings taken into a workplan drawn up later.

Seed: ../shared/seeds/002_0c1b5ca28c2c2297.txt, 3.2.4: "The implementation group will
draw up a workplan, to include actions for improvement identified ... at Partnership
meetings either through the theme debate or other reports and discussions. This will
enable the partnership to track change and improvements".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.conftest import Json
from tests.web.support import agree_action, get, live_meeting, ok, post

Refused = Callable[..., Json]


def _workplan_item(client: FlaskClient, token: str, body_id: str) -> tuple[str, str]:
    """A workplan of the body with one item: (workplan id, item id)."""
    plan = ok(
        post(client, f"/bodies/{body_id}/workplans", token, {"title": "SCS", "themes": ["Jobs"]}),
        201,
    )
    item = ok(
        post(client, f"/workplans/{plan['id']}/items", token, {"theme": "Jobs", "title": "Hub"}),
        201,
    )
    return plan["id"], item["id"]


@pytest.fixture
def earlier_action(client: FlaskClient, clerk: str, body: Json, person: Json) -> Json:
    """An action agreed at a meeting of the board, before any workplan existed."""
    meeting, item = live_meeting(client, clerk, body["id"])
    return agree_action(client, clerk, meeting["id"], item["id"], person["id"])


def _take(client: FlaskClient, token: str, workplan: tuple[str, str], action_id: str) -> Any:
    plan, item = workplan
    return post(client, f"/workplans/{plan}/items/{item}/actions", token, {"action_id": action_id})


def test_an_earlier_action_is_taken_into_a_workplan_item_and_counts_in_its_progress(
    client: FlaskClient, clerk: str, scrutiny: str, body: Json, earlier_action: Json
) -> None:
    workplan = _workplan_item(client, clerk, body["id"])
    before = ok(get(client, f"/workplans/{workplan[0]}/progress", scrutiny))["actions"]
    assert before == {"open": 0, "overdue": 0, "done": 0}
    taken = ok(_take(client, clerk, workplan, earlier_action["id"]))
    assert taken["id"] == earlier_action["id"]
    assert (taken["workplan_id"], taken["workplan_item_id"]) == workplan
    after = ok(get(client, f"/workplans/{workplan[0]}/progress", scrutiny))["actions"]
    assert after == {"open": 1, "overdue": 1, "done": 0}  # due 1 March 2026, still open
    assert ok(get(client, "/actions", scrutiny, query_string={"workplan_id": workplan[0]}))


def test_taking_an_action_twice_or_a_dropped_or_unknown_action_is_refused(
    client: FlaskClient, clerk: str, body: Json, earlier_action: Json, refused: Refused
) -> None:
    workplan = _workplan_item(client, clerk, body["id"])
    ok(_take(client, clerk, workplan, earlier_action["id"]))
    detail = refused(lambda: _take(client, clerk, workplan, earlier_action["id"]), 409)["detail"]
    assert "already" in detail
    refused(lambda: _take(client, clerk, workplan, str(uuid4())), 422, "action_id")
    refused(
        lambda: post(
            client,
            f"/workplans/{workplan[0]}/items/{uuid4()}/actions",
            clerk,
            {"action_id": earlier_action["id"]},
        ),
        404,
    )
    other = _workplan_item(client, clerk, body["id"])
    ok(post(client, f"/actions/{earlier_action['id']}/drop", clerk, {"reason": "Merged"}))
    assert (
        "dropped"
        in refused(lambda: _take(client, clerk, other, earlier_action["id"]), 409)["detail"]
    )


def test_a_clerk_may_not_link_another_bodys_action_or_workplan(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    clerk: str,
    other_clerk: str,
    body: Json,
    other_body: Json,
    person: Json,
    earlier_action: Json,
    refused: Refused,
) -> None:
    """Issue 17, item 9: a clerk of body A could link an action to body B's workplan item."""
    theirs = _workplan_item(client, other_clerk, other_body["id"])
    # The board's clerk may not take the board's action into the other body's workplan ...
    refused(lambda: _take(client, clerk, theirs, earlier_action["id"]), 403)
    # ... nor may the other body's clerk take the board's action into their own.
    refused(lambda: _take(client, other_clerk, theirs, earlier_action["id"]), 403)
    # Nor may the board's clerk agree an action straight into the other body's workplan.
    meeting, item = live_meeting(client, clerk, body["id"])
    path = f"/meetings/{meeting['id']}/items/{item['id']}/actions"
    data = {
        "description": "Open the hub",
        "owner_id": person["id"],
        "due_on": "2027-09-30",
        "workplan_item_id": theirs[1],
    }
    refused(lambda: post(client, path, clerk, data), 403)
    # A clerk of both bodies (or an administrator) may.
    both = app.tokens.create(Role.CLERK, "Bo Both", [body["id"], other_body["id"]])[1]
    ok(_take(client, both, theirs, earlier_action["id"]))
    assert ok(post(client, path, admin, data), 201)["action_id"]


def test_a_correction_that_sets_a_workplan_item_is_refused_with_the_way_to_do_it(
    client: FlaskClient, clerk: str, body: Json, person: Json, refused: Refused
) -> None:
    """Defect 3: it answered 201 and changed nothing."""
    meeting, item = live_meeting(client, clerk, body["id"])
    action = agree_action(client, clerk, meeting["id"], item["id"], person["id"])
    _, workplan_item = _workplan_item(client, clerk, body["id"])
    correction = {
        "entry_id": action["entry_id"],
        "reason": "It belongs to the plan",
        "replacement": {"workplan_item_id": workplan_item},
    }
    path = f"/meetings/{meeting['id']}/corrections"
    answer = refused(
        lambda: post(client, path, clerk, correction), 422, "replacement.workplan_item_id"
    )
    assert "/workplans/" in str(answer["errors"])
