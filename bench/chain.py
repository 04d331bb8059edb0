"""Scenario 6: verifying the hash chain over the whole decade's log (`app.get_log_verdict()`,
what `meetings verify` and `GET /api/v1/audit/verify` run) against its floor, plain
SHA-256 over the same stored bytes: the same reads of the log (`select_notifications`,
batches of the same size) and `hashlib.sha256(state)` of every event, nothing else."""

from __future__ import annotations

import gc
import hashlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.common import X, verdict
from meetings.application import MeetingsApplication
from meetings.application.audit import BATCH


@dataclass
class Verify:
    events: int
    ok: bool
    seconds: float
    floor_seconds: list[float]  # before and after

    @property
    def rate(self) -> float:
        return self.events / self.seconds

    @property
    def floor_rate(self) -> float:
        return statistics.mean(self.events / s for s in self.floor_seconds)

    @property
    def ratio(self) -> float:
        return self.rate / self.floor_rate


def plain_sha256(app: MeetingsApplication) -> tuple[int, float]:
    """Read every stored event in batches and hash its stored bytes."""
    recorder, sha256 = app.recorder, hashlib.sha256
    events, start = 0, 1
    gc.collect()
    began = time.perf_counter()
    while True:
        batch = recorder.select_notifications(start=start, limit=BATCH)
        for n in batch:
            sha256(n.state).hexdigest()
        events += len(batch)
        if len(batch) < BATCH:
            break
        start = batch[-1].id + 1
    return events, time.perf_counter() - began


def time_verify(app: MeetingsApplication, say: Callable[[str], None]) -> Verify:
    say("scenario 6: plain SHA-256 over the stored events (floor)")
    events, before = plain_sha256(app)
    say("scenario 6: verifying the hash chain (app.get_log_verdict())")
    gc.collect()
    began = time.perf_counter()
    result = app.get_log_verdict()
    seconds = time.perf_counter() - began
    say("scenario 6: the floor again")
    _, after = plain_sha256(app)
    if result.checked != events:
        say(f"warning: verify checked {result.checked:,} events of {events:,}")
    return Verify(events, result.ok, seconds, [before, after])


def section(v: Verify) -> list[str]:
    lines = [
        "## 6. Verifying the hash chain over the decade's log",
        "",
        f"`app.get_log_verdict()` (what `meetings verify` and `GET /api/v1/audit/verify` run) on"
        f" the rebuilt copy: it reads the log and the chain in batches of {BATCH} and"
        " recomputes every link (SHA-256 over the previous hash, position, aggregate id,"
        " version, topic and the stored bytes). The floor reads the same log in the same"
        " batches and takes `hashlib.sha256` of each stored record; it runs before and after.",
        "",
        "| pass | seconds | events/s | vs floor |",
        "|---|--:|--:|--:|",
        _floor_row(v, 0),
        f"| `verify_log()` ({'chain intact' if v.ok else 'CHAIN BROKEN'}) | {v.seconds:.1f}"
        f" | {v.rate:,.0f} | {v.ratio:.2f}{X} |",
        _floor_row(v, 1),
        "",
        f"Verifying runs at **{v.ratio:.2f}{X}** the floor's rate ({v.events:,} events in"
        f" {v.seconds:.1f} s).",
        "",
    ]
    return lines


def _floor_row(v: Verify, i: int) -> str:
    rate = v.events / v.floor_seconds[i]
    return (
        f"| plain SHA-256 of every stored record | {v.floor_seconds[i]:.1f} | {rate:,.0f}"
        f" | {rate / v.floor_rate:.2f}{X} |"
    )


def target_row(v: Verify) -> str:
    return (
        f"| chain verification of the whole log against plain SHA-256 of the same stored"
        f" bytes (no target set) | {v.rate:,.0f} against {v.floor_rate:,.0f} events/s ="
        f" {v.ratio:.2f}{X} | {verdict(v.ok).replace('met', 'intact')} |"
    )
