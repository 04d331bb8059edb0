"""The clerk's console against the floor: a tap on the recording screen (one attendance
through the page's own endpoint, as record.js sends it: a signed-in session, a CSRF token,
a fresh Idempotency-Key) interleaved with bare inserts; and a roll call of 22 people in one
`POST /roll-call` against 22 single `POST /attendance`.

    python -m bench.console            # prints its section of bench/RESULTS.md
    python -m bench.console --quick
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from uuid import UUID, uuid4

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    Board,
    Spread,
    X,
    ms,
    open_meeting,
    post_floor,
    ratio,
    served,
    set_up_board,
    verdict,
)
from bench.floor_app import create_floor_app  # noqa: E402
from meetings.application import MeetingsApplication  # noqa: E402
from meetings.domain.values import Role  # noqa: E402
from meetings.infrastructure.settings import environment_for  # noqa: E402
from meetings.infrastructure.tokens import SignIns  # noqa: E402
from web import create_app  # noqa: E402

ROLL = 22  # the demo Board: 16 members, 5 advisers, an observer
_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class ConsoleRun:
    taps: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    batch: list[float] = field(default_factory=list)  # one roll-call request of 22
    singles: list[float] = field(default_factory=list)  # 22 attendance requests, in all


def _signed_in(url: str, app: MeetingsApplication, token: str) -> tuple[requests.Session, str]:
    """A browser's session: signed in by a one-time link; the page's CSRF token."""
    who = app.tokens.authenticate(token)
    assert who is not None
    secret = SignIns(app.tokens).create_link(who.id, timedelta(days=1))
    session = requests.Session()
    form = session.get(f"{url}/sign-in/{secret}", timeout=60).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert csrf, "the sign-in page carries no CSRF token"
    answer = session.post(f"{url}/sign-in/{secret}", data={"csrf_token": csrf.group(1)}, timeout=60)
    answer.raise_for_status()
    return session, csrf.group(1)


def _tap(session: requests.Session, url: str, csrf: str, meeting: UUID, person: UUID) -> None:
    answer = session.post(
        f"{url}/console/meetings/{meeting}/record/attend",
        data={
            "csrf_token": csrf,
            "idempotency_key": uuid4().hex,
            "form_id": f"attend-{person}",
            "person_id": str(person),
            "status": "present",
            "capacity": "member",
        },
        headers={"X-Requested-With": "record.js", "X-CSRFToken": csrf},
        timeout=60,
    )
    if answer.status_code != 200 or not answer.json().get("recorded"):
        raise SystemExit(f"the console answered {answer.status_code}: {answer.text}")


def time_taps(
    app: MeetingsApplication, board: Board, url: str, floor_url: str, token: str, run: ConsoleRun
) -> None:
    session, _ = _signed_in(url, app, token)
    meeting = open_meeting(app, board, days=500 + len(run.taps))
    page = session.get(f"{url}/console/meetings/{meeting}/record", timeout=60).text
    found = _CSRF.search(page)
    assert found, "the recording screen carries no CSRF token"
    csrf = found.group(1)
    floor = requests.Session()
    gc.collect()
    for i, person in enumerate(board.people):
        for which in ("tap", "floor") if i % 2 == 0 else ("floor", "tap"):
            started = time.perf_counter()
            if which == "tap":
                _tap(session, url, csrf, meeting, person)
                run.taps.append(time.perf_counter() - started)
            else:
                post_floor(floor, floor_url, person)
                run.floor.append(time.perf_counter() - started)
    session.close()
    floor.close()


def time_roll_calls(
    app: MeetingsApplication, board: Board, url: str, token: str, rounds: int, run: ConsoleRun
) -> None:
    session = requests.Session()
    auth = {"Authorization": f"Bearer {token}"}
    people = board.people[:ROLL]
    entries = [{"person_id": str(p), "status": "present", "capacity": "member"} for p in people]
    for round_ in range(rounds):
        batch_meeting = open_meeting(app, board, days=2000 + 2 * round_)
        single_meeting = open_meeting(app, board, days=2001 + 2 * round_)
        started = time.perf_counter()
        answer = session.post(
            f"{url}/api/v1/meetings/{batch_meeting}/roll-call",
            json={"entries": entries},
            headers=auth,
            timeout=60,
        )
        run.batch.append(time.perf_counter() - started)
        if answer.status_code != 201:
            raise SystemExit(f"the roll call answered {answer.status_code}: {answer.text}")
        started = time.perf_counter()
        for entry in entries:
            one = session.post(
                f"{url}/api/v1/meetings/{single_meeting}/attendance",
                json=entry,
                headers=auth,
                timeout=60,
            )
            if one.status_code != 201:
                raise SystemExit(f"attendance answered {one.status_code}: {one.text}")
        run.singles.append(time.perf_counter() - started)
    session.close()


def measure(taps: int = 300, rounds: int = 20) -> ConsoleRun:
    """Both measurements, on a fresh SQLite store served by waitress beside the floor."""
    run = ConsoleRun()
    with tempfile.TemporaryDirectory(prefix="meetings-bench-console-") as tmp:
        app = MeetingsApplication(environment_for(f"sqlite:///{tmp}/bench.sqlite3"))
        try:
            board = set_up_board(app, max(taps, ROLL))
            token = app.tokens.create(Role.CLERK, "Bench Clerk", [board.body_id])[1]
            floor_app = create_floor_app(f"{tmp}/floor.sqlite3")
            with served(create_app(app), "console") as url, served(floor_app, "floor") as floor:
                warm = ConsoleRun()
                time_taps(app, Board(board.body_id, board.people[:20]), url, floor, token, warm)
                time_taps(app, board, url, floor, token, run)
                time_roll_calls(app, board, url, token, rounds, run)
        finally:
            app.close()
    return run


def section(run: ConsoleRun) -> list[str]:
    taps, floor = Spread.of(run.taps), Spread.of(run.floor)
    batch, singles = statistics.median(run.batch), statistics.median(run.singles)
    return [
        "## The clerk's console",
        "",
        f"A tap on the recording screen: {len(run.taps)} attendances, each a form POST to"
        " `/console/meetings/{id}/record/attend` as record.js sends it (session cookie, CSRF"
        " token, a fresh Idempotency-Key, JSON answer), alternating one for one with the"
        " floor's bare insert, SQLite, one keep-alive session each. Milliseconds, nearest-rank.",
        "",
        "| | p50 | p90 | p99 |",
        "|---|--:|--:|--:|",
        f"| console tap | {ms(taps.p50)} | {ms(taps.p90)} | {ms(taps.p99)} |",
        f"| floor | {ms(floor.p50)} | {ms(floor.p90)} | {ms(floor.p99)} |",
        f"| ratio | {ratio(taps.p50, floor.p50)} | {ratio(taps.p90, floor.p90)}"
        f" | {ratio(taps.p99, floor.p99)} |",
        "",
        f"A roll call of {ROLL}: one `POST /api/v1/meetings/{{id}}/roll-call` against {ROLL}"
        f" single `POST /attendance`, each into a freshly opened meeting; median of"
        f" {len(run.batch)} rounds: **{ms(batch)} ms** in one request against"
        f" **{ms(singles)} ms** for {ROLL} ({singles / batch:.1f}{X} faster).",
        "",
    ]


def target_rows(run: ConsoleRun) -> list[str]:
    taps, floor = Spread.of(run.taps), Spread.of(run.floor)
    met = taps.p50 <= 2 * floor.p50 and taps.p99 <= 3 * floor.p99
    return [
        f"| console tap against the floor, SQLite: p50 ≤ 2{X}, p99 ≤ 3{X}"
        f" | p50 {ratio(taps.p50, floor.p50)}, p99 {ratio(taps.p99, floor.p99)}"
        f" | {verdict(met)} |"
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.console", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    args = parser.parse_args(argv)
    run = measure(60, 5) if args.quick else measure()
    print("\n".join(["| target | measured | verdict |", "|---|---|---|", *target_rows(run)]))
    print()
    print("\n".join(section(run)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
