"""Between meetings against the served processes: the tracker and the register reflect
each write at once, from any server process (on PostgreSQL, through the worker)."""

from __future__ import annotations

import csv
import io

from tests.conftest import BACKEND
from tests.e2e.conftest import Service, free_port, wait_until_serving
from tests.e2e.test_live_meeting import Clerk


def _other_server(service: Service) -> str:
    if BACKEND != "postgres":
        return service.url
    port = free_port()
    wait_until_serving(f"http://127.0.0.1:{port}", service.start("serve", "--port", str(port)))
    return f"http://127.0.0.1:{port}"


def test_an_action_is_chased_and_the_tracker_follows_from_another_process(
    service: Service,
) -> None:
    admin = Clerk(service, service.cli("token", "create", "--role", "admin").stdout.strip())
    other = _other_server(service)
    org = admin.post("/organisations", {"name": "Thames Valley Police", "sector": "public"})
    owner = admin.post(
        "/people", {"name": "Inspector Khan", "organisation_id": org.json()["id"]}
    ).json()
    body = admin.post(
        "/bodies", {"name": "Safer & Stronger Bucks", "short_name": "SSB", "kind": "thematic"}
    ).json()["id"]
    meeting = admin.post(
        f"/bodies/{body}/meetings", {"starts_at": "2026-03-04T10:00:00+00:00"}
    ).json()["id"]
    item = admin.post(
        f"/meetings/{meeting}/agenda-items", {"title": "Night-time economy", "kind": "decision"}
    ).json()["id"]
    admin.post(f"/meetings/{meeting}/open")
    action = admin.post(
        f"/meetings/{meeting}/items/{item}/actions",
        {
            "description": "Report on town-centre patrols",
            "owner_id": owner["id"],
            "due_on": "2026-04-01",
            "theme": "Safer Communities",
        },
    ).json()
    tracker = f"{other}/api/v1/actions?body_id={body}&status=overdue&as_of=2026-04-02"
    assert [a["id"] for a in admin.session.get(tracker).json()] == [str(action["action_id"])]
    admin.post(f"/actions/{action['action_id']}/complete", {"note": "Reported in March"})
    assert admin.session.get(tracker).json() == []
    sheet = admin.session.get(f"{other}/api/v1/actions.csv?body_id={body}")
    [row] = list(csv.DictReader(io.StringIO(sheet.text)))
    assert (row["status"], row["owner_name"], row["organisation_name"]) == (
        "done",
        "Inspector Khan",
        "Thames Valley Police",
    )


def test_a_decision_needing_ratification_is_ratified_by_its_parties(service: Service) -> None:
    admin = Clerk(service, service.cli("token", "create", "--role", "admin").stdout.strip())
    body = admin.post(
        "/bodies",
        {"name": "BSP Board", "short_name": "BSP", "kind": "board", "decision_notice_days": 10},
    ).json()["id"]
    orgs = [
        admin.post("/organisations", {"name": f"Council {i}", "sector": "public"}).json()
        for i in range(2)
    ]
    for i, org in enumerate(orgs):
        person = admin.post("/people", {"name": f"Leader {i}", "organisation_id": org["id"]})
        admin.post(
            f"/bodies/{body}/memberships",
            {
                "person_id": person.json()["id"],
                "seat": f"Leader {i}",
                "capacity": "member",
                "starts_on": "2025-04-01",
            },
        )
    meeting = admin.post(
        f"/bodies/{body}/meetings", {"starts_at": "2026-03-04T10:00:00+00:00"}
    ).json()["id"]
    item = admin.post(
        f"/meetings/{meeting}/agenda-items", {"title": "Shared services", "kind": "decision"}
    ).json()["id"]
    admin.post(f"/meetings/{meeting}/open")
    decision = admin.post(
        f"/meetings/{meeting}/items/{item}/decisions",
        {"text": "Share back-office services", "method": "consensus"},
    ).json()
    assert decision["requires_ratification"] is True
    other = _other_server(service)
    register = f"{other}/api/v1/decisions?body_id={body}&requires_ratification=true"
    statuses = []
    for org in orgs:
        admin.post(
            f"/decisions/{decision['id']}/ratifications",
            {"organisation_id": org["id"], "outcome": "ratified", "on": "2026-04-01"},
        )
        statuses.append(admin.session.get(register).json()[0]["ratification_status"])
    assert statuses == ["awaiting ratification", "ratified"]
