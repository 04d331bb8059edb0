"""Chaining events in the transaction that inserts them, on both backends, when the chain
already reaches every event before them (otherwise the projector chains them, in order,
as it always does). The links are the ones the projector would write, only sooner: so it
has nothing to chain for events no read model handles, and a command costs one
transaction, not a second one in the projector (or, on PostgreSQL, a round of the worker:
its transaction and nine statements for every tap).

Inserts are serialised (SQLite's write lock; on PostgreSQL the LOCK TABLE eventsourcing
takes before it inserts), so the chain's head read under that lock is the log's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from psycopg.sql import SQL, Identifier

from meetings.infrastructure.audit.chain import GENESIS, INSERT_LINKS, link_rows
from meetings.infrastructure.sql import Tx


class Inserted:
    """An event just inserted, as the chain reads a stored event (a Notification's fields)."""

    __slots__ = ("id", "originator_id", "originator_version", "state", "topic")

    def __init__(
        self, position: int, originator_id: Any, version: int, topic: str, state: bytes
    ) -> None:
        self.id = position
        self.originator_id = originator_id
        self.originator_version = version
        self.topic = topic
        self.state = state


def chain_on_insert_sqlite(recorder: Any, chained_through: Callable[[int], None]) -> None:
    """On SQLite, extend the chain inside `_insert_events` (after the seals, if any, so
    it finds them); `chained_through` hears how far, once the transaction committed."""
    insert, insert_events = recorder._insert_events, recorder.insert_events
    convert = recorder.convert_originator_id
    chained = threading.local()  # how far this thread's insert chained, once committed
    just_sealed = getattr(recorder, "just_sealed", None)  # seals.seal_on_insert's, if a key

    def _insert_events(c: Any, stored_events: Sequence[Any], **kwargs: Any) -> Any:
        positions = insert(c, stored_events, **kwargs)
        if positions:
            tx = Tx(c, postgres=False)
            row = tx.one(
                "SELECT position, hash, link_version FROM audit_chain"
                " ORDER BY position DESC LIMIT 1"
            )
            position, prev = (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)
            if position == positions[0] - 1:
                chained.through = positions[-1]
                # The seals the insert just made (none without a key): seals.seal_on_insert.
                sealed = just_sealed() if just_sealed is not None else {}
                v2 = bool(sealed) or (row is not None and row["link_version"] == 2)
                new = _inserted(positions, stored_events, convert)
                tx.executemany(INSERT_LINKS, link_rows(prev, v2, new, sealed))
        return positions

    def _insert_and_commit(stored_events: Sequence[Any], **kwargs: Any) -> Any:
        chained.through = 0
        positions = insert_events(stored_events, **kwargs)
        if chained.through:
            chained_through(chained.through)
        return positions

    recorder._insert_events = _insert_events
    recorder.insert_events = _insert_and_commit


def chain_on_insert_postgres(recorder: Any) -> None:
    """On PostgreSQL, inside eventsourcing's pipelined insert: right after its LOCK TABLE
    the head of the chain and the log's last position are asked for (in the same round
    trip as the INSERT); once the INSERT answers with the new positions, the links are
    sent with the COMMIT, if the chain reached the last event before them. No round trip
    is added to a command."""
    lock_table, fetch_ids = recorder._lock_table, recorder._fetch_ids_after_insert_events
    schema = Identifier(recorder.datastore.schema)
    ask = SQL(
        "SELECT (SELECT MAX(notification_id) FROM {schema}.{events}) AS last,"
        " c.position, c.hash, c.link_version FROM (SELECT 1) AS one LEFT JOIN LATERAL"
        " (SELECT position, hash, link_version FROM {schema}.audit_chain"
        " ORDER BY position DESC LIMIT 1) AS c ON true"
    ).format(schema=schema, events=Identifier(recorder.events_table_name))
    add = SQL(
        "INSERT INTO {schema}.audit_chain (position, hash, prev_hash, link_version, digest,"
        " key_id, signature) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    ).format(schema=schema)
    asked = threading.local()  # this thread's cursor holding the head, in its insert
    just_sealed = getattr(recorder, "just_sealed", None)

    def _lock_and_ask(curs: Any) -> None:
        lock_table(curs)
        asked.cursor = curs.connection.cursor()
        asked.cursor.execute(ask, prepare=True)  # pipelined: answered with the INSERT

    def _fetch_and_chain(curs: Any, stored_events: Sequence[Any], **kwargs: Any) -> Any:
        positions = fetch_ids(curs, stored_events, **kwargs)  # and sealed, with a key
        cursor, asked.cursor = getattr(asked, "cursor", None), None
        if not positions or cursor is None:
            return positions
        row = cursor.fetchone()
        last, position = row["last"] or 0, row["position"] or 0
        if position == last:  # every event before these is chained
            new = _inserted(positions, stored_events, UUID)
            # The seals the insert just made (none without a key): seals.seal_on_insert.
            sealed = just_sealed() if just_sealed is not None else {}
            v2 = bool(sealed) or row["link_version"] == 2
            rows = link_rows(row["hash"] or GENESIS, v2, new, sealed)
            curs.executemany(add, rows)  # pipelined: sent with the COMMIT
        return positions

    recorder._lock_table = _lock_and_ask
    recorder._fetch_ids_after_insert_events = _fetch_and_chain


def _inserted(
    positions: Sequence[int], stored_events: Sequence[Any], convert: Callable[[Any], Any]
) -> list[Inserted]:
    return [
        Inserted(
            position,
            s.originator_id if isinstance(s.originator_id, UUID) else convert(s.originator_id),
            s.originator_version,
            s.topic,
            s.state,
        )
        for position, s in zip(positions, stored_events, strict=True)
    ]
