"""Signing people in to the console: by a one-time link or a pasted token; links used
twice, expired or revoked; signing out; idle expiry; revocation; CSRF; the cookie."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.console_support import csrf_of, link_for, sign_in
from tests.web.support import bearer, ok, post

Json = dict[str, Any]


def _signed_in_as(client: FlaskClient) -> str | None:
    """Who the console says is signed in (None when it sends the browser to sign in)."""
    page = client.get("/console")
    if page.status_code == 302:
        return None
    text = page.get_data(as_text=True)
    return text.split("Signed in as <strong>")[1].split("</strong>")[0]


def test_a_link_shows_a_button_and_signs_in_only_when_pressed(
    app: MeetingsApplication, client: FlaskClient, clerk: str
) -> None:
    link = link_for(app, clerk)
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Sign in as Colin Clerk" in shown.get_data(as_text=True)
    assert _signed_in_as(client) is None, "opening the link must not sign in"
    assert client.get(link).status_code == 200, "opening it twice must not use it up"
    answer = client.post(link, data={"csrf_token": csrf_of(shown)})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/console"
    assert _signed_in_as(client) == "Colin Clerk"


def test_a_link_used_twice_says_so(
    app: MeetingsApplication, client: FlaskClient, clerk: str
) -> None:
    link = link_for(app, clerk)
    sign_in(client, link)
    other = client.application.test_client()
    again = other.get(link)
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    pressed = other.post(link, data={"csrf_token": csrf_of(other.get("/sign-in"))})
    assert pressed.status_code == 410
    assert _signed_in_as(other) is None


def test_an_expired_link_says_so(app: MeetingsApplication, client: FlaskClient, clerk: str) -> None:
    link = link_for(app, clerk, days=-1)
    answer = client.get(link)
    assert answer.status_code == 410
    assert "has expired" in answer.get_data(as_text=True)
    assert client.post(link, data={"csrf_token": csrf_of(answer)}).status_code == 410
    assert _signed_in_as(client) is None


def test_a_link_of_a_revoked_token_says_so(
    app: MeetingsApplication, client: FlaskClient, clerk: str
) -> None:
    link = link_for(app, clerk)
    who = app.tokens.authenticate(clerk)
    assert who is not None and app.tokens.revoke(who.id)
    answer = client.get(link)
    assert answer.status_code == 403
    assert "has been withdrawn" in answer.get_data(as_text=True)


def test_an_unknown_link_is_not_found_and_counts_as_a_failed_sign_in(
    app: MeetingsApplication, client: FlaskClient
) -> None:
    client.application.config["AUTH_FAILURES_ALLOWED"] = 2
    from web import ratelimit

    ratelimit.register(client.application)
    assert client.get("/sign-in/msl_nothing").status_code == 404
    assert client.get("/sign-in/msl_nothing-either").status_code == 404
    refused = client.get("/sign-in/msl_a-third")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Too many sign-ins" in refused.get_data(as_text=True)


def test_a_pasted_token_signs_in(client: FlaskClient, clerk: str) -> None:
    sign_in(client, clerk)
    assert _signed_in_as(client) == "Colin Clerk"


def test_a_wrong_pasted_token_is_refused_beside_the_field(client: FlaskClient) -> None:
    form = client.get("/sign-in")
    answer = client.post("/sign-in", data={"token": "mtg_wrong", "csrf_token": csrf_of(form)})
    assert answer.status_code == 401
    text = answer.get_data(as_text=True)
    assert 'id="token-error"' in text and "not recognised" in text
    assert _signed_in_as(client) is None


def test_failed_pasted_tokens_are_rate_limited(client: FlaskClient) -> None:
    client.application.config["AUTH_FAILURES_ALLOWED"] = 2
    from web import ratelimit

    ratelimit.register(client.application)
    csrf = csrf_of(client.get("/sign-in"))
    for _ in range(2):
        assert client.post("/sign-in", data={"token": "x", "csrf_token": csrf}).status_code == 401
    assert client.post("/sign-in", data={"token": "x", "csrf_token": csrf}).status_code == 429


def test_signing_out_ends_the_session_even_for_a_kept_copy_of_the_cookie(
    client: FlaskClient, clerk: str
) -> None:
    csrf = sign_in(client, clerk)
    kept = client.get_cookie("meetings_session")
    assert kept is not None
    answer = client.post("/sign-out", data={"csrf_token": csrf})
    assert answer.status_code == 303
    assert "/sign-in?signed_out=1" in answer.headers["Location"]
    assert _signed_in_as(client) is None
    client.set_cookie("meetings_session", kept.value)
    assert _signed_in_as(client) is None


def test_signing_out_needs_the_csrf_token(client: FlaskClient, clerk: str) -> None:
    sign_in(client, clerk)
    assert client.post("/sign-out").status_code == 400
    assert _signed_in_as(client) == "Colin Clerk"


def test_a_session_idle_too_long_ends(client: FlaskClient, clerk: str) -> None:
    sign_in(client, clerk)
    idle = client.application.config["SESSION_IDLE_MINUTES"]
    with client.session_transaction() as session:
        session["seen"] = int(time.time() - idle * 60 - 5)
    answer = client.get("/console")
    assert answer.status_code == 302
    assert "ended=idle" in answer.headers["Location"]
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "not used for a while" in page
    assert _signed_in_as(client) is None


def test_a_session_in_use_stays_signed_in(client: FlaskClient, clerk: str) -> None:
    sign_in(client, clerk)
    idle = client.application.config["SESSION_IDLE_MINUTES"]
    with client.session_transaction() as session:
        session["seen"] = int(time.time() - idle * 60 + 60)
    assert _signed_in_as(client) == "Colin Clerk"
    with client.session_transaction() as session:
        assert session["seen"] >= time.time() - 5, "using the console restarts the idle time"


def test_revoking_the_token_ends_its_sessions_at_once(
    app: MeetingsApplication, client: FlaskClient, clerk: str
) -> None:
    sign_in(client, clerk)
    who = app.tokens.authenticate(clerk)
    assert who is not None and app.tokens.revoke(who.id)
    answer = client.get("/console")
    assert answer.status_code == 302
    assert "ended=ended" in answer.headers["Location"]


def test_the_session_cookie_is_http_only_and_same_site_lax(client: FlaskClient, clerk: str) -> None:
    form = client.get("/sign-in")
    answer = client.post("/sign-in", data={"token": clerk, "csrf_token": csrf_of(form)})
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_the_session_cookie_is_secure_over_https(client: FlaskClient, clerk: str) -> None:
    https = {"base_url": "https://localhost"}
    form = client.get("/sign-in", **https)
    answer = client.post(
        "/sign-in",
        data={"token": clerk, "csrf_token": csrf_of(form)},
        headers={"Referer": "https://localhost/sign-in"},  # checked over https, as browsers send
        **https,
    )
    assert answer.status_code == 303
    assert "Secure" in answer.headers["Set-Cookie"]


def test_bearer_tokens_work_unchanged_without_a_csrf_token(
    client: FlaskClient, clerk: str, body: Json
) -> None:
    answer = post(
        client, f"/bodies/{body['id']}/meetings", clerk, {"starts_at": "2027-03-04T10:00:00+00:00"}
    )
    ok(answer, 201)


def test_an_api_command_with_a_session_needs_the_csrf_token(
    client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    csrf = sign_in(client, clerk)
    path = f"/api/v1/bodies/{body['id']}/meetings"
    data = {"starts_at": "2027-03-04T10:00:00+00:00"}
    before = recorded()
    refused = client.post(path, json=data)
    assert refused.status_code == 400
    assert recorded() == before
    ok(client.post(path, json=data, headers={"X-CSRFToken": csrf}), 201)


def test_an_api_command_with_neither_token_nor_session_is_still_401(
    client: FlaskClient, body: Json
) -> None:
    answer = client.post(f"/api/v1/bodies/{body['id']}/meetings", json={})
    assert answer.status_code == 401
    assert bearer(None) == {}


def test_the_console_sends_people_to_sign_in_first(client: FlaskClient) -> None:
    answer = client.get("/console")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("path", ["/sign-in", "/console"])
def test_console_pages_forbid_inline_script(client: FlaskClient, clerk: str, path: str) -> None:
    sign_in(client, clerk)
    answer = client.get(path)
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    text = answer.get_data(as_text=True)
    assert "<script>" not in text and " style=" not in text


def test_every_server_process_on_one_database_signs_sessions_with_the_same_key(
    app: MeetingsApplication, client: FlaskClient, clerk: str
) -> None:
    from web import create_app

    sign_in(client, clerk)
    other = create_app(app).test_client()  # another process's app, the same database
    assert other.application.config["SECRET_KEY"] == client.application.config["SECRET_KEY"]
    kept = client.get_cookie("meetings_session")
    assert kept is not None
    other.set_cookie("meetings_session", kept.value)
    assert _signed_in_as(other) == "Colin Clerk"


def test_meetings_secret_key_sets_the_signing_key(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from web import create_app

    monkeypatch.setenv("MEETINGS_SECRET_KEY", "a key kept outside the database")
    flask_app = create_app(app)
    assert flask_app.config["SECRET_KEY"] == "a key kept outside the database"


def test_the_cookie_is_not_sent_again_on_every_request(client: FlaskClient, clerk: str) -> None:
    sign_in(client, clerk)
    client.get("/console")
    assert "Set-Cookie" not in client.get("/console").headers
    with client.session_transaction() as session:
        session["seen"] = int(time.time() - 120)
    assert "Set-Cookie" in client.get("/console").headers, "noting its use renews it"
