"""What changed the figures: before/after measurements kept beside each run's results
(RESULTS.md), since a run measures only the code as it is."""

from __future__ import annotations

X = "\N{MULTIPLICATION SIGN}"

LINES = [
    "## Before and after the changes of 2026-11-27",
    "",
    "Measured on this 2-core machine on 2026-11-27 with `python -m bench.run --skip-million"
    " --skip-postgres`, in pairs run back to back: *before* with the three changes below"
    " switched off in the benchmark's process (eventsourcing's `take_snapshot`, no chaining on"
    " insert, the reference check reading the log every time), *after* as committed. The"
    " machine was shared (other test runs), so each row is a range over the pairs.",
    "",
    "| scenario 1 on SQLite (300 commands, 3 rounds pooled) | before | after |",
    "|---|--:|--:|",
    f"| p50 against the floor | 2.13{X}-2.22{X} | 1.78{X}-2.01{X} |",
    f"| p99 against the floor | 1.78{X}-3.49{X} | 2.01{X}-2.40{X} |",
    "| SQLite transactions / statements / commits per command | 9 / 21 / 2 | 6 / 15 / 1 |",
    "| projecting before reads, ms per command | 0.46-0.83 | 0.12-0.22 |",
    "| take_snapshot, ms per snapshot (one command in 50) | 5.5-9 | 2.5-3 |",
    "",
    "1. **Chaining on insert (SQLite).** Since the hash chain, every command's events were"
    " chained by the projector in a transaction of their own (attendance events, which no"
    " read model handles, had needed none): a second commit, with its fsync, per command."
    " Now `meetings/core.py` chains the events in the transaction that inserts them, when the"
    " chain reaches the event before them (otherwise the projector chains them as before),"
    " and tells the projector how far the chain reaches, so it neither writes nor asks.",
    "2. **Snapshots from the aggregate in hand.** eventsourcing's `take_snapshot` loads the"
    " aggregate again (decoding its previous snapshot, replaying 49 events) before encoding"
    " it; `CoreApplication.take_snapshot` encodes the aggregate just saved when it is at the"
    " version wanted (the same state). Every 50th command of a long meeting is the p99.",
    "3. **Referenced records remembered.** `_check_reference` reads the first event of a"
    " referenced record (a person) once per process, not once per command: the log is"
    " append-only, so a record, once there, stays what it was.",
    "",
    "Tried and not kept (no difference beyond the noise): polling the projection position on"
    " PostgreSQL sooner and more often while waiting for the worker; inlining the link hash"
    " and reading the chain as tuples when verifying.",
    "",
]
