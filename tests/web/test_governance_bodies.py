"""Actions a partner organisation owns, each body's own standing items, bodies wound up.

Seeds: ../shared/seeds/001_ed36dba474c76b46.txt (Gloucestershire): "it is the partner
agencies that agree action, commission work and undertake delivery."
../shared/seeds/000_59fb736cd126e93f.txt (BSP Board): "The draft agenda shall be developed
by CADEX and will normally include a regular report from the Implementation Group, minutes
of the Implementation Group and summary performance management information".
../shared/seeds/004_7c870e9f0e88b2df.txt (South Gloucestershire review), 4.6.1: "Once
agreement has been gained on the new structure further planning and implementation work
will be done".
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    live_meeting,
    london_day,
    make_body,
    make_organisation,
    meeting_command,
    ok,
    post,
    record,
    schedule,
)

Refused = Callable[..., Json]


# Actions owned by a partner organisation ----------------------------------------------


def test_a_partner_organisation_owns_an_action_and_names_its_owner_later(
    client: FlaskClient, admin: str, clerk: str, scrutiny: str, body: Json, person: Json
) -> None:
    police = make_organisation(client, admin, name="Thames Valley Police")
    meeting, item = live_meeting(client, clerk, body["id"])
    path = f"items/{item['id']}/actions"
    data = {"description": "Lead the knife crime campaign", "due_on": "2027-03-31"}
    action = ok(
        record(client, clerk, meeting["id"], path, **data, organisation_id=police["id"]), 201
    )
    assert action["owner_id"] is None and action["organisation_id"] == police["id"]
    rows = ok(get(client, "/actions", scrutiny, query_string={"organisation_id": police["id"]}))
    assert [(r["id"], r["owner_id"], r["organisation_name"]) for r in rows] == [
        (action["id"], None, "Thames Valley Police")
    ]
    markdown = ok(get(client, f"/meetings/{meeting['id']}/minutes", clerk))["markdown"]
    assert "| Lead the knife crime campaign | (to be named) | Thames Valley Police |" in markdown
    named = ok(
        post(
            client,
            f"/actions/{action['id']}/reassign",
            clerk,
            {"owner_id": person["id"], "organisation_id": police["id"]},
        )
    )
    assert named["owner_id"] == person["id"]
    assert named["updates"][-1]["previous_owner_id"] is None


def test_an_action_with_neither_owner_nor_organisation_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    data = {"description": "Somebody should", "due_on": "2027-03-31"}
    answer = refused(
        lambda: record(client, clerk, meeting["id"], f"items/{item['id']}/actions", **data),
        422,
        "owner_id",
    )
    assert "organisation_id" in str(answer["errors"])


# Standing items ---------------------------------------------------------------------

STANDING = [
    "Minutes of the last meeting",
    "Report from the Implementation Group",
    "Summary performance management information",
]


def test_a_bodys_own_standing_items_head_the_agenda_in_order_once(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    rules = ok(post(client, f"/bodies/{body['id']}/rules", admin, {"standing_items": STANDING}))
    assert rules["standing_items"] == STANDING
    meeting = schedule(client, clerk, body["id"])
    add_item(client, clerk, meeting["id"], title="Sustainable Community Strategy refresh")
    path = f"/meetings/{meeting['id']}/agenda/standing-items"
    agenda = ok(post(client, path, clerk))["agenda"]
    assert [i["title"] for i in agenda] == [*STANDING, "Sustainable Community Strategy refresh"]
    assert [i["kind"] for i in agenda[:3]] == ["standing"] * 3
    again = ok(post(client, path, clerk))
    assert [i["title"] for i in again["agenda"]] == [i["title"] for i in agenda]


def test_rules_of_governance_are_checked(
    client: FlaskClient, admin: str, body: Json, refused: Refused
) -> None:
    path = f"/bodies/{body['id']}/rules"
    refused(
        lambda: post(client, path, admin, {"standing_items": ["A", "A"]}), 422, "standing_items"
    )
    refused(lambda: post(client, path, admin, {"groups": ["LA", "LA"]}), 422, "groups")
    refused(lambda: post(client, path, admin, {"substitutes": "anyone"}), 422, "substitutes")
    refused(lambda: post(client, path, admin, {"standing_items": [""]}), 422, "standing_items")
    read = ok(get(client, f"/bodies/{body['id']}", admin))
    assert (read["standing_items"], read["substitutes"], read["groups"]) == ([], "named", [])


# Bodies wound up ----------------------------------------------------------------------


def test_a_body_wound_up_meets_no_more_and_leaves_the_family_page(
    client: FlaskClient, admin: str, clerk: str, body: Json, refused: Refused
) -> None:
    held = schedule(client, clerk, body["id"], starts_at=in_days(-30))
    add_item(client, clerk, held["id"])
    meeting_command(client, clerk, held["id"], "open", {"at": in_days(-30)})
    assert body["name"] in client.get("/").get_data(as_text=True)
    path = f"/bodies/{body['id']}/end"
    too_early = {"ends_on": str(london_day(-40)), "reason": "Replaced"}
    answer = refused(lambda: post(client, path, admin, too_early), 422, "ends_on")
    assert "after that day" in str(answer["errors"])
    upcoming = schedule(client, clerk, body["id"], starts_at=in_days(20))
    end = {"ends_on": str(london_day(-1)), "reason": "Replaced by the Partnership Board"}
    assert "cancel them" in refused(lambda: post(client, path, admin, end), 409)["detail"]
    meeting_command(client, clerk, upcoming["id"], "cancel", {"reason": "Wound up"})
    ended = ok(post(client, path, admin, end))
    assert ended["ends_on"] == str(london_day(-1))
    assert ended["end_reason"] == "Replaced by the Partnership Board"
    detail = refused(
        lambda: post(client, f"/bodies/{body['id']}/meetings", clerk, {"starts_at": in_days(7)}),
        409,
    )["detail"]
    assert "wound up" in detail
    refused(lambda: post(client, path, admin, end), 409)
    assert body["name"] not in client.get("/").get_data(as_text=True)
    # Its own page, and its record, remain.
    assert client.get(f"/bodies/{body['id']}").status_code == 200


def test_a_replaced_body_shows_what_replaced_it(
    client: FlaskClient, admin: str, body: Json
) -> None:
    successor = make_body(
        client,
        admin,
        name="South Gloucestershire Partnership Board",
        short_name="SGPB",
        replaces=[body["id"]],
    )
    assert ok(get(client, f"/bodies/{body['id']}", admin))["replaced_by"] == [successor["id"]]
    assert ok(get(client, f"/bodies/{successor['id']}", admin))["replaced_by"] == []
