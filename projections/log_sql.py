"""What the projector reads of the log itself, in SQL and without decoding an event: the
names of the stored events' and tracking tables, the version each record has reached,
and whether the log holds events of some topics the read models have not taken in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from meetings.infrastructure.sql import Database


def table_name(recorder: Any, default: str, attribute: str, postgres: bool) -> str:
    """A recorder's table, schema-qualified on PostgreSQL."""
    table = getattr(recorder, attribute, default)
    schema = getattr(getattr(recorder, "datastore", None), "schema", None)
    return f'"{schema}".{table}' if postgres and schema else str(table)


def versions_of(db: Database, events_table: str, aggregate_ids: Sequence[str]) -> dict[str, int]:
    """The version each of these records has reached in the log (its last event's)."""
    if not aggregate_ids:
        return {}
    marks = ", ".join("?" for _ in aggregate_ids)
    # As eventsourcing stores them: a uuid on PostgreSQL, 32 hex digits on SQLite.
    ids: list[Any] = [UUID(i) if db.postgres else UUID(i).hex for i in aggregate_ids]
    rows = db.all(
        "SELECT originator_id, MAX(originator_version) AS version"
        f" FROM {events_table} WHERE originator_id IN ({marks})"
        " GROUP BY originator_id",
        ids,
    )
    return {str(UUID(str(r["originator_id"]))): int(r["version"]) for r in rows}


def behind_on(
    db: Database,
    events_table: str,
    tracking_table: str,
    application_name: str,
    topics: Sequence[str],
) -> bool:
    """Whether the log holds an event of these topics that the read models have not
    taken in yet: if not, those read models are as current as the log."""
    marks = ", ".join("?" for _ in topics)
    row = db.one(
        f"SELECT 1 AS behind FROM {events_table} WHERE notification_id > COALESCE("
        f"(SELECT MAX(notification_id) FROM {tracking_table}"
        f" WHERE application_name = ?), 0) AND topic IN ({marks}) LIMIT 1",
        [application_name, *topics],
    )
    return row is not None
