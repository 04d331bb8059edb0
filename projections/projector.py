"""Folds the event log into every read model: rows and tracking in one transaction."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    Mapper,
    Tracking,
    TrackingRecorder,
)
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from meetings.application.errors import ProjectionLagError
from meetings.infrastructure import audit, person_keys
from meetings.infrastructure.sql import Database, Tx
from projections import log_sql
from projections.actions import actions
from projections.base import ReadModel
from projections.decisions import decisions
from projections.meetings import meetings
from projections.public import keep_minutes, public
from projections.structure import structure
from projections.workplans import workplans

READ_MODELS: list[ReadModel] = [structure, meetings, public, actions, decisions, workplans]

BATCH_SIZE = 500

#: Serialises batches and resets across processes on PostgreSQL (an arbitrary constant).
_ADVISORY_LOCK = 727_001


class PositionMovedError(Exception):
    """Someone else projected (or reset) since this batch was read: read again."""


class Projector(Projection[TrackingRecorder]):
    """Runs the handlers of every read model for each event, exactly once, in log order.

    On SQLite it is pulled in-process (after each command and before each read); on
    PostgreSQL `meetings project` runs it as a worker woken by LISTEN/NOTIFY and reads
    wait until it has reached the log position current when they began.
    """

    name = "read_models"

    def __init__(
        self,
        view: TrackingRecorder,
        db: Database,
        application_name: str,
        recorder: ApplicationRecorder,
        mapper: Mapper[Any],
        read_models: Sequence[ReadModel] = tuple(READ_MODELS),
    ) -> None:
        super().__init__(view)
        self.db = db
        self.application_name = application_name
        self.recorder = recorder
        self.mapper = mapper
        self.read_models = list(read_models)
        self._in_process = threading.Lock()
        self._handlers: dict[type, list[Any]] = {}
        for model in self.read_models:
            for cls, handlers in model.handlers.items():
                self._handlers.setdefault(cls, []).extend(handlers)
        self._topics = {get_topic(cls) for cls in self._handlers}
        #: On SQLite every process projects for itself before it reads, so it may remember
        #: in memory how far there is nothing to project; a worker's position must be
        #: written down, for the servers that wait on it.
        self.in_process_only = not self.db.postgres
        self._skip: tuple[int, int] | None = None
        #: A position this process has seen chained (the chain only ever grows).
        self._chained = 0
        ddl = [ddl for model in self.read_models for ddl in model.tables + model.indexes]
        self.version = hashlib.sha256("\n".join(ddl).encode()).hexdigest()[:16]
        self.create_tables()

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.process_batch([(domain_event, tracking)], after=tracking.notification_id - 1)

    def process_batch(
        self,
        items: Sequence[tuple[Any, Tracking]],
        after: int,
        stored: Sequence[audit.StoredEvent] = (),
    ) -> None:
        """Apply events that follow position `after`, chain their stored records, and
        record the last one's position, in one transaction; refuse if the read models are
        no longer at `after`."""
        if not items:
            return
        with self.db.transaction() as tx:
            self._lock_across_processes(tx)
            if self._position_in(tx) != after:
                raise PositionMovedError
            for domain_event, _ in items:
                for handler in self._handlers.get(type(domain_event), ()):
                    handler(tx, domain_event)
            audit.extend(tx, stored)
            try:
                self.view._insert_tracking(tx.cursor, items[-1][1])  # type: ignore[attr-defined]
            except IntegrityError:
                raise PositionMovedError from None
        if stored:
            self.note_chained(stored[-1].id)

    def position(self) -> int:
        return self.view.max_tracking_id(self.application_name) or 0

    def versions_of(self, aggregate_ids: Sequence[str]) -> dict[str, int]:
        """The version each of these records has reached in the log, from the stored rows."""
        return log_sql.versions_of(self.db, self._events_table(), aggregate_ids)

    def keep_published_minutes(
        self, meeting_id: str, meeting_version: int, document: str, position: int
    ) -> bool:
        """Keep published minutes composed by a read, if the read models are still where
        they were when it began (so no event that could change them was taken in since)."""
        with self._in_process, self.db.transaction() as tx:
            self._lock_across_processes(tx)
            if self._position_in(tx) != position:
                return False
            keep_minutes(tx, meeting_id, meeting_version, document)
        return True

    def _lock_across_processes(self, tx: Tx) -> None:
        if self.db.postgres:
            tx.execute("SELECT pg_advisory_xact_lock(?)", (_ADVISORY_LOCK,))

    def topics_of(self, *models: ReadModel) -> tuple[str, ...]:
        return tuple(sorted({get_topic(cls) for m in models for cls in m.handlers}))

    def behind_on(self, topics: Sequence[str]) -> bool:
        """Whether the log holds an event of these topics not taken in yet (PostgreSQL)."""
        tables = self._events_table(), self._tracking_table()
        return log_sql.behind_on(self.db, *tables, self.application_name, topics)

    def _events_table(self) -> str:
        return log_sql.table_name(
            self.recorder, "stored_events", "events_table_name", self.db.postgres
        )

    def _tracking_table(self) -> str:
        return log_sql.table_name(self.view, "tracking", "tracking_table_name", self.db.postgres)

    def _position_in(self, tx: Tx) -> int:
        value = tx.scalar(
            f"SELECT notification_id FROM {self._tracking_table()} WHERE application_name = ?",
            (self.application_name,),
        )
        return int(value or 0)

    def catch_up(
        self, batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None
    ) -> int:
        """Project everything recorded so far; returns how many events were looked at."""
        done = 0
        with self._in_process:
            while True:
                recorded = self.position()
                start = max(recorded, self._skipped_through(recorded)) + 1
                notifications = self.recorder.select_notifications(start=start, limit=batch_size)
                if not notifications:
                    return done
                try:
                    self._project(notifications, recorded, start)
                except PositionMovedError:
                    # Another process projected (or reset) first; carry on from its position.
                    continue
                done += len(notifications)
                if progress:
                    progress(len(notifications))
                if len(notifications) < batch_size:
                    return done

    def _project(self, notifications: Sequence[Any], recorded: int, start: int) -> None:
        last = notifications[-1].id
        handled = [n for n in notifications if n.topic in self._topics]
        if not handled and self.in_process_only and self._chained_through(last):
            # Nothing to write: remember in memory how far there is nothing to project,
            # valid while the recorded position stays where it was.
            self._skip = (recorded, last)
            return
        if not handled and not self.in_process_only and self._advance_if_chained(recorded, last):
            return
        # Events no read model handles are chained and tracked, but never decoded.
        items: list[tuple[Any, Tracking]] = [
            (self.mapper.to_domain_event(n), Tracking(self.application_name, n.id)) for n in handled
        ]
        if not items or items[-1][1].notification_id != last:
            items.append((None, Tracking(self.application_name, last)))
        self.process_batch(items, after=recorded, stored=notifications)
        self._skip = None

    def _advance_if_chained(self, recorded: int, last: int) -> bool:
        """On PostgreSQL, when no read model handles these events and the chain already
        reaches them (chained as they were inserted), move the tracking position over them
        in one statement, without a transaction of its own: only from `recorded` (a
        compare-and-set on the position's row, so a batch committed meanwhile wins) and
        only forward. Whether it moved; if not, the batch is projected as usual."""
        with self.db._reading() as tx:
            tx.execute(
                f"UPDATE {self._tracking_table()} SET notification_id = ?"
                " WHERE application_name = ? AND notification_id = ?"
                " AND (SELECT MAX(position) FROM audit_chain) >= ?",
                (last, self.application_name, recorded, last),
            )
            return bool(tx.cursor.rowcount == 1)

    def note_chained(self, position: int) -> None:
        """The chain reaches `position` (committed): no need to ask the database again."""
        if position > self._chained:
            self._chained = position

    def _chained_through(self, position: int) -> bool:
        if position <= self._chained:
            return True
        head = audit.chain_head(self.db)[0]
        self.note_chained(head)
        return head >= position

    def _skipped_through(self, recorded: int) -> int:
        skip = self._skip
        return skip[1] if skip is not None and skip[0] == recorded else 0

    def wait_for(self, position: int, timeout: float) -> None:
        """Block until the read models reflect the log up to `position`."""
        deadline = time.monotonic() + timeout
        interval = 0.002
        while self.position() < position:
            if time.monotonic() > deadline:
                raise ProjectionLagError(
                    "The read models have not caught up with the record: the projection "
                    "worker (`meetings project`) may not be running. Try again shortly."
                )
            time.sleep(interval)
            interval = min(interval * 2, 0.05)

    def reset(self) -> None:
        """Forget every read model and the tracking position, ready to rebuild from zero."""
        with self._in_process, self.db.transaction() as tx:
            self._lock_across_processes(tx)
            self._forget(tx)
            self._create_tables(tx)

    def _forget(self, tx: Tx) -> None:
        self._skip = None
        for model in self.read_models:
            for table in model.table_names():
                tx.execute(f"DROP TABLE IF EXISTS {table}")
        tx.execute(
            f"DELETE FROM {self._tracking_table()} WHERE application_name = ?",
            (self.application_name,),
        )

    def create_tables(self) -> None:
        """Create the read models; if their definitions changed since they were built
        (a new release), rebuild them from zero so no read model is missing history."""
        with self._in_process, self.db.transaction() as tx:
            self._lock_across_processes(tx)
            tx.execute(
                "CREATE TABLE IF NOT EXISTS rm_versions (name TEXT PRIMARY KEY,"
                " version TEXT NOT NULL)"
            )
            built = tx.scalar(
                "SELECT version FROM rm_versions WHERE name = ?", (self.application_name,)
            )
            if built is not None and built != self.version:
                self._forget(tx)
            self._create_tables(tx)
            if built != self.version:
                tx.execute("DELETE FROM rm_versions WHERE name = ?", (self.application_name,))
                tx.execute(
                    "INSERT INTO rm_versions (name, version) VALUES (?, ?)",
                    (self.application_name, self.version),
                )

    def _create_tables(self, tx: Tx) -> None:
        # The chain is never dropped with the read models: see meetings/infrastructure/audit/.
        audit.create(tx)
        person_keys.create(tx)  # the people's keys: never dropped with the read models either
        for model in self.read_models:
            for ddl in model.tables + model.indexes:
                tx.execute(ddl)
