"""Scenario 5, the as-at membership part: `GET /api/v1/bodies/{id}/memberships?as_at=`
for the big body on the rebuilt decade, against the same request on a fresh store that
holds only that body, its memberships (every event of each) and every person and
organisation (what the query joins)."""

from __future__ import annotations

import gc
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from bench.common import X, ms, percentile, ratio, verdict
from bench.generate import Generated
from meetings.application import MeetingsApplication
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from web import create_app

TARGET = 2.0  # p99 within this multiple of the floor's
#: As at which days the membership is asked for: mid-decade, and its last day.
DAYS = (date(2021, 11, 1), date(2026, 10, 31))


def extract_body_memberships(source: Path, dest: Path, body_id: UUID) -> int:
    """A fresh event store of the body's own events, its memberships' events and every
    person's and organisation's events. Returns how many events it holds."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    app = MeetingsApplication(environment_for(f"sqlite:///{dest}"))
    decode = app.mapper.transcoder.decode
    joined = (f"{get_topic(Person)}.", f"{get_topic(Organisation)}.")
    try:
        with sqlite3.connect(f"file:{source}?immutable=1", uri=True) as conn:
            kept = {body_id.hex}
            for originator_id, state in conn.execute(
                "SELECT originator_id, state FROM stored_events WHERE topic = ?",
                (get_topic(Membership.Began),),
            ):
                if decode(state)["body_id"] == body_id:
                    kept.add(originator_id)
            rows = [
                StoredEvent(UUID(hex=originator_id), version, topic, state)
                for originator_id, version, topic, state in conn.execute(
                    "SELECT originator_id, originator_version, topic, state FROM stored_events"
                    " ORDER BY rowid"
                )
                if originator_id in kept or topic.startswith(joined)
            ]
        conn.close()
        for n in range(0, len(rows), 5000):
            app.recorder.insert_events(rows[n : n + 5000])
    finally:
        app.close()
    return len(rows)


@dataclass
class AsAtQuery:
    day: date
    url: str
    rows: int = 0
    same_answer: bool = True
    real: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


@dataclass
class Memberships:
    body_name: str
    all_memberships: int  # every body's
    body_memberships: int
    floor_events: int
    floor_seconds: float  # extracting and projecting the small store
    requests: int
    warm_up: int
    queries: list[AsAtQuery]

    def ratios(self) -> list[float]:
        return [percentile(q.real, 99) / percentile(q.floor, 99) for q in self.queries]


def time_memberships(
    app: MeetingsApplication,
    log: Generated,
    floor_path: Path,
    requests: int,
    warm_up: int,
    say: Callable[[str], None],
) -> Memberships:
    body_id = UUID(log.big_body_id)
    say(f"scenario 5: a fresh store of only the {log.big_body_name}'s memberships (floor)")
    began = time.perf_counter()
    floor_events = extract_body_memberships(Path(log.path), floor_path, body_id)
    floor_app = MeetingsApplication(environment_for(f"sqlite:///{floor_path}"))
    floor_app.projector.catch_up()
    floor_seconds = time.perf_counter() - began
    try:
        clients = []
        for each in (app, floor_app):
            _, token = each.tokens.create(Role.ADMIN, "bench")
            clients.append((create_app(each).test_client(), {"Authorization": f"Bearer {token}"}))
        queries = [
            AsAtQuery(day, f"/api/v1/bodies/{body_id}/memberships?as_at={day}") for day in DAYS
        ]
        for q in queries:
            say(f"scenario 5: GET the memberships as at {q.day}, {requests} times each")
            _time(q, clients, requests, warm_up)
        total = int(app.db.scalar("SELECT COUNT(*) FROM rm_memberships"))
        mine = int(
            app.db.scalar("SELECT COUNT(*) FROM rm_memberships WHERE body_id = ?", (str(body_id),))
        )
    finally:
        floor_app.close()
    return Memberships(
        log.big_body_name, total, mine, floor_events, floor_seconds, requests, warm_up, queries
    )


def _time(
    q: AsAtQuery, clients: list[tuple[Any, dict[str, str]]], requests: int, warm: int
) -> None:
    def get(client: Any, auth: dict[str, str]) -> Any:
        answer = client.get(q.url, headers=auth)
        if answer.status_code != 200:
            raise SystemExit(f"GET {q.url}: {answer.status_code} {answer.get_data(True)}")
        return answer

    (real, real_auth), (floor, floor_auth) = clients
    first_real, first_floor = get(real, real_auth), get(floor, floor_auth)
    q.rows = len(first_real.get_json())
    q.same_answer = json.dumps(first_real.get_json(), sort_keys=True) == json.dumps(
        first_floor.get_json(), sort_keys=True
    )
    for _ in range(warm):
        get(real, real_auth)
        get(floor, floor_auth)
    gc.collect()
    pair = [(real, real_auth, q.real), (floor, floor_auth, q.floor)]
    for i in range(requests):
        for client, auth, samples in pair if i % 2 == 0 else pair[::-1]:
            began = time.perf_counter()
            get(client, auth)
            samples.append(time.perf_counter() - began)


def section(m: Memberships) -> list[str]:
    lines = [
        "### As-at membership of the big body",
        "",
        f"`GET /api/v1/bodies/<the {m.body_name}>/memberships?as_at=DAY` (admin token,"
        f" Flask's test client) on the rebuilt decade ({m.all_memberships:,} memberships of"
        f" every body, {m.body_memberships:,} of this one over the decade). The floor is the"
        " same request on a fresh store holding only that body, its memberships and every"
        f" person and organisation: {m.floor_events:,} events, extracted and projected in"
        f" {m.floor_seconds:.1f} s. Requests alternate, {m.requests} to each per day after"
        f" {m.warm_up} to warm up; milliseconds, nearest-rank.",
        "",
        "| as at | memberships in force | real p50 | real p99 | floor p50 | floor p99"
        " | ratio p50 | ratio p99 | same answer |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for q in m.queries:
        r50, r99 = percentile(q.real, 50), percentile(q.real, 99)
        f50, f99 = percentile(q.floor, 50), percentile(q.floor, 99)
        lines.append(
            f"| {q.day} | {q.rows} | {ms(r50)} | {ms(r99)} | {ms(f50)} | {ms(f99)}"
            f" | {ratio(r50, f50)} | {ratio(r99, f99)} | {'yes' if q.same_answer else 'NO'} |"
        )
    lines.append("")
    return lines


def target_row(m: Memberships) -> str:
    ratios = m.ratios()
    shown = " / ".join(f"{r:.2f}{X}" for r in ratios)
    days = " / ".join(str(q.day) for q in m.queries)
    return (
        f"| as-at membership p99 within {TARGET:g}{X} of the same query on a store of only"
        f" that body's memberships (as at {days}) | {shown} | {verdict(max(ratios) <= TARGET)} |"
    )
