"""What a client can get wrong: each mistake is a clear problem, and nothing is recorded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from uuid import uuid4

import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    get,
    make_body,
    make_membership,
    make_organisation,
    make_person,
    ok,
    post,
    problem,
)

Json = dict[str, Any]

BODY = {"name": "Health and Wellbeing Board", "short_name": "HWB", "kind": "board"}
SEAT = {
    "person_id": "{person}",
    "seat": "Leader",
    "capacity": "member",
    "starts_on": "2025-01-01",
}
#: A valid body for each endpoint that takes a name.
NAMED: dict[str, Json] = {
    "/bodies": BODY,
    "/organisations": {"name": "Bucks Mind", "sector": "voluntary"},
    "/people": {"name": "Alice Ahmed"},
}
CHAIR = {"person_id": "{person}", "role": "chair", "starts_on": "2025-01-01"}


@pytest.fixture
def ids(client: FlaskClient, admin: str, body: Json, other_body: Json, person: Json) -> Json:
    """A body with a member, another body, and an id that names nothing."""
    membership = make_membership(client, admin, body["id"], person["id"])
    return {
        "body": body["id"],
        "other_body": other_body["id"],
        "person": person["id"],
        "membership": membership["id"],
        "unknown": str(uuid4()),
    }


def _fill(value: Any, ids: Json) -> Any:
    """Put the ids of the fixture into a path or payload template."""
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


INVALID = [
    ("/bodies", {**BODY, "quorum": "five"}, "quorum"),
    ("/bodies", {**BODY, "quorum": -1}, "quorum"),
    ("/bodies", {**BODY, "quorum": 10**30}, "quorum"),
    ("/bodies/{body}/rules", {"quorum": -1}, "quorum"),
    ("/bodies", {**BODY, "kind": "committee"}, "kind"),
    ("/bodies", {**BODY, "decision_method": "majority"}, "decision_method"),
    ("/bodies", {**BODY, "name": ""}, "name"),
    ("/bodies", {"name": "HWB", "short_name": "HWB"}, "kind"),
    ("/bodies", {**BODY, "colour": "green"}, "colour"),
    ("/bodies", {**BODY, "reports_to": "{unknown}"}, "reports_to"),
    ("/bodies", {**BODY, "reports_to": "not-an-id"}, "reports_to"),
    ("/bodies", {**BODY, "replaces": ["{unknown}"]}, "replaces"),
    ("/bodies/{body}/rules", {"reports_to": "{unknown}"}, "reports_to"),
    ("/bodies/{body}/rules", {"reports_to": "{body}"}, "reports_to"),
    ("/bodies/{body}/rules", {"colour": "green"}, "colour"),
    ("/organisations", {"name": "Bucks Mind", "sector": "x"}, "sector"),
    ("/organisations", {"name": "", "sector": "public"}, "name"),
    ("/organisations", {"name": "Bucks Mind", "sector": "public", "colour": "green"}, "colour"),
    ("/people", {"name": ""}, "name"),
    ("/people", {"name": "Alice", "organisation_id": "{unknown}"}, "organisation_id"),
    ("/people", {"name": "Alice", "email": "not an address"}, "email"),
    ("/bodies/{body}/memberships", {**SEAT, "starts_on": 12}, "starts_on"),
    ("/bodies/{body}/memberships", {**SEAT, "starts_on": "2025-02-30"}, "starts_on"),
    ("/bodies/{body}/memberships", {**SEAT, "capacity": "boss"}, "capacity"),
    ("/bodies/{body}/memberships", {**SEAT, "ends_on": "2024-12-31"}, "ends_on"),
    ("/bodies/{body}/memberships", {**SEAT, "person_id": "{unknown}"}, "person_id"),
    ("/bodies/{body}/memberships", {**SEAT, "organisation_id": "{unknown}"}, "organisation_id"),
    ("/bodies/{body}/memberships", {**SEAT, "seat": ""}, "seat"),
    ("/bodies/{body}/memberships/{membership}/end", {"ends_on": "2024-12-31"}, "ends_on"),
    ("/bodies/{body}/memberships/{membership}/end", {}, "ends_on"),
    (
        "/bodies/{body}/memberships/{membership}/substitutes",
        {"person_id": "{unknown}"},
        "person_id",
    ),
    ("/bodies/{body}/chairs", {**CHAIR, "person_id": "{unknown}"}, "person_id"),
    ("/bodies/{body}/chairs", {**CHAIR, "role": "president"}, "role"),
    ("/bodies/{body}/chairs", {**CHAIR, "ends_on": "2024-12-31"}, "ends_on"),
    ("/bodies/{body}/terms-of-reference", {"text": "Purpose."}, "adopted_on"),
    ("/bodies/{body}/terms-of-reference", {"text": "", "adopted_on": "2025-01-01"}, "text"),
]


@pytest.mark.parametrize(("path", "payload", "field"), INVALID)
def test_invalid_input_is_422_naming_the_field_and_records_nothing(
    client: FlaskClient,
    admin: str,
    ids: Json,
    recorded: Callable[[], int],
    path: str,
    payload: Json,
    field: str,
) -> None:
    before = recorded()
    problem(post(client, _fill(path, ids), admin, _fill(payload, ids)), 422, field)
    assert recorded() == before


def test_revising_no_rules_at_all_is_422(
    client: FlaskClient, admin: str, body: Json, recorded: Callable[[], int]
) -> None:
    before = recorded()
    problem(post(client, f"/bodies/{body['id']}/rules", admin, {}), 422)
    assert recorded() == before


# Unknown ids in the path --------------------------------------------------------------

UNKNOWN_READS = [
    "/bodies/{unknown}",
    "/people/{unknown}",
    "/organisations/{unknown}",
    "/bodies/{unknown}/memberships",
    "/people/{unknown}/memberships",
    "/bodies/{unknown}/terms-of-reference",
    "/bodies/{unknown}/chairs",
    "/bodies/{unknown}/history",
    "/people/{unknown}/history",
    "/organisations/{unknown}/history",
    "/bodies/{body}/memberships/{unknown}",
    "/bodies/{body}/memberships/{unknown}/history",
    "/bodies/{other_body}/memberships/{membership}",
    "/bodies/{other_body}/memberships/{membership}/history",
]


@pytest.mark.parametrize("path", UNKNOWN_READS)
def test_reading_an_unknown_id_is_404(
    client: FlaskClient, admin: str, ids: Json, path: str
) -> None:
    problem(get(client, _fill(path, ids), admin), 404)


UNKNOWN_WRITES = [
    ("/bodies/{unknown}/memberships", SEAT),
    ("/bodies/{unknown}/rules", {"quorum": 3}),
    ("/bodies/{unknown}/terms-of-reference", {"text": "Purpose.", "adopted_on": "2025-01-01"}),
    ("/bodies/{unknown}/chairs", CHAIR),
    ("/bodies/{body}/memberships/{unknown}/end", {"ends_on": "2025-12-31"}),
    ("/bodies/{body}/memberships/{unknown}/substitutes", {"person_id": "{person}"}),
    ("/bodies/{other_body}/memberships/{membership}/end", {"ends_on": "2025-12-31"}),
    ("/bodies/{other_body}/memberships/{membership}/substitutes", {"person_id": "{person}"}),
]


@pytest.mark.parametrize(("path", "payload"), UNKNOWN_WRITES)
def test_writing_to_an_unknown_id_is_404_and_records_nothing(
    client: FlaskClient,
    admin: str,
    ids: Json,
    recorded: Callable[[], int],
    path: str,
    payload: Json,
) -> None:
    before = recorded()
    problem(post(client, _fill(path, ids), admin, _fill(payload, ids)), 404)
    assert recorded() == before


def test_a_path_id_that_is_not_a_uuid_is_404(client: FlaskClient, admin: str) -> None:
    problem(get(client, "/bodies/not-a-uuid", admin), 404)


# Malformed requests -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/bodies", "/organisations", "/people"])
def test_malformed_json_is_400_and_records_nothing(
    client: FlaskClient, admin: str, recorded: Callable[[], int], path: str
) -> None:
    before = recorded()
    sent = post(client, path, admin, data='{"name": "HWB", ', content_type="application/json")
    problem(sent, 400)
    assert recorded() == before


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("as_at=yesterday", "as_at"),
        ("as_at=2025-03-01T10:00:00", "as_at"),
        ("as_at=2025-13-01", "as_at"),
        ("version=0", "version"),
        ("version=-1", "version"),
        ("version=two", "version"),
    ],
)
def test_a_bad_as_at_or_version_is_422(
    client: FlaskClient, admin: str, body: Json, query: str, field: str
) -> None:
    problem(get(client, f"/bodies/{body['id']}?{query}", admin), 422, field)


def test_as_at_before_the_body_was_recorded_is_404(
    client: FlaskClient, admin: str, body: Json
) -> None:
    problem(get(client, f"/bodies/{body['id']}?as_at=2000-01-01", admin), 404)


@pytest.mark.parametrize("as_at", ["9999-12-31", "9999-12-31T23:59:59-05:00"])
def test_as_at_at_the_end_of_the_calendar_is_not_500(
    client: FlaskClient, admin: str, body: Json, as_at: str
) -> None:
    response = get(client, f"/bodies/{body['id']}", admin, query_string={"as_at": as_at})
    assert response.status_code in (200, 422), response.get_data(as_text=True)[:500]
    if response.status_code == 422:
        problem(response, 422, "as_at")


def test_as_at_and_version_together_are_422(client: FlaskClient, admin: str, body: Json) -> None:
    problem(get(client, f"/bodies/{body['id']}?as_at=2025-01-01&version=1", admin), 422)


@pytest.mark.parametrize("as_at", ["yesterday", "2025-13-01", "2025-03-01T10:00:00+00:00x"])
def test_a_bad_as_at_date_on_membership_lists_is_422(
    client: FlaskClient, admin: str, ids: Json, as_at: str
) -> None:
    for path in (f"/bodies/{ids['body']}/memberships", f"/people/{ids['person']}/memberships"):
        problem(get(client, path, admin, query_string={"as_at": as_at}), 422, "as_at")


# Lists page -------------------------------------------------------------------------------


def test_a_list_pages_with_an_x_pagination_total(client: FlaskClient, admin: str) -> None:
    for n in range(3):
        make_body(client, admin, name=f"Body {n}", short_name=f"B{n}")
    response = get(client, "/bodies?page=1&page_size=2", admin)
    assert len(ok(response)) == 2
    assert json.loads(response.headers["X-Pagination"])["total"] == 3
    assert [b["name"] for b in ok(get(client, "/bodies?page=2&page_size=2", admin))] == ["Body 2"]


def test_people_and_organisations_lists_page_too(client: FlaskClient, admin: str) -> None:
    for n in range(3):
        make_person(client, admin, name=f"Person {n}")
        make_organisation(client, admin, name=f"Org {n}")
    for path in ("/people", "/organisations"):
        response = get(client, f"{path}?page=1&page_size=2", admin)
        assert len(ok(response)) == 2
        assert json.loads(response.headers["X-Pagination"])["total"] == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [("page_size=5000", "page_size"), ("page=0", "page"), ("page_size=many", "page_size")],
)
def test_a_bad_page_is_422(client: FlaskClient, admin: str, query: str, field: str) -> None:
    problem(get(client, f"/bodies?{query}", admin), 422, field)


# Nothing a client sends gives a 500 ----------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "[]",
        '["name", "HWB"]',
        "null",
        "42",
        '"a string"',
        '{"name": {"nested": true}, "short_name": "HWB", "kind": "board"}',
        '{"name": null, "short_name": "HWB", "kind": "board"}',
    ],
)
def test_json_that_is_not_a_body_is_422(
    client: FlaskClient, admin: str, recorded: Callable[[], int], payload: str
) -> None:
    before = recorded()
    problem(post(client, "/bodies", admin, data=payload, content_type="application/json"), 422)
    assert recorded() == before


@pytest.mark.parametrize("path", sorted(NAMED))
def test_a_name_of_ten_thousand_characters_is_422(
    client: FlaskClient, admin: str, recorded: Callable[[], int], path: str
) -> None:
    before = recorded()
    problem(post(client, path, admin, {**NAMED[path], "name": "x" * 10_000}), 422, "name")
    assert recorded() == before


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ('{"name": "HWB"}', "text/plain"),
        ("name=HWB", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00garbage", "application/json"),
    ],
)
def test_odd_requests_never_give_500(
    client: FlaskClient, admin: str, recorded: Callable[[], int], data: Any, content_type: str
) -> None:
    before = recorded()
    response = post(client, "/bodies", admin, data=data, content_type=content_type)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:500]
    problem(response, response.status_code)
    assert recorded() == before


def test_deeply_nested_json_is_a_client_error_not_500(
    client: FlaskClient, admin: str, recorded: Callable[[], int]
) -> None:
    before = recorded()
    nested = "[" * 100_000 + "]" * 100_000
    response = post(client, "/bodies", admin, data=nested, content_type="application/json")
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:500]
    problem(response, response.status_code)
    assert recorded() == before


def test_a_lone_surrogate_in_a_name_is_a_client_error_not_500(
    client: FlaskClient, admin: str, recorded: Callable[[], int]
) -> None:
    before = recorded()
    sent = '{"name": "\\ud800", "short_name": "HWB", "kind": "board"}'
    response = post(client, "/bodies", admin, data=sent, content_type="application/json")
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:500]
    problem(response, response.status_code)
    assert recorded() == before


@pytest.mark.parametrize("path", sorted(NAMED))
def test_a_name_of_only_spaces_is_422(
    client: FlaskClient, admin: str, recorded: Callable[[], int], path: str
) -> None:
    before = recorded()
    problem(post(client, path, admin, {**NAMED[path], "name": "   "}), 422, "name")
    assert recorded() == before


def test_a_nul_character_in_a_name_does_not_stop_the_lists(client: FlaskClient, admin: str) -> None:
    sent = '{"name": "Board\\u0000", "short_name": "HWB", "kind": "board"}'
    response = post(client, "/bodies", admin, data=sent, content_type="application/json")
    assert response.status_code in (201, 422), response.get_data(as_text=True)[:500]
    assert ok(get(client, "/bodies", admin)) is not None
    ok(post(client, "/people", admin, {"name": "Alice Ahmed"}), 201)
    assert [p["name"] for p in ok(get(client, "/people", admin))] == ["Alice Ahmed"]


def test_a_body_over_the_size_limit_is_413(client: FlaskClient, admin: str) -> None:
    payload = {**BODY, "purpose": "x" * (3 * 1024 * 1024)}
    problem(post(client, "/bodies", admin, payload), 413)


def test_an_unsupported_method_is_405_problem(client: FlaskClient, admin: str) -> None:
    problem(client.delete("/api/v1/bodies", headers={"Authorization": f"Bearer {admin}"}), 405)
