"""Benchmarks of the record, each side by side with a floor, in one run.

    python -m bench.run                 # the full run (about 6 minutes on 2 cores)
    python -m bench.run --quick         # a smaller run, for trying things out
    python -m bench.run --skip-million  # only scenarios 1-3 (about 1.5 minutes)
    python -m bench.run --million-only  # only scenarios 4-7
    python -m bench.run --postgres-url postgresql://postgres@127.0.0.1:5432/postgres
    python -m bench.run --skip-postgres # scenarios 1-2 on SQLite only

Scenarios (bench/README.md says what each measures and how to read the results):

1. Recording attendance over HTTP: 300 `POST /api/v1/meetings/{id}/attendance` into one
   open meeting, interleaved one for one with POSTs to the floor (bench/floor_app.py), both
   served by waitress with 8 threads on localhost; p50/p90/p99 and the ratios real/floor.
   On SQLite, then on PostgreSQL (bench/postgres.py: a fresh schema, `meetings project`
   running; the floor a bare Flask + psycopg insert).
2. The same with 8 concurrent clients on 8 meetings (bench/concurrent.py): throughput and
   latency against the floor with 8 clients; SQLite and PostgreSQL.
3. Loading a meeting of 20 to 2,000 events, cold (not in the live-record cache) and warm,
   beside Repository.get, a full replay and the raw rows. Then where a command's time goes.
4. Rebuilding every read model from a decade of a county's activity, over a million events
   (bench/generate.py, cached in bench/out/), beside reading and decoding the same log; the
   first rebuild also builds the hash chain, a second one shows what that cost.
5. The action tracker and the as-at membership of the big body on that decade, each beside
   the same request on a fresh store of only what it reads (bench/memberships.py).
6. Verifying the hash chain over the whole log, beside plain SHA-256 of the same stored
   bytes (bench/chain.py).
7. The server's peak memory (`meetings serve` in a subprocess) after scenario 5's queries
   and a whole-log verification (bench/memory.py).

Everything is written to bench/RESULTS.md (or --out).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import json
import os
import platform
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import Repository
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(ROOT))

from bench import chain, concurrent, console, history, memberships, memory, public  # noqa: E402
from bench.common import (  # noqa: E402
    THREADS,
    Board,
    HttpRun,
    Spread,
    X,
    ms,
    nth_worst,
    open_meeting,
    percentile,
    ratio,
    record_over_http,
    served,
    set_up_board,
    verdict,
)
from bench.floor_app import create_floor_app  # noqa: E402
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
from bench.postgres import PostgresLive, run_postgres  # noqa: E402
from meetings.application import MeetingsApplication  # noqa: E402
from meetings.domain.errors import AttendanceRuleError  # noqa: E402
from meetings.domain.meeting import Meeting  # noqa: E402
from meetings.domain.values import Role  # noqa: E402
from meetings.infrastructure.settings import environment_for  # noqa: E402
from web import create_app  # noqa: E402

EXECUTE = "<method 'execute' of 'sqlite3.Cursor' objects>"  # as cProfile names built-ins
COMMIT = "<method 'commit' of 'sqlite3.Connection' objects>"
TARGET_P50 = 2.0
TARGET_P99 = 3.0


@dataclass(frozen=True)
class Settings:
    commands: int  # attendance commands into one meeting (one per member)
    window: int  # first/last N commands compared for flatness
    warm_up: int  # requests to each server before measuring
    load_sizes: tuple[int, ...]  # meeting sizes (events) for the loading scenario
    load_repeats: int
    profiled: int  # the last N commands of the profile meeting run under cProfile
    rounds: int  # scenario 1 is repeated on fresh meetings and the samples pooled
    per_client: int  # scenario 2: commands of each of the 8 concurrent clients
    concurrent_rounds: int


FULL = Settings(
    commands=300,
    window=50,
    warm_up=20,
    load_sizes=(20, 99, 599, 1999),
    load_repeats=30,
    profiled=100,
    rounds=3,
    per_client=100,
    concurrent_rounds=2,
)
QUICK = Settings(
    commands=100,
    window=25,
    warm_up=10,
    load_sizes=(20, 199),
    load_repeats=10,
    profiled=30,
    rounds=1,
    per_client=30,
    concurrent_rounds=1,
)


# Figures ------------------------------------------------------------------------------


def count(per_command: float) -> str:
    """Calls per command: one decimal, two when it happens less than once a command."""
    return f"{per_command:.2f}" if 0 < per_command < 1 else f"{per_command:.1f}"


# Setting up the record ----------------------------------------------------------------


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
    notes = wanted - arrivals - departures
    if notes > 0:  # then one agenda item (an event) and notes on it, to reach the size
        item = str(uuid4())
        steps.append(lambda m: m.add_item(item, "Any other business", "discussion", None, False,
                                          None, [], None))  # fmt: skip
        steps += [
            (lambda m, i=i: m.record_note(str(uuid4()), item, f"Note {i}: " + "x" * 200))
            for i in range(notes - 1)
        ]
    for start in range(0, len(steps), 10):
        for step in steps[start : start + 10]:
            step(meeting)
        app.save(meeting)
    return meeting_id


# Scenario 1: recording attendance over HTTP -------------------------------------------


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
    cold: list[float] = field(default_factory=list)  # app._get, not in the live cache
    warm: list[float] = field(default_factory=list)  # app._get, in the live cache
    full_replay: list[float] = field(default_factory=list)
    raw_rows: list[float] = field(default_factory=list)
    snapshot_only: list[float] = field(default_factory=list)  # its latest snapshot, decoded
    tap_rules: list[float] = field(default_factory=list)  # a tap's rules, just loaded cold
    every_entry: list[float] = field(default_factory=list)  # every entry read, the same


def time_loading(
    app: MeetingsApplication, meetings: dict[int, UUID], repeats: int, person: UUID
) -> list[LoadRow]:
    """Time loading each meeting (interleaved across sizes, so noise hits all alike);
    `person` is the one a tap names (they arrived at every meeting, and left the long ones)."""
    replay = Repository(app.repository.event_store)  # the same log, no snapshot store
    recorder: Any = app.recorder
    assert app.snapshots is not None
    snapshot_recorder: Any = app.snapshots.recorder
    rows = {}

    def snapshot_only(meeting_id: UUID) -> Any:
        """The latest snapshot read and decoded into a meeting, nothing replayed after it."""
        latest = snapshot_recorder.select_events(meeting_id, desc=True, limit=1)
        return app.snapshots.mapper.to_domain_event(latest[0]).mutate(None) if latest else None

    def cold(meeting_id: UUID) -> Any:
        with app._live_lock:
            app._live.pop(meeting_id, None)  # as a fresh process finds it (about 1 µs)
        return app._get(Meeting, "meeting", meeting_id)

    def tap_rules(meeting: Meeting) -> None:
        """What a tap's command reads of the meeting: the person's standing."""
        with contextlib.suppress(AttendanceRuleError):  # still here in the short ones
            meeting.check_attendance(
                person, "present", "member", None, False, is_member=True, is_named_substitute=False
            )

    def every_entry(meeting: Meeting) -> None:
        """What a view of the whole record reads of the meeting: every entry."""
        assert len(list(meeting.entries.values())) > 0

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
                (row.cold, lambda m=meeting_id: cold(m)),
                (row.warm, lambda m=meeting_id: app._get(Meeting, "meeting", m)),
                (row.full_replay, lambda m=meeting_id: replay.get(m)),
                (row.raw_rows, lambda m=meeting_id: recorder.select_events(m)),
                (row.snapshot_only, lambda m=meeting_id: snapshot_only(m)),
            ):
                started = time.perf_counter()
                load()
                samples.append(time.perf_counter() - started)
            for samples, read in ((row.tap_rules, tap_rules), (row.every_entry, every_entry)):
                loaded = cold(meeting_id)  # not timed: what is read after it is
                started = time.perf_counter()
                read(loaded)
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

        from meetings.application.attempts import CommandAttempts
        from meetings.application.machinery import CoreApplication
        from meetings.application.session import SessionUseCases
        from meetings.infrastructure.tokens import TokenStore
        from projections import structure
        from projections.projector import Projector

        targets: list[tuple[Any, str, Callable[[tuple[Any, ...]], str]]] = [
            (TokenStore, "authenticate", lambda a: "token lookup (TokenStore.authenticate)"),
            (SessionUseCases, "record_attendance", lambda a: "use case record_attendance"),
            (CommandAttempts, "_get", lambda a: f"load a {a[2] if len(a) > 2 else '?'} (_get)"),
            (CommandAttempts, "_kept", lambda a: "the meeting kept in memory (_kept)"),
            (SessionUseCases, "_attendance_facts", lambda a: "attendance facts (read model)"),
            (CoreApplication, "_projected", lambda a: "read models caught up before reading"),
            (structure, "seated_members", lambda a: "seated_members query"),
            (Application, "save", lambda a: "eventsourcing Application.save"),
            (Projector, "catch_up", lambda a: "projector.catch_up (every call)"),
            (CoreApplication, "take_snapshot", lambda a: "take_snapshot"),
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

    from meetings.application.machinery import CoreApplication
    from meetings.application.session import SessionUseCases
    from projections import structure
    from projections.projector import Projector
    from web import auth

    return [
        Stage(label, _key(function))
        for label, function in [
            ("the Flask app, all told", Flask.wsgi_app),
            ("token lookup (auth._identify)", auth._identify),
            ("request parsing (webargs Parser.parse)", Parser.parse),
            ("use case record_attendance", SessionUseCases.record_attendance),
            ("  aggregate loads (Repository.get)", Repository.get),
            ("    replaying events (project_aggregate)", project_aggregate),
            ("  attendance facts (_attendance_facts)", SessionUseCases._attendance_facts),
            ("    seated_members query", structure.seated_members),
            ("  load-check-save (_update)", CoreApplication._update),
            ("    meeting rules (Meeting.check_attendance)", Meeting.check_attendance),
            ("    save (eventsourcing Application.save)", Application.save),
            ("      take_snapshot", CoreApplication.take_snapshot),
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


def _load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


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


@dataclass
class Live:
    """What scenarios 1-3 measured."""

    settings: Settings
    http: list[HttpRun]
    loading: list[LoadRow]
    times: StageTimes
    profile: Profile
    concurrent: concurrent.Concurrent | None = None
    postgres: PostgresLive | None = None
    postgres_skipped: str = ""  # why PostgreSQL was not measured
    console: console.ConsoleRun | None = None  # the clerk's console (bench/console.py)
    public: public.Public | None = None  # public reads (bench/public.py)


@dataclass
class Decade:
    """What scenarios 4 and 5 measured (either may be missing)."""

    settings: MillionSettings
    rebuild: Rebuild | None = None
    tracker: Tracker | None = None
    memberships: memberships.Memberships | None = None
    verify: chain.Verify | None = None
    memory: memory.Memory | None = None
    public: public.OnDecade | None = None


def write_results(
    out: Path, quick: bool, seconds: float, live: Live | None, decade: Decade | None
) -> list[str]:
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
        f"- Load average (1, 5, 15 min) when written: {_load_average()}; the machine is shared,"
        f" so every ratio here is of two sides measured under the same load",
    ]
    if live is not None:
        lines.append(
            f"- Servers: waitress, threads={THREADS}, real app and floor both in the benchmark's"
            " process on localhost; scenario 1's client: one keep-alive `requests.Session`,"
            " sequential, real and floor alternating; scenario 2's: 8 client threads."
        )
    targets, sections = [], []
    if live is not None:
        live_targets, live_lines = live_sections(live)
        targets += live_targets
        sections += live_lines
        if live.console is not None:
            targets += console.target_rows(live.console)
            sections += console.section(live.console)
        if live.public is not None:
            targets += public.target_rows(live.public)
            sections += public.section(live.public)
    else:
        sections += ["## 1-3. The live meeting", "", "Not run (`--million-only`).", ""]
    if decade is not None:
        targets += target_rows(decade.rebuild, decade.tracker)
        if decade.rebuild is not None:
            sections += rebuild_section(decade.rebuild)
        if decade.tracker is not None:
            sections += tracker_section(decade.tracker, decade.settings)
        if decade.memberships is not None:
            targets.append(memberships.target_row(decade.memberships))
            sections += memberships.section(decade.memberships)
        if decade.verify is not None:
            targets.append(chain.target_row(decade.verify))
            sections += chain.section(decade.verify)
        if decade.memory is not None:
            targets.append(memory.target_row(decade.memory))
            sections += memory.section(decade.memory)
        if decade.public is not None:
            targets += public.decade_target_rows(decade.public)
            sections += public.decade_section(decade.public)
    else:
        sections += ["## 4-7. The decade's log", "", "Not run (`--skip-million`).", ""]
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [*targets, "", *sections, *history.LINES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return targets


def http_sections(
    backend: str, floor_name: str, http: list[HttpRun], settings: Settings, heading: str
) -> tuple[list[str], list[str], Spread, Spread]:
    """Scenario 1's targets and table for one backend."""
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
        f"| {backend}: attendance p50 within {TARGET_P50:g}{X} of the floor ({floor_name}),"
        f" at {at} | {ratio(real.p50, floor.p50)} | {verdict(p50_ratio <= TARGET_P50)} |",
        f"| {backend}: attendance p99 within {TARGET_P99:g}{X} of the floor, the same"
        f" | {ratio(real.p99, floor.p99)} | {verdict(p99_ratio <= TARGET_P99)} |",
    ]
    lines = [
        heading,
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
        f" {w * rounds} samples is the {nth_worst(w * rounds)}, so read it as a hint.",
        "",
    ]
    return targets, lines, real, floor


#: Issue 15: a meeting of 2,000 events loads cold in at most this times a 20-event one.
TARGET_LOADING = 2.0


def loading_target(loading: list[LoadRow]) -> str:
    smallest, largest = loading[0], loading[-1]
    times = statistics.median(largest.cold) / statistics.median(smallest.cold)
    return (
        f"| loading a meeting of {largest.events:,} events cold within {TARGET_LOADING:g}{X}"
        f" a meeting of {smallest.events} events | {times:.2f}{X} |"
        f" {verdict(times <= TARGET_LOADING)} |"
    )


def loading_section(settings: Settings, loading: list[LoadRow]) -> list[str]:
    lines = [
        "## 3. Loading a meeting",
        "",
        "Milliseconds per load, median (p90) of "
        f"{settings.load_repeats} loads, interleaved across sizes. Snapshots are taken every"
        " 50 events, and each size but the smallest is the worst case for them: 49 events to"
        " replay after the latest snapshot. *Cold* is what a command's load costs in a"
        " process that does not hold the meeting in memory yet (a fresh process, or one whose"
        " live-record cache let it go): `app._get`, the latest snapshot decoded, the events"
        " after it replayed, and a fork kept for the next command. *Warm* is the same call"
        " with the meeting in the live-record cache (a fork of the kept state, and a read of"
        " any newer events). *Repository.get* is eventsourcing's load with snapshots, *full"
        " replay* the same log through a repository without the snapshot store; *raw rows*"
        " reads the meeting's stored events without decoding them; *its snapshot alone* reads"
        " the latest snapshot and decodes it into a meeting, replaying nothing after it. The"
        " loads of the different meetings alternate, so a load mostly finds its snapshot's"
        " pages pushed out of SQLite's page cache by the others' reads, and reads them from"
        " the operating system: the larger the snapshot, the longer. A"
        " snapshot packs the entries and a load decodes them only when read, so two more"
        " columns say what reading then costs, on a meeting just loaded cold (the load not"
        " timed): *a tap's rules* are the attendance rules for one person (who arrived, and"
        " left the long meetings); *every entry* is every entry read, as a view of the whole"
        " record does.",
        "",
        "| events | latest snapshot at | snapshot size | cold | cold vs smallest | warm"
        " | warm vs smallest | Repository.get | full replay | raw rows | its snapshot alone"
        " | then a tap's rules | then every entry |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    med = statistics.median
    cold0, warm0 = med(loading[0].cold), med(loading[0].warm)
    for row in loading:
        cold, warm = med(row.cold), med(row.warm)
        lines.append(
            f"| {row.events} | {row.snapshot_version or '-'} | {row.snapshot_bytes / 1024:.0f} KiB"
            f" | {ms(cold)} ({ms(percentile(row.cold, 90))}) | {ratio(cold, cold0)}"
            f" | {ms(warm)} ({ms(percentile(row.warm, 90))}) | {ratio(warm, warm0)}"
            f" | {ms(med(row.with_snapshots))}"
            f" | {ms(med(row.full_replay))}"
            f" | {ms(med(row.raw_rows))}"
            f" | {ms(med(row.snapshot_only)) if row.snapshot_version else '-'}"
            f" | {ms(med(row.tap_rules))} | {ms(med(row.every_entry))} |"
        )
    big, small = loading[-1], loading[0]
    lines += [
        "",
        f"Loading the {big.events}-event meeting cold takes {ratio(med(big.cold), cold0)} the"
        f" time of the {small.events}-event one, warm {ratio(med(big.warm), warm0)}, and by"
        f" full replay {ratio(med(big.full_replay), med(small.full_replay))}. Snapshots bound"
        " the events replayed (at most 49), and a snapshot packs the entries (each person's"
        " attendance and departures apart, the rest in a few parts, compressed) so that a load"
        " reads them as a few strings and decodes a part only when something reads it:"
        f" {_snapshot_share(loading)}",
        "",
    ]
    return lines


def _snapshot_share(loading: list[LoadRow]) -> str:
    """How much of the largest meeting's cold load is its snapshot, and what is left."""
    small, big = loading[0], loading[-1]
    if not big.snapshot_version:
        return "this run's largest meeting has no snapshot."
    med = statistics.median
    alone, cold = med(big.snapshot_only), med(big.cold)
    # The smallest meeting with a snapshot replays as many events after it as the largest.
    alike = next(row for row in loading if row.snapshot_version)
    compared = (
        f": the {alike.events}-event meeting, with {alike.events - (alike.snapshot_version or 0)}"
        f" events after its snapshot, loads cold in {ms(med(alike.cold))}, and the"
        f" {big.events}-event one takes {ratio(cold, med(alike.cold))} that"
        if alike is not big
        else ""
    )
    return (
        f"reading and decoding its latest snapshot alone ({big.snapshot_bytes / 1024:.0f} KiB)"
        f" takes {ms(alone)} of the {ms(cold)}. The rest is mostly replaying the"
        f" {big.events - big.snapshot_version} events after the snapshot, against the"
        f" {small.events} the smallest meeting replays from its start{compared}."
        " A tap's rules on the meeting just loaded add"
        f" {ms(med(big.tap_rules))} (they decode one person's part); a view that reads"
        f" every entry adds {ms(med(big.every_entry))}, once: what it decodes is kept with"
        " the meeting in memory for every later read."
    )


def live_sections(live: Live) -> tuple[list[str], list[str]]:
    """The targets and the sections of scenarios 1-3 (and the profile)."""
    settings, times, profile = live.settings, live.times, live.profile
    n = settings.commands
    targets, lines, real, floor = http_sections(
        "SQLite", "a bare Flask + SQLite insert", live.http, settings,
        f"## 1. Recording attendance over HTTP ({n} commands into one meeting), SQLite",
    )  # fmt: skip
    p50_ratio, p99_ratio = real.p50 / floor.p50, real.p99 / floor.p99
    pg = live.postgres
    if pg is not None:
        where = "given by `--postgres-url`" if pg.url_given else "started for this run"
        pg_targets, pg_lines, _, _ = http_sections(
            "PostgreSQL", "a bare Flask + psycopg insert", pg.http, settings,
            f"### The same on PostgreSQL {pg.server_version}",
        )  # fmt: skip
        targets += pg_targets
        note = [
            f"The server was {where}. The real app runs on a fresh schema with `meetings"
            " project` in a subprocess (as production runs it), so every command that reads"
            " the membership read model first waits for the worker to reach the log's end;"
            " the floor inserts into a table of another fresh schema, one psycopg connection"
            " per server thread.",
            "",
        ]
        lines += [*pg_lines[:2], *note, *pg_lines[2:]]
    elif live.postgres_skipped:
        lines += ["### The same on PostgreSQL", "", live.postgres_skipped, ""]
    runs = [r for r in (live.concurrent, pg.concurrent if pg else None) if r is not None]
    if runs:
        targets += concurrent.target_rows(runs)
        lines += concurrent.section(runs)
    targets.append(loading_target(live.loading))
    lines += loading_section(settings, live.loading)
    lines += stage_section(times, n, floor.p50)
    lines += profile_section(profile, n)
    lines += cost_note(times, profile, p50_ratio, p99_ratio, real.p50 - floor.p50)
    return targets, lines


#: The request, split into parts that do not overlap (the rest is everything else).
PARTS = [
    ("token lookup", ["token lookup (TokenStore.authenticate)"]),
    ("loading the meeting", ["load a meeting (_get)", "the meeting kept in memory (_kept)"]),
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
        "--skip-million", action="store_true", help="skip scenarios 4-7 (the decade's log)"
    )
    which.add_argument("--million-only", action="store_true", help="run only scenarios 4-7")
    parser.add_argument(
        "--regenerate", action="store_true", help="generate the decade's log even if cached"
    )
    pg = parser.add_mutually_exclusive_group()
    pg.add_argument(
        "--postgres-url",
        help="a PostgreSQL server for scenarios 1-2 (postgresql://user@host:port/db); without"
        " it a throwaway one is started with scripts/pg-test-server and stopped after",
    )
    pg.add_argument("--skip-postgres", action="store_true", help="scenarios 1-2 on SQLite only")
    args = parser.parse_args(argv)
    began = time.perf_counter()

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s] {message}", file=sys.stderr, flush=True)

    live = None if args.million_only else run_live(QUICK if args.quick else FULL, args, say)
    decade = None
    if not args.skip_million:
        decade = run_decade(QUICK_MILLION if args.quick else FULL_MILLION, args, say)
    targets = write_results(args.out, args.quick, time.perf_counter() - began, live, decade)
    for line in targets:
        say(line.strip("| ").replace(" | ", ": ", 1).replace(" | ", ", ").replace("**", ""))
    say(f"wrote {args.out}")
    return 0


def run_live(settings: Settings, args: argparse.Namespace, say: Callable[[str], None]) -> Live:
    """Scenarios 1-3, on a fresh store in a temporary directory; then 1-2 on PostgreSQL."""
    with tempfile.TemporaryDirectory(prefix="meetings-bench-") as tmp:
        app = MeetingsApplication(environment_for(f"sqlite:///{tmp}/bench.sqlite3"))
        try:
            say(f"setting up a board of {settings.commands} members")
            board = set_up_board(app, settings.commands)
            _, token = app.tokens.create(Role.ADMIN, "bench")
            warm_meeting = open_meeting(app, board, days=1)
            flask_app = create_app(app)
            floor_app = create_floor_app(f"{tmp}/floor.sqlite3")
            days = iter(range(1000, 10_000))
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
                say(
                    f"scenario 2: 8 concurrent clients x {settings.per_client} commands,"
                    f" {settings.concurrent_rounds} rounds"
                )
                many = concurrent.time_concurrent(
                    "SQLite", real_url, floor_url, token,
                    lambda: open_meeting(app, board, days=next(days)), board.people,
                    settings.per_client, settings.concurrent_rounds,
                )  # fmt: skip
            say("scenario 3: loading meetings of " + ", ".join(map(str, settings.load_sizes)))
            meetings = {
                size: grown_meeting(app, board, size, days=10 + i)
                for i, size in enumerate(settings.load_sizes)
            }
            loading = time_loading(app, meetings, settings.load_repeats, board.people[0])
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
    live = Live(settings, http, loading, times, profile, many)
    say(f"the console: {settings.commands} taps beside the floor; roll calls of {console.ROLL}")
    live.console = console.measure(settings.commands, settings.rounds * 5)
    live.public = public.measure(
        public.QUICK_PUBLIC if settings is QUICK else public.FULL_PUBLIC, say
    )
    if args.skip_postgres:
        live.postgres_skipped = "Not run (`--skip-postgres`)."
        return live
    try:
        live.postgres = run_postgres(
            args.postgres_url, settings.commands, settings.rounds, settings.warm_up,
            settings.per_client, settings.concurrent_rounds, say,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as error:
        say(f"PostgreSQL not measured: {error}")
        live.postgres_skipped = f"Not run: no PostgreSQL could be had ({error})."
    return live


def run_decade(
    settings: MillionSettings, args: argparse.Namespace, say: Callable[[str], None]
) -> Decade:
    """Scenarios 4-7, on copies of the cached decade in a temporary directory."""
    say(f"the decade's log: {settings.years} years of the county (bench/generate.py)")
    log = ensure(settings.years, force=args.regenerate)
    if log.reused:
        say(f"reused {Path(log.path).name}: {log.events:,} events (generated in {log.seconds} s)")
    if settings is FULL_MILLION and log.events < MILLION:
        say(f"warning: the log holds only {log.events:,} events, fewer than {MILLION:,}")
    decade = Decade(settings)
    with tempfile.TemporaryDirectory(prefix="meetings-bench-decade-") as tmp:
        copy = Path(tmp) / "rebuild.sqlite3"
        decade.rebuild, app = time_rebuild(log, copy, say)
        try:
            decade.tracker = time_tracker(app, log, Path(tmp) / "tracker.sqlite3", settings, say)
            decade.memberships = memberships.time_memberships(
                app, log, Path(tmp) / "memberships.sqlite3", settings.requests,
                settings.warm_up, say,
            )  # fmt: skip
            decade.verify = chain.time_verify(app, say)
            _, token = app.tokens.create(Role.ADMIN, "bench memory")
            urls = [q.url for q in decade.tracker.queries]
            urls += [q.url for q in decade.memberships.queries]
            decade.memory = memory.time_memory(
                copy, token, urls, settings.requests // 4, log.events, say
            )
            quick = settings is QUICK_MILLION
            decade.public = public.on_decade(
                app, public.QUICK_PUBLIC if quick else public.FULL_PUBLIC, say
            )
            say(f"scenario 4 again under cProfile: the first {settings.profiled:,} events")
            decade.rebuild.profile = profile_rebuild(app, settings.profiled)
        finally:
            app.close()
    return decade


if __name__ == "__main__":
    sys.exit(main())
