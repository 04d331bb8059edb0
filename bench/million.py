"""Scenarios 4 and 5, on a decade of a county's activity (bench/generate.py, over a million
events): rebuilding every read model from the log, and the action tracker for the body with
5,000 actions. Each beside its floor in the same run; bench/README.md says how to read them.
"""

from __future__ import annotations

import cProfile
import gc
import json
import os
import pstats
import resource
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from bench.common import X, ms, percentile, ratio, verdict
from bench.generate import ROOT, Generated, extract_body_actions
from bench.memory import status_of
from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from projections.actions import find_actions
from projections.projector import BATCH_SIZE, READ_MODELS, Projector
from web import create_app

#: The performance issue's targets.
TARGET_REBUILD = 0.3  # the rebuild's rate, at least this fraction of the floor's
TARGET_TRACKER = 2.0  # the tracker's p50 and p99, within this multiple of the floor's
MILLION = 1_000_000
EXECUTE = "<method 'execute' of 'sqlite3.Cursor' objects>"  # as cProfile names built-ins
COMMIT = "<method 'commit' of 'sqlite3.Connection' objects>"
#: What the tracker is asked, for the big body: (label, query parameters, status filter).
QUERIES: tuple[tuple[str, str], ...] = (
    ("open", "&status=open"),
    ("overdue", "&status=overdue"),
    ("all, page 1", ""),
)


@dataclass(frozen=True)
class MillionSettings:
    years: int  # of the county's activity in the log
    requests: int  # tracker requests per query and database
    warm_up: int  # tracker requests per query and database before measuring
    profiled: int  # events of a second rebuild run under cProfile


FULL_MILLION = MillionSettings(years=10, requests=200, warm_up=20, profiled=200_000)
QUICK_MILLION = MillionSettings(years=1, requests=40, warm_up=5, profiled=30_000)


def _memory() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process in KiB, where /proc tells them."""
    return status_of(os.getpid())


def _reset_peak() -> bool:
    """Start counting the peak RSS afresh (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# Scenario 4: rebuilding every read model -----------------------------------------------------


@dataclass
class Pass:
    """One pass over the whole log."""

    label: str
    seconds: float
    events: int  # looked at
    decoded: int

    @property
    def rate(self) -> float:
        return self.events / self.seconds


@dataclass
class Stage:
    label: str
    calls: int
    seconds: float


@dataclass
class RebuildProfile:
    events: int
    total: float
    stages: list[Stage]
    by_own_time: list[tuple[str, int, float]]


@dataclass
class Rebuild:
    log: Generated
    copy_seconds: float
    floors: list[Pass]  # reading and decoding every event
    handled_floors: list[Pass]  # reading every event, decoding those a read model handles
    rebuild: Pass
    handled: int  # events of a type some read model handles
    rss_before: int | None  # KiB
    rss_peak: int | None  # KiB, the peak during the rebuild (VmHWM after a reset)
    maxrss: int  # KiB, the process's peak so far (getrusage)
    tables: list[tuple[str, int]]
    #: The same rebuild again, now that every event is chained (so without the chain).
    again: Pass | None = None
    chain_links: int = 0
    profile: RebuildProfile | None = None

    @property
    def floor_rate(self) -> float:
        return statistics.mean(p.rate for p in self.floors)

    @property
    def handled_floor_rate(self) -> float:
        return statistics.mean(p.rate for p in self.handled_floors)

    @property
    def ratio(self) -> float:
        return self.rebuild.rate / self.floor_rate


def read_and_decode(app: MeetingsApplication, only: set[str] | None = None) -> Pass:
    """The floor: the projector's reads (`select_notifications`, batches of the same size)
    and the decoding of every event (or only those of the topics in `only`), no projecting."""
    recorder, to_domain_event = app.recorder, app.mapper.to_domain_event
    events = decoded = 0
    start = 1
    gc.collect()
    began = time.perf_counter()
    while True:
        notifications = recorder.select_notifications(start=start, limit=BATCH_SIZE)
        for notification in notifications:
            if only is None or notification.topic in only:
                to_domain_event(notification)
                decoded += 1
        events += len(notifications)
        if len(notifications) < BATCH_SIZE:
            break
        start = notifications[-1].id + 1
    seconds = time.perf_counter() - began
    label = "read and decode every event" if only is None else "decode only handled events"
    return Pass(label, seconds, events, decoded)


def time_rebuild(log: Generated, copy: Path, say: Callable[[str], None]) -> tuple[Rebuild, Any]:
    """On a copy of the log: floor, rebuild, floor again. Returns the application on the
    rebuilt copy too (the tracker scenario reads it)."""
    began = time.perf_counter()
    shutil.copyfile(log.path, copy)
    copy_seconds = time.perf_counter() - began
    _unchain(copy)
    app = MeetingsApplication(environment_for(f"sqlite:///{copy}"))
    projector: Projector = app.projector
    handled_topics = set(projector._topics)  # what some read model handles
    floors, handled_floors = [], []
    say(f"scenario 4: reading and decoding the {log.events:,} events (floor)")
    floors.append(read_and_decode(app))
    handled_floors.append(read_and_decode(app, handled_topics))
    rss_before = _memory().get("VmRSS")
    peak_reset = _reset_peak()
    say("scenario 4: rebuilding every read model (reset, catch_up)")
    gc.collect()
    began = time.perf_counter()
    projector.reset()
    looked_at = projector.catch_up()
    seconds = time.perf_counter() - began
    rss_peak = _memory().get("VmHWM") if peak_reset else None
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    say("scenario 4: the floors again")
    floors.append(read_and_decode(app))
    handled_floors.append(read_and_decode(app, handled_topics))
    say("scenario 4: rebuilding again, the chain already built")
    gc.collect()
    began = time.perf_counter()
    projector.reset()
    projector.catch_up()
    again_seconds = time.perf_counter() - began
    handled = sum(n for topic, n in log.by_topic.items() if topic in handled_topics)
    tables = [
        (table, int(app.db.scalar(f"SELECT COUNT(*) FROM {table}")))
        for model in READ_MODELS
        for table in model.table_names()
    ]
    rebuild = Rebuild(
        log=log,
        copy_seconds=copy_seconds,
        floors=floors,
        handled_floors=handled_floors,
        rebuild=Pass("rebuild every read model", seconds, looked_at, handled),
        handled=handled,
        rss_before=rss_before,
        rss_peak=rss_peak,
        maxrss=maxrss,
        tables=tables,
        again=Pass(
            "rebuild again (every event already chained)", again_seconds, looked_at, handled
        ),
        chain_links=int(app.db.scalar("SELECT COUNT(*) FROM audit_chain")),
    )
    return rebuild, app


def _unchain(path: Path) -> None:
    """Forget the hash chain of a copy, if the generator's inserts built one (on SQLite the
    application chains events as it inserts them), so the first rebuild always builds it:
    what projecting an unchained log costs (a log from before the chain, or one loaded
    without the application)."""
    with sqlite3.connect(path) as conn:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'"
        ).fetchone()
        if exists:
            conn.execute("DELETE FROM audit_chain")
    conn.close()


class _Enough(Exception):
    pass


def profile_rebuild(app: MeetingsApplication, events: int) -> RebuildProfile:
    """Rebuild again from zero under cProfile, stopping after about `events` events."""
    from eventsourcing.persistence import Mapper
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    from meetings.infrastructure.sql import Tx

    projector = app.projector
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done >= events:
            raise _Enough

    projector.reset()
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        projector.catch_up(progress=progress)
    except _Enough:
        pass
    finally:
        profiler.disable()
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    raw = pstats.Stats(profiler).stats  # type: ignore[attr-defined]

    def key(function: Any) -> tuple[str, int, str]:
        if isinstance(function, str):
            return ("~", 0, function)
        code = function.__code__
        return (code.co_filename, code.co_firstlineno, code.co_name)

    def cumulative(*functions: Any) -> Stage:
        stats = [raw[key(f)] for f in functions if key(f) in raw]
        return Stage("", sum(s[1] for s in stats), sum(s[3] for s in stats))

    total = cumulative(Projector.catch_up).seconds
    stages = [
        (
            "reading the log (select_notifications)",
            [SQLiteApplicationRecorder.select_notifications],
        ),
        ("decoding events (Mapper.to_domain_event)", [Mapper.to_domain_event]),
        ("projecting the batches (process_batch)", [Projector.process_batch]),
    ]
    for model in READ_MODELS:
        handlers = {h for hs in model.handlers.values() for h in hs}
        stages.append((f"&nbsp;&nbsp;{model.name} handlers", sorted(handlers, key=key)))
    stages += [
        ("&nbsp;&nbsp;&nbsp;&nbsp;of which Tx.execute", [Tx.execute]),
        ("&nbsp;&nbsp;tracking the position", [Projector._position_in]),
        ("SQLite statements, all (Cursor.execute)", [EXECUTE]),
        ("SQLite commits (Connection.commit)", [COMMIT]),
    ]
    measured = []
    for label, functions in stages:
        stage = cumulative(*functions)
        measured.append(Stage(label, stage.calls, stage.seconds))
    own = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:14]
    return RebuildProfile(
        events=done,
        total=total,
        stages=measured,
        by_own_time=[(where_in_source(k), v[1], v[2]) for k, v in own],
    )


def where_in_source(key: tuple[str, int, str]) -> str:
    file, line, function = key
    if file == "~":
        return function
    parts = Path(file).parts
    for anchor in ("site-packages", ROOT.name):
        if anchor in parts:
            parts = parts[len(parts) - parts[::-1].index(anchor) :]
            break
    else:
        parts = parts[-2:]
    return f"{'/'.join(parts)}:{line} {function}"


# Scenario 5: the tracker -----------------------------------------------------------------------


@dataclass
class Query:
    label: str
    url: str
    status: str | None
    total: int = 0
    same_answer: bool = True
    http_real: list[float] = field(default_factory=list)
    http_floor: list[float] = field(default_factory=list)
    sql_real: list[float] = field(default_factory=list)
    sql_floor: list[float] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)


@dataclass
class Tracker:
    body_id: UUID
    body_name: str
    as_of: date
    statuses: dict[str, int]
    all_actions: int  # every body's
    floor_events: int
    floor_build_seconds: float  # extracting the small log
    floor_rebuild_seconds: float
    queries: list[Query]


def time_tracker(
    app: MeetingsApplication,
    log: Generated,
    floor_path: Path,
    settings: MillionSettings,
    say: Callable[[str], None],
) -> Tracker:
    """GET /api/v1/actions for the big body on the rebuilt decade and on a fresh store of
    only that body's actions, interleaved; then the same query without HTTP."""
    body_id, as_of = UUID(log.big_body_id), log.end_day
    say(f"scenario 5: a fresh store of only the {log.big_body_name}'s actions (floor)")
    began = time.perf_counter()
    floor_events = extract_body_actions(Path(log.path), floor_path, body_id)
    build_seconds = time.perf_counter() - began
    floor_app = MeetingsApplication(environment_for(f"sqlite:///{floor_path}"))
    began = time.perf_counter()
    floor_app.projector.catch_up()
    floor_rebuild_seconds = time.perf_counter() - began
    try:
        statuses = {
            row["status"]: row["n"]
            for row in app.db.all(
                "SELECT status, COUNT(*) AS n FROM rm_actions WHERE body_id = ?"
                " GROUP BY status ORDER BY status",
                (str(body_id),),
            )
        }
        all_actions = int(app.db.scalar("SELECT COUNT(*) FROM rm_actions"))
        clients = []
        for each in (app, floor_app):
            _, token = each.tokens.create(Role.ADMIN, "bench")
            clients.append((create_app(each).test_client(), {"Authorization": f"Bearer {token}"}))
        (real, real_auth), (floor, floor_auth) = clients
        queries = [
            Query(label, f"/api/v1/actions?body_id={body_id}&as_of={as_of}{extra}", status)
            for label, extra in QUERIES
            for status in [extra.partition("=")[2] or None]
        ]
        for query in queries:
            say(f"scenario 5: GET the {query.label} actions, {settings.requests} times each")
            _time_http(query, real, real_auth, floor, floor_auth, settings)
            _time_sql(query, app, floor_app, body_id, as_of, settings.requests)
            query.plan = _plan(app, body_id, query.status, as_of)
    finally:
        floor_app.close()
    return Tracker(
        body_id=body_id,
        body_name=log.big_body_name,
        as_of=as_of,
        statuses=statuses,
        all_actions=all_actions,
        floor_events=floor_events,
        floor_build_seconds=build_seconds,
        floor_rebuild_seconds=floor_rebuild_seconds,
        queries=queries,
    )


def _time_http(
    query: Query, real: Any, real_auth: dict[str, str], floor: Any, floor_auth: dict[str, str],
    settings: MillionSettings,
) -> None:  # fmt: skip
    def get(client: Any, auth: dict[str, str], samples: list[float] | None) -> Any:
        began = time.perf_counter()
        answer = client.get(query.url, headers=auth)
        if samples is not None:
            samples.append(time.perf_counter() - began)
        if answer.status_code != 200:
            raise SystemExit(f"GET {query.url}: {answer.status_code} {answer.get_data(True)}")
        return answer

    first_real, first_floor = get(real, real_auth, None), get(floor, floor_auth, None)
    query.total = json.loads(first_real.headers["X-Pagination"])["total"]
    query.same_answer = first_real.get_json() == first_floor.get_json()
    for _ in range(settings.warm_up):
        get(real, real_auth, None)
        get(floor, floor_auth, None)
    gc.collect()
    for i in range(settings.requests):
        # Alternate which goes first, so neither always follows the other's GC.
        pair = [(real, real_auth, query.http_real), (floor, floor_auth, query.http_floor)]
        for client, auth, samples in pair if i % 2 == 0 else pair[::-1]:
            get(client, auth, samples)


def _time_sql(
    query: Query,
    app: MeetingsApplication,
    floor_app: MeetingsApplication,
    body_id: UUID,
    as_of: date,
    requests: int,
) -> None:
    filters = {"body_id": body_id, "status": query.status}
    pair = [(app, query.sql_real), (floor_app, query.sql_floor)]
    for i in range(requests):
        for each, samples in pair if i % 2 == 0 else pair[::-1]:
            began = time.perf_counter()
            find_actions(each.db, filters, as_of, 1, 100)
            samples.append(time.perf_counter() - began)


def _plan(app: MeetingsApplication, body_id: UUID, status: str | None, as_of: date) -> list[str]:
    """SQLite's plan for the page of rows (the tracker's SELECT, as find_actions builds it)."""
    from projections import actions

    where, params = actions._where({"body_id": body_id, "status": status}, as_of)
    sql = (
        f"EXPLAIN QUERY PLAN SELECT {actions._COLUMNS} {actions._JOINS} {where}"
        " ORDER BY a.due_on, a.description, a.id LIMIT ? OFFSET ?"
    )
    return [row["detail"] for row in app.db.all(sql, [*params, 100, 0])]


# RESULTS.md --------------------------------------------------------------------------------------


def target_rows(rebuild: Rebuild | None, tracker: Tracker | None) -> list[str]:
    rows = []
    if rebuild is not None:
        rows.append(
            f"| rebuild of every read model at least {TARGET_REBUILD:g}{X} the floor's rate"
            f" (reading and decoding the same log) | {rebuild.ratio:.2f}{X}"
            f" | {verdict(rebuild.ratio >= TARGET_REBUILD)} |"
        )
    if tracker is not None:
        for p in (50, 99):
            ratios = [
                percentile(q.http_real, p) / percentile(q.http_floor, p) for q in tracker.queries
            ]
            shown = " / ".join(f"{r:.2f}{X}" for r in ratios)
            labels = " / ".join(q.label for q in tracker.queries)
            rows.append(
                f"| tracker p{p} within {TARGET_TRACKER:g}{X} of the same query on a store of"
                f" only that body's actions ({labels}) | {shown}"
                f" | {verdict(max(ratios) <= TARGET_TRACKER)} |"
            )
    return rows


def _years(n: int) -> str:
    return "one year" if n == 1 else f"{n} years"


def _span(n: int) -> str:
    return "a decade's" if n == 10 else f"{_years(n)}'"


def _kib(kib: int | None) -> str:
    return f"{kib / 1024:,.0f} MiB" if kib is not None else "n/a"


def rebuild_section(r: Rebuild) -> list[str]:
    log = r.log
    where = "reused from bench/out/" if log.reused else "generated in this run"
    short = {topic: topic.rsplit(":", 1)[-1] for topic in log.by_topic}
    top = sorted(log.by_topic.items(), key=lambda kv: kv[1], reverse=True)[:8]
    lines = [
        f"## 4. Rebuilding every read model from {_span(log.years)} log ({log.events:,} events)",
        "",
        f"The log: {_years(log.years)} of a county's partnership ({log.start} to {log.end}):"
        f" {log.bodies} bodies, {log.meetings:,} meetings, {log.actions:,} actions, {log.people:,}"
        f" people; {log.events:,} events, made by `bench/generate.py` (version {log.version},"
        f" seed {log.seed}) in {log.seconds:.0f} s, {log.events / log.seconds:,.0f} events/s"
        f" ({where}, {log.generated_at}). Copying it for this run took {r.copy_seconds:.1f} s.",
        "",
        "The commonest events: "
        + ", ".join(f"{short[t]} {n / log.events:.0%}" for t, n in top)
        + f". {r.handled:,} events ({r.handled / log.events:.0%}) are of a type some read"
        " model handles; the projector does not decode the others.",
        "",
        f"Each pass reads the whole log in batches of {BATCH_SIZE} (`select_notifications`)."
        " The rebuild is `projector.reset()` then `projector.catch_up()`; the floor is the"
        " same reads with `mapper.to_domain_event` for every event and no projecting; the"
        " second floor decodes only the events a read model handles (what the projector"
        " must decode at least). Floors run before and after the rebuild.",
        "",
        "| pass | seconds | events/s | events decoded | vs floor |",
        "|---|--:|--:|--:|--:|",
    ]
    floor = r.floor_rate
    passes = [r.floors[0], r.handled_floors[0], r.rebuild, r.floors[1], r.handled_floors[1]]
    if r.again is not None:
        passes.append(r.again)
    for p in passes:
        lines.append(
            f"| {p.label} | {p.seconds:.1f} | {p.rate:,.0f} | {p.decoded:,}"
            f" | {p.rate / floor:.2f}{X} |"
        )
    lines += [
        "",
        f"The rebuild runs at **{r.ratio:.2f}{X}** the floor's rate (the mean of its two"
        f" passes), and at {r.rebuild.rate / r.handled_floor_rate:.2f}{X} the rate of"
        " decoding only the handled events: what the handlers' SQL adds is the difference."
        f" All told, the rebuild takes {r.rebuild.seconds / r.handled * 1e6:.0f} µs per"
        f" handled event ({r.handled / r.rebuild.seconds:,.0f} handled events/s).",
        "",
    ]
    if r.again is not None:
        cost = r.rebuild.seconds - r.again.seconds
        lines += [
            "The first rebuild of a copy also builds the hash chain"
            f" (meetings/infrastructure/audit/): {r.chain_links:,} links, one per stored event,"
            " hashed and inserted in the"
            " projector's transactions. The last pass rebuilds again with every event"
            f" already chained: {r.again.seconds:.1f} s, {r.again.rate / floor:.2f}{X} the"
            f" floor's rate. So the chain costs about {cost:.1f} s of the first rebuild"
            f" ({cost / r.rebuild.seconds:.0%}; {cost / r.log.events * 1e6:.1f} µs an event).",
            "",
        ]
    lines += [
        f"Memory: {_kib(r.rss_before)} resident before the rebuild, a peak of"
        f" {_kib(r.rss_peak)} during it; the process's peak so far (`getrusage` ru_maxrss)"
        f" was {_kib(r.maxrss)} after it.",
        "",
        "Rows after the rebuild: " + ", ".join(f"{table} {n:,}" for table, n in r.tables) + ".",
        "",
    ]
    if r.profile is not None:
        lines += _profile_lines(r.profile)
    return lines


def _profile_lines(p: RebuildProfile) -> list[str]:
    lines = [
        f"### Where the rebuild's time goes (cProfile, the first {p.events:,} events)",
        "",
        "A second rebuild from zero under cProfile, stopped after that many events. The"
        " profiler inflates code that makes many small calls; take shares, not sizes.",
        f"Profiled: {p.total:.1f} s, {p.total / p.events * 1e6:.0f} µs per event.",
        "",
        "| stage | calls | seconds | share |",
        "|---|--:|--:|--:|",
    ]
    for stage in p.stages:
        lines.append(
            f"| {stage.label} | {stage.calls:,} | {stage.seconds:.2f}"
            f" | {stage.seconds / p.total:.0%} |"
        )
    lines += [
        "",
        "Top functions by own time:",
        "",
        "| function | calls | own seconds | share |",
        "|---|--:|--:|--:|",
    ]
    for where, calls, own in p.by_own_time:
        lines.append(f"| `{where}` | {calls:,} | {own:.2f} | {own / p.total:.0%} |")
    lines.append("")
    return lines


def tracker_section(t: Tracker, settings: MillionSettings) -> list[str]:
    total = sum(t.statuses.values())
    lines = [
        f"## 5. The action tracker for a body with {total:,} actions",
        "",
        f"`GET /api/v1/actions?body_id=<the {t.body_name}>&as_of={t.as_of}` (admin token,"
        " page 1 of 100) through the WSGI app (Flask's test client, no socket), on the"
        f" rebuilt decade ({t.all_actions:,} actions of every body). The body's actions: "
        + ", ".join(f"{status} {n:,}" for status, n in t.statuses.items())
        + ". The floor is the same request on a fresh store holding only that body's actions"
        " and what the query joins (organisations, people, the body, its meetings' agenda"
        f" items): {t.floor_events:,} events copied from the decade's log in"
        f" {t.floor_build_seconds:.1f} s and projected in {t.floor_rebuild_seconds:.1f} s."
        f" Requests alternate between the two, {settings.requests} to each per query after"
        f" {settings.warm_up} to warm up; milliseconds per request, nearest-rank percentiles.",
        "",
        "| query | matching | real p50 | real p99 | floor p50 | floor p99 | ratio p50"
        " | ratio p99 | same answer |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for q in t.queries:
        r50, r99 = percentile(q.http_real, 50), percentile(q.http_real, 99)
        f50, f99 = percentile(q.http_floor, 50), percentile(q.http_floor, 99)
        lines.append(
            f"| {q.label} | {q.total:,} | {ms(r50)} | {ms(r99)} | {ms(f50)} | {ms(f99)}"
            f" | {ratio(r50, f50)} | {ratio(r99, f99)} | {'yes' if q.same_answer else 'NO'} |"
        )
    lines += [
        "",
        "The same query without HTTP (`projections.actions.find_actions`: the count, then"
        " the page of rows), milliseconds:",
        "",
        "| query | real p50 | real p99 | floor p50 | floor p99 | ratio p50 | share of the"
        " request (p50) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for q in t.queries:
        r50, r99 = percentile(q.sql_real, 50), percentile(q.sql_real, 99)
        f50, f99 = percentile(q.sql_floor, 50), percentile(q.sql_floor, 99)
        share = r50 / percentile(q.http_real, 50)
        lines.append(
            f"| {q.label} | {ms(r50)} | {ms(r99)} | {ms(f50)} | {ms(f99)}"
            f" | {ratio(r50, f50)} | {share:.0%} |"
        )
    lines += ["", "SQLite's plan for the page of rows:", ""]
    for q in t.queries:
        lines.append(f"- {q.label}: " + "; ".join(f"`{step}`" for step in q.plan))
    lines.append("")
    return lines
