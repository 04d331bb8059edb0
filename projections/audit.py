"""The tamper-evident chain over the log: one link per stored event, in log order.

    hash = sha256(prev_hash + "\\n" + position + "\\n" + aggregate id + "\\n" + version
                  + "\\n" + topic + "\\n" + the stored bytes of the event)

The chain is kept beside the read models and extended in the same transaction as they
are, but it is never dropped or rebuilt: once an event is chained, a change to its stored
record (or its removal, or a swap with another) no longer matches its link. `verify`
recomputes the chain from the log and names the first position that does not match.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from projections.sql import Database, Row, Tx

GENESIS = "0" * 64
TABLE = (
    "CREATE TABLE IF NOT EXISTS audit_chain (position BIGINT PRIMARY KEY,"
    " hash TEXT NOT NULL, prev_hash TEXT NOT NULL)"
)


class StoredEvent(Protocol):
    """An event as the log stores it (eventsourcing's Notification has these)."""

    @property
    def id(self) -> int: ...

    @property
    def originator_id(self) -> Any: ...

    @property
    def originator_version(self) -> int: ...

    @property
    def topic(self) -> str: ...

    @property
    def state(self) -> bytes: ...


def link(
    prev_hash: str, position: int, aggregate_id: str, version: int, topic: str, state: bytes
) -> str:
    """The hash of one link of the chain."""
    head = f"{prev_hash}\n{position}\n{aggregate_id}\n{version}\n{topic}\n".encode()
    return hashlib.sha256(head + state).hexdigest()


def link_of(prev_hash: str, e: StoredEvent) -> str:
    return link(prev_hash, e.id, str(e.originator_id), e.originator_version, e.topic, e.state)


def create(tx: Tx) -> None:
    tx.execute(TABLE)


def head(tx: Tx) -> tuple[int, str]:
    """The last chained position and its hash (0 and the genesis hash when empty)."""
    row = tx.one("SELECT position, hash FROM audit_chain ORDER BY position DESC LIMIT 1")
    return (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)


def extend(tx: Tx, events: Sequence[StoredEvent]) -> None:
    """Chain the events beyond the current head (those already chained are left as
    they were chained: a rebuild never re-chains a changed log)."""
    position, prev = head(tx)
    rows = []
    for e in events:
        if e.id <= position:
            continue
        digest = link_of(prev, e)
        rows.append((e.id, digest, prev))
        prev = digest
    tx.executemany("INSERT INTO audit_chain (position, hash, prev_hash) VALUES (?, ?, ?)", rows)


def links(db: Database, after: int, limit: int) -> dict[int, Row]:
    with db.transaction(commit=False) as tx:
        rows = tx.all(
            "SELECT position, hash, prev_hash FROM audit_chain WHERE position > ?"
            " ORDER BY position LIMIT ?",
            (after, limit),
        )
    return {int(r["position"]): r for r in rows}


def chain_head(db: Database) -> tuple[int, str]:
    with db.transaction(commit=False) as tx:
        return head(tx)


# Verifying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_position: int | None
    head_position: int
    head_hash: str
    problem: str | None = None
    #: Whether a head kept elsewhere (`anchor`) is on the chain: None when none was given.
    anchor_found: bool | None = None


def verify(
    stored: Iterable[StoredEvent],
    chained: Iterable[Row],
    anchor: str | None = None,
    through: int | None = None,
) -> Verdict:
    """Walk the log and the stored chain side by side, recomputing every link. The first
    position where they disagree is where the log was changed, removed or reordered; every
    stored event must have its link, so the chain's head is the log's own end (a removed
    tail of links is named by its first position). `through` is the log's end when the
    check began (events recorded since may not be chained yet); `anchor` (a hash, or
    POSITION:HASH) is a head kept outside: is it on the chain?"""
    anchor_hash = anchor.split(":")[-1].strip().lower() if anchor else None
    anchor_at = int(anchor.split(":")[0]) if anchor and ":" in anchor else None
    found = False
    prev, checked, last = GENESIS, 0, 0
    events, links_ = iter(stored), iter(chained)
    for row in links_:
        position = int(row["position"])
        e = next(events, None)
        if e is None:
            return _bad(
                checked, position, prev, "the event at this position is missing from the log"
            )
        if e.id != position:
            first = min(e.id, position)
            what = (
                "the event at this position is missing from the log"
                if e.id > position
                else "the log holds an event here that the chain never saw"
            )
            return _bad(checked, first, prev, what)
        if row["prev_hash"] != prev or link_of(prev, e) != row["hash"]:
            return _bad(
                checked, position, prev, "the stored event was changed since it was chained"
            )
        prev, last, checked = str(row["hash"]), position, checked + 1
        found = found or (prev == anchor_hash and anchor_at in (None, position))
    unlinked = next(events, None)
    if unlinked is not None and (through is None or unlinked.id <= through):
        return _bad(
            checked,
            unlinked.id,
            prev,
            "this stored event has no link: the chain ends before the log does (links "
            "were removed from its end)",
        )
    return Verdict(True, checked, None, last, prev, None, found if anchor else None)


def _bad(checked: int, position: int, prev: str, problem: str) -> Verdict:
    return Verdict(False, checked, position, position - 1, prev, problem)


# Exports ----------------------------------------------------------------------------------


def export_line(e: StoredEvent, row: Row | None) -> dict[str, Any]:
    """One event of the log as a line of an export: the stored record (base64, exactly as
    stored, so the chain can be recomputed without the database) and what it says."""
    try:
        data = json.loads(e.state)
    except ValueError:
        data = None
    return {
        "position": e.id,
        "aggregate_id": str(e.originator_id),
        "version": e.originator_version,
        "topic": e.topic,
        "data": data,
        "stored": base64.b64encode(e.state).decode(),
        "hash": row["hash"] if row else None,
        "prev_hash": row["prev_hash"] if row else None,
    }


@dataclass(frozen=True)
class ExportedEvent:
    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def read_export(lines: Iterable[str]) -> Iterator[tuple[ExportedEvent, Row]]:
    """The events and links of an export, for verifying it offline."""
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            event = ExportedEvent(
                int(line["position"]),
                str(line["aggregate_id"]),
                int(line["version"]),
                str(line["topic"]),
                base64.b64decode(line["stored"], validate=True),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {n} of the export is not an exported event: {error}") from None
        yield event, {"position": event.id, "hash": line["hash"], "prev_hash": line["prev_hash"]}
