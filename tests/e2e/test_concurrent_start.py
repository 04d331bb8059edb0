"""A first deployment starts the servers and the worker together on an empty PostgreSQL
(the Procfile, the systemd example): creating the schema and the tables must be safe when
they all start at the same moment."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for
from tests.e2e.conftest import Service, free_port
from tests.e2e.pg_cluster import Cluster, private_cluster

STARTERS = 4
ROUNDS = 5


@pytest.fixture(scope="module")
def pg() -> Iterator[Cluster]:
    with private_cluster() as cluster:
        yield cluster


def test_applications_starting_at_the_same_moment_on_a_fresh_schema_all_start(
    pg: Cluster,
) -> None:
    for n in range(ROUNDS):
        env = environment_for(f"{pg.url}?schema=fresh_{n}")
        barrier = threading.Barrier(STARTERS)
        started: list[MeetingsApplication] = []
        failures: list[BaseException] = []

        def start() -> None:
            barrier.wait()  # noqa: B023  (each round's own barrier, used within the round)
            try:
                started.append(MeetingsApplication(dict(env)))  # noqa: B023
            except BaseException as error:
                failures.append(error)  # noqa: B023

        threads = [threading.Thread(target=start) for _ in range(STARTERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        try:
            assert failures == [], f"round {n}: {failures!r}"
            assert len(started) == STARTERS
            assert started[0].list_bodies(1, 10) == ([], 0)
        finally:
            for app in started:
                app.close()


def test_a_server_and_the_worker_started_together_both_run(pg: Cluster, tmp_path: Path) -> None:
    """As the Procfile does it: `meetings serve` and `meetings project` at once, on an
    empty schema, without `meetings rebuild` first."""
    for n in range(2):
        env = {
            **os.environ,
            "MEETINGS_DATABASE_URL": f"{pg.url}?schema=procfile_{n}",
            "PYTHONUNBUFFERED": "1",
        }
        port = free_port()
        logs = tmp_path / str(n)
        logs.mkdir()
        svc = Service(url=f"http://127.0.0.1:{port}", env=env, logs=logs)
        server = svc.start("serve", "--port", str(port))
        worker = svc.start("project")
        try:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, "the server crashed on start"
                assert worker.poll() is None, "the worker crashed on start"
                try:
                    if requests.get(svc.api("/openapi.json"), timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
            while "Projecting from position" not in (logs / "1-project.log").read_text():
                assert worker.poll() is None, "the worker crashed on start"
                assert time.monotonic() < deadline, "the worker did not start"
                time.sleep(0.2)
        finally:
            svc.print_logs()
            for process in svc.processes:
                process.terminate()
            for process in svc.processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
