"""PostgreSQL restarts under the service: the projection worker reconnects and resumes
from its tracking position; the server answers 503 with Retry-After (never 500) while the
database is away, and recovers by itself. Each test runs its own throwaway cluster."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests

from meetings.application import MeetingsApplication
from meetings.application.commands import EstablishBody
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.storage import is_unavailable
from projections.worker import run_worker
from tests.e2e.conftest import Service, free_port, wait_until_serving
from tests.e2e.pg_cluster import private_cluster

T = TypeVar("T")


def _until(attempt: Callable[[], T], seconds: float = 60) -> T:
    """Try until it works, as a client retrying a 503 would; the last failure is raised."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return attempt()
        except Exception as error:
            if time.monotonic() > deadline or not is_unavailable(error):
                raise
            time.sleep(0.2)


def _body_names(app: MeetingsApplication) -> list[str]:
    rows, _ = app.list_bodies(1, 100)
    return [row.short_name for row in rows]


def test_the_worker_survives_postgresql_restarting_and_resumes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="projections.worker")
    with private_cluster() as pg:
        env = environment_for(pg.url)
        env["MEETINGS_READ_TIMEOUT"] = "20"
        app = MeetingsApplication(env)
        stop = threading.Event()
        worker = threading.Thread(target=run_worker, args=(app, stop, 0.2, 1.0), daemon=True)
        worker.start()
        try:
            app.establish_body(EstablishBody(name="Before", short_name="B1", kind="board"))
            assert _body_names(app) == ["B1"]
            pg.stop()
            time.sleep(1.5)  # the worker notices, and tries again while the database is away
            pg.start()
            _until(
                lambda: app.establish_body(
                    EstablishBody(name="After", short_name="A1", kind="board")
                )
            )
            assert sorted(_until(lambda: _body_names(app))) == ["A1", "B1"]
            assert worker.is_alive()
        finally:
            stop.set()
            worker.join(timeout=15)
            app.close()
    said = caplog.text
    assert "lost the database" in said or "cannot reach the database" in said
    assert "reconnected to the database" in said
    assert not worker.is_alive()


def _get(url: str, **kwargs: Any) -> requests.Response:
    return requests.get(url, timeout=30, **kwargs)


def test_the_service_answers_503_while_postgresql_is_down_and_recovers(tmp_path: Path) -> None:
    with private_cluster() as pg:
        env = {
            **os.environ,
            "MEETINGS_DATABASE_URL": pg.url,
            "MEETINGS_READ_TIMEOUT": "20",
            "PYTHONUNBUFFERED": "1",
        }
        port = free_port()
        svc = Service(url=f"http://127.0.0.1:{port}", env=env, logs=tmp_path)
        svc.cli("rebuild")
        server = svc.start("serve", "--port", str(port))
        worker = svc.start("project")
        try:
            wait_until_serving(svc.url, server)
            token = svc.cli("token", "create", "--role", "admin").stdout.strip()
            auth = {"Authorization": f"Bearer {token}"}
            made = requests.post(
                svc.api("/bodies"),
                json={"name": "Before", "short_name": "B1", "kind": "board"},
                headers=auth,
                timeout=30,
            )
            assert made.status_code == 201, made.text

            pg.stop()
            for path in ("/bodies", "/audit/head"):
                down = _get(svc.api(path), headers=auth)
                assert down.status_code == 503, down.text
                assert down.headers["Content-Type"] == "application/problem+json"
                assert int(down.headers["Retry-After"]) > 0
                assert "unavailable" in down.json()["detail"]
            refused = requests.post(
                svc.api("/bodies"),
                json={"name": "Lost", "short_name": "L1", "kind": "board"},
                headers=auth,
                timeout=30,
            )
            assert refused.status_code == 503, refused.text

            pg.start()
            deadline = time.monotonic() + 60
            while _get(svc.api("/bodies"), headers=auth).status_code != 200:
                assert time.monotonic() < deadline, "the server did not recover"
                time.sleep(0.3)
            while True:
                after = requests.post(
                    svc.api("/bodies"),
                    json={"name": "After", "short_name": "A1", "kind": "board"},
                    headers={**auth, "Idempotency-Key": "after-restart"},
                    timeout=30,
                )
                if after.status_code != 503:
                    break
                assert time.monotonic() < deadline, "writes did not recover"
                time.sleep(0.3)
            assert after.status_code == 201, after.text
            # Read through the worker: it reconnected and projected the write.
            listed = _get(svc.api("/bodies"), headers=auth)
            assert listed.status_code == 200, listed.text
            assert sorted(b["short_name"] for b in listed.json()) == ["A1", "B1"]
            assert server.poll() is None and worker.poll() is None
            assert "reconnected to the database" in (tmp_path / "1-project.log").read_text()
        finally:
            svc.print_logs()
            print("----- postgresql\n" + pg.log())
            for process in svc.processes:
                process.terminate()
            for process in svc.processes:
                process.wait(timeout=15)
