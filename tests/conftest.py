"""Fixtures: an application on the backend under test, with its projection running.

MEETINGS_TEST_BACKEND selects `sqlite` (default, in memory) or `postgres`
(MEETINGS_TEST_POSTGRES_URL, a fresh schema per test, a projection worker thread).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from psycopg import sql

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for

BACKEND = os.environ.get("MEETINGS_TEST_BACKEND", "sqlite")
#: The demo is dated for the day it is loaded; tests read it as written (tests of the
#: moving dates load it in a process without this: tests/application/test_demo.py).
os.environ.setdefault("MEETINGS_DEMO_AS_OF", "2026-04-01")
POSTGRES_URL = os.environ.get("MEETINGS_TEST_POSTGRES_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked `postgres_only` is about PostgreSQL alone (its insert, its worker's
    statements): on SQLite it is not part of the suite, so it is deselected, not skipped."""
    if BACKEND == "postgres":
        return
    others = [item for item in items if item.get_closest_marker("postgres_only")]
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


def postgres_url_or_skip() -> str:
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL: MEETINGS_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL: set MEETINGS_TEST_POSTGRES_URL (scripts/pg-test-server)")
    return POSTGRES_URL


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL for a fresh, empty schema, dropped afterwards."""
    url = postgres_url_or_skip()
    schema = f"t_{uuid4().hex[:12]}"
    yield f"{url}{'&' if '?' in url else '?'}schema={schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def _sqlite_app() -> MeetingsApplication:
    return MeetingsApplication(environment_for("sqlite:///:memory:"))


def _stop_worker(
    application: MeetingsApplication, url: str, stop: threading.Event, worker: threading.Thread
) -> None:
    """Stop the worker thread now: it waits for a notification, so send it one."""
    stop.set()
    channel = application.recorder.channel_name  # type: ignore[attr-defined]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("NOTIFY {}").format(sql.Identifier(channel)))
    worker.join(timeout=5)


@contextmanager
def application_for_tests() -> Iterator[MeetingsApplication]:
    """An application on the backend under test that outlives one test (for module-scoped
    fixtures): SQLite in memory, or a fresh PostgreSQL schema with a worker thread."""
    if BACKEND == "sqlite":
        application = _sqlite_app()
        try:
            yield application
        finally:
            application.close()
        return
    url = postgres_url_or_skip()
    schema = f"t_{uuid4().hex[:12]}"
    application = MeetingsApplication(
        environment_for(f"{url}{'&' if '?' in url else '?'}schema={schema}")
    )
    from projections.worker import run_worker

    stop = threading.Event()
    worker = threading.Thread(target=run_worker, args=(application, stop, 0.2), daemon=True)
    worker.start()
    try:
        yield application
    finally:
        _stop_worker(application, url, stop, worker)
        application.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store on a file (SQLite) or a fresh schema (PostgreSQL) that more than one
    application or process can open: the backend under test."""
    if BACKEND == "postgres":
        return str(request.getfixturevalue("pg_schema_url"))
    return f"sqlite:///{tmp_path / 'meetings.sqlite3'}"


@pytest.fixture
def app(request: pytest.FixtureRequest) -> Iterator[MeetingsApplication]:
    """The application under test, with read models that follow every command."""
    if BACKEND == "sqlite":
        application = _sqlite_app()
        yield application
        application.close()
        return
    url = request.getfixturevalue("pg_schema_url")
    application = MeetingsApplication(environment_for(url))
    from projections.worker import run_worker

    stop = threading.Event()
    worker = threading.Thread(target=run_worker, args=(application, stop, 0.2), daemon=True)
    worker.start()
    yield application
    _stop_worker(application, POSTGRES_URL, stop, worker)
    application.close()
