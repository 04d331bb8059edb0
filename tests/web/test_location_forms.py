"""A 201's Location is worked out once per URL rule (issue 15): which candidate address
wins is remembered by the rule and whether an id was made, and the remembered answer is the
one working it out afresh gives, for every rule of the API that takes a POST."""

from __future__ import annotations

import re
from collections.abc import Iterator
from uuid import uuid4

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from tests.web.conftest import Json
from tests.web.support import make_member, record
from web.api.common import API_PREFIX
from web.pages import public


def _api_posts(app: Flask) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(API_PREFIX) and "POST" in (rule.methods or ()):
            yield rule


def _a_path(rule: Rule) -> str:
    """The rule's path with a fresh UUID for each of its values."""
    return re.sub(r"<uuid:[a-z_]+>", lambda _: str(uuid4()), rule.rule)


def _afresh(app: Flask, path: str, made_id: str | None) -> str | None:
    """The Location's place as worked out with nothing remembered."""
    with app.test_request_context(path, method="POST"):
        candidates = public._candidates(path, made_id)
        return next((c for c in candidates if public._readable(c)), None)


def _remembered(app: Flask, path: str, made_id: str | None) -> str | None:
    with app.test_request_context(path, method="POST"):
        return public._created_at(path, made_id)


def test_every_posts_remembered_location_is_the_one_worked_out_afresh(
    client: FlaskClient,
) -> None:
    app = client.application
    rules = list(_api_posts(app))
    assert len(rules) > 40
    for rule in rules:
        assert "<" not in re.sub(r"<uuid:[a-z_]+>", "", rule.rule), rule.rule
        for made in (None, "id"):
            first, second = _a_path(rule), _a_path(rule)
            first_id, second_id = (str(uuid4()), str(uuid4())) if made else (None, None)
            expected = _afresh(app, second, second_id)
            assert _remembered(app, first, first_id) == _afresh(app, first, first_id)
            assert _remembered(app, second, second_id) == expected, (rule.rule, made)
    forms = app.extensions[public._FORMS]
    assert len(forms) == 2 * len({rule.rule for rule in rules})
    assert len(set(forms.values())) > 2  # the winner differs from rule to rule


def test_a_rules_201s_match_the_url_map_only_the_first_time(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    meeting, _ = live
    people = [make_member(client, admin, body["id"], f"P {n}", seat=f"Seat {n}") for n in range(3)]
    matched: list[str] = []
    readable = public._readable

    def counted(path: str) -> bool:
        matched.append(path)
        return readable(path)

    monkeypatch.setattr(public, "_readable", counted)
    for n, person in enumerate(people):
        answer = record(
            client, clerk, meeting["id"], "attendance", person_id=person["id"], status="present"
        )
        assert answer.status_code == 201, answer.get_data(as_text=True)
        assert answer.headers["Location"] == f"/api/v1/meetings/{meeting['id']}"
        if n == 0:
            assert matched[-1] == f"/api/v1/meetings/{meeting['id']}"
            first = len(matched)
    assert len(matched) == first  # the second and third 201 matched nothing


def test_a_rule_with_values_other_than_uuids_is_worked_out_every_time(
    client: FlaskClient,
) -> None:
    app = client.application
    with app.test_request_context(f"{API_PREFIX}/people", method="POST"):
        assert public._form_key(None) == (f"{API_PREFIX}/people", False)
        assert public._form_key(str(uuid4())) == (f"{API_PREFIX}/people", True)
        assert public._form_key("42") is None  # an id that is not a UUID
    with app.test_request_context("/sign-in/some-secret", method="POST"):
        assert public._form_key(None) is None  # a path value that is not a UUID
