"""The action tracker over HTTP: filters, overdue as of a day, CSV, updates, who may."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from uuid import UUID, uuid4

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.support import (
    agree_action,
    get,
    in_days,
    live_meeting,
    make_organisation,
    make_person,
    ok,
    post,
    schedule,
)

Json = dict[str, Any]
SECRET = {
    "title": "Sale of the depot to Acme",
    "confidential": True,
    "confidential_reason": "Commercially sensitive",
}
#: One valid body for each command on an action.
COMMANDS = {
    "progress": {"note": "Draft circulated", "percent_complete": 50},
    "due-date": {"due_on": "2026-04-30", "reason": "Data late from the ONS"},
    "reassign": None,  # filled in with a person who exists
    "complete": {"note": "Published"},
    "drop": {"reason": "Overtaken by the national review"},
}


@pytest.fixture
def council(client: FlaskClient, admin: str) -> Json:
    return make_organisation(client, admin, name="Buckinghamshire Council")


@pytest.fixture
def owner(client: FlaskClient, admin: str, council: Json) -> Json:
    return make_person(client, admin, name="Olu Owner", organisation_id=council["id"])


@pytest.fixture
def owner_token(app: MeetingsApplication, owner: Json) -> str:
    """A member token of the person who owns the action."""
    return app.tokens.create(Role.MEMBER, "Olu Owner", person_id=UUID(owner["id"]))[1]


@pytest.fixture
def action(client: FlaskClient, clerk: str, live: tuple[Json, Json], owner: Json) -> str:
    """An open action of the Health and Wellbeing Board, due 1 March 2026."""
    meeting, item = live
    return str(agree_action(client, clerk, meeting["id"], item["id"], owner["id"])["action_id"])


def _act(client: FlaskClient, token: str | None, action_id: str, verb: str, body: Any) -> Any:
    return post(client, f"/actions/{action_id}/{verb}", token, body)


def _body(verb: str, person: Json) -> Json:
    return COMMANDS[verb] or {"owner_id": person["id"]}


def _rows(client: FlaskClient, token: str, **query: Any) -> list[Json]:
    rows: list[Json] = ok(get(client, "/actions", token, query_string=query))
    return rows


def _described(client: FlaskClient, token: str, **query: Any) -> list[str]:
    return sorted(r["description"] for r in _rows(client, token, **query))


# The tracker -------------------------------------------------------------------------


@pytest.fixture
def tracked(
    client: FlaskClient,
    admin: str,
    clerk: str,
    live: tuple[Json, Json],
    other_body: Json,
    owner: Json,
) -> Json:
    """Three actions: two of the board (one for the police, linked to a workplan item), one
    of Safer Buckinghamshire. Answers the ids that tell them apart."""
    meeting, item = live
    police = make_organisation(client, admin, name="Thames Valley Police")
    officer = make_person(client, admin, name="Pat Police", organisation_id=police["id"])
    workplan = ok(
        post(
            client,
            f"/bodies/{live[0]['body_id']}/workplans",
            clerk,
            {"title": "Plan", "themes": ["Safety"]},
        ),
        201,
    )
    plan_item = ok(
        post(
            client,
            f"/workplans/{workplan['id']}/items",
            clerk,
            {"theme": "Safety", "title": "CCTV"},
        ),
        201,
    )
    agree_action(client, clerk, meeting["id"], item["id"], owner["id"], theme="Health")
    agree_action(
        client,
        clerk,
        meeting["id"],
        item["id"],
        officer["id"],
        description="Review CCTV",
        theme="Safety",
        due_on="2026-02-15",
        workplan_item_id=plan_item["id"],
    )
    other_meeting, other_item = live_meeting(client, admin, other_body["id"])
    agree_action(
        client,
        admin,
        other_meeting["id"],
        other_item["id"],
        owner["id"],
        description="Patrol the park",
        due_on="2026-04-01",
    )
    return {
        "body_id": other_body["id"],
        "owner_id": officer["id"],
        "organisation_id": police["id"],
        "meeting_id": other_meeting["id"],
        "workplan_id": workplan["id"],
    }


def test_the_tracker_shows_each_actions_owner_due_date_and_state(
    client: FlaskClient, scrutiny: str, action: str, owner: Json, council: Json
) -> None:
    [row] = _rows(client, scrutiny)
    assert row["id"] == action
    assert (row["owner_id"], row["owner_name"]) == (owner["id"], "Olu Owner")
    assert (row["organisation_id"], row["organisation_name"]) == (
        council["id"],
        "Buckinghamshire Council",
    )
    assert (row["due_on"], row["status"], row["percent_complete"]) == ("2026-03-01", "open", None)
    assert row["body_name"] == "Health and Wellbeing Board"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("body_id", ["Patrol the park"]),
        ("owner_id", ["Review CCTV"]),
        ("organisation_id", ["Review CCTV"]),
        ("meeting_id", ["Patrol the park"]),
        ("workplan_id", ["Review CCTV"]),
    ],
)
def test_the_tracker_filters_by_field(
    client: FlaskClient, scrutiny: str, tracked: Json, name: str, expected: list[str]
) -> None:
    assert _described(client, scrutiny, **{name: tracked[name]}) == expected


def test_the_tracker_filters_by_theme_ignoring_case(
    client: FlaskClient, scrutiny: str, tracked: Json
) -> None:
    assert _described(client, scrutiny, theme="safety") == ["Review CCTV"]
    assert _described(client, scrutiny, theme="Health") == ["Refresh the JSNA"]


def test_the_tracker_filters_by_status(
    client: FlaskClient, clerk: str, admin: str, scrutiny: str, tracked: Json
) -> None:
    by_name = {r["description"]: r["id"] for r in _rows(client, scrutiny)}
    ok(_act(client, clerk, by_name["Refresh the JSNA"], "complete", {}))
    ok(_act(client, admin, by_name["Patrol the park"], "drop", {"reason": "Police lead it"}))
    assert _described(client, scrutiny, status="open") == ["Review CCTV"]
    assert _described(client, scrutiny, status="done") == ["Refresh the JSNA"]
    assert _described(client, scrutiny, status="dropped") == ["Patrol the park"]
    assert _described(client, scrutiny, status="overdue", as_of="2026-02-16") == ["Review CCTV"]
    assert _described(client, scrutiny, status="overdue", as_of="2026-02-15") == []


def test_an_unknown_status_filter_is_422(client: FlaskClient, scrutiny: str) -> None:
    response = get(client, "/actions", scrutiny, query_string={"status": "late"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("as_of", "overdue"), [("2026-02-28", False), ("2026-03-01", False), ("2026-03-02", True)]
)
def test_an_action_due_on_1_march_is_overdue_only_after_it(
    client: FlaskClient, scrutiny: str, action: str, as_of: str, overdue: bool
) -> None:
    [row] = _rows(client, scrutiny, as_of=as_of)
    assert row["overdue"] is overdue
    assert len(_rows(client, scrutiny, as_of=as_of, status="overdue")) == int(overdue)


def test_a_done_action_is_not_overdue(
    client: FlaskClient, clerk: str, scrutiny: str, action: str
) -> None:
    ok(_act(client, clerk, action, "complete", {"note": "Done"}))
    [row] = _rows(client, scrutiny, as_of="2026-03-02")
    assert (row["status"], row["overdue"], row["percent_complete"]) == ("done", False, 100)
    assert row["completed_at"] is not None
    assert _rows(client, scrutiny, as_of="2026-03-02", status="overdue") == []


def test_the_tracker_pages_soonest_due_first(
    client: FlaskClient, scrutiny: str, tracked: Json
) -> None:
    first = get(client, "/actions", scrutiny, query_string={"page_size": 2})
    second = get(client, "/actions", scrutiny, query_string={"page_size": 2, "page": 2})
    assert [r["due_on"] for r in ok(first)] == ["2026-02-15", "2026-03-01"]
    assert [r["due_on"] for r in ok(second)] == ["2026-04-01"]
    paging = json.loads(first.headers["X-Pagination"])
    assert (paging["total"], paging["total_pages"], paging["next_page"]) == (3, 2, 2)


def _csv(client: FlaskClient, token: str, **query: Any) -> list[dict[str, str]]:
    response = get(client, "/actions.csv", token, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_csv_has_a_header_and_a_row_per_matching_action(
    client: FlaskClient, scrutiny: str, tracked: Json, live: tuple[Json, Json]
) -> None:
    body_id = live[0]["body_id"]
    response = get(client, "/actions.csv", scrutiny, query_string={"body_id": body_id})
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert {"id", "description", "owner_name", "due_on", "status", "overdue"} <= set(header)
    rows = _csv(client, scrutiny, body_id=body_id)
    assert [r["id"] for r in rows] == [r["id"] for r in _rows(client, scrutiny, body_id=body_id)]
    assert [(r["description"], r["due_on"]) for r in rows] == [
        ("Review CCTV", "2026-02-15"),
        ("Refresh the JSNA", "2026-03-01"),
    ]


def test_the_csv_takes_the_same_filters(client: FlaskClient, scrutiny: str, tracked: Json) -> None:
    [row] = _csv(client, scrutiny, organisation_id=tracked["organisation_id"])
    assert (row["description"], row["organisation_name"]) == ("Review CCTV", "Thames Valley Police")
    assert _csv(client, scrutiny, status="overdue", as_of="2026-01-01") == []


# One action --------------------------------------------------------------------------


def test_an_action_is_read_with_its_updates_and_version(
    client: FlaskClient, clerk: str, scrutiny: str, action: str
) -> None:
    ok(_act(client, clerk, action, "progress", {"note": "Draft out", "percent_complete": 40}))
    response = get(client, f"/actions/{action}", scrutiny)
    read = ok(response)
    assert response.headers["ETag"] == '"2"' and read["version"] == 2
    [update] = read["updates"]
    assert (update["kind"], update["note"], update["percent_complete"]) == (
        "progress",
        "Draft out",
        40,
    )
    first = ok(get(client, f"/actions/{action}", scrutiny, query_string={"version": 1}))
    assert (first["updates"], first["percent_complete"]) == ([], None)


def test_a_new_due_date_is_shown_with_the_previous_one_and_the_reason(
    client: FlaskClient, clerk: str, action: str
) -> None:
    answer = ok(_act(client, clerk, action, "due-date", COMMANDS["due-date"]))
    assert answer["due_on"] == "2026-04-30"
    [update] = answer["updates"]
    assert (update["previous_due_on"], update["reason"]) == ("2026-03-01", "Data late from the ONS")


def test_a_reassigned_action_takes_the_new_owners_organisation(
    client: FlaskClient, admin: str, clerk: str, action: str, owner: Json
) -> None:
    police = make_organisation(client, admin, name="Thames Valley Police")
    officer = make_person(client, admin, name="Pat Police", organisation_id=police["id"])
    answer = ok(_act(client, clerk, action, "reassign", {"owner_id": officer["id"]}))
    assert (answer["owner_id"], answer["organisation_id"]) == (officer["id"], police["id"])
    assert answer["updates"][-1]["previous_owner_id"] == owner["id"]


def test_an_actions_history_lists_its_events_for_scrutiny(
    client: FlaskClient, clerk: str, scrutiny: str, member: str, action: str
) -> None:
    ok(_act(client, clerk, action, "drop", COMMANDS["drop"]))
    history = ok(get(client, f"/actions/{action}/history", scrutiny))
    assert [h["type"] for h in history] == ["Action.Agreed", "Action.Dropped"]
    assert history[1]["data"]["reason"] == "Overtaken by the national review"
    assert get(client, f"/actions/{action}/history", member).status_code == 403


# Refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [0, 100])
def test_progress_accepts_a_percent_from_0_to_100(
    client: FlaskClient, clerk: str, action: str, percent: int
) -> None:
    answer = ok(
        _act(client, clerk, action, "progress", {"note": "Noted", "percent_complete": percent})
    )
    assert answer["percent_complete"] == percent


@pytest.mark.parametrize("percent", [-1, 101, "50"])
def test_progress_with_a_percent_outside_0_to_100_is_422(
    client: FlaskClient, clerk: str, action: str, refused: Any, percent: Any
) -> None:
    body = {"note": "Noted", "percent_complete": percent}
    refused(lambda: _act(client, clerk, action, "progress", body), 422, "percent_complete")


def test_progress_without_a_note_is_422(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    refused(lambda: _act(client, clerk, action, "progress", {"percent_complete": 5}), 422, "note")


def test_a_new_due_date_without_a_reason_is_422(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    body = {"due_on": "2026-04-30"}
    refused(lambda: _act(client, clerk, action, "due-date", body), 422, "reason")


def test_reassigning_to_an_unknown_owner_is_422(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    body = {"owner_id": str(uuid4())}
    refused(lambda: _act(client, clerk, action, "reassign", body), 422, "owner_id")


def test_completing_a_dropped_action_is_409_saying_it_was_dropped(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    ok(_act(client, clerk, action, "drop", COMMANDS["drop"]))
    answer = refused(lambda: _act(client, clerk, action, "complete", {}), 409)
    assert "dropped" in answer["detail"] and "national review" in answer["detail"]


def test_updating_a_done_action_is_409(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    ok(_act(client, clerk, action, "complete", None))
    answer = refused(lambda: _act(client, clerk, action, "progress", {"note": "More"}), 409)
    assert "already done" in answer["detail"]


def test_dropping_without_a_reason_is_422(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    refused(lambda: _act(client, clerk, action, "drop", {}), 422, "reason")
    refused(lambda: _act(client, clerk, action, "drop", {"reason": "  "}), 422, "reason")


def test_an_unknown_action_is_404(client: FlaskClient, clerk: str, refused: Any) -> None:
    missing = str(uuid4())
    refused(lambda: _act(client, clerk, missing, "progress", {"note": "x"}), 404)
    assert get(client, f"/actions/{missing}", clerk).status_code == 404


def test_a_stale_if_match_is_412(
    client: FlaskClient, clerk: str, action: str, refused: Any
) -> None:
    ok(_act(client, clerk, action, "progress", {"note": "First"}))
    refused(
        lambda: post(
            client, f"/actions/{action}/progress", clerk, {"note": "Second"}, {"If-Match": '"1"'}
        ),
        412,
    )


# Who may -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "clerk"])
def test_admin_and_the_bodys_clerk_may_do_everything(
    request: pytest.FixtureRequest,
    client: FlaskClient,
    live: tuple[Json, Json],
    owner: Json,
    action: str,
    who: str,
) -> None:
    token = request.getfixturevalue(who)
    for verb in ("progress", "due-date", "reassign", "complete"):
        ok(_act(client, token, action, verb, _body(verb, owner)))
    meeting, item = live
    second = agree_action(client, token, meeting["id"], item["id"], owner["id"])["action_id"]
    assert ok(_act(client, token, second, "drop", COMMANDS["drop"]))["status"] == "dropped"


def test_the_owner_may_note_progress_and_complete(
    client: FlaskClient, owner_token: str, action: str
) -> None:
    ok(_act(client, owner_token, action, "progress", COMMANDS["progress"]))
    assert ok(_act(client, owner_token, action, "complete", {}))["status"] == "done"


@pytest.mark.parametrize("verb", ["due-date", "reassign", "drop"])
def test_the_owner_may_not_redate_reassign_or_drop(
    client: FlaskClient, owner_token: str, owner: Json, action: str, refused: Any, verb: str
) -> None:
    refused(lambda: _act(client, owner_token, action, verb, _body(verb, owner)), 403)


def test_a_former_owner_may_no_longer_update(
    client: FlaskClient, admin: str, clerk: str, owner_token: str, action: str, refused: Any
) -> None:
    successor = make_person(client, admin, name="Sam Successor")
    ok(_act(client, clerk, action, "reassign", {"owner_id": successor["id"]}))
    refused(lambda: _act(client, owner_token, action, "progress", COMMANDS["progress"]), 403)


@pytest.mark.parametrize("who", ["other_clerk", "scrutiny", "member"])
def test_others_may_not_update_an_action(
    request: pytest.FixtureRequest,
    client: FlaskClient,
    owner: Json,
    action: str,
    refused: Any,
    who: str,
) -> None:
    token = request.getfixturevalue(who)
    for verb in COMMANDS:
        refused(lambda v=verb: _act(client, token, action, v, _body(v, owner)), 403)


def test_without_a_token_reads_and_updates_are_401(
    client: FlaskClient, owner: Json, action: str, refused: Any
) -> None:
    for verb in COMMANDS:
        refused(lambda v=verb: _act(client, None, action, v, _body(v, owner)), 401)
    for path in ("/actions", "/actions.csv", f"/actions/{action}"):
        assert get(client, path, None).status_code == 401


# Matters arising ---------------------------------------------------------------------


def test_open_actions_are_matters_arising_at_the_next_meeting_until_done(
    client: FlaskClient, clerk: str, body: Json, action: str
) -> None:
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    path = f"/meetings/{later['id']}/matters-arising"
    assert [a["id"] for a in ok(get(client, path, clerk))] == [action]
    ok(_act(client, clerk, action, "complete", {}))
    assert ok(get(client, path, clerk)) == []


# Confidential items ------------------------------------------------------------------


@pytest.fixture
def secret_action(client: FlaskClient, clerk: str, body: Json, owner: Json) -> str:
    meeting, item = live_meeting(client, clerk, body["id"], **SECRET)
    entry = agree_action(
        client, clerk, meeting["id"], item["id"], owner["id"], description="Negotiate with Acme"
    )
    return str(entry["action_id"])


def test_confidential_actions_are_withheld_from_scrutiny_and_shown_to_admin(
    client: FlaskClient, admin: str, scrutiny: str, secret_action: str
) -> None:
    withheld = "Confidential item: Commercially sensitive"
    [row] = _rows(client, scrutiny)
    assert row["description"] == withheld and row["owner_id"] is None
    [line] = _csv(client, scrutiny)
    assert line["description"] == withheld and "Acme" not in str(line)
    assert ok(get(client, f"/actions/{secret_action}", scrutiny))["description"] == withheld
    [full] = _rows(client, admin)
    assert full["description"] == "Negotiate with Acme"
    assert _csv(client, admin)[0]["description"] == "Negotiate with Acme"


def test_withheld_actions_name_neither_owner_nor_organisation(
    client: FlaskClient, scrutiny: str, secret_action: str
) -> None:
    [row] = _rows(client, scrutiny)
    assert (row["owner_name"], row["organisation_id"], row["organisation_name"]) == (
        None,
        None,
        None,
    )
    [line] = _csv(client, scrutiny)
    assert (line["owner_name"], line["organisation_name"]) == ("", "")


def test_a_withheld_action_does_not_say_why_it_was_dropped(
    client: FlaskClient, clerk: str, scrutiny: str, secret_action: str
) -> None:
    ok(_act(client, clerk, secret_action, "drop", {"reason": "Acme withdrew its offer"}))
    read = ok(get(client, f"/actions/{secret_action}", scrutiny))
    assert read["status"] == "dropped"
    assert "Acme" not in json.dumps(read)


def test_a_withheld_actions_history_does_not_show_its_content(
    client: FlaskClient, scrutiny: str, secret_action: str
) -> None:
    history = ok(get(client, f"/actions/{secret_action}/history", scrutiny))
    assert [h["type"] for h in history] == ["Action.Agreed"]
    assert "Acme" not in json.dumps(history)


def test_filters_on_withheld_fields_do_not_find_withheld_actions(
    client: FlaskClient, admin: str, scrutiny: str, body: Json, owner: Json
) -> None:
    meeting, item = live_meeting(client, admin, body["id"], **SECRET)
    agree_action(client, admin, meeting["id"], item["id"], owner["id"], theme="Acme bid")
    assert len(_rows(client, admin, theme="Acme bid", owner_id=owner["id"])) == 1
    assert _rows(client, scrutiny, theme="Acme bid") == []
    assert _rows(client, scrutiny, owner_id=owner["id"]) == []
