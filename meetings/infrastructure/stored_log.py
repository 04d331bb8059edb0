"""The log's rows as stored, for the two questions that reach past the event store: where
an event sits in the log, and an erasure's redaction in place (docs/KEEPING.md,
"Erasure": the one sanctioned rewrite of stored rows, which the erasure records)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from meetings.infrastructure import person_keys
from meetings.infrastructure.sql import Database


@dataclass(frozen=True)
class StoredLog:
    """The events table `table` of the database `db` (PostgreSQL or SQLite)."""

    db: Database
    table: str
    postgres: bool

    @property
    def _position(self) -> str:
        return "notification_id" if self.postgres else "rowid"

    def _ident(self, aggregate_id: Any) -> Any:
        return aggregate_id if self.postgres else UUID(str(aggregate_id)).hex

    def position_of(self, aggregate_id: Any, version: int) -> int | None:
        """The log position of one stored event (None if there is no such event)."""
        value = self.db.scalar(
            f"SELECT {self._position} AS position FROM {self.table}"
            " WHERE originator_id = ? AND originator_version = ?",
            (self._ident(aggregate_id), version),
        )
        return int(value) if value is not None else None

    def rows_of(self, aggregate_id: UUID) -> list[tuple[int, bytes]]:
        """Every stored row of one record, oldest first: its position and its bytes."""
        rows = self.db.all(
            f"SELECT {self._position} AS position, state FROM {self.table}"
            " WHERE originator_id = ? ORDER BY originator_version",
            (self._ident(aggregate_id),),
        )
        return [(int(r["position"]), bytes(r["state"])) for r in rows]

    def rows_of_topic(self, topic: str) -> list[tuple[int, bytes]]:
        """Every stored row of one event class: its position and its bytes."""
        rows = self.db.all(
            f"SELECT {self._position} AS position, state FROM {self.table} WHERE topic = ?",
            (topic,),
        )
        return [(int(r["position"]), bytes(r["state"])) for r in rows]

    def redact(
        self, person_id: UUID, replaced: list[tuple[bytes, int]], snapshots: str | None
    ) -> None:
        """In one transaction: the rows' bytes replaced (new bytes, position), the person's
        key destroyed, and their snapshots (in the table `snapshots`) dropped."""
        with self.db.transaction() as tx:
            tx.executemany(
                f"UPDATE {self.table} SET state = ? WHERE {self._position} = ?", replaced
            )
            person_keys.forget_key(tx, person_id)
            if snapshots is not None:
                # Snapshots are a cache of the aggregate, not the record: they may hold the
                # email.
                tx.execute(
                    f"DELETE FROM {snapshots} WHERE originator_id = ?", (self._ident(person_id),)
                )
