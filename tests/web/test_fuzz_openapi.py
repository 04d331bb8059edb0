"""Fuzzing the API from its own OpenAPI document (schemathesis): whatever a client sends,
no answer is a 500, and every answer matches what the document says.

Generated requests are mostly invalid or name unknown records, so `positive_data_acceptance`
(a schema-valid request must succeed) is left out: the domain refuses schema-valid requests
that break its rules (409) or name records that do not exist (404), as it should.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from demo import load_demo
from meetings.domain.values import Role
from tests.conftest import BACKEND, application_for_tests
from web import create_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
#: Examples per operation and role: enough to reach every field's edge cases quickly.
EXAMPLES = 8 if BACKEND == "sqlite" else 4


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Any, dict[str, str | None]]]:
    """The demo family behind the app, and a token for each kind of caller."""
    with application_for_tests() as app:
        load_demo(app)
        tokens: dict[str, str | None] = {
            "admin": app.tokens.create(Role.ADMIN, "Fuzz Admin")[1],
            "scrutiny": app.tokens.create(Role.SCRUTINY, "Fuzz Scrutiny")[1],
            "public": None,
        }
        yield create_app(app), tokens


def _operations(flask_app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", flask_app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("role", ["admin", "scrutiny", "public"])
def test_no_request_breaks_the_api_or_its_document(
    world: tuple[Any, dict[str, str | None]], role: str
) -> None:
    flask_app, tokens = world
    token = tokens[role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    failures: dict[str, str] = {}
    for operation in _operations(flask_app):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            suppress_health_check=list(HealthCheck),
            deadline=None,
            database=None,
            derandomize=True,
        )
        def call(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except BaseException as failure:
            if isinstance(failure, KeyboardInterrupt):
                raise
            failures[operation.label] = str(failure)[:2000]
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())


def test_the_document_covers_every_route(world: tuple[Any, dict[str, str | None]]) -> None:
    flask_app, _ = world
    documented = {operation.path for operation in _operations(flask_app)}
    served = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(rule.rule))
        for rule in flask_app.url_map.iter_rules()
        if str(rule.rule).startswith("/api/v1/")
        and str(rule.rule) not in ("/api/v1/openapi.json", "/api/v1/docs", "/api/v1/docs/")
    }
    assert served - documented == set()
