"""The projection worker for PostgreSQL deployments: `meetings project`.

It outlives the database: when PostgreSQL restarts (or the network drops), the worker
reconnects with a growing, jittered pause and carries on from the tracking position the
read models committed last, for as long as it runs.
"""

from __future__ import annotations

import logging
import threading

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError
from psycopg import sql
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_when_event_set,
    wait_exponential,
    wait_random,
)

from meetings.application.machinery import CoreApplication

log = logging.getLogger(__name__)

#: What a database that is restarting, or out of reach, raises (a pool timeout is a
#: psycopg OperationalError; eventsourcing wraps psycopg's errors in its own).
UNREACHABLE: tuple[type[Exception], ...] = (
    psycopg.OperationalError,
    psycopg.InterfaceError,
    OperationalError,
    InterfaceError,
)

#: The longest pause between two attempts to reconnect, in seconds.
MAX_BACKOFF = 10.0


def run_worker(
    app: CoreApplication,
    stop: threading.Event,
    poll_seconds: float = 1.0,
    max_backoff: float = MAX_BACKOFF,
) -> None:
    """Project new events as they are recorded, until `stop` is set.

    Woken by the NOTIFY that every insert into the log sends; polls every
    `poll_seconds` too, so a missed notification only delays, never loses.
    """
    lost = False
    while not stop.is_set():
        conn = _connect(app, stop, max_backoff)
        if conn is None:
            return  # asked to stop while the database was out of reach
        if lost:
            log.info("reconnected to the database; projecting from position %d", _position(app))
        try:
            _follow(app, conn, stop, poll_seconds)
        except UNREACHABLE as error:
            log.warning("lost the database (%s); reconnecting", _one_line(error))
            lost = True
        finally:
            conn.close()


def _connect(
    app: CoreApplication, stop: threading.Event, max_backoff: float
) -> psycopg.Connection[tuple[object, ...]] | None:
    """A connection listening on the log's channel, once the read models have caught up;
    retried with backoff (afresh after each loss) until it works or `stop` is set."""

    def pause(seconds: float) -> None:
        stop.wait(seconds)  # a stop ends the pause at once

    retrying = Retrying(
        retry=retry_if_exception_type(UNREACHABLE),
        wait=wait_exponential(multiplier=0.2, max=max_backoff) + wait_random(0, 0.5),
        stop=stop_when_event_set(stop),
        sleep=pause,
        before_sleep=_log_attempt,
        retry_error_callback=lambda _: None,
    )
    conn: psycopg.Connection[tuple[object, ...]] | None = retrying(_start, app)
    return conn


def _start(app: CoreApplication) -> psycopg.Connection[tuple[object, ...]]:
    """Listen first, then catch up: whatever is recorded meanwhile is notified."""
    conn = _listen(app)
    try:
        _project(app)
    except BaseException:
        conn.close()
        raise
    return conn


def _listen(app: CoreApplication) -> psycopg.Connection[tuple[object, ...]]:
    env = app.env
    channel = app.recorder.channel_name  # type: ignore[attr-defined]
    conn = psycopg.connect(
        dbname=env.get("POSTGRES_DBNAME"),
        host=env.get("POSTGRES_HOST"),
        port=env.get("POSTGRES_PORT"),
        user=env.get("POSTGRES_USER"),
        password=env.get("POSTGRES_PASSWORD"),
        connect_timeout=int(float(env.get("POSTGRES_CONNECT_TIMEOUT") or 10)),
        autocommit=True,
    )
    try:
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
    except BaseException:
        conn.close()
        raise
    return conn


def _follow(
    app: CoreApplication,
    conn: psycopg.Connection[tuple[object, ...]],
    stop: threading.Event,
    poll_seconds: float,
) -> None:
    """Catch up, then wait for a notification (or the poll), until stopped; a lost
    database is raised for `run_worker` to reconnect."""
    while not stop.is_set():
        for _ in conn.notifies(timeout=poll_seconds, stop_after=1):
            pass
        if not _project(app):
            stop.wait(poll_seconds)


def _project(app: CoreApplication) -> bool:
    """Project what is new; False when a read model could not take an event (logged; the
    batch rolled back, so nothing is half-applied, and the next round tries again)."""
    try:
        projected = app.projector.catch_up()
    except UNREACHABLE:
        raise
    except Exception:
        # A read model that cannot take an event must not stop the others for good.
        log.exception("projection failed; retrying")
        return False
    if projected:
        log.info("projected %d events (position %d)", projected, app.projector.position())
    return True


def _log_attempt(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    pause = state.next_action.sleep if state.next_action else 0.0
    log.warning(
        "cannot reach the database (attempt %d: %s); trying again in %.1f s",
        state.attempt_number,
        _one_line(error),
        pause,
    )


def _position(app: CoreApplication) -> int:
    try:
        return app.projector.position()
    except UNREACHABLE:
        return -1


def _one_line(error: BaseException | None) -> str:
    return " ".join(str(error).split()) or type(error).__name__
