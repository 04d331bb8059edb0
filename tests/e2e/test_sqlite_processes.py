"""SQLite under several server processes (`meetings serve --workers 2`): each process
projects for itself before it reads, so reads write too; under concurrent clients none may
answer 500 ("database is locked"), and every acknowledged write is read back."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from uuid import uuid4

import requests

from tests.e2e.conftest import Service, free_port, wait_until_serving

CLIENTS = 6
SECONDS = 8.0


def test_two_sqlite_server_processes_under_concurrent_clients_never_answer_500(
    tmp_path: Path,
) -> None:
    import os

    env = {
        **os.environ,
        "MEETINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'meetings.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    svc = Service(url=f"http://127.0.0.1:{port}", env=env, logs=tmp_path)
    svc.cli("rebuild")
    server = svc.start("serve", "--port", str(port), "--workers", "2", "--threads", "4")
    statuses: list[int] = []
    made: list[str] = []
    lock = threading.Lock()
    try:
        wait_until_serving(svc.url, server)
        token = svc.cli("token", "create", "--role", "admin").stdout.strip()
        auth = {"Authorization": f"Bearer {token}", "Connection": "close"}

        def client(n: int) -> None:
            deadline = time.monotonic() + SECONDS
            while time.monotonic() < deadline:
                name = f"Person {n} {uuid4().hex[:6]}"
                wrote = requests.post(svc.api("/people"), json={"name": name}, headers=auth)
                read = requests.get(svc.api("/people?page_size=5"), headers=auth)
                with lock:
                    statuses.extend([wrote.status_code, read.status_code])
                    if wrote.status_code == 201:
                        made.append(wrote.json()["id"])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)
        counts = {status: statuses.count(status) for status in set(statuses)}
        assert set(counts) <= {200, 201}, counts
        assert len(made) > 20, counts
        listed = requests.get(svc.api("/people?page_size=100&page=1"), headers=auth)
        total = int(__import__("json").loads(listed.headers["X-Pagination"])["total"])
        assert total == len(made)
    finally:
        svc.print_logs()
        server.terminate()
        server.wait(timeout=15)
