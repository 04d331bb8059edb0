"""Who may do what: tokens, roles, and grants per body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.support import API, get, make_membership, make_person, ok, post, problem

Json = dict[str, Any]

BODY = {"name": "Safer Bucks Board", "short_name": "SBB", "kind": "board"}
ORGANISATION = {"name": "Bucks Mind", "sector": "voluntary"}


@pytest.fixture
def seat(client: FlaskClient, admin: str, body: Json, person: Json) -> Json:
    """A membership of the Health and Wellbeing Board."""
    return make_membership(client, admin, body["id"], person["id"])


@pytest.fixture
def other_seat(client: FlaskClient, admin: str, other_body: Json, person: Json) -> Json:
    """A membership of Safer Buckinghamshire."""
    return make_membership(client, admin, other_body["id"], person["id"])


# Signing in -----------------------------------------------------------------------------


def test_a_write_without_a_token_is_401_with_www_authenticate(
    client: FlaskClient, recorded: Callable[[], int]
) -> None:
    before = recorded()
    response = post(client, "/bodies", None, BODY)
    problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert recorded() == before


@pytest.mark.parametrize("path", ["/bodies", "/people", "/organisations"])
def test_a_read_without_a_token_is_401(client: FlaskClient, path: str) -> None:
    response = get(client, path, None)
    problem(response, 401)
    assert "WWW-Authenticate" in response.headers


def test_an_unknown_token_is_401_even_on_a_read(client: FlaskClient) -> None:
    response = get(client, "/bodies", "mtg_not-a-real-token")
    problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_sent_in_another_scheme_is_401(client: FlaskClient, admin: str) -> None:
    problem(client.get(f"{API}/bodies", headers={"Authorization": f"Basic {admin}"}), 401)


def test_a_revoked_token_is_401_at_once(app: MeetingsApplication, client: FlaskClient) -> None:
    token_id, secret = app.tokens.create(Role.ADMIN, "Rex Revoked")
    ok(get(client, "/bodies", secret))
    assert app.tokens.revoke(token_id)
    problem(get(client, "/bodies", secret), 401)
    problem(post(client, "/organisations", secret, ORGANISATION), 401)


# What a clerk may do -------------------------------------------------------------------


def test_a_clerk_may_register_a_person(client: FlaskClient, clerk: str) -> None:
    person = ok(post(client, "/people", clerk, {"name": "Nina New"}), 201)
    assert person["name"] == "Nina New"


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/bodies", BODY),
        ("/organisations", ORGANISATION),
        (
            "/bodies/{body}/memberships",
            {"person_id": "{person}", "seat": "S", "capacity": "member", "starts_on": "2025-01-01"},
        ),
        (
            "/bodies/{body}/chairs",
            {"person_id": "{person}", "role": "chair", "starts_on": "2025-01-01"},
        ),
        ("/bodies/{body}/rules", {"quorum": 3}),
        ("/bodies/{body}/terms-of-reference", {"text": "Purpose.", "adopted_on": "2025-01-01"}),
        ("/bodies/{body}/memberships/{seat}/end", {"ends_on": "2025-12-31"}),
    ],
)
def test_a_clerk_may_not_restructure_even_their_own_body(
    client: FlaskClient,
    clerk: str,
    body: Json,
    person: Json,
    seat: Json,
    recorded: Callable[[], int],
    path: str,
    payload: Json,
) -> None:
    ids = {"body": body["id"], "person": person["id"], "seat": seat["id"]}
    filled = {k: v.format(**ids) if isinstance(v, str) else v for k, v in payload.items()}
    before = recorded()
    problem(post(client, path.format(**ids), clerk, filled), 403)
    assert recorded() == before


def test_a_clerk_may_name_a_substitute_for_their_own_body(
    client: FlaskClient, admin: str, clerk: str, body: Json, seat: Json
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    path = f"/bodies/{body['id']}/memberships/{seat['id']}/substitutes"
    named = ok(post(client, path, clerk, {"person_id": stand_in["id"]}), 201)
    assert [s["person_id"] for s in named["substitutes"]] == [stand_in["id"]]


def test_a_clerk_may_not_name_a_substitute_for_another_body(
    client: FlaskClient,
    admin: str,
    clerk: str,
    other_body: Json,
    other_seat: Json,
    recorded: Callable[[], int],
) -> None:
    stand_in = make_person(client, admin, name="Sunita Stand-in")
    path = f"/bodies/{other_body['id']}/memberships/{other_seat['id']}/substitutes"
    before = recorded()
    problem(post(client, path, clerk, {"person_id": stand_in["id"]}), 403)
    assert recorded() == before


# Readers who may not write --------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "scrutiny", "chair"])
@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/bodies", BODY),
        ("/organisations", ORGANISATION),
        ("/people", {"name": "Nina New"}),
        ("/bodies/{body}/rules", {"quorum": 3}),
        ("/bodies/{body}/memberships/{seat}/substitutes", {"person_id": "{person}"}),
    ],
)
def test_readers_cannot_write(
    request: pytest.FixtureRequest,
    client: FlaskClient,
    body: Json,
    seat: Json,
    recorded: Callable[[], int],
    role: str,
    path: str,
    payload: Json,
) -> None:
    token: str = request.getfixturevalue(role)
    stand_in = make_person(client, request.getfixturevalue("admin"), name="Sunita Stand-in")
    ids = {"body": body["id"], "seat": seat["id"], "person": stand_in["id"]}
    filled = {k: v.format(**ids) if isinstance(v, str) else v for k, v in payload.items()}
    before = recorded()
    problem(post(client, path.format(**ids), token, filled), 403)
    assert recorded() == before


@pytest.mark.parametrize("role", ["admin", "clerk", "other_clerk", "scrutiny", "member", "chair"])
def test_every_signed_in_role_may_read_the_structure(
    request: pytest.FixtureRequest, client: FlaskClient, body: Json, seat: Json, role: str
) -> None:
    token: str = request.getfixturevalue(role)
    assert ok(get(client, f"/bodies/{body['id']}", token))["id"] == body["id"]
    assert [m["id"] for m in ok(get(client, f"/bodies/{body['id']}/memberships", token))] == [
        seat["id"]
    ]


# History -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "scrutiny", "clerk"])
def test_history_is_readable_by_admin_scrutiny_and_the_bodys_clerk(
    request: pytest.FixtureRequest, client: FlaskClient, body: Json, seat: Json, role: str
) -> None:
    token: str = request.getfixturevalue(role)
    assert len(ok(get(client, f"/bodies/{body['id']}/history", token))) == 1
    path = f"/bodies/{body['id']}/memberships/{seat['id']}/history"
    assert len(ok(get(client, path, token))) == 1


@pytest.mark.parametrize("role", ["member", "other_clerk", "chair"])
def test_history_is_refused_to_members_and_other_bodies_clerks(
    request: pytest.FixtureRequest, client: FlaskClient, body: Json, seat: Json, role: str
) -> None:
    token: str = request.getfixturevalue(role)
    problem(get(client, f"/bodies/{body['id']}/history", token), 403)
    problem(get(client, f"/bodies/{body['id']}/memberships/{seat['id']}/history", token), 403)


def test_history_without_a_token_is_401(client: FlaskClient, body: Json) -> None:
    problem(get(client, f"/bodies/{body['id']}/history", None), 401)


@pytest.mark.parametrize("role", ["member", "chair"])
def test_person_and_organisation_history_are_refused_to_members(
    request: pytest.FixtureRequest, client: FlaskClient, admin: str, person: Json, role: str
) -> None:
    token: str = request.getfixturevalue(role)
    org = ok(post(client, "/organisations", admin, ORGANISATION), 201)
    problem(get(client, f"/people/{person['id']}/history", token), 403)
    problem(get(client, f"/organisations/{org['id']}/history", token), 403)
