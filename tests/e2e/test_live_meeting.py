"""Two clerks and flaky wifi, against the served application: real threads, real HTTP."""

from __future__ import annotations

import concurrent.futures
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Service


class Clerk:
    def __init__(self, service: Service, token: str) -> None:
        self.service = service
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def post(self, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.session.post(
            self.service.api(path), json=body or {}, headers=headers, timeout=30
        )

    def get(self, path: str) -> Any:
        return self.session.get(self.service.api(path), timeout=30)


@pytest.fixture
def live(service: Service) -> tuple[Clerk, str, list[str]]:
    """A board with twenty members and an open meeting, set up over HTTP."""
    admin = Clerk(service, service.cli("token", "create", "--role", "admin").stdout.strip())
    body = admin.post(
        "/bodies", {"name": "BSP Board", "short_name": "BSP", "kind": "board", "quorum": 8}
    ).json()["id"]
    people = []
    for i in range(20):
        person = admin.post("/people", {"name": f"Member {i}"}).json()["id"]
        admin.post(
            f"/bodies/{body}/memberships",
            {
                "person_id": person,
                "seat": f"Seat {i}",
                "capacity": "member",
                "starts_on": "2025-04-01",
            },
        )
        people.append(person)
    clerk = Clerk(
        service,
        service.cli(
            "token", "create", "--role", "clerk", "--body", body, "--name", "Clare Clerk"
        ).stdout.strip(),
    )
    meeting = clerk.post(
        f"/bodies/{body}/meetings", {"starts_at": "2026-03-20T10:00:00+00:00"}
    ).json()["id"]
    assert clerk.post(f"/meetings/{meeting}/open").status_code == 200
    return clerk, meeting, people


def test_many_taps_at_once_all_land_once(live: tuple[Clerk, str, list[str]]) -> None:
    clerk, meeting, people = live

    def tap(person: str) -> int:
        return int(
            clerk.post(
                f"/meetings/{meeting}/attendance", {"person_id": person, "status": "present"}
            ).status_code
        )

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert set(pool.map(tap, people)) == {201}
    view = clerk.get(f"/meetings/{meeting}").json()
    assert sorted(a["person_id"] for a in view["attendance"]) == sorted(people)
    quorum = clerk.get(f"/meetings/{meeting}/quorum").json()
    assert (quorum["members_present"], quorum["quorate"]) == (20, True)


def test_a_retry_after_a_lost_answer_records_once(live: tuple[Clerk, str, list[str]]) -> None:
    clerk, meeting, people = live
    body = {"person_id": people[0], "status": "present"}

    def send(_: int) -> Any:
        return clerk.post(f"/meetings/{meeting}/attendance", body, **{"Idempotency-Key": "t1"})

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, range(4)))
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(clerk.get(f"/meetings/{meeting}").json()["attendance"]) == 1


def test_a_stale_version_is_refused_and_nothing_recorded(
    live: tuple[Clerk, str, list[str]],
) -> None:
    clerk, meeting, people = live
    etag = clerk.get(f"/meetings/{meeting}").headers["ETag"]
    assert (
        clerk.post(
            f"/meetings/{meeting}/attendance",
            {"person_id": people[0], "status": "present"},
            **{"If-Match": etag},
        ).status_code
        == 201
    )
    stale = clerk.post(
        f"/meetings/{meeting}/attendance",
        {"person_id": people[1], "status": "present"},
        **{"If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.headers["Content-Type"] == "application/problem+json"
    assert len(clerk.get(f"/meetings/{meeting}").json()["attendance"]) == 1


def test_who_recorded_each_tap_is_in_the_history(live: tuple[Clerk, str, list[str]]) -> None:
    clerk, meeting, people = live
    clerk.post(f"/meetings/{meeting}/attendance", {"person_id": people[0], "status": "present"})
    history = clerk.get(f"/meetings/{meeting}/history").json()
    assert history[-1]["type"] == "Meeting.AttendanceRecorded"
    assert history[-1]["recorded_by"].startswith("Clare Clerk (clerk")
