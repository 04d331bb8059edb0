"""Helpers for talking to the API through Flask's test client, as a client would."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

API = "/api/v1"
PROBLEM = "application/problem+json"


def bearer(token: str | None) -> dict[str, str]:
    """The Authorization header for a token; none at all for the public."""
    return {"Authorization": f"Bearer {token}"} if token else {}


def post(
    client: FlaskClient,
    path: str,
    token: str | None,
    json: Any = None,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> TestResponse:
    """POST JSON to `/api/v1<path>` as the holder of `token`."""
    if json is not None:
        kwargs["json"] = json
    return client.post(API + path, headers={**bearer(token), **(headers or {})}, **kwargs)


def get(
    client: FlaskClient,
    path: str,
    token: str | None,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> TestResponse:
    """GET `/api/v1<path>` as the holder of `token`."""
    return client.get(API + path, headers={**bearer(token), **(headers or {})}, **kwargs)


def ok(response: TestResponse, status: int = 200) -> Any:
    """The JSON of a successful answer, failing with the problem when it is not."""
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def problem(response: TestResponse, status: int, *fields: str) -> dict[str, Any]:
    """Check an RFC 9457 problem answer; `fields` must be named in its `errors`."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body: dict[str, Any] = response.get_json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    if status == 422:
        errors = body.get("errors")
        assert isinstance(errors, dict) and errors, body
        assert all(isinstance(m, list) and m for m in errors.values()), errors
        for name in fields:
            assert any(key == name or key.startswith(f"{name}.") for key in errors), errors
    return body


def etag(response: TestResponse) -> str | None:
    return response.headers.get("ETag")


# Making the partnership family, as an administrator would --------------------------


def make_organisation(client: FlaskClient, token: str, **fields: Any) -> dict[str, Any]:
    data = {"name": "Buckinghamshire Council", "sector": "public", **fields}
    created: dict[str, Any] = ok(post(client, "/organisations", token, data), 201)
    return created


def make_person(client: FlaskClient, token: str, **fields: Any) -> dict[str, Any]:
    data = {"name": "Alice Ahmed", **fields}
    created: dict[str, Any] = ok(post(client, "/people", token, data), 201)
    return created


def make_body(client: FlaskClient, token: str, **fields: Any) -> dict[str, Any]:
    data = {
        "name": "Health and Wellbeing Board",
        "short_name": "HWB",
        "kind": "board",
        # Bodies are private unless they say otherwise: these tests' bodies say so.
        "open_to_public": True,
        **fields,
    }
    created: dict[str, Any] = ok(post(client, "/bodies", token, data), 201)
    return created


def make_membership(
    client: FlaskClient, token: str, body_id: str, person_id: str, **fields: Any
) -> dict[str, Any]:
    data = {
        "person_id": person_id,
        "seat": "Leader of the Council",
        "capacity": "member",
        "starts_on": "2025-01-01",
        **fields,
    }
    created: dict[str, Any] = ok(post(client, f"/bodies/{body_id}/memberships", token, data), 201)
    return created


# Meetings, as a clerk records them ---------------------------------------------------

LONDON = ZoneInfo("Europe/London")


def london_day(days_ahead: int = 0) -> date:
    """The date in Europe/London `days_ahead` from today."""
    return datetime.now(tz=LONDON).date() + timedelta(days=days_ahead)


def at_ten(day: date) -> str:
    """10 o'clock on a day in London, as a time with its offset."""
    return datetime.combine(day, time(10), tzinfo=LONDON).isoformat()


def in_days(days: int) -> str:
    """10 o'clock London time `days` from today (negative: in the past)."""
    return at_ten(london_day(days))


def minutes_ago(minutes: int) -> str:
    """A moment `minutes` before now (negative: after now), as a time with offset."""
    return (datetime.now(tz=UTC) - timedelta(minutes=minutes)).isoformat()


def schedule(client: FlaskClient, token: str, body_id: str, **fields: Any) -> dict[str, Any]:
    """Schedule a meeting of the body, by default 30 days ahead."""
    data = {"starts_at": in_days(30), **fields}
    created: dict[str, Any] = ok(post(client, f"/bodies/{body_id}/meetings", token, data), 201)
    return created


def add_item(client: FlaskClient, token: str, meeting_id: str, **fields: Any) -> dict[str, Any]:
    """Add an agenda item (a decision item unless told otherwise)."""
    data = {"title": "Better Care Fund plan", "kind": "decision", **fields}
    created: dict[str, Any] = ok(
        post(client, f"/meetings/{meeting_id}/agenda-items", token, data), 201
    )
    return created


def meeting_command(
    client: FlaskClient, token: str, meeting_id: str, verb: str, json: Any = None
) -> dict[str, Any]:
    """A command on the whole meeting (open, close, postpone, ...), which must succeed."""
    changed: dict[str, Any] = ok(post(client, f"/meetings/{meeting_id}/{verb}", token, json))
    return changed


def read_meeting(client: FlaskClient, token: str | None, meeting_id: str, **query: Any) -> Any:
    """The meeting as `token` sees it (optionally `?version=` or `?as_at=`)."""
    return ok(get(client, f"/meetings/{meeting_id}", token, query_string=query))


def live_meeting(
    client: FlaskClient, token: str, body_id: str, **item: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A meeting with one agenda item, open and in session: (meeting, item)."""
    meeting = schedule(client, token, body_id)
    agenda_item = add_item(client, token, meeting["id"], **item)
    meeting_command(client, token, meeting["id"], "open")
    return meeting, agenda_item


def record(
    client: FlaskClient, token: str, meeting_id: str, what: str, **fields: Any
) -> TestResponse:
    """POST to a part of the meeting's record: `attendance`, `items/<id>/notes`, ..."""
    return post(client, f"/meetings/{meeting_id}/{what}", token, fields)


def make_member(
    client: FlaskClient, token: str, body_id: str, name: str, **fields: Any
) -> dict[str, Any]:
    """A new person seated on the body as a member since 2025; the person, with `membership`."""
    person = make_person(client, token, name=name)
    person["membership"] = make_membership(client, token, body_id, person["id"], **fields)
    return person


def same_moment(one: str, other: str) -> bool:
    """Whether two times with offsets name the same instant."""
    return datetime.fromisoformat(one) == datetime.fromisoformat(other)


# Between meetings --------------------------------------------------------------------


def agree_action(
    client: FlaskClient, token: str, meeting_id: str, item_id: str, owner_id: str, **fields: Any
) -> dict[str, Any]:
    """Agree an action on an item of a meeting in session, due 1 March 2026 unless told
    otherwise: the action (`id`, alias `action_id`), with the meeting entry's `entry_id`."""
    data = {"description": "Refresh the JSNA", "owner_id": owner_id, "due_on": "2026-03-01"}
    response = record(client, token, meeting_id, f"items/{item_id}/actions", **{**data, **fields})
    created: dict[str, Any] = ok(response, 201)
    return created


def decide(
    client: FlaskClient, token: str, meeting_id: str, item_id: str, **fields: Any
) -> dict[str, Any]:
    """Record a decision (by consensus unless told otherwise) on an item: the decision."""
    data = {"text": "Agreed the plan.", "method": "consensus", **fields}
    response = record(client, token, meeting_id, f"items/{item_id}/decisions", **data)
    created: dict[str, Any] = ok(response, 201)
    return created
