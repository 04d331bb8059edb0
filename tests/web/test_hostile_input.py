"""Hostile input refused early (issue 17, item 11): pages past any list, LIKE wildcards in
searches, JSON naming a field twice, dates in other forms than YYYY-MM-DD, names that show
nothing. Each is a clear problem (or taken literally), never a 500, and records nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    bearer,
    decide,
    get,
    make_membership,
    make_person,
    ok,
    post,
    problem,
    schedule,
)
from web.api.bounds import MAX_PAGE

#: Every list that pages.
PAGED = ("/organisations", "/people", "/bodies", "/decisions", "/actions")


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": "9223372036854775807"}, "page"),
        ({"page": "99999999999999999999999999"}, "page"),
        ({"page": str(MAX_PAGE + 1)}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "9223372036854775807"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
    ],
)
def test_a_page_outside_any_list_is_422(
    client: FlaskClient, admin: str, path: str, query: Json, field: str
) -> None:
    answer = problem(get(client, path, admin, query_string=query), 422)
    assert any(name.endswith(field) for name in answer["errors"]), answer


@pytest.mark.parametrize("path", PAGED)
def test_the_last_page_there_could_be_is_merely_empty(
    client: FlaskClient, admin: str, path: str
) -> None:
    assert ok(get(client, path, admin, query_string={"page": MAX_PAGE, "page_size": 1000})) == []


def test_the_openapi_document_says_how_far_pages_go(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in PAGED:
        parameters = spec["paths"][f"/api/v1{path}"]["get"]["parameters"]
        [page] = [p for p in parameters if p["name"] == "page"]
        assert page["schema"]["maximum"] == MAX_PAGE and page["schema"]["minimum"] == 1


def test_percent_and_underscore_in_a_name_search_are_literal(
    client: FlaskClient, admin: str
) -> None:
    for name in ("Ann 100% Ahmed", "Ann_Bloggs", "Annie Bloggs", "Ann!Bloggs", "Ann Zed"):
        make_person(client, admin, name=name)

    def found(q: str) -> list[str]:
        return sorted(p["name"] for p in ok(get(client, "/people", admin, query_string={"q": q})))

    assert found("%") == ["Ann 100% Ahmed"]
    assert found("_") == ["Ann_Bloggs"]
    assert found("n_B") == ["Ann_Bloggs"]
    assert found("!") == ["Ann!Bloggs"]
    assert found("!B") == ["Ann!Bloggs"]
    assert found("ann") == ["Ann 100% Ahmed", "Ann Zed", "Ann!Bloggs", "Ann_Bloggs", "Annie Bloggs"]


def test_percent_and_underscore_in_a_decision_search_are_literal(
    client: FlaskClient, clerk: str, scrutiny: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    for text in ("Raised fees by 50% in 2027.", "Raised fees by 50 pounds.", "Adopt plan_v2."):
        decide(client, clerk, meeting["id"], item["id"], text=text)
    decide(client, clerk, meeting["id"], item["id"], text="Adopt planXv2.")

    def found(q: str) -> list[str]:
        rows = ok(get(client, "/decisions", scrutiny, query_string={"q": q}))
        return sorted(r["text"] for r in rows)

    assert found("50%") == ["Raised fees by 50% in 2027."]
    assert found("plan_v2") == ["Adopt plan_v2."]
    assert found("%") == ["Raised fees by 50% in 2027."]
    assert found("raised fees") == ["Raised fees by 50 pounds.", "Raised fees by 50% in 2027."]


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/people", '{"name": "Alice Ahmed", "name": "Mallory"}'),
        ("/organisations", '{"name": "Mind", "sector": "voluntary", "sector": "public"}'),
        ("/bodies", '{"name": "A", "short_name": "A", "kind": "board", "x": {"y": 1, "y": 2}}'),
    ],
)
def test_json_naming_a_field_twice_is_400_and_records_nothing(
    client: FlaskClient, admin: str, refused: Callable[..., Json], path: str, raw: str
) -> None:
    def send() -> Any:
        headers = {**bearer(admin), "Content-Type": "application/json"}
        return client.post(f"/api/v1{path}", data=raw, headers=headers)

    answer = refused(send, 400)
    assert "more than once" in answer["detail"]


def test_the_token_is_checked_before_a_body_with_a_doubled_field(client: FlaskClient) -> None:
    answer = client.post(
        "/api/v1/people",
        data='{"name": "A", "name": "B"}',
        headers={"Content-Type": "application/json"},
    )
    problem(answer, 401)


@pytest.mark.parametrize("day", ["20260203", "2026-2-3", "2026-W05-2", "2026-034", " 2026-02-03"])
def test_a_date_not_written_yyyy_mm_dd_is_422(
    client: FlaskClient,
    admin: str,
    body: Json,
    person: Json,
    refused: Callable[..., Json],
    day: str,
) -> None:
    seat = {"person_id": person["id"], "seat": "Leader", "capacity": "member", "starts_on": day}
    refused(
        lambda: post(client, f"/bodies/{body['id']}/memberships", admin, seat), 422, "starts_on"
    )
    for query in ({"from": day}, {"to": day}):
        problem(get(client, "/decisions", admin, query_string=query), 422)
    problem(get(client, f"/bodies/{body['id']}", admin, query_string={"as_at": day}), 422)


@pytest.mark.parametrize(
    "moment", ["20260203T100000Z", "20260203T10:00:00+00:00", "2026-02-03T100000+0000"]
)
def test_a_time_not_written_in_full_is_422(
    client: FlaskClient, admin: str, body: Json, refused: Callable[..., Json], moment: str
) -> None:
    send = lambda: post(client, f"/bodies/{body['id']}/meetings", admin, {"starts_at": moment})  # noqa: E731
    refused(send, 422, "starts_at")
    problem(get(client, f"/bodies/{body['id']}", admin, query_string={"as_at": moment}), 422)


def test_dates_and_times_written_in_full_are_still_taken(
    client: FlaskClient, admin: str, body: Json, person: Json
) -> None:
    make_membership(client, admin, body["id"], person["id"], starts_on="2026-02-03")
    schedule(client, admin, body["id"], starts_at="2027-02-03T10:00:00+00:00")
    schedule(client, admin, body["id"], starts_at="2027-02-04T10:00Z")
    ok(get(client, "/decisions", admin, query_string={"from": "2026-02-03"}))


@pytest.mark.parametrize(
    "name",
    [
        "\u200b",
        "\u200b\u200c\u200d\u2060",
        "\ufeff",
        "\u00a0\u3000\u2003",
        "\u202e\u202d",
        "\u2028",
        " \u200b \t ",
        "\u0301\u0301",
    ],
)
@pytest.mark.parametrize("path", ["/people", "/organisations", "/bodies"])
def test_a_name_of_only_invisible_characters_is_422(
    client: FlaskClient, admin: str, refused: Callable[..., Json], name: str, path: str
) -> None:
    data = {
        "/people": {"name": name},
        "/organisations": {"name": name, "sector": "public"},
        "/bodies": {"name": name, "short_name": "HWB", "kind": "board"},
    }[path]
    refused(lambda: post(client, path, admin, data), 422, "name")


def test_a_name_with_invisible_characters_among_visible_ones_is_kept(
    client: FlaskClient, admin: str
) -> None:
    assert make_person(client, admin, name="Zoë\u200d Ahmed")["name"] == "Zoë\u200d Ahmed"
    assert make_person(client, admin, name="محمد")["name"] == "محمد"
