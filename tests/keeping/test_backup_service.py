"""`meetings backup` as a separate process while `meetings serve` answers four clients'
writes over HTTP, then `meetings restore` into a fresh store: every write acknowledged
before the backup began is there, and the restored log is the served one's, byte for byte,
up to the backup's moment."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID, uuid4

import psycopg
import pytest
import requests
from psycopg import sql

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for
from tests.conftest import BACKEND, postgres_url_or_skip
from tests.e2e.conftest import Service, service
from tests.keeping.test_backup_restore import positions

__all__ = ["service"]  # the e2e fixture, used here
CLIENTS = 4


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    if BACKEND != "postgres":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    base = postgres_url_or_skip()
    schema = f"t_{uuid4().hex[:12]}"
    yield f"{base}{'&' if '?' in base else '?'}schema={schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def test_a_backup_while_the_service_answers_four_clients_restores_what_they_were_told(
    service: Service, fresh_url: str, tmp_path: Path
) -> None:
    token = service.cli("token", "create", "--role", "admin", "--name", "Ada").stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    stop = threading.Event()
    acknowledged: list[list[UUID]] = [[] for _ in range(CLIENTS)]
    failures: list[str] = []

    def client(n: int) -> None:
        with requests.Session() as http:
            i = 0
            while not stop.is_set():
                answer = http.post(
                    service.api("/organisations"),
                    json={"name": f"Partner {n}-{i}", "sector": "public"},
                    headers=headers,
                    timeout=30,
                )
                if answer.status_code != 201:
                    failures.append(f"{answer.status_code} {answer.text}")
                    return
                acknowledged[n].append(UUID(answer.json()["id"]))
                i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    try:
        while sum(map(len, acknowledged)) < 20 and not failures:
            stop.wait(0.05)
        before = {i for a in acknowledged for i in a}
        file = tmp_path / "live.backup"
        service.cli("backup", str(file))
        copied = sum(map(len, acknowledged))
        while sum(map(len, acknowledged)) < copied + CLIENTS and not failures:
            stop.wait(0.05)  # the clients go on writing after the copy
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert not failures, failures
    manifest = json.loads((tmp_path / "live.backup.manifest.json").read_text())

    restored = service.cli("restore", str(file), check=False)
    assert restored.returncode == 2 and "not empty" in restored.stderr  # the served store

    env = {**service.env, "MEETINGS_DATABASE_URL": fresh_url}
    done = Service(url=service.url, env=env, logs=service.logs).cli("restore", str(file))
    assert f"{manifest['events']} events" in done.stdout

    source = MeetingsApplication(environment_for(service.env["MEETINGS_DATABASE_URL"]))
    target = MeetingsApplication(environment_for(fresh_url))
    try:
        served = positions(source)
        log = positions(target)
        assert len(served) > manifest["events"], "the clients kept writing after the copy"
        assert log == {p: e for p, e in served.items() if p <= manifest["last_position"]}
        assert before <= {UUID(e[0]) for e in log.values()}
        for ident in before:
            assert target.get_organisation(ident).name.startswith("Partner ")
        verdict = target.get_log_verdict(f"{manifest['head_position']}:{manifest['head_hash']}")
        assert verdict.ok and verdict.anchor_found
    finally:
        source.close()
        target.close()
