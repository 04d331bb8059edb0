"""Benchmarks of the record, each side by side with a floor, in one run.

    /tmp/venv/bin/python -m bench.run                 # the full run (about 2 minutes)
    /tmp/venv/bin/python -m bench.run --quick         # a smaller run, for trying things out
    /tmp/venv/bin/python -m bench.run --skip-million  # only scenarios 1-3 (about 20 seconds)
    /tmp/venv/bin/python -m bench.run --million-only  # only scenarios 4 and 5

Scenarios (bench/README.md says what each measures and how to read the results):

1. Recording attendance over HTTP: 300 `POST /api/v1/meetings/{id}/attendance` into one
   open meeting, interleaved one for one with POSTs to the floor (bench/floor_app.py), both
   served by waitress with 8 threads on localhost; p50/p90/p99 and the ratios real/floor,
   for all commands and for the first and last 50 (flatness as the meeting grows). Three
   rounds, each on a fresh meeting, pooled.
2. Loading a meeting: `app.repository.get(meeting_id)` for meetings of about 20 to 600
   events (snapshots every 50 events), beside a full replay without snapshots and a raw
   read of the stored rows.
3. Profile: the last 100 of 300 commands into other meetings of the same board, through the
   same WSGI app: once with a timer around a few functions (wall clock), once under cProfile.
4. Rebuilding every read model (`projector.reset()`, `projector.catch_up()`) from a decade of
   a county's activity, over a million events (bench/generate.py, cached in bench/out/),
   beside reading and decoding the same log without projecting.
5. The action tracker (`GET /api/v1/actions`) for the body with 5,000 actions on that decade,
   beside the same query on a fresh store holding only that body's actions; and the SQL alone.

Everything is written to bench/RESULTS.md (or --out).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import math
import os
import platform
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import requests
import waitress
from eventsourcing.application import Repository
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(ROOT))

from bench.floor_app import FLOOR_PATH, create_floor_app  # noqa: E402
from bench.generate import ensure  # noqa: E402
from bench.million import (  # noqa: E402
    FULL_MILLION,
    MILLION,
    QUICK_MILLION,
    MillionSettings,
    Rebuild,
    Tracker,
    profile_rebuild,
    rebuild_section,
    target_rows,
    time_rebuild,
    time_tracker,
    tracker_section,
    where_in_source,
)
from meetings.application import MeetingsApplication  # noqa: E402
from meetings.commands import (  # noqa: E402
    AppointMember,
    EstablishBody,
    OpenMeeting,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.domain.meeting import Meeting  # noqa: E402
from meetings.domain.values import Role  # noqa: E402
from meetings.settings import environment_for  # noqa: E402
from web import create_app  # noqa: E402

X = "\N{MULTIPLICATION SIGN}"
EXECUTE = "<method 'execute' of 'sqlite3.Cursor' objects>"  # as cProfile names built-ins
COMMIT = "<method 'commit' of 'sqlite3.Connection' objects>"
TARGET_P50 = 2.0
TARGET_P99 = 3.0
THREADS = 8  # as `meetings serve`
STARTS_AT = datetime(2026, 3, 20, 10, tzinfo=UTC)
MEMBERS_FROM = date(2025, 4, 1)


@dataclass(frozen=True)
class Settings:
    commands: int  # attendance commands into one meeting (one per member)
    window: int  # first/last N commands compared for flatness
    warm_up: int  # requests to each server before measuring
    load_sizes: tuple[int, ...]  # meeting sizes (events) for the loading scenario
    load_repeats: int
    profiled: int  # the last N commands of the profile meeting run under cProfile
    rounds: int  # scenario 1 is repeated on fresh meetings and the samples pooled


FULL = Settings(
    commands=300,
    window=50,
    warm_up=20,
    load_sizes=(20, 99, 299, 599),
    load_repeats=40,
    profiled=100,
    rounds=3,
)
QUICK = Settings(
    commands=100,
    window=25,
    warm_up=10,
    load_sizes=(20, 199),
    load_repeats=10,
    profiled=30,
    rounds=1,
)


# Figures ------------------------------------------------------------------------------


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


def count(per_command: float) -> str:
    """Calls per command: one decimal, two when it happens less than once a command."""
    return f"{per_command:.2f}" if 0 < per_command < 1 else f"{per_command:.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}{X}" if b else "n/a"


# Serving ------------------------------------------------------------------------------


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


# Setting up the record ----------------------------------------------------------------


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


def grown_meeting(app: MeetingsApplication, board: Board, events: int, days: int) -> UUID:
    """An open meeting with `events` events: arrivals, then departures once everyone is
    in. Built on the aggregate and saved ten events at a time (snapshots as usual)."""
    meeting_id = open_meeting(app, board, days)
    meeting: Meeting = app.repository.get(meeting_id)
    now = datetime.now(tz=UTC)
    wanted = events - meeting.version
    arrivals = min(wanted, len(board.people))
    departures = min(wanted - arrivals, arrivals)
    steps: list[Callable[[Meeting], Any]] = [
        (
            lambda m, p=p: m.record_attendance(
                str(uuid4()), p, "present", "member", None, False, now,
                is_member=True, is_named_substitute=False,
            )
        )
        for p in board.people[:arrivals]
    ]  # fmt: skip
    later = now + timedelta(hours=1)
    steps += [
        (lambda m, p=p: m.record_departure(str(uuid4()), p, later))
        for p in board.people[:departures]
    ]
    for start in range(0, len(steps), 10):
        for step in steps[start : start + 10]:
            step(meeting)
        app.save(meeting)
    return meeting_id


# Scenario 1: recording attendance over HTTP -------------------------------------------


@dataclass
class HttpRun:
    real: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def record_over_http(
    real_url: str, floor_url: str, token: str, meeting_id: UUID, people: Sequence[UUID]
) -> HttpRun:
    """One attendance command per person, each followed (or preceded, alternately) by a
    POST to the floor, on one keep-alive session; the latency of every request."""
    session = requests.Session()
    auth = {"Authorization": f"Bearer {token}"}
    run = HttpRun()

    def real(person: UUID) -> None:
        body = {"person_id": str(person), "status": "present", "capacity": "member"}
        started = time.perf_counter()
        answer = session.post(
            f"{real_url}/api/v1/meetings/{meeting_id}/attendance",
            json=body,
            headers=auth,
            timeout=60,
        )
        run.real.append(time.perf_counter() - started)
        if answer.status_code != 201:
            raise SystemExit(f"the real app answered {answer.status_code}: {answer.text}")

    def floor(person: UUID) -> None:
        body = {"person_id": str(person), "status": "present", "capacity": "member"}
        started = time.perf_counter()
        answer = session.post(f"{floor_url}{FLOOR_PATH}", json=body, timeout=60)
        run.floor.append(time.perf_counter() - started)
        if answer.status_code != 201:
            raise SystemExit(f"the floor answered {answer.status_code}: {answer.text}")

    gc.collect()
    for i, person in enumerate(people):
        # Alternate which goes first, so neither always follows the other's GC or I/O.
        for send in (real, floor) if i % 2 == 0 else (floor, real):
            send(person)
    session.close()
    return run


def warm_up(
    real_url: str, floor_url: str, token: str, meeting_id: UUID, people: Sequence[UUID]
) -> None:
    """Fill connection pools, import lazily loaded code, prime caches: on another meeting."""
    record_over_http(real_url, floor_url, token, meeting_id, people)


# Scenario 2: loading a meeting ----------------------------------------------------------


@dataclass
class LoadRow:
    events: int
    snapshot_version: int | None
    snapshot_bytes: int
    with_snapshots: list[float] = field(default_factory=list)
    full_replay: list[float] = field(default_factory=list)
    raw_rows: list[float] = field(default_factory=list)


def time_loading(
    app: MeetingsApplication, meetings: dict[int, UUID], repeats: int
) -> list[LoadRow]:
    """Time loading each meeting (interleaved across sizes, so noise hits all alike)."""
    replay = Repository(app.repository.event_store)  # the same log, no snapshot store
    recorder: Any = app.recorder
    assert app.snapshots is not None
    snapshot_recorder: Any = app.snapshots.recorder
    rows = {}
    for size, meeting_id in meetings.items():
        latest = snapshot_recorder.select_events(meeting_id, desc=True, limit=1)
        version = app.repository.get(meeting_id).version
        rows[size] = LoadRow(
            version,
            latest[0].originator_version if latest else None,
            len(latest[0].state) if latest else 0,
        )
    for _ in range(repeats):
        for size, meeting_id in meetings.items():
            row = rows[size]
            for samples, load in (
                (row.with_snapshots, lambda m=meeting_id: app.repository.get(m)),
                (row.full_replay, lambda m=meeting_id: replay.get(m)),
                (row.raw_rows, lambda m=meeting_id: recorder.select_events(m)),
            ):
                started = time.perf_counter()
                load()
                samples.append(time.perf_counter() - started)
    return list(rows.values())


# Scenario 3: where the time goes ---------------------------------------------------------


class WsgiHook:
    """Wraps the Flask app's WSGI callable; `around` (if set) wraps each request."""

    def __init__(self, wsgi_app: Any) -> None:
        self.wsgi_app = wsgi_app
        self.around: Callable[[], AbstractContextManager[Any]] | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        if self.around is None:
            return self.wsgi_app(environ, start_response)
        with self.around():
            return list(self.wsgi_app(environ, start_response))


@contextmanager
def hooked(flask_app: Flask) -> Iterator[WsgiHook]:
    hook = WsgiHook(flask_app.wsgi_app)
    flask_app.wsgi_app = hook  # type: ignore[method-assign]
    try:
        yield hook
    finally:
        flask_app.wsgi_app = hook.wsgi_app  # type: ignore[method-assign]


def attend_through_wsgi(
    flask_app: Flask, token: str, meeting_id: UUID, people: Sequence[UUID]
) -> None:
    """POST /attendance for each person through the WSGI app (Flask's test client)."""
    client = flask_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    for person in people:
        answer = client.post(
            f"/api/v1/meetings/{meeting_id}/attendance",
            json={"person_id": str(person), "status": "present", "capacity": "member"},
            headers=auth,
        )
        if answer.status_code != 201:
            raise SystemExit(f"{answer.status_code} {answer.get_data(True)}")


WHOLE = "whole request, inside the Flask app"


@dataclass
class StageTimes:
    """Wall-clock time per stage of the command path, without a profiler: a handful of
    functions are wrapped with a timer while the last commands run."""

    commands: int
    calls: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, label: str, seconds: float) -> None:
        self.calls[label] = self.calls.get(label, 0) + 1
        self.seconds[label] = self.seconds.get(label, 0.0) + seconds

    @contextmanager
    def request(self) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(WHOLE, time.perf_counter() - started)

    @contextmanager
    def patched(self) -> Iterator[None]:
        from eventsourcing.application import Application

        from meetings.core import CoreApplication
        from meetings.meetings import MeetingUseCases
        from meetings.tokens import TokenStore
        from projections import structure
        from projections.projector import Projector

        targets: list[tuple[Any, str, Callable[[tuple[Any, ...]], str]]] = [
            (TokenStore, "authenticate", lambda a: "token lookup (TokenStore.authenticate)"),
            (MeetingUseCases, "record_attendance", lambda a: "use case record_attendance"),
            (CoreApplication, "_get", lambda a: f"load a {a[2] if len(a) > 2 else '?'} (_get)"),
            (MeetingUseCases, "_attendance_facts", lambda a: "attendance facts (read model)"),
            (CoreApplication, "_projected", lambda a: "read models caught up before reading"),
            (structure, "seated_members", lambda a: "seated_members query"),
            (Application, "save", lambda a: "eventsourcing Application.save"),
            (Projector, "catch_up", lambda a: "projector.catch_up (every call)"),
            (Application, "take_snapshot", lambda a: "take_snapshot"),
        ]
        originals = [(owner, name, vars(owner)[name]) for owner, name, _ in targets]
        for owner, name, label_of in targets:
            setattr(owner, name, self._timed(vars(owner)[name], label_of))
        try:
            yield
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)

    def _timed(self, original: Any, label_of: Callable[[tuple[Any, ...]], str]) -> Any:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(label_of(args), time.perf_counter() - started)

        return timed

    def per_command(self, label: str) -> tuple[float, float]:
        """(calls, seconds) per command."""
        return (
            self.calls.get(label, 0) / self.commands,
            self.seconds.get(label, 0.0) / self.commands,
        )


def time_stages(
    flask_app: Flask, token: str, meeting_id: UUID, people: Sequence[UUID], last: int
) -> StageTimes:
    times = StageTimes(last)
    with hooked(flask_app) as hook:
        attend_through_wsgi(flask_app, token, meeting_id, people[:-last])
        hook.around = times.request
        with times.patched():
            attend_through_wsgi(flask_app, token, meeting_id, people[-last:])
    return times


@dataclass
class Stage:
    label: str
    key: tuple[str, int, str]  # how cProfile names the function
    calls: int = 0
    cumulative: float = 0.0


def _key(function: Any) -> tuple[str, int, str]:
    if isinstance(function, str):  # a built-in, as cProfile names it
        return ("~", 0, function)
    code = function.__code__
    return (code.co_filename, code.co_firstlineno, code.co_name)


def _stages() -> list[Stage]:
    """The stages of POST /attendance, outermost first (they nest: shares overlap)."""
    from eventsourcing.application import Application, project_aggregate
    from eventsourcing.sqlite import SQLiteTransaction
    from marshmallow import Schema
    from webargs.core import Parser

    from meetings.core import CoreApplication
    from meetings.meetings import MeetingUseCases
    from projections import structure
    from projections.projector import Projector
    from web import auth

    return [
        Stage(label, _key(function))
        for label, function in [
            ("the Flask app, all told", Flask.wsgi_app),
            ("token lookup (auth._identify)", auth._identify),
            ("request parsing (webargs Parser.parse)", Parser.parse),
            ("use case record_attendance", MeetingUseCases.record_attendance),
            ("  aggregate loads (Repository.get)", Repository.get),
            ("    replaying events (project_aggregate)", project_aggregate),
            ("  attendance facts (_attendance_facts)", MeetingUseCases._attendance_facts),
            ("    seated_members query", structure.seated_members),
            ("  load-check-save (_update)", CoreApplication._update),
            ("    meeting rules (Meeting.check_attendance)", Meeting.check_attendance),
            ("    save (eventsourcing Application.save)", Application.save),
            ("      take_snapshot", Application.take_snapshot),
            ("  projector.catch_up (before reads)", Projector.catch_up),
            ("response dump (marshmallow Schema.dump)", Schema.dump),
            ("SQLite transactions begun", SQLiteTransaction.__enter__),
            ("SQLite statements (Cursor.execute)", EXECUTE),
            ("SQLite commits (Connection.commit)", COMMIT),
            ("JSON decoding (JSONDecoder.decode)", json.JSONDecoder.decode),
        ]
    ]  # fmt: skip


@dataclass
class Profile:
    commands: int
    total: float
    stages: list[Stage]
    by_own_time: list[tuple[str, int, float]]
    by_cumulative: list[tuple[str, int, float]]


def profile_commands(
    flask_app: Flask,
    token: str,
    meeting_id: UUID,
    people: Sequence[UUID],
    last: int,
    dump_to: Path | None = None,
) -> Profile:
    """Record attendance for `people` through the WSGI app; profile the `last` ones."""
    profiler = cProfile.Profile()

    @contextmanager
    def profiled() -> Iterator[None]:
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()

    with hooked(flask_app) as hook:
        attend_through_wsgi(flask_app, token, meeting_id, people[:-last])
        hook.around = profiled
        attend_through_wsgi(flask_app, token, meeting_id, people[-last:])
    if dump_to is not None:
        profiler.dump_stats(dump_to)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    raw = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = raw[_key(Flask.wsgi_app)][3]
    stages = _stages()
    for stage in stages:
        if stage.key in raw:
            _, stage.calls, _, stage.cumulative, _ = raw[stage.key]
    own = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:15]
    ours = [
        kv
        for kv in raw.items()
        if any(f"/{d}/" in kv[0][0].replace(os.sep, "/") for d in ("meetings", "projections"))
    ]
    cumulative = sorted(ours, key=lambda kv: kv[1][3], reverse=True)[:15]
    return Profile(
        last,
        total,
        stages,
        [(where_in_source(k), v[1], v[2]) for k, v in own],
        [(where_in_source(k), v[1], v[3]) for k, v in cumulative],
    )


# Writing RESULTS.md ----------------------------------------------------------------------


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def _nth_worst(samples: int) -> str:
    nth = samples - max(1, math.ceil(0.99 * samples)) + 1
    return "worst" if nth == 1 else f"{nth}{'nd' if nth == 2 else 'rd' if nth == 3 else 'th'} worst"


def _verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


@dataclass
class Live:
    """What scenarios 1-3 measured."""

    settings: Settings
    http: list[HttpRun]
    loading: list[LoadRow]
    times: StageTimes
    profile: Profile


@dataclass
class Decade:
    """What scenarios 4 and 5 measured (either may be missing)."""

    settings: MillionSettings
    rebuild: Rebuild | None = None
    tracker: Tracker | None = None


def write_results(
    out: Path, quick: bool, seconds: float, live: Live | None, decade: Decade | None
) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run{' --quick' if quick else ''}` on "
        f"{datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC, in {seconds:.0f} s.",
        "",
        f"- Machine: {os.cpu_count()} CPUs, {platform.platform()}, "
        f"{platform.machine() or 'unknown architecture'}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}",
        f"- Code: {_git_revision()}",
    ]
    if live is not None:
        lines.append(
            f"- Servers: waitress, threads={THREADS}, both in the benchmark's process on"
            " localhost; client: one keep-alive `requests.Session`, sequential, real and floor"
            " alternating."
        )
    targets, sections = [], []
    if live is not None:
        live_targets, live_lines = live_sections(live)
        targets += live_targets
        sections += live_lines
    else:
        sections += ["## 1-3. The live meeting", "", "Not run (`--million-only`).", ""]
    if decade is not None:
        targets += target_rows(decade.rebuild, decade.tracker)
        if decade.rebuild is not None:
            sections += rebuild_section(decade.rebuild)
        if decade.tracker is not None:
            sections += tracker_section(decade.tracker, decade.settings)
    else:
        sections += ["## 4-5. The decade's log", "", "Not run (`--skip-million`).", ""]
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [*targets, "", *sections]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def live_sections(live: Live) -> tuple[list[str], list[str]]:
    """The targets and the sections of scenarios 1-3."""
    settings, http, loading = live.settings, live.http, live.loading
    times, profile = live.times, live.profile
    n, w, rounds = settings.commands, settings.window, len(http)

    def pooled(part: slice) -> tuple[Spread, Spread]:
        return (
            Spread.of([x for run in http for x in run.real[part]]),
            Spread.of([x for run in http for x in run.floor[part]]),
        )

    real, floor = pooled(slice(0, n))
    p50_ratio, p99_ratio = real.p50 / floor.p50, real.p99 / floor.p99
    each = f"{rounds} meetings of {n}, pooled" if rounds > 1 else "one meeting"
    at = f"{n} attendance commands into one meeting" + (f", {each}" if rounds > 1 else "")
    targets = [
        f"| attendance p50 within {TARGET_P50:g}{X} of the floor (a bare Flask + SQLite"
        f" insert), at {at} | {ratio(real.p50, floor.p50)} | {_verdict(p50_ratio <= TARGET_P50)} |",
        f"| attendance p99 within {TARGET_P99:g}{X} of the floor, the same"
        f" | {ratio(real.p99, floor.p99)} | {_verdict(p99_ratio <= TARGET_P99)} |",
    ]
    lines = [
        f"## 1. Recording attendance over HTTP ({n} commands into one meeting)",
        "",
        f"Latency per request in milliseconds, as the client sees it. Each round is a fresh"
        f" meeting filled with {n} commands (one per member), each command next to one floor"
        " request; the first rows pool every round.",
        "",
        "| commands | real p50 | real p90 | real p99 | floor p50 | floor p90 | floor p99 "
        "| ratio p50 | ratio p90 | ratio p99 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    rows = [
        (f"all {n}", pooled(slice(0, n))),
        (f"first {w}", pooled(slice(0, w))),
        (f"last {w}", pooled(slice(n - w, n))),
    ]
    if rounds > 1:
        rows += [
            (f"round {i}, all {n}", (Spread.of(run.real), Spread.of(run.floor)))
            for i, run in enumerate(http, 1)
        ]
    for label, (r, f) in rows:
        lines.append(
            f"| {label} | {ms(r.p50)} | {ms(r.p90)} | {ms(r.p99)} | {ms(f.p50)} | {ms(f.p90)} "
            f"| {ms(f.p99)} | {ratio(r.p50, f.p50)} | {ratio(r.p90, f.p90)} "
            f"| {ratio(r.p99, f.p99)} |"
        )
    (first_r, first_f), (last_r, last_f) = rows[1][1], rows[2][1]
    lines += [
        "",
        f"Flatness (commands {n - w + 1}-{n} against 1-{w}): the real app's p50 is "
        f"{ratio(last_r.p50, first_r.p50)} and p99 {ratio(last_r.p99, first_r.p99)} of what "
        f"it was; the floor's p50 {ratio(last_f.p50, first_f.p50)}. The p99 of these"
        f" {w * rounds} samples is the {_nth_worst(w * rounds)}, so read it as a hint.",
        "",
        "## 2. Loading a meeting (`app.repository.get`)",
        "",
        "Milliseconds per load, median (p90) of "
        f"{settings.load_repeats} loads, interleaved across sizes. Snapshots are taken every"
        " 50 events, and each size but the smallest is the worst case for them: 49 events to"
        " replay after the latest snapshot. *Full replay* is the same log through a repository"
        " without the snapshot"
        " store; *raw rows* reads the meeting's stored events without decoding them.",
        "",
        "| events | latest snapshot at | snapshot size | with snapshots | vs smallest "
        "| full replay | raw rows |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    smallest = statistics.median(loading[0].with_snapshots)
    for row in loading:
        median = statistics.median(row.with_snapshots)
        lines.append(
            f"| {row.events} | {row.snapshot_version or '-'} | {row.snapshot_bytes / 1024:.0f} KiB"
            f" | {ms(median)} ({ms(percentile(row.with_snapshots, 90))})"
            f" | {ratio(median, smallest)}"
            f" | {ms(statistics.median(row.full_replay))}"
            f" | {ms(statistics.median(row.raw_rows))} |"
        )
    big = loading[-1]
    lines += [
        "",
        f"Loading the {big.events}-event meeting takes "
        f"{ratio(statistics.median(big.with_snapshots), smallest)} the time of the "
        f"{loading[0].events}-event one with snapshots, against "
        f"{ratio(statistics.median(big.full_replay), statistics.median(loading[0].full_replay))}"
        " by full replay. Snapshots bound the events replayed (at most 49), but the snapshot"
        " holds every entry so far, so its decoding grows with the meeting.",
        "",
    ]
    lines += stage_section(times, n, floor.p50)
    lines += profile_section(profile, n)
    lines += cost_note(times, profile, p50_ratio, p99_ratio, real.p50 - floor.p50)
    return targets, lines


#: The request, split into parts that do not overlap (the rest is everything else).
PARTS = [
    ("token lookup", ["token lookup (TokenStore.authenticate)"]),
    ("loading the meeting", ["load a meeting (_get)"]),
    ("loading the person", ["load a person (_get)"]),
    ("attendance facts from the membership read model", ["attendance facts (read model)"]),
    ("saving (events, snapshot)", ["eventsourcing Application.save"]),
    ("projecting before reads", ["read models caught up before reading"]),
]


def stage_section(times: StageTimes, n: int, floor_p50: float) -> list[str]:
    last = times.commands
    _, whole = times.per_command(WHOLE)
    lines = [
        "## Profile",
        "",
        f"### Where a command's time goes (wall clock, commands {n - last + 1}-{n})",
        "",
        f"Another meeting of the same board, filled to {n} attendance commands through the"
        " same WSGI app in the benchmark's thread (Flask's test client, no socket); during"
        f" the last {last}, a few functions are wrapped with a timer (no profiler).",
        "",
        "| part of the request | calls per command | ms per command | share |",
        "|---|--:|--:|--:|",
    ]
    accounted = 0.0
    for part, labels in PARTS:
        calls = sum(times.per_command(label)[0] for label in labels)
        seconds = sum(times.per_command(label)[1] for label in labels)
        accounted += seconds
        lines.append(f"| {part} | {count(calls)} | {ms(seconds)} | {seconds / whole:.0%} |")
    rest = whole - accounted
    lines += [
        f"| everything else (Flask, webargs, marshmallow, rules, views) | | {ms(rest)} "
        f"| {rest / whole:.0%} |",
        f"| **whole request** | | **{ms(whole)}** | 100% |",
        "",
        f"For scale: the floor's whole round trip over HTTP has a p50 of {ms(floor_p50)} ms.",
        "",
        "Inside those parts (they nest):",
        "",
        "| stage | calls per command | ms per command |",
        "|---|--:|--:|",
    ]
    for label in sorted(times.seconds, key=lambda k: times.seconds[k], reverse=True):
        if label == WHOLE:
            continue
        calls, seconds = times.per_command(label)
        lines.append(f"| {label} | {count(calls)} | {ms(seconds)} |")
    lines.append("")
    return lines


def profile_section(profile: Profile, n: int) -> list[str]:
    per = profile.commands
    lines = [
        f"### cProfile (commands {n - per + 1}-{n} of yet another meeting)",
        "",
        "The same path under cProfile. The profiler inflates code that makes many small"
        " calls (decoding, replaying events) more than code that waits on SQLite, so use the"
        " wall-clock table above for sizes and this one for call counts and culprits.",
        f"Profiled time: {ms(profile.total / per)} ms per command. Stages nest.",
        "",
        "| stage | calls per command | ms per command | share |",
        "|---|--:|--:|--:|",
    ]
    for s in profile.stages:
        share = s.cumulative / profile.total if profile.total else 0
        label = s.label.replace("  ", "&nbsp;&nbsp;")
        lines.append(
            f"| {label} | {count(s.calls / per)} | {ms(s.cumulative / per)} | {share:.0%} |"
        )
    lines += [
        "",
        "Top functions by own time (all code):",
        "",
        "| function | calls per command | own ms per command | share |",
        "|---|--:|--:|--:|",
    ]
    for where, calls, own in profile.by_own_time:
        lines.append(
            f"| `{where}` | {count(calls / per)} | {ms(own / per)} | {own / profile.total:.0%} |"
        )
    lines += [
        "",
        "Top functions of `meetings/` and `projections/` by cumulative time:",
        "",
        "| function | calls per command | cumulative ms per command | share |",
        "|---|--:|--:|--:|",
    ]
    for where, calls, cumulative in profile.by_cumulative:
        lines.append(
            f"| `{where}` | {count(calls / per)} | {ms(cumulative / per)} "
            f"| {cumulative / profile.total:.0%} |"
        )
    lines.append("")
    return lines


def cost_note(
    times: StageTimes, profile: Profile, p50_ratio: float, p99_ratio: float, gap: float
) -> list[str]:
    verdicts = [
        f"the p50 target is {'met' if p50_ratio <= TARGET_P50 else 'missed'}",
        f"the p99 target is {'met' if p99_ratio <= TARGET_P99 else 'missed'}",
    ]
    _, whole = times.per_command(WHOLE)
    parts = []
    for part, labels in PARTS:
        calls = sum(times.per_command(label)[0] for label in labels)
        seconds = sum(times.per_command(label)[1] for label in labels)
        parts.append((seconds, part, calls))
    parts.sort(reverse=True)
    stages = {s.label.strip(): s for s in profile.stages}
    per = profile.commands

    def calls(label: str) -> float:
        return stages[label].calls / per

    lines = [
        "## What dominates the cost",
        "",
        f"{'; '.join(verdicts).capitalize()}. At p50 a command costs {ms(gap)} ms more than"
        f" the floor's insert; inside the app it takes {ms(whole)} ms, of which:",
        "",
    ]
    lines += [
        f"- {part}: {ms(seconds)} ms ({seconds / whole:.0%}, {count(n)} calls per command)"
        for seconds, part, n in parts
    ]
    lines += [
        "",
        f"Per command the app begins {calls('SQLite transactions begun'):.0f} SQLite"
        f" transactions and runs {calls('SQLite statements (Cursor.execute)'):.0f} statements"
        f" (the floor: 1 and 3), loads aggregates"
        f" {calls('aggregate loads (Repository.get)'):.0f} times, replays events through"
        f" `project_aggregate` {calls('replaying events (project_aggregate)'):.0f} times and"
        f" calls `projector.catch_up` {calls('projector.catch_up (before reads)'):.0f} times.",
        "",
    ]
    return lines


# The run -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--profile-out", type=Path, help="also write the raw pstats here")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--skip-million", action="store_true", help="skip scenarios 4 and 5 (the decade's log)"
    )
    which.add_argument("--million-only", action="store_true", help="run only scenarios 4 and 5")
    parser.add_argument(
        "--regenerate", action="store_true", help="generate the decade's log even if cached"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s] {message}", file=sys.stderr, flush=True)

    live = None if args.million_only else run_live(QUICK if args.quick else FULL, args, say)
    decade = None
    if not args.skip_million:
        decade = run_decade(QUICK_MILLION if args.quick else FULL_MILLION, args, say)
    write_results(args.out, args.quick, time.perf_counter() - began, live, decade)
    targets = live_sections(live)[0] if live is not None else []
    if decade is not None:
        targets += target_rows(decade.rebuild, decade.tracker)
    for line in targets:
        say(line.strip("| ").replace(" | ", ": ", 1).replace(" | ", ", ").replace("**", ""))
    say(f"wrote {args.out}")
    return 0


def run_live(settings: Settings, args: argparse.Namespace, say: Callable[[str], None]) -> Live:
    """Scenarios 1-3, on a fresh store in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="meetings-bench-") as tmp:
        app = MeetingsApplication(environment_for(f"sqlite:///{tmp}/bench.sqlite3"))
        try:
            say(f"setting up a board of {settings.commands} members")
            board = set_up_board(app, settings.commands)
            _, token = app.tokens.create(Role.ADMIN, "bench")
            warm_meeting = open_meeting(app, board, days=1)
            flask_app = create_app(app)
            floor_app = create_floor_app(f"{tmp}/floor.sqlite3")
            with served(flask_app, "meetings") as real_url, served(floor_app, "floor") as floor_url:
                say(f"real app on {real_url}, floor on {floor_url}; warming up")
                warm_up(real_url, floor_url, token, warm_meeting, board.people[: settings.warm_up])
                http = []
                for round_ in range(settings.rounds):
                    say(
                        f"scenario 1, round {round_ + 1} of {settings.rounds}: "
                        f"{settings.commands} attendance commands, interleaved"
                    )
                    meeting_id = open_meeting(app, board, days=20 + round_)
                    http.append(
                        record_over_http(real_url, floor_url, token, meeting_id, board.people)
                    )
            say("scenario 2: loading meetings of " + ", ".join(map(str, settings.load_sizes)))
            meetings = {
                size: grown_meeting(app, board, size, days=10 + i)
                for i, size in enumerate(settings.load_sizes)
            }
            loading = time_loading(app, meetings, settings.load_repeats)
            say(f"where the time goes: the last {settings.profiled} of {settings.commands}")
            times = time_stages(
                flask_app, token, open_meeting(app, board, days=3), board.people, settings.profiled
            )
            profile = profile_commands(
                flask_app,
                token,
                open_meeting(app, board, days=4),
                board.people,
                settings.profiled,
                args.profile_out,
            )
        finally:
            app.close()
    return Live(settings, http, loading, times, profile)


def run_decade(
    settings: MillionSettings, args: argparse.Namespace, say: Callable[[str], None]
) -> Decade:
    """Scenarios 4 and 5, on copies of the cached decade in a temporary directory."""
    say(f"the decade's log: {settings.years} years of the county (bench/generate.py)")
    log = ensure(settings.years, force=args.regenerate)
    if log.reused:
        say(f"reused {Path(log.path).name}: {log.events:,} events (generated in {log.seconds} s)")
    if settings is FULL_MILLION and log.events < MILLION:
        say(f"warning: the log holds only {log.events:,} events, fewer than {MILLION:,}")
    decade = Decade(settings)
    with tempfile.TemporaryDirectory(prefix="meetings-bench-decade-") as tmp:
        decade.rebuild, app = time_rebuild(log, Path(tmp) / "rebuild.sqlite3", say)
        try:
            decade.tracker = time_tracker(app, log, Path(tmp) / "tracker.sqlite3", settings, say)
            say(f"scenario 4 again under cProfile: the first {settings.profiled:,} events")
            decade.rebuild.profile = profile_rebuild(app, settings.profiled)
        finally:
            app.close()
    return decade


if __name__ == "__main__":
    sys.exit(main())
