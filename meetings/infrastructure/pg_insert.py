"""Inserting a command's events into PostgreSQL in two round trips rather than five.

eventsourcing's PostgreSQL insert runs its statements in a pipeline, but inside psycopg's
`transaction()` block, which syncs with the server on entering (BEGIN), before committing,
on COMMIT and on leaving the pipeline: five round trips for one INSERT (seen with strace:
five reads from the socket per insert). Here the same statements, in the same order and the
same transaction, are sent as two batches: BEGIN, the lock, the NOTIFY and the INSERT (and
whatever the hooks add: the chain's head, see audit/on_insert.py), then, once the INSERT
has answered with its positions, the seals and links the hooks add and the COMMIT.
eventsourcing's own hooks (`_insert_events`, `_insert_stored_events` with its LOCK TABLE,
`_fetch_ids_after_insert_events`) are called just as its `insert_events` calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.utils import retry
from psycopg.pq import TransactionStatus


def insert_in_two_round_trips(recorder: Any) -> None:
    """Replace the recorder's `insert_events` (a PostgresApplicationRecorder's)."""
    original = recorder.insert_events
    datastore = recorder.datastore

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(stored_events: Sequence[Any], **kwargs: Any) -> Sequence[int] | None:
        if not stored_events or datastore.enable_db_functions:
            return cast(Sequence[int] | None, original(stored_events, **kwargs))
        failed: BaseException | None = None
        positions: Sequence[int] | None = None
        with datastore.get_connection() as conn:
            try:
                with conn.cursor() as curs, conn.pipeline() as pipeline:
                    try:
                        curs.execute("BEGIN")
                        recorder._insert_events(curs, stored_events, **kwargs)
                        recorder._insert_stored_events(curs, stored_events, **kwargs)
                        # The INSERT's answer (and any unique violation), in one round trip.
                        pipeline.sync()
                        positions = recorder._fetch_ids_after_insert_events(
                            curs, stored_events, **kwargs
                        )
                        curs.execute("COMMIT")  # sent, with the hooks' rows, on leaving
                    except Exception as error:
                        failed = error  # raised once out of the pipeline (as eventsourcing)
            except Exception as error:
                failed = failed or error
            if failed is not None:
                if conn.info.transaction_status != TransactionStatus.IDLE:
                    conn.execute("ROLLBACK")
                raise failed
        return positions

    recorder.insert_events = insert_events
