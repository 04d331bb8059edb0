"""Workplans over HTTP: themes, items, status reports, progress now and as at a day."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from uuid import uuid4

import eventsourcing.domain
import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    LONDON,
    agree_action,
    get,
    live_meeting,
    london_day,
    make_organisation,
    ok,
    post,
)

Json = dict[str, Any]
ECONOMY, SAFER = "Thriving Economy", "Safer Communities"


def _draw_up(client: FlaskClient, token: str | None, body_id: str, **fields: Any) -> Any:
    data = {"title": "Sustainable Community Strategy", "themes": [ECONOMY, SAFER], **fields}
    return post(client, f"/bodies/{body_id}/workplans", token, data)


def _add(client: FlaskClient, token: str | None, workplan_id: str, **fields: Any) -> Any:
    data = {"theme": ECONOMY, "title": "Skills hub", **fields}
    return post(client, f"/workplans/{workplan_id}/items", token, data)


def _report(
    client: FlaskClient, token: str | None, workplan_id: str, item_id: str, status: str
) -> Any:
    path = f"/workplans/{workplan_id}/items/{item_id}/status"
    return post(client, path, token, {"status": status, "note": f"Now {status}"})


def _progress(client: FlaskClient, token: str, workplan_id: str, **query: Any) -> Json:
    progress: Json = ok(
        get(client, f"/workplans/{workplan_id}/progress", token, query_string=query)
    )
    return progress


def _theme(progress: Json, name: str) -> Json:
    [theme] = [t for t in progress["themes"] if t["theme"] == name]
    return theme


@pytest.fixture
def workplan(client: FlaskClient, clerk: str, body: Json) -> Json:
    created: Json = ok(_draw_up(client, clerk, body["id"]), 201)
    return created


@pytest.fixture
def plan_item(client: FlaskClient, clerk: str, workplan: Json) -> Json:
    created: Json = ok(_add(client, clerk, workplan["id"]), 201)
    return created


def test_a_workplan_is_drawn_up_with_its_themes(
    client: FlaskClient, clerk: str, scrutiny: str, body: Json
) -> None:
    response = _draw_up(client, clerk, body["id"])
    created = ok(response, 201)
    assert (created["themes"], created["items"], response.headers["ETag"]) == (
        [ECONOMY, SAFER],
        [],
        '"1"',
    )
    listed = ok(get(client, f"/bodies/{body['id']}/workplans", scrutiny))
    assert [w["id"] for w in listed] == [created["id"]]
    assert ok(get(client, f"/workplans/{created['id']}", scrutiny))["title"] == (
        "Sustainable Community Strategy"
    )


@pytest.mark.parametrize("themes", [[], [ECONOMY, ECONOMY]])
def test_a_workplan_needs_distinct_themes(
    client: FlaskClient, clerk: str, body: Json, refused: Any, themes: list[str]
) -> None:
    refused(lambda: _draw_up(client, clerk, body["id"], themes=themes), 422, "themes")


def test_an_item_is_added_under_a_theme_with_its_lead_partner(
    client: FlaskClient, admin: str, clerk: str, workplan: Json
) -> None:
    lead = make_organisation(client, admin, name="Bucks Business First")
    item = ok(
        _add(client, clerk, workplan["id"], lead_organisation_id=lead["id"], due_on="2026-09-30"),
        201,
    )
    assert (item["theme"], item["status"], item["reports"]) == (ECONOMY, "not_started", [])
    assert (item["lead_organisation_id"], item["due_on"]) == (lead["id"], "2026-09-30")
    [kept] = ok(get(client, f"/workplans/{workplan['id']}", clerk))["items"]
    assert kept["id"] == item["id"]


def test_an_item_under_a_theme_the_workplan_lacks_is_422_naming_the_theme(
    client: FlaskClient, clerk: str, workplan: Json, refused: Any
) -> None:
    answer = refused(lambda: _add(client, clerk, workplan["id"], theme="Health"), 422, "theme")
    assert "Health" in answer["errors"]["theme"][0]


def test_an_items_status_reports_keep_their_history(
    client: FlaskClient, clerk: str, workplan: Json, plan_item: Json
) -> None:
    ok(_report(client, clerk, workplan["id"], plan_item["id"], "at_risk"))
    item = ok(_report(client, clerk, workplan["id"], plan_item["id"], "on_track"))
    assert (item["status"], item["note"]) == ("on_track", "Now on_track")
    assert [r["status"] for r in item["reports"]] == ["at_risk", "on_track"]


def test_a_status_outside_the_list_is_422(
    client: FlaskClient, clerk: str, workplan: Json, plan_item: Json, refused: Any
) -> None:
    refused(
        lambda: _report(client, clerk, workplan["id"], plan_item["id"], "finished"), 422, "status"
    )


def test_a_status_for_an_unknown_item_is_404(
    client: FlaskClient, clerk: str, workplan: Json, refused: Any
) -> None:
    refused(lambda: _report(client, clerk, workplan["id"], str(uuid4()), "done"), 404)


def test_progress_counts_items_by_theme_with_percent_done(
    client: FlaskClient, clerk: str, scrutiny: str, workplan: Json
) -> None:
    wid = workplan["id"]
    items = [ok(_add(client, clerk, wid, title=f"Item {i}"), 201)["id"] for i in range(3)]
    safer = ok(_add(client, clerk, wid, theme=SAFER, title="CCTV"), 201)["id"]
    for item, status in zip([*items[:2], safer], ["done", "at_risk", "done"], strict=True):
        ok(_report(client, clerk, wid, item, status))
    progress = _progress(client, scrutiny, wid)
    assert [t["theme"] for t in progress["themes"]] == [ECONOMY, SAFER]
    assert _theme(progress, ECONOMY) == {
        "theme": ECONOMY,
        "items": 3,
        "done": 1,
        "percent_done": 33,
        "not_started": 1,
        "on_track": 0,
        "at_risk": 1,
        "off_track": 0,
    }
    assert (_theme(progress, SAFER)["items"], _theme(progress, SAFER)["percent_done"]) == (1, 100)


def test_progress_counts_the_actions_agreed_for_the_workplans_items(
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body: Json,
    person: Json,
    workplan: Json,
    plan_item: Json,
) -> None:
    meeting, item = live_meeting(client, clerk, body["id"])

    def agree(due_on: str, **fields: Any) -> str:
        entry = agree_action(
            client, clerk, meeting["id"], item["id"], person["id"], due_on=due_on, **fields
        )
        return str(entry["action_id"])

    linked = {"workplan_item_id": plan_item["id"]}
    agree(str(london_day(-1)), **linked)  # overdue
    agree(str(london_day(30)), **linked)  # open
    done, dropped = agree(str(london_day(-10)), **linked), agree(str(london_day(5)), **linked)
    agree(str(london_day(-1)))  # not in the workplan
    ok(post(client, f"/actions/{done}/complete", clerk, {}))
    ok(post(client, f"/actions/{dropped}/drop", clerk, {"reason": "Merged"}))
    actions = _progress(client, scrutiny, workplan["id"])["actions"]
    assert actions == {"open": 2, "overdue": 1, "done": 1}


def test_an_action_for_an_unknown_workplan_item_is_422(
    client: FlaskClient, clerk: str, person: Json, live: tuple[Json, Json], refused: Any
) -> None:
    meeting, item = live
    data = {
        "description": "Open the hub",
        "owner_id": person["id"],
        "due_on": "2026-09-30",
        "workplan_item_id": str(uuid4()),
    }
    path = f"/meetings/{meeting['id']}/items/{item['id']}/actions"
    refused(lambda: post(client, path, clerk, data), 422, "workplan_item_id")


def test_progress_as_at_a_day_before_the_workplan_existed_is_404(
    client: FlaskClient, scrutiny: str, workplan: Json
) -> None:
    """As-at progress is by day: a workplan drawn up today did not exist yesterday."""
    path = f"/workplans/{workplan['id']}/progress"
    yesterday = str(london_day(-1))
    assert get(client, path, scrutiny, query_string={"as_at": yesterday}).status_code == 404
    assert _progress(client, scrutiny, workplan["id"], as_at=str(london_day()))["as_at"] == str(
        london_day()
    )


def test_progress_as_at_a_past_day_shows_the_statuses_and_actions_then(
    monkeypatch: pytest.MonkeyPatch,
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body: Json,
    person: Json,
) -> None:
    """What was recorded three days ago (the events' clock turned back), then today."""
    then = london_day(-3)
    with monkeypatch.context() as clock:
        noon = datetime.combine(then, time(12), tzinfo=LONDON)
        clock.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", lambda: noon)
        wid = ok(_draw_up(client, clerk, body["id"]), 201)["id"]
        first, second = (ok(_add(client, clerk, wid, title=t), 201)["id"] for t in ("A", "B"))
        ok(_report(client, clerk, wid, first, "at_risk"))
        meeting, item = live_meeting(client, clerk, body["id"])
        action = agree_action(
            client,
            clerk,
            meeting["id"],
            item["id"],
            person["id"],
            due_on=str(london_day(60)),
            workplan_item_id=first,
        )["action_id"]
    ok(_report(client, clerk, wid, first, "done"))
    ok(_report(client, clerk, wid, second, "on_track"))
    ok(post(client, f"/actions/{action}/complete", clerk, {}))

    past = _progress(client, scrutiny, wid, as_at=str(then))
    economy = _theme(past, ECONOMY)
    assert (economy["done"], economy["at_risk"], economy["not_started"]) == (0, 1, 1)
    assert past["actions"] == {"open": 1, "overdue": 0, "done": 0}
    now = _progress(client, scrutiny, wid)
    economy = _theme(now, ECONOMY)
    assert (economy["done"], economy["on_track"], economy["percent_done"]) == (1, 1, 50)
    assert now["actions"] == {"open": 0, "overdue": 0, "done": 1}


def test_a_workplan_as_at_a_moment_or_version_shows_its_items_then(
    client: FlaskClient, clerk: str, scrutiny: str, workplan: Json, plan_item: Json
) -> None:
    ok(_report(client, clerk, workplan["id"], plan_item["id"], "at_risk"))
    between = (datetime.now(tz=LONDON) + timedelta(microseconds=1)).isoformat()
    ok(_report(client, clerk, workplan["id"], plan_item["id"], "done"))
    path = f"/workplans/{workplan['id']}"
    [then] = ok(get(client, path, scrutiny, query_string={"as_at": between}))["items"]
    assert then["status"] == "at_risk"
    [first] = ok(get(client, path, scrutiny, query_string={"version": 2}))["items"]
    assert (first["status"], first["reports"]) == ("not_started", [])
    assert ok(get(client, path, scrutiny))["items"][0]["status"] == "done"


# Who may -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_clerk", "scrutiny", "member"])
def test_only_admin_and_the_bodys_clerks_change_workplans(
    request: pytest.FixtureRequest,
    client: FlaskClient,
    body: Json,
    workplan: Json,
    plan_item: Json,
    refused: Any,
    who: str,
) -> None:
    token = request.getfixturevalue(who)
    refused(lambda: _draw_up(client, token, body["id"]), 403)
    refused(lambda: _add(client, token, workplan["id"]), 403)
    refused(lambda: _report(client, token, workplan["id"], plan_item["id"], "done"), 403)
    assert _progress(client, token, workplan["id"])["themes"][0]["items"] == 1


def test_without_a_token_workplans_are_401(
    client: FlaskClient, body: Json, workplan: Json, plan_item: Json, refused: Any
) -> None:
    refused(lambda: _draw_up(client, None, body["id"]), 401)
    refused(lambda: _report(client, None, workplan["id"], plan_item["id"], "done"), 401)
    for path in ("", "/progress", "/history"):
        assert get(client, f"/workplans/{workplan['id']}{path}", None).status_code == 401


def test_admin_draws_up_a_workplan_for_any_body(
    client: FlaskClient, admin: str, other_body: Json
) -> None:
    assert ok(_draw_up(client, admin, other_body["id"]), 201)["body_id"] == other_body["id"]


def test_a_workplans_history_is_for_scrutiny_not_members(
    client: FlaskClient, clerk: str, scrutiny: str, member: str, workplan: Json, plan_item: Json
) -> None:
    ok(_report(client, clerk, workplan["id"], plan_item["id"], "on_track"))
    history = ok(get(client, f"/workplans/{workplan['id']}/history", scrutiny))
    assert [h["type"] for h in history] == [
        "Workplan.DrawnUp",
        "Workplan.ItemAdded",
        "Workplan.StatusReported",
    ]
    assert get(client, f"/workplans/{workplan['id']}/history", member).status_code == 403


def test_an_unknown_workplan_or_body_is_404(
    client: FlaskClient, admin: str, clerk: str, refused: Any
) -> None:
    missing = str(uuid4())
    refused(lambda: _add(client, clerk, missing), 404)
    assert get(client, f"/workplans/{missing}/progress", clerk).status_code == 404
    refused(lambda: _draw_up(client, admin, missing), 404)
