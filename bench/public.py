"""Public reads: a meeting's published page, the Atom feed of published minutes and a body's
iCalendar, each read by 8 concurrent readers, against the same bytes served as a static file
by the same server; then conditional GETs answered 304, against a static file's 304.

A fresh SQLite store gets a board whose meetings were held, minuted (an open and a
confidential item, attendance, decisions), approved at the next meeting and published,
through the use cases, and a few meetings to come. The real app is served by waitress
(threads=8); the floor is the same Flask app and server sending a file (Flask's
`send_from_directory`, with its own ETag and Last-Modified) holding the bytes the address
answered, through the same request hooks (security headers and all). The readers
are threads of the benchmark, each with its own keep-alive `requests.Session`, starting
together; the real app and the floor take turns (never loaded at once).

    python -m bench.public [--quick]    # this scenario alone, its section printed
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import requests
from flask import send_from_directory

from bench.common import (
    STARTS_AT,
    Board,
    Spread,
    X,
    ms,
    percentile,
    served,
    set_up_board,
    verdict,
)
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AgreeMinutes,
    ApproveMinutes,
    CirculateMinutes,
    CloseMeeting,
    OpenMeeting,
    PublishMinutes,
    RecordAttendance,
    RecordDecision,
    ScheduleMeeting,
)
from meetings.infrastructure.settings import environment_for
from web import create_app

READERS = 8
STATIC = "/bench-static"
TARGET_P50 = 3.0
TARGET_P99 = 5.0
TARGET_304 = 2.0
TARGET_DECADE = 1.5


@dataclass(frozen=True)
class PublicSettings:
    meetings: int  # published meetings of the board
    members: int
    per_reader: int  # requests of each of the 8 readers, per address and side
    conditional: int  # sequential conditional GETs per address and side
    rounds: int


FULL_PUBLIC = PublicSettings(meetings=24, members=30, per_reader=40, conditional=200, rounds=2)
QUICK_PUBLIC = PublicSettings(meetings=4, members=8, per_reader=5, conditional=20, rounds=1)


@dataclass
class Read:
    """One address: latencies of the real app and of the static file, 200s and 304s."""

    name: str
    path: str
    size: int
    real: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    real_throughput: list[float] = field(default_factory=list)
    floor_throughput: list[float] = field(default_factory=list)
    rendered: list[float] = field(default_factory=list)
    real_304: list[float] = field(default_factory=list)
    floor_304: list[float] = field(default_factory=list)

    def ratios(self) -> tuple[float, float, float]:
        real, floor = Spread.of(self.real), Spread.of(self.floor)
        p304 = percentile(self.real_304, 50) / percentile(self.floor_304, 50)
        return real.p50 / floor.p50, real.p99 / floor.p99, p304


@dataclass
class Public:
    settings: PublicSettings
    reads: list[Read]
    events: int
    seconds: float


def _published_meeting(app: MeetingsApplication, board: Board, n: int, later: UUID) -> None:
    """Meeting n of the board, held, minuted, approved at `later` and published."""
    starts = STARTS_AT - timedelta(days=14 * (n + 1))  # members seated from 2025-04-01
    meeting_id = UUID(
        str(
            app.schedule_meeting(
                ScheduleMeeting(body_id=board.body_id, starts_at=starts, venue="County Hall")
            )["id"]
        )
    )
    items = [
        app.add_agenda_item(AddAgendaItem(meeting_id=meeting_id, title=title, kind="decision"))
        for title in (f"Community safety plan {n}", f"Budget monitoring {n}")
    ]
    secret = app.add_agenda_item(
        AddAgendaItem(
            meeting_id=meeting_id,
            title="Contract renewal",
            kind="decision",
            confidential=True,
            confidential_reason="Commercially sensitive",
        )
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting_id, at=starts))
    for person in board.people:
        app.record_attendance(
            RecordAttendance(meeting_id=meeting_id, person_id=person, status="present")
        )
    for item in [*items, secret]:
        app.record_decision(
            RecordDecision(
                meeting_id=meeting_id,
                item_id=str(item["id"]),
                text=f"Agreed the recommendations of {item['title']}.",
                method="consensus",
                at=starts + timedelta(minutes=30),
            )
        )
    app.close_meeting(CloseMeeting(meeting_id=meeting_id, at=starts + timedelta(hours=2)))
    at = starts + timedelta(days=2)
    app.agree_minutes(AgreeMinutes(meeting_id=meeting_id, person_id=board.people[0], at=at))
    app.circulate_minutes(CirculateMinutes(meeting_id=meeting_id, at=at))
    app.approve_minutes(ApproveMinutes(meeting_id=meeting_id, approved_at=later))
    app.publish_minutes(PublishMinutes(meeting_id=meeting_id, at=at + timedelta(days=30)))


def set_up_public(app: MeetingsApplication, settings: PublicSettings) -> tuple[Board, UUID]:
    """The board, its published meetings and meetings to come; the newest published one."""
    board = set_up_board(app, settings.members)
    later = UUID(
        str(app.schedule_meeting(ScheduleMeeting(body_id=board.body_id, starts_at=STARTS_AT))["id"])
    )
    app.open_meeting(OpenMeeting(meeting_id=later, at=STARTS_AT))
    for n in reversed(range(settings.meetings)):
        _published_meeting(app, board, n, later)
    for days in (30, 60, 90):
        app.schedule_meeting(
            ScheduleMeeting(body_id=board.body_id, starts_at=STARTS_AT + timedelta(days=days))
        )
    newest = app.list_published_minutes(board.body_id, 1)[0].id
    return board, UUID(str(newest))


def _burst(
    url: str, per_reader: int, headers: dict[str, str], status: int
) -> tuple[list[float], float]:
    """8 readers together, each `per_reader` GETs; latencies and wall time."""
    latencies: list[list[float]] = [[] for _ in range(READERS)]
    start = threading.Barrier(READERS + 1)

    def reader(mine: list[float]) -> None:
        with requests.Session() as session:
            session.get(url, headers=headers)  # the connection, opened before the start
            start.wait()
            for _ in range(per_reader):
                began = time.perf_counter()
                response = session.get(url, headers=headers)
                mine.append(time.perf_counter() - began)
                if response.status_code != status:
                    raise RuntimeError(f"{url}: {response.status_code}, not {status}")

    threads = [threading.Thread(target=reader, args=(mine,)) for mine in latencies]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    return [x for mine in latencies for x in mine], time.perf_counter() - began


def _sequential(
    url: str, n: int, headers: dict[str, str], status: int, before: Callable[[], None] = list
) -> list[float]:
    samples = []
    with requests.Session() as session:
        for _ in range(n + 5):
            before()
            began = time.perf_counter()
            response = session.get(url, headers=headers)
            samples.append(time.perf_counter() - began)
            if response.status_code != status:
                raise RuntimeError(f"{url}: {response.status_code}, not {status}")
    return samples[5:]


def measure(settings: PublicSettings, say: Callable[[str], None] = print) -> Public:
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="meetings-bench-public-") as tmp:
        app = MeetingsApplication(environment_for(f"sqlite:///{tmp}/public.sqlite3"))
        try:
            say(f"public reads: a board with {settings.meetings} published meetings")
            board, newest = set_up_public(app, settings)
            events = app.recorder.max_notification_id() or 0
            static = Path(tmp) / "static"
            static.mkdir()
            flask_app = create_app(app)
            flask_app.add_url_rule(
                f"{STATIC}/<path:name>",
                "bench_static",
                lambda name: send_from_directory(static, name, max_age=0),
            )
            addresses = [
                ("meeting page", f"/meetings/{newest}", "page.html"),
                ("Atom feed", f"/feeds/minutes.atom?body_id={board.body_id}", "minutes.atom"),
                ("iCalendar", f"/bodies/{board.body_id}/meetings.ics", "meetings.ics"),
            ]
            reads = []
            with served(flask_app, "public") as url:
                for name, path, file in addresses:
                    body = requests.get(url + path, timeout=30)
                    body.raise_for_status()
                    (static / file).write_bytes(body.content)
                    reads.append(Read(name, path, len(body.content)))
                for round_ in range(settings.rounds):
                    for read, (_, path, file) in zip(reads, addresses, strict=True):
                        say(f"public reads, round {round_ + 1}: {read.name}, 8 readers")
                        sides = [("real", url + path), ("floor", f"{url}{STATIC}/{file}")]
                        if round_ % 2:
                            sides.reverse()
                        for side, address in sides:
                            latencies, seconds = _burst(address, settings.per_reader, {}, 200)
                            getattr(read, side).extend(latencies)
                            rate = len(latencies) / seconds
                            getattr(read, f"{side}_throughput").append(rate)
                        # What a reader pays when the record has changed since the last
                        # read: the answer rendered anew from the read models.
                        read.rendered.extend(
                            _sequential(
                                url + path, settings.conditional, {}, 200,
                                lambda: flask_app.extensions.pop("meetings_public_reads", None),
                            )
                        )  # fmt: skip
                        for side, address in sides:
                            tag = requests.get(address, timeout=30).headers["ETag"]
                            samples = _sequential(
                                address, settings.conditional, {"If-None-Match": tag}, 304
                            )
                            getattr(read, f"{side}_304").extend(samples)
        finally:
            app.close()
    return Public(settings, reads, events, time.perf_counter() - began)


@dataclass
class OnDecade:
    """The same reads, one reader at a time, on the decade's log with the board added, and
    on a fresh store holding only the board: rendered anew, and an unchanged record's."""

    events: int
    reads: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def ratio(self, name: str, kind: str) -> float:
        big, small = self.reads[name][f"decade {kind}"], self.reads[name][f"fresh {kind}"]
        return percentile(big, 50) / percentile(small, 50)


def _time_reads(app: MeetingsApplication, settings: PublicSettings) -> dict[str, list[float]]:
    """The board set up in `app`, then each read timed through Flask's test client."""
    board, newest = set_up_public(app, settings)
    flask_app = create_app(app)
    client = flask_app.test_client()
    found: dict[str, list[float]] = {}
    for name, path in (
        ("meeting page", f"/meetings/{newest}"),
        ("Atom feed", f"/feeds/minutes.atom?body_id={board.body_id}"),
        ("iCalendar", f"/bodies/{board.body_id}/meetings.ics"),
    ):
        for kind in ("rendered anew", "unchanged"):
            samples = []
            for _ in range(settings.conditional + 5):
                if kind == "rendered anew":
                    flask_app.extensions.pop("meetings_public_reads", None)
                began = time.perf_counter()
                response = client.get(path)
                samples.append(time.perf_counter() - began)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: {response.status_code}")
            found[f"{name}|{kind}"] = samples[5:]
    return found


def on_decade(
    decade_app: MeetingsApplication, settings: PublicSettings, say: Callable[[str], None]
) -> OnDecade:
    """The board added to the decade's (rebuilt) store and to a fresh one; the same reads."""
    result = OnDecade(decade_app.recorder.max_notification_id() or 0)
    say("public reads on the decade's log, against a fresh store with only that board")
    timed = {"decade": _time_reads(decade_app, settings)}
    with tempfile.TemporaryDirectory(prefix="meetings-bench-public-") as tmp:
        fresh = MeetingsApplication(environment_for(f"sqlite:///{tmp}/fresh.sqlite3"))
        try:
            timed["fresh"] = _time_reads(fresh, settings)
        finally:
            fresh.close()
    for store, reads in timed.items():
        for key, samples in reads.items():
            name, kind = key.split("|")
            result.reads.setdefault(name, {})[f"{store} {kind}"] = samples
    return result


def decade_target_rows(d: OnDecade) -> list[str]:
    rows = []
    for name in d.reads:
        anew, kept = d.ratio(name, "rendered anew"), d.ratio(name, "unchanged")
        rows.append(
            f"| public {name} on the decade's log ({d.events:,} events): p50 ≤ "
            f"{TARGET_DECADE:g}{X} a fresh store with only that body (rendered anew / "
            f"unchanged) | {anew:.2f}{X} / {kept:.2f}{X} | "
            f"{verdict(anew <= TARGET_DECADE and kept <= TARGET_DECADE)} |"
        )
    return rows


def decade_section(d: OnDecade) -> list[str]:
    lines = [
        "## Public reads on the decade's log",
        "",
        f"The board of the public-read scenario added to the decade's store ({d.events:,} "
        "events before it, read models rebuilt) and to a fresh store holding only the board; "
        "each read sent one at a time through Flask's test client, *rendered anew* (the "
        "server's kept answers forgotten before each) and *unchanged* (an answer kept by its "
        "ETag). Milliseconds, p50 (p99).",
        "",
        "| read | decade, rendered anew | fresh, rendered anew | ratio | decade, unchanged "
        "| fresh, unchanged | ratio |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, reads in d.reads.items():
        cells = []
        for kind in ("rendered anew", "unchanged"):
            for store in ("decade", "fresh"):
                samples = reads[f"{store} {kind}"]
                cells.append(f"{ms(percentile(samples, 50))} ({ms(percentile(samples, 99))})")
            cells.append(f"{d.ratio(name, kind):.2f}{X}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def target_rows(p: Public) -> list[str]:
    rows = []
    for r in p.reads:
        p50, p99, p304 = r.ratios()
        rows.append(
            f"| public {r.name}, 8 concurrent readers: p50 ≤ {TARGET_P50:g}{X}, p99 ≤ "
            f"{TARGET_P99:g}{X} the same bytes as a static file from the same server | "
            f"p50 {p50:.2f}{X}, p99 {p99:.2f}{X} | "
            f"{verdict(p50 <= TARGET_P50 and p99 <= TARGET_P99)} |"
        )
        rows.append(
            f"| public {r.name}, conditional GET: 304 answered, p50 ≤ {TARGET_304:g}{X} a static "
            f"file's 304 | {p304:.2f}{X} | {verdict(p304 <= TARGET_304)} |"
        )
    return rows


def section(p: Public) -> list[str]:
    s = p.settings
    lines = [
        "## Public reads: the meeting page, the Atom feed, a body's iCalendar",
        "",
        f"A board of {s.members} members with {s.meetings} meetings held, minuted (two open "
        "items and a confidential one, attendance, decisions), approved and published, and "
        f"three meetings to come ({p.events:,} events), in a fresh SQLite store. {READERS} "
        f"readers start together, each sending {s.per_reader} GETs one after another; the "
        "floor is the same bytes as a file sent by the same Flask app and waitress server "
        f"(`send_from_directory`); {s.rounds} round(s), real and floor "
        f"taking turns. Then {s.conditional} sequential GETs per address and side with "
        "`If-None-Match` holding (304), and as many one reader at a time with the server's "
        "kept answers forgotten before each (*rendered anew*: what the first reader after a "
        "change pays, from the read models). Milliseconds, nearest-rank; measured in "
        f"{p.seconds:.0f} s.",
        "",
        "| read | bytes | real p50 | real p99 | floor p50 | floor p99 | ratio p50 | ratio p99 "
        "| real reads/s | floor reads/s | 304 real p50 | 304 floor p50 | ratio 304 "
        "| rendered anew p50 | rendered anew p99 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in p.reads:
        real, floor = Spread.of(r.real), Spread.of(r.floor)
        p50, p99, p304 = r.ratios()
        lines.append(
            f"| {r.name} | {r.size:,} | {ms(real.p50)} | {ms(real.p99)} | {ms(floor.p50)} | "
            f"{ms(floor.p99)} | {p50:.2f}{X} | {p99:.2f}{X} | "
            f"{sum(r.real_throughput) / len(r.real_throughput):.0f} | "
            f"{sum(r.floor_throughput) / len(r.floor_throughput):.0f} | "
            f"{ms(percentile(r.real_304, 50))} | {ms(percentile(r.floor_304, 50))} | "
            f"{p304:.2f}{X} | {ms(percentile(r.rendered, 50))} | {ms(percentile(r.rendered, 99))} |"
        )
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.public", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    args = parser.parse_args(argv)
    result = measure(
        QUICK_PUBLIC if args.quick else FULL_PUBLIC, lambda m: print(m, file=sys.stderr)
    )
    print("\n".join([*target_rows(result), "", *section(result)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
