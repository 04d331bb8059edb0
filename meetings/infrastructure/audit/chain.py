"""The tamper-evident chain over the log: one link per stored event, in log order.

    hash = sha256(prev_hash + "\\n" + position + "\\n" + aggregate id + "\\n" + version
                  + "\\n" + topic + "\\n" + the stored bytes of the event)

The chain is kept beside the read models and extended in the same transaction as they
are, but it is never dropped or rebuilt: once an event is chained, a change to its stored
record (or its removal, or a swap with another) no longer matches its link. `verify` (in
verifying.py) recomputes the chain from the log and names the first position that does not
match.

That is version 1 of a link. Once a signing key is configured, links are of version 2
(seals.py, beside this module): over the event's digest, carrying the seal the service
made when it wrote the event, so an event inserted behind its back is named too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from meetings.infrastructure.audit import seals
from meetings.infrastructure.signing import digest
from meetings.infrastructure.sql import Database, Row, Tx

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
    seals.create(tx)


def head(tx: Tx) -> tuple[int, str]:
    """The last chained position and its hash (0 and the genesis hash when empty)."""
    row = tx.one("SELECT position, hash FROM audit_chain ORDER BY position DESC LIMIT 1")
    return (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)


def extend(tx: Tx, events: Sequence[StoredEvent]) -> None:
    """Chain the events beyond the current head (those already chained are left as
    they were chained: a rebuild never re-chains a changed log)."""
    row = tx.one(
        "SELECT position, hash, link_version FROM audit_chain ORDER BY position DESC LIMIT 1"
    )
    position, prev, last_version = (
        (int(row["position"]), str(row["hash"]), row["link_version"]) if row else (0, GENESIS, None)
    )
    new = [e for e in events if e.id > position]
    if not new:
        return
    sealed = seals.seals_of(tx, new[0].id, new[-1].id)
    tx.executemany(INSERT_LINKS, link_rows(prev, bool(sealed) or last_version == 2, new, sealed))


#: The statement that adds links (the rows `link_rows` makes).
INSERT_LINKS = (
    "INSERT INTO audit_chain (position, hash, prev_hash, link_version, digest, key_id,"
    " signature) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def link_rows(
    prev: str,
    v2: bool,
    new: Sequence[StoredEvent],
    sealed: Mapping[int, tuple[str, str]],
) -> list[tuple[Any, ...]]:
    """The links of `new` (in log order, right after the link whose hash is `prev`), as
    rows of audit_chain. Version 2 from `v2` (the chain is at version 2 already, or some
    of `new` is sealed) or the first sealed event on, and never back: a version-2 link
    without a seal is an event the service did not write, and verify names it."""
    rows: list[tuple[Any, ...]] = []
    for e in new:
        seal = sealed.get(e.id)
        v2 = v2 or seal is not None
        if v2:
            sha, (key_id, signature) = digest(e.state), seal or (None, None)
            hashed = seals.link_v2(prev, e, sha, key_id, signature)
            rows.append((e.id, hashed, prev, 2, sha, key_id, signature))
        else:
            hashed = link_of(prev, e)
            rows.append((e.id, hashed, prev, None, None, None, None))
        prev = hashed
    return rows


def links(db: Database, after: int, limit: int) -> dict[int, Row]:
    with db.transaction(commit=False) as tx:
        rows = tx.all(
            "SELECT position, hash, prev_hash, link_version, digest, key_id, signature"
            " FROM audit_chain WHERE position > ? ORDER BY position LIMIT ?",
            (after, limit),
        )
    return {int(r["position"]): r for r in rows}


def chain_head(db: Database) -> tuple[int, str]:
    with db.transaction(commit=False) as tx:
        return head(tx)
