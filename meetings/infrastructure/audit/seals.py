"""Version 2 of the chain's links: over each event's digest, carrying the seal the service
made when it wrote the event (meetings/infrastructure/signing.py).

    hash = sha256("v2\\n" + prev_hash + "\\n" + position + "\\n" + aggregate id + "\\n"
                  + version + "\\n" + topic + "\\n" + sha256(stored bytes) + "\\n"
                  + key id + "\\n" + seal)

A link over the digest rather than the bytes lets a row's bytes be redacted one day and
the chain still verify. Links of version 1 (the first releases, and every event recorded
before a signing key was configured) are kept as they were: the chain goes from version 1
to version 2 by appending, at the first sealed event, and never back. After that, an event
without a seal (inserted behind the service's back) still gets a link, without a seal,
and `verify` names it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from typing import Any

from meetings.infrastructure.signing import SigningKey, digest, seal_message
from meetings.infrastructure.sql import Tx

SEALS = (
    "CREATE TABLE IF NOT EXISTS event_seals (position BIGINT PRIMARY KEY,"
    " key_id TEXT NOT NULL, signature TEXT NOT NULL)"
)
#: The columns version 2 adds to audit_chain (NULL in a link of version 1).
V2_COLUMNS = {"link_version": "INTEGER", "digest": "TEXT", "key_id": "TEXT", "signature": "TEXT"}


def create(tx: Tx) -> None:
    """The seals' table, and version 2's columns on the chain (added once, in place: the
    links already there are left as they are)."""
    tx.execute(SEALS)
    if tx.postgres:
        for name, kind in V2_COLUMNS.items():
            tx.execute(f"ALTER TABLE audit_chain ADD COLUMN IF NOT EXISTS {name} {kind}")
        return
    present = {row["name"] for row in tx.all("PRAGMA table_info(audit_chain)")}
    for name, kind in V2_COLUMNS.items():
        if name not in present:
            tx.execute(f"ALTER TABLE audit_chain ADD COLUMN {name} {kind}")


def link_v2(prev_hash: str, e: Any, sha: str, key_id: str | None, signature: str | None) -> str:
    head = (
        f"v2\n{prev_hash}\n{e.id}\n{e.originator_id}\n{e.originator_version}\n{e.topic}\n"
        f"{sha}\n{key_id or ''}\n{signature or ''}"
    )
    return hashlib.sha256(head.encode()).hexdigest()


def seals_of(tx: Tx, first: int, last: int) -> dict[int, tuple[str, str]]:
    rows = tx.all(
        "SELECT position, key_id, signature FROM event_seals WHERE position >= ? AND position <= ?",
        (first, last),
    )
    return {int(r["position"]): (str(r["key_id"]), str(r["signature"])) for r in rows}


def seal_rows(
    key: SigningKey, positions: Sequence[int], stored: Sequence[Any], ids: Sequence[str]
) -> list[tuple[int, str, str]]:
    """The seals of events just inserted at `positions` (their aggregate ids as text)."""
    return [
        (
            position,
            key.key_id,
            key.sign(
                seal_message(position, ident, s.originator_version, s.topic, digest(bytes(s.state)))
            ),
        )
        for position, s, ident in zip(positions, stored, ids, strict=True)
    ]


def insert_seals(tx: Tx, rows: Sequence[tuple[int, str, str]]) -> None:
    tx.executemany("INSERT INTO event_seals (position, key_id, signature) VALUES (?, ?, ?)", rows)


def seal_on_insert(recorder: Any, key: SigningKey, postgres: bool) -> None:
    """Seal every event the service inserts, in the transaction that inserts it (so an
    event inserted any other way has none)."""
    if postgres:
        fetch = recorder._fetch_ids_after_insert_events
        table = f'"{recorder.datastore.schema}".event_seals'
        # The seals this recorder's insert has just made, in each thread: the chain's links,
        # made in the same transaction, carry them (on_insert.py, by `just_sealed`).
        sealed = threading.local()

        def _fetch_and_seal(curs: Any, stored_events: Sequence[Any], **kwargs: Any) -> Any:
            sealed.rows = []
            positions = fetch(curs, stored_events, **kwargs)
            if positions:
                ids = [str(s.originator_id) for s in stored_events]
                sealed.rows = seal_rows(key, positions, stored_events, ids)
                curs.executemany(
                    f"INSERT INTO {table} (position, key_id, signature) VALUES (%s, %s, %s)",
                    sealed.rows,
                )
            return positions

        recorder._fetch_ids_after_insert_events = _fetch_and_seal
        recorder.just_sealed = lambda: {p: (k, s) for p, k, s in getattr(sealed, "rows", [])}
        return
    insert, convert = recorder._insert_events, recorder.convert_originator_id
    sealed_here = threading.local()  # as on PostgreSQL: the seals this insert just made

    def _insert_and_seal(c: Any, stored_events: Sequence[Any], **kwargs: Any) -> Any:
        sealed_here.rows = []
        positions = insert(c, stored_events, **kwargs)
        if positions:
            ids = [
                str(
                    s.originator_id
                    if not isinstance(s.originator_id, str)
                    else convert(s.originator_id)
                )
                for s in stored_events
            ]
            sealed_here.rows = seal_rows(key, positions, stored_events, ids)
            insert_seals(Tx(c, postgres=False), sealed_here.rows)
        return positions

    recorder._insert_events = _insert_and_seal
    recorder.just_sealed = lambda: {p: (k, s) for p, k, s in getattr(sealed_here, "rows", [])}
