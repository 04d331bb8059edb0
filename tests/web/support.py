"""Helpers for talking to the API through Flask's test client, as a client would."""

from __future__ import annotations

from typing import Any

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
    data = {"name": "Health and Wellbeing Board", "short_name": "HWB", "kind": "board", **fields}
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
