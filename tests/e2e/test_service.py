"""The README's walk-through, against served processes: demo, tokens, writes then reads."""

from __future__ import annotations

import concurrent.futures

import requests

from tests.conftest import BACKEND
from tests.e2e.conftest import Service, free_port, wait_until_serving


def _token(service: Service, *args: str) -> dict[str, str]:
    secret = service.cli("token", "create", *args).stdout.strip()
    assert secret.startswith("mtg_") and "\n" not in secret
    return {"Authorization": f"Bearer {secret}"}


def test_demo_family_is_served_and_loading_it_twice_records_nothing(service: Service) -> None:
    service.cli("demo")
    second = service.cli("demo")
    assert "already loaded" in second.stderr
    admin = _token(service, "--role", "admin", "--name", "Ada Admin")
    bodies = requests.get(service.api("/bodies"), headers=admin, timeout=10).json()
    assert {"BSP Board", "CADEX"} <= {b["short_name"] for b in bodies}
    board = next(b for b in bodies if b["short_name"] == "BSP Board")
    members = requests.get(
        service.api(f"/bodies/{board['id']}/memberships?as_at=2025-06-01"),
        headers=admin,
        timeout=10,
    ).json()
    assert {"member", "adviser", "observer"} <= {m["capacity"] for m in members}


def test_a_write_is_read_at_once_even_from_another_server_process(service: Service) -> None:
    admin = _token(service, "--role", "admin", "--name", "Ada Admin")
    other = service.url
    if BACKEND == "postgres":
        port = free_port()
        process = service.start("serve", "--port", str(port))
        other = f"http://127.0.0.1:{port}"
        wait_until_serving(other, process)
    body = requests.post(
        service.api("/bodies"),
        headers=admin,
        timeout=10,
        json={"name": "Safer & Stronger Bucks", "short_name": "SSB", "kind": "thematic"},
    ).json()
    for i in range(10):
        person = requests.post(
            service.api("/people"), headers=admin, timeout=10, json={"name": f"Member {i}"}
        ).json()
        made = requests.post(
            service.api(f"/bodies/{body['id']}/memberships"),
            headers=admin,
            timeout=10,
            json={
                "person_id": person["id"],
                "seat": f"Seat {i}",
                "capacity": "member",
                "starts_on": "2026-01-01",
            },
        )
        assert made.status_code == 201
        listed = requests.get(
            f"{other}/api/v1/bodies/{body['id']}/memberships", headers=admin, timeout=10
        ).json()
        assert len(listed) == i + 1


def test_concurrent_clients_all_land(service: Service) -> None:
    admin = _token(service, "--role", "admin")

    def register(i: int) -> int:
        return requests.post(
            service.api("/people"), headers=admin, timeout=30, json={"name": f"Concurrent {i}"}
        ).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert set(pool.map(register, range(40))) == {201}
    people = requests.get(service.api("/people?q=concurrent"), headers=admin, timeout=10)
    assert len(people.json()) == 40


def test_a_revoked_token_is_refused_at_once(service: Service) -> None:
    service.cli("token", "create", "--role", "scrutiny", "--name", "Sam Scrutiny")
    [row] = [
        line for line in service.cli("token", "list").stdout.splitlines() if "Sam Scrutiny" in line
    ]
    token_id = row.split()[0]
    scrutiny = _token(service, "--role", "scrutiny", "--name", "Sam Again")
    assert requests.get(service.api("/bodies"), headers=scrutiny, timeout=10).status_code == 200
    [row] = [
        line for line in service.cli("token", "list").stdout.splitlines() if "Sam Again" in line
    ]
    service.cli("token", "revoke", row.split()[0])
    refused = requests.get(service.api("/bodies"), headers=scrutiny, timeout=10)
    assert refused.status_code == 401
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert "revoked" in service.cli("token", "list").stdout
    assert token_id in service.cli("token", "list").stdout


def test_rebuild_reproduces_the_read_models(service: Service) -> None:
    service.cli("demo")
    admin = _token(service, "--role", "admin")
    board = next(
        b
        for b in requests.get(service.api("/bodies"), headers=admin, timeout=10).json()
        if b["short_name"] == "BSP Board"
    )
    path = f"/bodies/{board['id']}/memberships?as_at=2025-06-01"
    before = requests.get(service.api(path), headers=admin, timeout=10).json()
    rebuilt = service.cli("rebuild")
    assert "Rebuilt every read model" in rebuilt.stderr
    assert requests.get(service.api(path), headers=admin, timeout=10).json() == before


def test_token_commands_refuse_what_cannot_work(service: Service) -> None:
    clerk = service.cli("token", "create", "--role", "clerk", check=False)
    assert clerk.returncode == 2 and "--body" in clerk.stderr
    unknown = service.cli(
        "token",
        "create",
        "--role",
        "clerk",
        "--body",
        "00000000-0000-0000-0000-000000000000",
        check=False,
    )
    assert unknown.returncode == 2 and "no body" in unknown.stderr
    assert service.cli("token", "revoke", "nope", check=False).returncode == 1
