"""Failed sign-ins are limited per client address; everyone else is served as before."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from meetings.application import MeetingsApplication
from meetings.application.errors import TooManyFailedSignInsError
from meetings.domain.values import Role
from tests.web.support import API, problem
from web import create_app, ratelimit

ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.20"
BAD = "mtg_not-a-real-token"


class Clock:
    """A clock the test moves by hand: no sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def flask_app(app: MeetingsApplication, clock: Clock) -> Flask:
    """The service with the default limit (10 failures per 60 seconds) on a hand clock."""
    built = create_app(app)
    built.config.pop("AUTH_FAILURES_ALLOWED", None)
    built.config.pop("AUTH_FAILURE_WINDOW_SECONDS", None)
    ratelimit.register(built, clock=clock)
    return built


@pytest.fixture
def client(flask_app: Flask) -> FlaskClient:
    return flask_app.test_client()


def read(
    client: FlaskClient, token: str | None, address: str = ATTACKER, path: str = "/bodies"
) -> TestResponse:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(API + path, headers=headers, environ_base={"REMOTE_ADDR": address})


def fail(client: FlaskClient, times: int, address: str = ATTACKER) -> None:
    for _ in range(times):
        problem(read(client, BAD, address), 401)


def test_the_eleventh_bad_token_in_a_minute_is_429_with_retry_after(
    client: FlaskClient, clock: Clock
) -> None:
    fail(client, 10)
    clock.now += 15
    answer = problem(read(client, BAD), 429)
    response = read(client, BAD)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "45"
    assert answer["title"] == "Too Many Requests"  # the standard phrase (RFC 9457)
    assert answer["detail"] == (
        "Too many failed sign-ins from your address: wait 45 seconds and try again."
    )


def test_a_valid_token_from_a_waiting_address_is_still_accepted(
    app: MeetingsApplication, client: FlaskClient
) -> None:
    good = app.tokens.create(Role.ADMIN, "Ada Admin")[1]
    fail(client, 10)
    problem(read(client, BAD), 429)
    assert read(client, good).status_code == 200
    problem(read(client, BAD), 429)


def test_another_address_is_not_limited(app: MeetingsApplication, client: FlaskClient) -> None:
    good = app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]
    fail(client, 10)
    problem(read(client, BAD, NEIGHBOUR), 401)
    assert read(client, good, NEIGHBOUR).status_code == 200


def test_after_the_window_passes_requests_are_judged_again(
    app: MeetingsApplication, client: FlaskClient, clock: Clock
) -> None:
    good = app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]
    fail(client, 10)
    clock.now += 59.5
    problem(read(client, BAD), 429)
    assert read(client, good).status_code == 200
    clock.now += 0.5
    assert read(client, good).status_code == 200
    problem(read(client, BAD), 401)


def test_failures_older_than_the_window_do_not_count(client: FlaskClient, clock: Clock) -> None:
    fail(client, 9)
    clock.now += 61
    fail(client, 9)
    problem(read(client, BAD), 401)
    problem(read(client, BAD), 429)


def test_good_tokens_work_below_the_limit(app: MeetingsApplication, client: FlaskClient) -> None:
    good = app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]
    fail(client, 9)
    for _ in range(20):
        assert read(client, good).status_code == 200
    problem(read(client, BAD), 401)
    problem(read(client, BAD), 429)
    assert read(client, good).status_code == 200  # a valid token is never refused


def test_revoked_and_malformed_tokens_count_as_failures(
    app: MeetingsApplication, client: FlaskClient
) -> None:
    token_id, revoked = app.tokens.create(Role.CLERK, "Gone Clerk")
    assert app.tokens.revoke(token_id)
    for _ in range(5):
        problem(read(client, revoked), 401)
    for _ in range(5):
        basic = {"Authorization": "Basic dXNlcjpwYXNz"}
        response = client.get(
            f"{API}/bodies", headers=basic, environ_base={"REMOTE_ADDR": ATTACKER}
        )
        problem(response, 401)
    problem(read(client, BAD), 429)


def test_public_reads_without_a_token_are_never_limited(client: FlaskClient) -> None:
    fail(client, 10)
    problem(read(client, BAD), 429)
    assert read(client, None, path="/minutes").status_code == 200
    assert read(client, None, path="/audit/head").status_code == 200
    page = client.get("/", environ_base={"REMOTE_ADDR": ATTACKER})
    assert page.status_code == 200
    problem(read(client, None), 401)  # a read that needs a token says so, not 429


def test_the_limit_and_window_come_from_the_environment(
    app: MeetingsApplication, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = create_app(app)
    monkeypatch.setenv("MEETINGS_AUTH_FAILURES_ALLOWED", "3")
    monkeypatch.setenv("MEETINGS_AUTH_FAILURE_WINDOW_SECONDS", "5")
    built.config.pop("AUTH_FAILURES_ALLOWED", None)
    built.config.pop("AUTH_FAILURE_WINDOW_SECONDS", None)
    ratelimit.register(built, clock=clock)
    assert built.config["AUTH_FAILURES_ALLOWED"] == 3
    assert built.config["AUTH_FAILURE_WINDOW_SECONDS"] == 5.0
    client = built.test_client()
    fail(client, 3)
    assert read(client, BAD).headers["Retry-After"] == "5"
    clock.now += 5
    problem(read(client, BAD), 401)


@pytest.mark.parametrize("value", ["ten", "0", "-1"])
def test_a_nonsense_setting_stops_the_service_starting(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    built = create_app(app)
    monkeypatch.setenv("MEETINGS_AUTH_FAILURES_ALLOWED", value)
    built.config.pop("AUTH_FAILURES_ALLOWED", None)
    with pytest.raises(ValueError, match="MEETINGS_AUTH_FAILURES_ALLOWED"):
        ratelimit.register(built)


def test_the_service_limits_failed_sign_ins_out_of_the_box(app: MeetingsApplication) -> None:
    """create_app() registers the limit (web/__init__.py calls ratelimit.register)."""
    client = create_app(app).test_client()
    fail(client, 10)
    problem(read(client, BAD), 429)


def test_addresses_whose_window_passed_are_forgotten(
    app: MeetingsApplication, clock: Clock
) -> None:
    limiter = ratelimit.FailedSignIns(app.db, 10, 60, clock)
    for n in range(1000):
        limiter.failed(f"10.0.{n // 256}.{n % 256}")
    assert limiter.tracked() == 1000
    clock.now += 60
    limiter.failed(ATTACKER)
    assert limiter.tracked() == 1


def test_an_address_keeps_no_more_moments_than_the_limit(
    app: MeetingsApplication, clock: Clock
) -> None:
    limiter = ratelimit.FailedSignIns(app.db, 3, 60, clock)
    for _ in range(100):
        limiter.failed(ATTACKER)
        clock.now += 0.1
    with pytest.raises(TooManyFailedSignInsError) as refused:
        limiter.check(ATTACKER)
    assert refused.value.retry_after == 60  # the oldest of the three kept is 0.3 s old
    assert limiter.kept(ATTACKER) == 3


def test_failures_counted_from_many_threads_at_once_are_all_counted(
    app: MeetingsApplication, clock: Clock
) -> None:
    limiter = ratelimit.FailedSignIns(app.db, 800, 60, clock)
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        for _ in range(100):
            clock.now += 0.0001  # each failure its own moment
            limiter.failed(ATTACKER)
            limiter.check(NEIGHBOUR)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with pytest.raises(TooManyFailedSignInsError):
        limiter.check(ATTACKER)
    assert limiter.kept(ATTACKER) == 800


def test_every_server_process_counts_the_same_failures(
    app: MeetingsApplication, clock: Clock
) -> None:
    """Two servers on one database (gunicorn workers, several hosts): failures counted by
    one are seen by the other, because they are kept in the database."""
    one, other = create_app(app), create_app(app)
    for built in (one, other):
        built.config.pop("AUTH_FAILURES_ALLOWED", None)
        built.config.pop("AUTH_FAILURE_WINDOW_SECONDS", None)
        ratelimit.register(built, clock=clock)
    assert one.extensions["failed_sign_ins"] is not other.extensions["failed_sign_ins"]
    fail(one.test_client(), 5)
    fail(other.test_client(), 5)
    problem(read(one.test_client(), BAD), 429)
    problem(read(other.test_client(), BAD), 429)
