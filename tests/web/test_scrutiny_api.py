"""Scrutiny reports over HTTP: who may read them, what they answer, and bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    get,
    in_days,
    make_member,
    make_organisation,
    make_person,
    meeting_command,
    ok,
    post,
    problem,
    record,
    schedule,
)
from tests.web.test_minutes_api import Recorded, _record_everything, _to_approval, step


@pytest.fixture
def everything(client: FlaskClient, admin: str, clerk: str, body: Json) -> Recorded:
    return _record_everything(client, admin, clerk, body)


def test_a_persons_attendance_shows_the_substitute_they_sent(
    client: FlaskClient, scrutiny: str, everything: Recorded
) -> None:
    person = everything.people["superintendent"]
    answer = ok(get(client, f"/people/{person['id']}/attendance", scrutiny))
    [row] = answer["meetings"]
    assert row["meeting_id"] == everything.meeting["id"]
    assert (row["outcome"], row["substitute_name"]) == ("substitute_sent", "Ian Inspector")
    assert answer["summary"]["substitute_sent"] == 1
    apologetic = everything.people["apologetic"]["id"]
    assert (
        ok(get(client, f"/people/{apologetic}/attendance", scrutiny))["meetings"][0]["outcome"]
        == "apologies"
    )
    guest = everything.people["guest"]["id"]
    [visit] = ok(get(client, f"/people/{guest}/attendance", scrutiny))["meetings"]
    assert (visit["as_member"], visit["capacity"], visit["outcome"]) == (False, "guest", "present")


def test_an_organisations_attendance_answers_did_the_police_send_a_substitute(
    client: FlaskClient, admin: str, clerk: str, scrutiny: str, body: Json
) -> None:
    police = make_organisation(client, admin, name="Thames Valley Police")
    chief = make_member(client, admin, body["id"], "Cat Chief", organisation_id=police["id"])
    deputy = make_person(client, admin, name="Dan Deputy", organisation_id=police["id"])
    seat = chief["membership"]["id"]
    ok(
        post(
            client,
            f"/bodies/{body['id']}/memberships/{seat}/substitutes",
            admin,
            {"person_id": deputy["id"], "named_on": "2025-01-01"},
        ),
        201,
    )
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-10))
    meeting_command(client, clerk, meeting["id"], "open", {"at": in_days(-10)})
    for fields in (
        {"person_id": chief["id"], "status": "apologies"},
        {"person_id": deputy["id"], "status": "present", "substitute_for": chief["id"]},
    ):
        ok(record(client, clerk, meeting["id"], "attendance", **fields), 201)
    answer = ok(get(client, f"/organisations/{police['id']}/attendance", scrutiny))
    [held] = answer["meetings"]
    [police_seat] = held["seats"]
    assert police_seat["person_name"] == "Cat Chief"
    assert (police_seat["outcome"], police_seat["substitute_name"]) == (
        "substitute_sent",
        "Dan Deputy",
    )


def test_membership_changes_name_who_recorded_them(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    make_member(client, admin, body["id"], "Nia Newcomer", starts_on="2025-03-01")
    answer = ok(
        get(
            client,
            f"/bodies/{body['id']}/membership-changes",
            clerk,
            query_string={"from": "2025-01-01", "to": "2025-12-31"},
        )
    )
    [change] = answer
    assert (change["on"], change["change"], change["person_name"]) == (
        "2025-03-01",
        "membership_began",
        "Nia Newcomer",
    )
    assert change["recorded_by"].startswith("Ada Admin (admin")


def test_a_decisions_authority_withholds_a_confidential_item_from_scrutiny(
    client: FlaskClient, clerk: str, scrutiny: str, everything: Recorded
) -> None:
    path = f"/decisions/{everything.secret_decision['id']}/authority"
    withheld = ok(get(client, path, scrutiny))
    assert withheld["decision"]["text"] == "Confidential item: commercially sensitive"
    assert "Acme" not in str(withheld)
    shown = ok(get(client, path, clerk))
    assert shown["decision"]["text"] == "Extended the Acme contract."
    assert shown["recorded_by"].startswith("Colin Clerk (clerk")
    plain = ok(get(client, f"/decisions/{everything.decision['id']}/authority", scrutiny))
    assert plain["decision"]["text"] == "Approved the Better Care Fund plan."
    assert plain["meeting"]["id"] == everything.meeting["id"]
    assert plain["ratification"]["required"] is False


def test_minutes_amendments_show_the_text_before_and_after(
    client: FlaskClient,
    clerk: str,
    scrutiny: str,
    body: Json,
    body_chair: str,
    everything: Recorded,
) -> None:
    r = everything
    amended = "The board discussed and approved the plan."
    secret = {"item_id": r.items["secret"]["id"], "text": "Acme's price rose by 45%."}
    _to_approval(
        client, clerk, body_chair, r, [{"item_id": r.items["plan"]["id"], "text": amended}, secret]
    )
    step(client, clerk, r.meeting["id"], "publish")
    rows = ok(get(client, f"/bodies/{body['id']}/minutes-amendments", scrutiny))
    plan, hidden = rows
    assert (plan["before"], plan["after"]) == ("The board discussed the plan.", amended)
    assert plan["approved_at_meeting_id"] == r.later["id"]
    assert plan["item_title"] == "Better Care Fund plan"
    assert hidden["withheld"] is True and hidden["after"].startswith("Confidential item")
    assert "Acme" not in str(rows) and "45%" not in str(rows)
    for_clerk = ok(get(client, f"/bodies/{body['id']}/minutes-amendments", clerk))
    assert for_clerk[1]["after"] == secret["text"]


def test_who_may_read_the_reports(
    client: FlaskClient,
    clerk: str,
    other_clerk: str,
    member: str,
    scrutiny: str,
    body: Json,
    everything: Recorded,
) -> None:
    person = everything.people["leader"]["id"]
    per_body = (
        f"/bodies/{body['id']}/membership-changes",
        f"/bodies/{body['id']}/minutes-amendments",
        f"/decisions/{everything.decision['id']}/authority",
    )
    across = (f"/people/{person}/attendance",)
    for path in (*per_body, *across):
        problem(get(client, path, None), 401)
        problem(get(client, path, member), 403)
        problem(get(client, path, other_clerk), 403)
        ok(get(client, path, scrutiny))
    for path in per_body:
        ok(get(client, path, clerk))
    assert "scrutiny" in problem(get(client, across[0], clerk), 403)["detail"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2025-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2025-09-01", "to": "2025-06-01"}, "to"),
        ({"from": "1066-10-14"}, "from"),
    ],
)
def test_a_period_that_cannot_be_read_is_refused(
    client: FlaskClient,
    scrutiny: str,
    body: Json,
    person: Json,
    refused: Callable[..., Json],
    query: dict[str, str],
    field: str,
) -> None:
    for path in (
        f"/people/{person['id']}/attendance",
        f"/bodies/{body['id']}/membership-changes",
        f"/bodies/{body['id']}/minutes-amendments",
    ):
        refused(lambda p=path: get(client, p, scrutiny, query_string=query), 422, field)


def test_a_period_starting_after_today_needs_an_end(
    client: FlaskClient, scrutiny: str, person: Json
) -> None:
    answer = problem(
        get(
            client,
            f"/people/{person['id']}/attendance",
            scrutiny,
            query_string={"from": "2999-01-01"},
        ),
        422,
        "from",
    )
    assert "2999-01-01" in answer["detail"]


def test_unknown_and_malformed_ids_are_not_found(
    client: FlaskClient, scrutiny: str, body: Json, person: Json
) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    for path in (
        f"/people/{unknown}/attendance",
        f"/organisations/{unknown}/attendance",
        f"/bodies/{unknown}/membership-changes",
        f"/bodies/{unknown}/minutes-amendments",
        f"/decisions/{unknown}/authority",
    ):
        assert unknown in problem(get(client, path, scrutiny), 404)["detail"]
    # A body's id is not a person's, and not-an-id is no id at all.
    problem(get(client, f"/people/{body['id']}/attendance", scrutiny), 404)
    problem(get(client, f"/organisations/{person['id']}/attendance", scrutiny), 404)
    problem(get(client, "/people/not-an-id/attendance", scrutiny), 404)
    problem(get(client, "/decisions/42/authority", scrutiny), 404)
