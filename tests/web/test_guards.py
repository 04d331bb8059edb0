"""Who may call an operation is checked before what it was sent: a caller who may not use
an operation learns that (401/403), never which fields it lacks (422)."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from flask.testing import FlaskClient

from tests.web.support import problem


def _operations(client: FlaskClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = client.get("/api/v1/openapi.json").get_json()
    return [
        (method, path, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in ("get", "post")
    ]


def _needs_a_token(operation: dict[str, Any]) -> bool:
    return {} not in operation.get("security", [{"bearerAuth": []}])


def _filled(path: str) -> str:
    """The path with unknown ids: a guard must answer before it looks them up."""
    parts = [str(uuid4()) if p.startswith("{") else p for p in path.split("/")]
    return "/".join(parts)


def test_without_a_token_every_protected_operation_is_401_whatever_it_was_sent(
    client: FlaskClient,
) -> None:
    checked = 0
    for method, path, operation in _operations(client):
        if not _needs_a_token(operation):
            continue
        query = {
            p["name"]: "not a valid value"
            for p in operation.get("parameters", [])
            if isinstance(p, dict) and p.get("in") == "query"
        }
        url = _filled(path)
        if method == "post":
            answer = client.post(url, json={"unexpected": "x"}, query_string=query)
        else:
            answer = client.get(url, query_string=query)
        assert answer.status_code == 401, f"{method.upper()} {path}: {answer.status_code}"
        problem(answer, 401)
        checked += 1
    assert checked > 60


def test_a_member_is_refused_commands_before_their_body_is_read(
    client: FlaskClient, member: str
) -> None:
    headers = {"Authorization": f"Bearer {member}"}
    for method, path, _ in _operations(client):
        if method != "post" or "{" in path:
            continue  # paths with ids answer 404 first for an unknown id, which is fine
        answer = client.post(path, json={"unexpected": "x"}, headers=headers)
        assert answer.status_code == 403, f"POST {path}: {answer.status_code}"
