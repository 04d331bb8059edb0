"""What several scenarios share: percentiles, serving a WSGI app, setting up a board and
its meetings through the use cases, and timing attendance commands over HTTP."""

from __future__ import annotations

import gc
import math
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import requests
import waitress
from flask import Flask

from bench.floor_app import FLOOR_PATH
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AppointMember,
    EstablishBody,
    OpenMeeting,
    RegisterPerson,
    ScheduleMeeting,
)

X = "\N{MULTIPLICATION SIGN}"
THREADS = 8  # as `meetings serve`
STARTS_AT = datetime(2026, 3, 20, 10, tzinfo=UTC)
MEMBERS_FROM = date(2025, 4, 1)


def stop(process: subprocess.Popen[Any]) -> None:
    """End a process the bench started: politely, then firmly."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def percentile(samples: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p99 of 300 samples is the 297th smallest; of 50, the max)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Spread:
    p50: float
    p90: float
    p99: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Spread:
        return cls(percentile(samples, 50), percentile(samples, 90), percentile(samples, 99))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}{X}" if b else "n/a"


def verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


def nth_worst(samples: int) -> str:
    nth = samples - max(1, math.ceil(0.99 * samples)) + 1
    return "worst" if nth == 1 else f"{nth}{'nd' if nth == 2 else 'rd' if nth == 3 else 'th'} worst"


@contextmanager
def served(app: Flask, ident: str) -> Iterator[str]:
    """Serve a WSGI app with waitress (threads=8) on a free localhost port, in a thread."""
    server: Any = waitress.create_server(
        app, host="127.0.0.1", port=0, threads=THREADS, ident=ident
    )
    thread = threading.Thread(target=server.run, name=f"waitress-{ident}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


@dataclass
class Board:
    body_id: UUID
    people: list[UUID]


def set_up_board(app: MeetingsApplication, members: int) -> Board:
    """A body with a quorum and `members` people seated on it, through the use cases."""
    body_id = app.establish_body(
        EstablishBody(
            name="Bench Partnership Board",
            short_name="Bench Board",
            kind="board",
            quorum=max(1, members // 3),
            open_to_public=True,
        )
    ).id
    people = []
    for i in range(members):
        person = app.register_person(RegisterPerson(name=f"Member {i:03d}")).id
        app.appoint_member(
            AppointMember(
                body_id=body_id,
                person_id=person,
                seat=f"Seat {i:03d}",
                capacity="member",
                starts_on=MEMBERS_FROM,
            )
        )
        people.append(person)
    return Board(body_id, people)


def open_meeting(app: MeetingsApplication, board: Board, days: int = 0) -> UUID:
    """A meeting of the board, scheduled and opened (two events)."""
    view = app.schedule_meeting(
        ScheduleMeeting(body_id=board.body_id, starts_at=STARTS_AT + timedelta(days=days))
    )
    meeting_id = UUID(str(view["id"]))
    app.open_meeting(OpenMeeting(meeting_id=meeting_id))
    return meeting_id


@dataclass
class HttpRun:
    real: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def attendance_body(person: UUID) -> dict[str, str]:
    return {"person_id": str(person), "status": "present", "capacity": "member"}


def post_attendance(
    session: requests.Session, real_url: str, auth: dict[str, str], meeting_id: UUID,
    person: UUID,
) -> None:  # fmt: skip
    answer = session.post(
        f"{real_url}/api/v1/meetings/{meeting_id}/attendance",
        json=attendance_body(person),
        headers=auth,
        timeout=60,
    )
    if answer.status_code != 201:
        raise SystemExit(f"the real app answered {answer.status_code}: {answer.text}")


def post_floor(session: requests.Session, floor_url: str, person: UUID) -> None:
    answer = session.post(f"{floor_url}{FLOOR_PATH}", json=attendance_body(person), timeout=60)
    if answer.status_code != 201:
        raise SystemExit(f"the floor answered {answer.status_code}: {answer.text}")


def record_over_http(
    real_url: str, floor_url: str, token: str, meeting_id: UUID, people: Sequence[UUID]
) -> HttpRun:
    """One attendance command per person, each followed (or preceded, alternately) by a
    POST to the floor, on one keep-alive session; the latency of every request."""
    session = requests.Session()
    auth = {"Authorization": f"Bearer {token}"}
    run = HttpRun()

    def real(person: UUID) -> None:
        started = time.perf_counter()
        post_attendance(session, real_url, auth, meeting_id, person)
        run.real.append(time.perf_counter() - started)

    def floor(person: UUID) -> None:
        started = time.perf_counter()
        post_floor(session, floor_url, person)
        run.floor.append(time.perf_counter() - started)

    gc.collect()
    for i, person in enumerate(people):
        # Alternate which goes first, so neither always follows the other's GC or I/O.
        for send in (real, floor) if i % 2 == 0 else (floor, real):
            send(person)
    session.close()
    return run
