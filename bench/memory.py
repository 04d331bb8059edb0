"""Scenario 7: the server's memory after the million-event scenarios. `meetings serve`
(waitress, 8 threads, one process) is started in a subprocess on the rebuilt decade;
scenario 5's queries are sent to it over HTTP, then a whole-log verification
(`GET /api/v1/audit/verify`); its VmRSS and VmHWM (peak) are read from
/proc/<pid>/status after each step."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.common import stop

ROOT = Path(__file__).resolve().parent.parent


def status_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process in KiB (empty where /proc does not tell)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {
        line.split(":")[0]: int(line.split()[1])
        for line in lines
        if line.startswith(("VmRSS:", "VmHWM:"))
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(database: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = _free_port()
    env = {**os.environ, "MEETINGS_DATABASE_URL": f"sqlite:///{database}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "meetings.cli", "serve", "--port", str(port), "--threads", "8"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"`meetings serve` exited with {server.returncode}")
            try:
                requests.get(f"{url}/api/v1/audit/head", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise SystemExit("`meetings serve` did not answer within 60 s") from None
                time.sleep(0.2)
        yield server, url
    finally:
        stop(server)


@dataclass
class Memory:
    steps: list[tuple[str, int, int, float]] = field(default_factory=list)  # KiB, KiB, s
    events: int = 0


def time_memory(
    database: Path,
    token: str,
    urls: Sequence[str],
    repeats: int,
    events: int,
    say: Callable[[str], None],
) -> Memory:
    memory = Memory(events=events)
    auth = {"Authorization": f"Bearer {token}"}
    say("scenario 7: `meetings serve` on the rebuilt decade, in a subprocess")
    with serving(database) as (server, url), requests.Session() as session:

        def step(label: str, run: Callable[[], None]) -> None:
            began = time.perf_counter()
            run()
            seconds = time.perf_counter() - began
            s = status_of(server.pid)
            memory.steps.append((label, s.get("VmRSS", 0), s.get("VmHWM", 0), seconds))

        def get(path: str) -> None:
            answer = session.get(f"{url}{path}", headers=auth, timeout=300)
            if answer.status_code != 200:
                raise SystemExit(f"GET {path}: {answer.status_code} {answer.text[:200]}")

        step("started, one request answered", lambda: get("/api/v1/audit/head"))
        say(f"scenario 7: scenario 5's queries, {repeats} times each")
        step(
            f"scenario 5's {len(urls)} queries, {repeats} times each",
            lambda: [get(u) for _ in range(repeats) for u in urls] and None,
        )
        say("scenario 7: GET /api/v1/audit/verify (the whole log)")
        step("GET /api/v1/audit/verify (the whole log)", lambda: get("/api/v1/audit/verify"))
    return memory


def section(m: Memory) -> list[str]:
    lines = [
        "## 7. Memory of the server after the million-event scenarios",
        "",
        "`meetings serve` (waitress, 8 threads, one process) in a subprocess on the rebuilt"
        f" decade ({m.events:,} events), read from `/proc/<pid>/status` after each step:"
        " VmRSS (resident now) and VmHWM (the peak so far). Not the benchmark's own process.",
        "",
        "| after | seconds | resident | peak |",
        "|---|--:|--:|--:|",
    ]
    for label, rss, hwm, seconds in m.steps:
        lines.append(f"| {label} | {seconds:.1f} | {rss / 1024:,.0f} MiB | {hwm / 1024:,.0f} MiB |")
    lines.append("")
    return lines


def target_row(m: Memory) -> str:
    peak = max(hwm for _, _, hwm, _ in m.steps) if m.steps else 0
    return (
        "| peak RSS of `meetings serve` after the million-event queries and a whole-log"
        f" verify (no target set) | {peak / 1024:,.0f} MiB | - |"
    )
