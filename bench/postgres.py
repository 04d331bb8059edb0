"""Scenarios 1 and 2 on PostgreSQL: the real app on a fresh schema, with the projection
worker running as in production (`meetings project`, a subprocess), beside the floor (a
bare Flask + psycopg insert, bench/floor_app.py) served by the same WSGI server.

Without `--postgres-url` the benchmark starts a throwaway server with
`scripts/pg-test-server start` on a port and folder of its own (so a test server already
running is left alone) and stops it afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

import psycopg
from psycopg import sql

from bench.common import (
    Board,
    HttpRun,
    open_meeting,
    record_over_http,
    served,
    set_up_board,
    stop,
)
from bench.concurrent import Concurrent, time_concurrent
from bench.floor_app import create_pg_floor_app
from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
#: Where the benchmark's own throwaway server lives (on a free port, so neither the tests'
#: server on 54329 nor any other is touched).
BENCH_PG_DIR = "/tmp/meetings-bench-pg"


def _free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


@contextmanager
def postgres_server(url: str | None, say: Callable[[str], None]) -> Iterator[str]:
    """The URL given, or a throwaway server started for this run and stopped after."""
    if url:
        yield url
        return
    port = _free_port()
    env = {**os.environ, "MEETINGS_PG_PORT": port, "MEETINGS_PG_DIR": BENCH_PG_DIR}
    script = str(ROOT / "scripts" / "pg-test-server")
    say(f"starting a throwaway PostgreSQL (scripts/pg-test-server, port {port}, {BENCH_PG_DIR})")
    started = subprocess.run(
        [script, "start"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        yield started
    finally:
        subprocess.run([script, "stop"], env=env, check=False)
        say("stopped the throwaway PostgreSQL")


@contextmanager
def fresh_schema(url: str, prefix: str) -> Iterator[tuple[str, str]]:
    """A new schema's name and a URL for it; dropped afterwards."""
    schema = f"{prefix}_{uuid4().hex[:10]}"
    try:
        yield schema, f"{url}{'&' if '?' in url else '?'}schema={schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@contextmanager
def projection_worker(schema_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """`meetings project` in a subprocess, as production runs it beside the servers."""
    env = {**os.environ, "MEETINGS_DATABASE_URL": schema_url}
    worker = subprocess.Popen(
        [sys.executable, "-m", "meetings.cli", "project"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)  # let it open its connections and LISTEN
        if worker.poll() is not None:
            raise SystemExit(f"`meetings project` exited with {worker.returncode}")
        yield worker
    finally:
        stop(worker)


@dataclass
class PostgresLive:
    url_given: bool
    server_version: str
    http: list[HttpRun]
    concurrent: Concurrent | None


def run_postgres(
    url: str | None,
    members: int,
    rounds: int,
    warm_up: int,
    concurrent_per_client: int,
    concurrent_rounds: int,
    say: Callable[[str], None],
) -> PostgresLive:
    with postgres_server(url, say) as base:
        with psycopg.connect(base) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            version = str(row[0]) if row else "unknown"
        with (
            fresh_schema(base, "bench_app") as (_, app_url),
            fresh_schema(base, "bench_floor") as (floor_schema, _),
        ):
            app = MeetingsApplication(environment_for(app_url))
            try:
                with projection_worker(app_url):
                    say(f"PostgreSQL {version}: setting up a board of {members} members")
                    board = set_up_board(app, members)
                    _, token = app.tokens.create(Role.ADMIN, "bench")
                    flask_app = create_app(app)
                    floor_app = create_pg_floor_app(base, floor_schema)
                    with (
                        served(flask_app, "meetings-pg") as real_url,
                        served(floor_app, "floor-pg") as floor_url,
                    ):
                        http, concurrent = _measure(
                            app, board, token, real_url, floor_url, rounds, warm_up,
                            concurrent_per_client, concurrent_rounds, say,
                        )  # fmt: skip
            finally:
                app.close()
    return PostgresLive(url is not None, version, http, concurrent)


def _measure(
    app: MeetingsApplication, board: Board, token: str, real_url: str, floor_url: str,
    rounds: int, warm_up: int, per_client: int, concurrent_rounds: int,
    say: Callable[[str], None],
) -> tuple[list[HttpRun], Concurrent | None]:  # fmt: skip
    days = iter(range(100, 10_000))
    say("scenario 1 on PostgreSQL: warming up")
    record_over_http(
        real_url, floor_url, token, open_meeting(app, board, next(days)), board.people[:warm_up]
    )
    http = []
    for round_ in range(rounds):
        say(f"scenario 1 on PostgreSQL, round {round_ + 1} of {rounds}")
        meeting_id = open_meeting(app, board, next(days))
        http.append(record_over_http(real_url, floor_url, token, meeting_id, board.people))
    concurrent = None
    if per_client:
        say(
            f"scenario 2 on PostgreSQL: 8 clients x {per_client} commands,"
            f" {concurrent_rounds} rounds"
        )

        def new_meeting() -> UUID:
            return open_meeting(app, board, next(days))

        concurrent = time_concurrent(
            "PostgreSQL", real_url, floor_url, token, new_meeting, board.people, per_client,
            concurrent_rounds,
        )  # fmt: skip
    return http, concurrent
