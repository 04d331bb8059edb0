"""Audit over HTTP: the log in order with its chain, the check, and who may read them."""

from __future__ import annotations

from itertools import pairwise

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.web.conftest import Json
from tests.web.support import get, ok, problem
from tests.web.test_minutes_api import Recorded, _record_everything


@pytest.fixture
def recorded_meeting(client: FlaskClient, admin: str, clerk: str, body: Json) -> Recorded:
    return _record_everything(client, admin, clerk, body)


def test_the_log_reads_in_order_with_each_link(client: FlaskClient, admin: str, body: Json) -> None:
    events = ok(get(client, "/events", admin, query_string={"limit": 1000}))
    assert [e["position"] for e in events] == list(range(1, len(events) + 1))
    for before, after in pairwise(events):
        assert after["prev_hash"] == before["hash"]
    assert events[-1]["aggregate_id"] == body["id"] and events[-1]["type"] == "Body.Established"
    assert events[-1]["recorded_by"].startswith("Ada Admin")
    page = ok(get(client, "/events", admin, query_string={"after": 1, "limit": 1}))
    assert page == events[1:2]
    assert ok(get(client, "/events", admin, query_string={"after": 10**6})) == []


def test_the_check_of_the_chain_and_its_head(
    client: FlaskClient, scrutiny: str, body: Json
) -> None:
    verdict = ok(get(client, "/audit/verify", scrutiny))
    assert verdict["ok"] and verdict["first_bad_position"] is None and verdict["checked"] > 0
    head = ok(get(client, "/audit/head", None))
    assert head == {"position": verdict["head_position"], "hash": verdict["head_hash"]}


def test_a_changed_event_fails_the_check_over_http(
    app: MeetingsApplication, client: FlaskClient, admin: str, body: Json
) -> None:
    ok(get(client, "/audit/verify", admin))
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    pos = "notification_id" if app.postgres else "rowid"
    with app.db.transaction() as tx:
        tx.execute(f"DELETE FROM {table} WHERE {pos} = 1")
    verdict = ok(get(client, "/audit/verify", admin))
    assert not verdict["ok"] and verdict["first_bad_position"] == 1
    assert "missing" in verdict["problem"]


def test_only_admin_and_scrutiny_read_the_whole_log(
    client: FlaskClient, clerk: str, member: str, chair: str, scrutiny: str
) -> None:
    for token in (clerk, member, chair):
        problem(get(client, "/events", token), 403)
        problem(get(client, "/audit/verify", token), 403)
    problem(get(client, "/events", None), 401)
    problem(get(client, "/audit/verify", None), 401)
    ok(get(client, "/events", scrutiny))


def test_bad_positions_and_limits_are_refused_in_words(client: FlaskClient, admin: str) -> None:
    for query, field in (
        ({"after": -1}, "after"),
        ({"after": "x"}, "after"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "many"}, "limit"),
    ):
        problem(get(client, "/events", admin, query_string=query), 422, field)


def test_scrutiny_reads_the_log_without_confidential_content(
    client: FlaskClient, admin: str, scrutiny: str, recorded_meeting: Recorded
) -> None:
    query = {"limit": 1000}
    whole = str(ok(get(client, "/events", admin, query_string=query)))
    assert "Acme's price rose by 40%." in whole and "Negotiate with Acme" in whole
    seen = ok(get(client, "/events", scrutiny, query_string=query))
    for leaked in ("Acme", "40%"):
        assert leaked not in str(seen)
    assert any("Confidential item: commercially sensitive" in str(e["data"]) for e in seen)
    # The links are those of the stored records all the same.
    assert [e["hash"] for e in seen] == [
        e["hash"] for e in ok(get(client, "/events", admin, query_string=query))
    ]
