"""The OpenAPI document documents the contract, and anyone may read it."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.support import API

#: Every route of API.md § Structure, with its method, as the OpenAPI document names it.
STRUCTURE_ROUTES = [
    ("post", "/organisations"),
    ("post", "/people"),
    ("post", "/bodies"),
    ("get", "/bodies/{body_id}"),
    ("post", "/bodies/{body_id}/terms-of-reference"),
    ("post", "/bodies/{body_id}/memberships"),
    ("post", "/bodies/{body_id}/memberships/{membership_id}/end"),
    ("post", "/bodies/{body_id}/memberships/{membership_id}/substitutes"),
    ("post", "/bodies/{body_id}/chairs"),
    ("get", "/bodies/{body_id}/memberships"),
    ("get", "/people/{person_id}/memberships"),
]

#: Routes the conventions promise for the structure's aggregates: history and rules.
CONVENTION_ROUTES = [
    ("get", "/bodies/{body_id}/history"),
    ("get", "/people/{person_id}/history"),
    ("get", "/organisations/{org_id}/history"),
    ("get", "/bodies/{body_id}/memberships/{membership_id}/history"),
    ("post", "/bodies/{body_id}/rules"),
]


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document: dict[str, Any] = response.get_json()
    return document


def test_the_openapi_document_is_openapi_3_0(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.0.")
    assert spec["info"]["title"] and spec["info"]["version"]


@pytest.mark.parametrize(("method", "path"), STRUCTURE_ROUTES + CONVENTION_ROUTES)
def test_the_openapi_document_lists_every_structure_route(
    spec: dict[str, Any], method: str, path: str
) -> None:
    assert method in spec["paths"][f"{API}{path}"]


def test_the_openapi_document_declares_bearer_tokens(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_openapi_document_documents_invalid_input(spec: dict[str, Any]) -> None:
    assert "422" in spec["paths"][f"{API}/bodies"]["post"]["responses"]


def test_the_docs_page_is_html(client: FlaskClient) -> None:
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "openapi.json" in response.get_data(as_text=True)


def test_every_command_documents_if_match_and_idempotency_key(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/v1/openapi.json").get_json()
    posts = [ops["post"] for ops in spec["paths"].values() if "post" in ops]
    assert posts
    for post in posts:
        refs = {p.get("$ref") for p in post.get("parameters", [])}
        assert {"#/components/parameters/IfMatch", "#/components/parameters/IdempotencyKey"} <= refs
