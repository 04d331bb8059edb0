"""What every answer says of itself (issue 17, item 15): a 405 names the methods allowed, a
201 says where to read what it made, problem titles are the standard status phrases, and
an address that names nothing is a page for a browser and a problem for a client."""

from __future__ import annotations

import sqlite3
from http import HTTPStatus

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from meetings.infrastructure.storage import UndecodableEventError
from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    bearer,
    get,
    make_membership,
    make_person,
    meeting_command,
    ok,
    post,
    problem,
    record,
    schedule,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/v1/bodies", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("put", "/api/v1/people", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("post", "/", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/feeds/minutes.atom", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_a_405_names_the_methods_the_address_takes(
    client: FlaskClient, admin: str, method: str, path: str, allowed: set[str]
) -> None:
    answer = getattr(client, method)(path, headers=bearer(admin))
    problem(answer, 405)
    assert set(answer.headers["Allow"].split(", ")) == allowed


def _located(client: FlaskClient, token: str, answer: TestResponse) -> Json:
    """The record a 201's Location names, read back."""
    assert answer.status_code == 201, answer.get_data(as_text=True)
    location = answer.headers["Location"]
    assert location.startswith("/api/v1/")
    shown: Json = ok(client.get(location, headers=bearer(token)))
    return shown


def test_a_201_says_where_to_read_what_it_made(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    made = post(client, "/organisations", admin, {"name": "Bucks Mind", "sector": "voluntary"})
    organisation = made.get_json()
    assert made.headers["Location"] == f"/api/v1/organisations/{organisation['id']}"
    assert _located(client, admin, made)["id"] == organisation["id"]

    person = make_person(client, admin, name="Ann Ahmed")
    made = post(client, "/people", admin, {"name": "Bo Brown"})
    assert _located(client, admin, made)["name"] == "Bo Brown"

    seat = {"person_id": person["id"], "seat": "Leader", "capacity": "member"}
    made = post(
        client, f"/bodies/{body['id']}/memberships", admin, {**seat, "starts_on": "2025-01-01"}
    )
    membership = made.get_json()
    assert made.headers["Location"] == (
        f"/api/v1/bodies/{body['id']}/memberships/{membership['id']}"
    )

    made = post(
        client, f"/bodies/{body['id']}/meetings", clerk, {"starts_at": "2027-03-04T10:00:00+00:00"}
    )
    meeting = made.get_json()
    assert made.headers["Location"] == f"/api/v1/meetings/{meeting['id']}"
    assert _located(client, clerk, made)["id"] == meeting["id"]

    made = post(
        client,
        f"/meetings/{meeting['id']}/agenda-items",
        clerk,
        {"title": "Plan", "kind": "decision"},
    )
    assert _located(client, clerk, made)["id"] == meeting["id"]  # an item is shown by its meeting


def test_what_is_recorded_at_a_meeting_is_located_too(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    meeting = schedule(client, clerk, body["id"])
    item = add_item(client, clerk, meeting["id"])
    meeting_command(client, clerk, meeting["id"], "open")
    person = make_person(client, admin, name="Ann Ahmed")
    make_membership(client, admin, body["id"], person["id"])
    m = meeting["id"]
    for answer in (
        record(client, clerk, m, "attendance", person_id=person["id"], status="present"),
        record(client, clerk, m, f"items/{item['id']}/notes", text="Discussed."),
    ):
        assert answer.headers["Location"] == f"/api/v1/meetings/{m}"
        _located(client, clerk, answer)
    decision = record(
        client, clerk, m, f"items/{item['id']}/decisions", text="Agreed.", method="consensus"
    )
    assert _located(client, clerk, decision)["id"] == decision.get_json()["id"]
    assert decision.headers["Location"] == f"/api/v1/decisions/{decision.get_json()['id']}"
    action = record(
        client, clerk, m, f"items/{item['id']}/actions",
        description="Write it up", owner_id=person["id"], due_on="2027-03-01",
    )  # fmt: skip
    assert action.headers["Location"] == f"/api/v1/actions/{action.get_json()['id']}"
    _located(client, clerk, action)


def test_a_retried_create_is_located_like_the_first(client: FlaskClient, admin: str) -> None:
    headers = {"Idempotency-Key": "make-bo-once"}
    first = post(client, "/people", admin, {"name": "Bo Brown"}, headers=headers)
    again = post(client, "/people", admin, {"name": "Bo Brown"}, headers=headers)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert (again.status_code, again.headers.get("ETag")) == (201, first.headers.get("ETag"))
    assert again.get_data() == first.get_data() and "Idempotent-Replayed" not in first.headers


def test_problem_titles_are_the_standard_status_phrases(
    client: FlaskClient, admin: str, clerk: str, member: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    answers = {
        400: client.post(
            "/api/v1/people",
            data="{not json",
            headers={**bearer(admin), "Content-Type": "application/json"},
        ),
        401: get(client, "/bodies", "not-a-token"),
        403: post(client, "/people", member, {"name": "Bo"}),
        404: get(client, "/bodies/00000000-0000-4000-8000-000000000000", admin),
        405: client.delete("/api/v1/bodies", headers=bearer(admin)),
        409: post(client, f"/meetings/{meeting['id']}/open", clerk, {}),  # open already
        412: post(
            client, f"/meetings/{meeting['id']}/close", clerk, {}, headers={"If-Match": '"1"'}
        ),
        422: post(client, "/people", admin, {"name": ""}),
    }
    for status, answer in answers.items():
        assert problem(answer, status)["title"] == HTTPStatus(status).phrase, status


@pytest.mark.parametrize("path", ["/no-such-page", "/api/v1/no-such-thing", "/bodies/x/y/z"])
def test_an_unknown_address_is_a_page_for_a_browser(client: FlaskClient, path: str) -> None:
    answer = client.get(path, headers={"Accept": BROWSER})
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    html = answer.get_data(as_text=True)
    assert "<h1>Page not found</h1>" in html
    _, digest = client.application.extensions["meetings"].get_chain_head()
    assert digest in html


@pytest.mark.parametrize("accept", [None, "application/json", "application/problem+json", "*/*"])
def test_an_unknown_address_is_a_problem_for_a_client(
    client: FlaskClient, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    problem(client.get("/api/v1/no-such-thing", headers=headers), 404)


def test_the_openapi_document_says_every_201_carries_location(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    created = [
        operation["responses"]["201"]
        for operations in spec["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict) and "201" in operation.get("responses", {})
    ]
    assert len(created) > 15
    assert all("Location" in answer.get("headers", {}) for answer in created)


def test_the_404_page_still_shows_when_the_chain_head_cannot_be_read(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable() -> None:
        raise ConnectionError("the store is out of reach")

    monkeypatch.setattr(client.application.extensions["meetings"], "get_chain_head", unreachable)
    answer = client.get("/no-such-page", headers={"Accept": BROWSER})
    assert answer.status_code == 404 and "<h1>Page not found</h1>" in answer.get_data(True)


def test_the_stores_failures_have_the_standard_titles_and_say_why_in_detail(
    client: FlaskClient,
) -> None:
    from uuid import uuid4

    from web.errors import _store_problem

    failures = {
        507: (sqlite3.OperationalError("database or disk is full"), "is full"),
        503: (UndecodableEventError(uuid4(), 3, "x", 42), "position 42 cannot be read"),
    }
    with client.application.test_request_context():
        busy = _store_problem(sqlite3.OperationalError("database is locked"))
        answers = {s: (_store_problem(error), words) for s, (error, words) in failures.items()}
    assert busy is not None and busy.json is not None
    assert busy.json["title"] == "Service Unavailable" and "unavailable" in busy.json["detail"]
    for status, (answer, words) in answers.items():
        assert answer is not None and answer.status_code == status and answer.json is not None
        assert answer.json["title"] == HTTPStatus(status).phrase
        assert words in answer.json["detail"]
