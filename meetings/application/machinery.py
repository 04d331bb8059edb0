"""The machinery every use case shares: the store, its keys and read models, references
checked and reads waited for; a command's attempt (load, check, save, retry) is
`meetings.application.attempts`."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import project_aggregate
from eventsourcing.persistence import JSONTranscoder
from eventsourcing.utils import Environment, EnvType, get_topic

from meetings.application.attempts import CommandAttempts
from meetings.application.dto import HistoryEntry, history_entry
from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import (
    NotFoundError,
    NotYetRecordedError,
    UnknownReferenceError,
)
from meetings.domain.rules import end_of_london_day
from meetings.infrastructure.audit.on_insert import (
    chain_on_insert_postgres,
    chain_on_insert_sqlite,
)
from meetings.infrastructure.audit.seals import seal_on_insert
from meetings.infrastructure.pg_insert import insert_in_two_round_trips
from meetings.infrastructure.settings import is_postgres
from meetings.infrastructure.signing import key_ring
from meetings.infrastructure.sql import Database
from meetings.infrastructure.storage import is_full, startup_lock
from meetings.infrastructure.tokens import TokenStore
from meetings.infrastructure.transcodings import DateAsISO, EntryBookPacked
from projections.base import ReadModel
from projections.projector import Projector

log = logging.getLogger(__name__)

A = TypeVar("A", bound=RecordedAggregate)

#: How many referenced records' first topics each process remembers (then starts afresh).
KNOWN_RECORDS = 100_000


class CoreApplication(CommandAttempts):
    """Every fact a clerk records, as events in one ordered log."""

    name = "meetings"

    def __init__(self, env: EnvType | None = None) -> None:
        env = dict(env or {})
        self.postgres = is_postgres(env)
        # Servers and the worker may start together on an empty database: one at a time
        # creates the schema and the tables (PostgreSQL), the others then find them made.
        with startup_lock(env):
            super().__init__(env)
            datastore = self.factory.datastore  # type: ignore[attr-defined]
            self.db = Database(datastore)
            self.projector = Projector(
                self.factory.tracking_recorder(), self.db, self.name, self.recorder, self.mapper
            )
            self.tokens = TokenStore(self.db)
        #: The key the service seals what it writes with, and those it checks seals with.
        self.keys = key_ring(env)
        if self.keys.current is not None:
            seal_on_insert(self.recorder, self.keys.current, self.postgres)
        if self.postgres:
            insert_in_two_round_trips(self.recorder)
            chain_on_insert_postgres(self.recorder)
        else:
            chain_on_insert_sqlite(self.recorder, self.projector.note_chained)
        # The topic of the first event of records referenced so far (see _check_reference).
        self._first_topics: dict[UUID, str] = {}
        # The aggregates being saved by this thread, while their snapshots are taken.
        self._saving = threading.local()
        #: Where snapshots are taken once the command has answered (see snapshot_later).
        self._snapshotter: ThreadPoolExecutor | None = None
        self.read_timeout = float(env.get("MEETINGS_READ_TIMEOUT", "10"))

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Settings come only from the caller: tests never inherit the shell's environment.
        settings = dict(type(self).env)
        if type(self).snapshotting_intervals:
            settings["IS_SNAPSHOTTING_ENABLED"] = "y"
        settings.update(env or {})
        return Environment(name, settings)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(EntryBookPacked(transcoder))

    # The write path ----------------------------------------------------------------

    def _take_snapshots(self, processing_event: Any) -> None:
        self._saving.aggregates = processing_event.aggregates
        try:
            super()._take_snapshots(processing_event)
        finally:
            self._saving.aggregates = None

    def take_snapshot(
        self,
        aggregate_id: UUID,
        version: int | None = None,
        projector_func: Any = project_aggregate,
    ) -> None:
        """Snapshot an aggregate just saved from the object in hand, when it is at the
        version wanted, rather than loading it again (decoding its previous snapshot and
        replaying the events since, which made every 50th command of a long meeting several
        milliseconds slower); the state is the same. Otherwise as eventsourcing does.
        After `snapshot_later`, a copy of it is snapshotted by a thread of its own, so the
        command answers without waiting for the encoding and the insert."""
        saving = getattr(self._saving, "aggregates", None)
        aggregate = saving.get(aggregate_id) if saving else None
        snapshot_class = getattr(type(aggregate), "Snapshot", type(self).snapshot_class)
        if (
            aggregate is None
            or version is None
            or aggregate.version != version
            or snapshot_class is None
            or self.snapshots is None
        ):
            super().take_snapshot(aggregate_id, version, projector_func)
            return
        if self._snapshotter is not None and hasattr(aggregate, "fork"):
            # A copy: the object saved may serve the next command (it forks it, never
            # changes it, but a use case may), and the copy is what was saved.
            self._snapshotter.submit(self._put_snapshot, snapshot_class, aggregate.fork())
            return
        self.snapshots.put([snapshot_class.take(aggregate)])

    def snapshot_later(self) -> None:
        """Take snapshots after the command that was due one has answered (the server:
        a snapshot every 50th event of a meeting was the slowest of its commands). A
        snapshot only spares a later load some replaying, so one lost with the process
        costs nothing but that."""
        if self._snapshotter is None:
            self._snapshotter = ThreadPoolExecutor(1, thread_name_prefix="snapshots")

    def _put_snapshot(self, snapshot_class: Any, aggregate: Any) -> None:
        try:
            assert self.snapshots is not None
            self.snapshots.put([snapshot_class.take(aggregate)])
        except Exception:
            # Another writer may have snapshotted this version first, or the store may be
            # away: the events are recorded either way; a load replays a little more.
            log.warning("could not snapshot %s at version %s", aggregate.id, aggregate.version)

    def close(self) -> None:
        """Finish the snapshots still to take, then close the store."""
        if self._snapshotter is not None:
            self._snapshotter.shutdown(wait=True)
            self._snapshotter = None
        super().close()

    def exists(self, cls: type[RecordedAggregate], aggregate_id: UUID) -> bool:
        """Whether a record of this kind exists."""
        try:
            self._get(cls, cls.__name__.lower(), aggregate_id)
        except NotFoundError:
            return False
        return True

    def _check_reference(
        self, cls: type[RecordedAggregate], kind: str, field: str, aggregate_id: UUID | None
    ) -> None:
        """A referenced record must exist (422 otherwise); checked without decoding it."""
        if aggregate_id is None:
            return
        topic = self._first_topics.get(aggregate_id)
        if topic is None:
            first = self.recorder.select_events(aggregate_id, limit=1)
            if not first:
                raise UnknownReferenceError(field, kind, aggregate_id)
            topic = first[0].topic
            # The log is append-only: a record's first event never changes once recorded.
            if len(self._first_topics) >= KNOWN_RECORDS:
                self._first_topics.clear()
            self._first_topics[aggregate_id] = topic
        if not topic.startswith(get_topic(cls) + "."):
            raise UnknownReferenceError(field, kind, aggregate_id)

    def _require(self, cls: type[A], kind: str, field: str, aggregate_id: UUID | None) -> A | None:
        """A referenced record must exist: otherwise the field is invalid (422)."""
        if aggregate_id is None:
            return None
        try:
            return self._get(cls, kind, aggregate_id)
        except NotFoundError:
            raise UnknownReferenceError(field, kind, aggregate_id) from None

    # The read path -----------------------------------------------------------------

    def _projected(self, *only: ReadModel) -> None:
        """Make the read models reflect every command that has answered so far: on SQLite
        by projecting in-process now (commands do not wait for it; every read does). A read
        of `only` some read models on PostgreSQL waits for the worker only when an event
        they take in is still waiting for it (a live meeting's taps never are)."""
        if self.postgres:
            if only and not self.projector.behind_on(self.projector.topics_of(*only)):
                return  # nothing these read models take in is waiting for the worker
            self.projector.wait_for(self.recorder.max_notification_id() or 0, self.read_timeout)
            return
        try:
            self.projector.catch_up()
        except Exception as error:
            if not is_full(error):
                raise
            # A full disk refuses writes (507), but reads go on, from the read models as
            # they are: the events not projected yet are kept, and projected once there
            # is room again.
            log.warning("the store is full: reading without projecting the newest events")

    def _get_as_at(
        self,
        cls: type[A],
        kind: str,
        aggregate_id: UUID,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> A:
        """The aggregate as it stood at a version or a moment (a date means its end)."""
        if as_at is not None:
            moment = end_of_london_day(as_at) if not isinstance(as_at, datetime) else as_at
            events: list[Any] = list(self.events.get(aggregate_id))
            versions = [e.originator_version for e in events if e.timestamp <= moment]
            if not versions:
                current = self._get(cls, kind, aggregate_id)
                raise NotYetRecordedError(
                    kind, aggregate_id, current.created_on.isoformat(), moment.isoformat()
                )
            version = max(versions)
        aggregate = self._get(cls, kind, aggregate_id, version)
        if version is not None and aggregate.version < version:
            raise NotFoundError(f"version {version} of the {kind}", aggregate_id)
        return aggregate

    def get_history(
        self, cls: type[RecordedAggregate], kind: str, aggregate_id: UUID
    ) -> list[HistoryEntry]:
        """Every event of one aggregate, oldest first, with who recorded it and when."""
        self._get(cls, kind, aggregate_id)
        return [history_entry(e) for e in self.events.get(aggregate_id)]
