"""`meetings serve --workers 2` (several processes under gunicorn) beside the worker, as a
PostgreSQL deployment runs: whichever process answers, a client reads its own writes."""

from __future__ import annotations

import requests

from tests.e2e.conftest import Service, free_port, wait_until_serving


def _children(pid: int) -> list[str]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return listing.read().split()


def test_several_server_processes_read_each_others_writes(service: Service) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = service.start("serve", "--port", str(port), "--workers", "2", "--threads", "2")
    wait_until_serving(url, server)
    assert len(_children(server.pid)) == 2
    token = service.cli("token", "create", "--role", "admin").stdout.strip()
    auth = {"Authorization": f"Bearer {token}"}
    body = requests.post(
        f"{url}/api/v1/bodies",
        json={"name": "Safer & Stronger Bucks", "short_name": "SSB", "kind": "thematic"},
        headers=auth,
        timeout=10,
    ).json()["id"]
    for n in range(30):
        # A new connection each time, so the two processes take turns.
        created = requests.post(
            f"{url}/api/v1/bodies/{body}/meetings",
            json={"starts_at": f"2026-03-{n + 1:02d}T10:00:00+00:00"},
            headers={**auth, "Connection": "close"},
            timeout=10,
        )
        assert created.status_code == 201, created.text
        listed = requests.get(
            f"{url}/api/v1/bodies/{body}/meetings",
            headers={**auth, "Connection": "close"},
            timeout=10,
        )
        assert created.json()["id"] in [m["id"] for m in listed.json()]
    # The single-process server reads the same record.
    also = requests.get(f"{service.api(f'/bodies/{body}/meetings')}", headers=auth, timeout=10)
    assert len(also.json()) == 30
