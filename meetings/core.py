"""The machinery every use case shares: load, check, call, save, retry; wait for reads."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder
from eventsourcing.utils import Environment, EnvType, get_topic

from meetings.commands import Command
from meetings.domain.base import RecordedAggregate, recording_as
from meetings.domain.errors import (
    NotFoundError,
    NotYetRecordedError,
    UnknownReferenceError,
    VersionMismatchError,
)
from meetings.domain.rules import end_of_london_day
from meetings.idempotency import Idempotency, IdempotencyRecord, ReplayedAnswer
from meetings.settings import is_postgres
from meetings.signing import key_ring
from meetings.storage import is_full, startup_lock
from meetings.tokens import TokenStore
from meetings.transcodings import DateAsISO
from meetings.views import HistoryEntry, history_entry
from projections import audit
from projections.base import ReadModel
from projections.projector import Projector
from projections.seals import seal_on_insert
from projections.sql import Database, Tx

log = logging.getLogger(__name__)

A = TypeVar("A", bound=RecordedAggregate)
R = TypeVar("R")
V = TypeVar("V")

#: How many live records (meetings) each process keeps in memory.
LIVE_RECORDS = 256

#: How many referenced records' first topics each process remembers (then starts afresh).
KNOWN_RECORDS = 100_000

#: How often a command is retried when another clerk wrote to the same record at once.
CONFLICT_RETRIES = 40


def _replay(aggregate: Any, events: Any) -> Any:
    """Apply events in order (eventsourcing's default also type-checks every event, which
    costs more than applying it on a long meeting)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def _back_off(attempt: int) -> None:
    """A short, jittered pause before retrying, so colliding writers spread out."""
    time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 10)))


class CoreApplication(Application[UUID]):
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
        if not self.postgres:
            _chain_on_insert(self.recorder, self.projector)
        # Live records kept in memory (never changed once kept): the next command forks one
        # and applies only the events recorded since, instead of decoding a snapshot.
        self._live: OrderedDict[UUID, Any] = OrderedDict()
        self._live_lock = threading.Lock()
        # The topic of the first event of records referenced so far (see _check_reference).
        self._first_topics: dict[UUID, str] = {}
        # The aggregates being saved by this thread, while their snapshots are taken.
        self._saving = threading.local()
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

    # The write path ----------------------------------------------------------------

    def _create(self, cmd: Command, build: Callable[[], A], present: Callable[[A], V]) -> V:
        """Make a new record from a command, save it, and answer with its view."""
        for _ in range(CONFLICT_RETRIES):
            record = self._idempotency_record(cmd)
            with recording_as(cmd.recorded_by):
                aggregate = build()
            view = present(aggregate)
            try:
                self.save(aggregate, *self._answer(cmd, record, view))
            except IntegrityError:
                if cmd.idempotency is None:
                    raise  # a record with this id exists already: the caller decides
                continue  # another request with the same key landed first: replay it
            return view
        raise VersionMismatchError(0, 1)

    def _update(
        self,
        cmd: Command,
        cls: type[A],
        kind: str,
        aggregate_id: UUID,
        change: Callable[[A], R],
        present: Callable[[A, R], V],
        also: Callable[[A, R], Sequence[RecordedAggregate]] | None = None,
    ) -> V:
        """Load, check the client's version, apply, save with whatever else the change
        made (`also`), atomically; retry on a concurrent write unless If-Match was sent."""
        aggregate: A | None = None
        for attempt in range(CONFLICT_RETRIES):
            aggregate = self._get(cls, kind, aggregate_id)
            # After the load: if the load saw a concurrent first answer's events, this read
            # sees its record too (they were saved together), so the retry is replayed.
            record = self._idempotency_record(cmd)
            if cmd.expected_version is not None and aggregate.version != cmd.expected_version:
                raise VersionMismatchError(cmd.expected_version, aggregate.version)
            with recording_as(cmd.recorded_by):
                result = change(aggregate)
                others = list(also(aggregate, result)) if also else []
            view = present(aggregate, result)
            try:
                self.save(aggregate, *others, *self._answer(cmd, record, view))
            except IntegrityError:
                if cmd.expected_version is not None and cmd.idempotency is None:
                    raise VersionMismatchError(cmd.expected_version, aggregate.version) from None
                _back_off(attempt)
                continue
            if hasattr(aggregate, "fork"):
                self._keep_live(aggregate)
            return view
        assert aggregate is not None
        raise VersionMismatchError(aggregate.version, aggregate.version + 1)

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
        milliseconds slower); the state is the same. Otherwise as eventsourcing does."""
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
        self.snapshots.put([snapshot_class.take(aggregate)])

    def replay_if_answered(self, idempotency: Idempotency) -> None:
        """Raise the first answer if this key was already answered (checked again, safely,
        inside every command)."""
        self._idempotency_record(Command(idempotency=idempotency))

    def _idempotency_record(self, cmd: Command) -> IdempotencyRecord | None:
        """The key's record if it may be answered anew; raises the first answer if live."""
        if cmd.idempotency is None:
            return None
        record_id = IdempotencyRecord.create_id(cmd.idempotency.principal_id, cmd.idempotency.key)
        try:
            record: Any = self.repository.get(record_id)
        except AggregateNotFoundError:
            return None
        answer = record.replay(cmd.idempotency.fingerprint, datetime.now(tz=UTC))
        if answer is not None:
            raise ReplayedAnswer(answer)
        return cast(IdempotencyRecord, record)

    def _answer(
        self, cmd: Command, record: IdempotencyRecord | None, view: Any
    ) -> list[IdempotencyRecord]:
        """Keep the answer beside the command's events, so a retry gets it again."""
        idem = cmd.idempotency
        if idem is None:
            return []
        answer = idem.render(view)
        with recording_as(cmd.recorded_by):
            if record is None:
                record = IdempotencyRecord(
                    idem.principal_id,
                    idem.key,
                    idem.fingerprint,
                    answer.status,
                    answer.body,
                    answer.etag,
                )
            else:
                record.answer_anew(idem.fingerprint, answer.status, answer.body, answer.etag)
        return [record]

    def _get(self, cls: type[A], kind: str, aggregate_id: UUID, version: int | None = None) -> A:
        if version is None and hasattr(cls, "fork"):
            live = self._fork_live(aggregate_id)
            if live is not None and isinstance(live, cls):
                return live
        try:
            aggregate: Any = self.repository.get(
                aggregate_id, version=version, projector_func=_replay
            )
        except AggregateNotFoundError:
            raise NotFoundError(kind, aggregate_id) from None
        if not isinstance(aggregate, cls):
            raise NotFoundError(kind, aggregate_id)
        if version is None and hasattr(cls, "fork"):
            self._keep_live(cast(Any, aggregate).fork())
        return aggregate

    def _fork_live(self, aggregate_id: UUID) -> Any:
        with self._live_lock:
            kept = self._live.get(aggregate_id)
            if kept is None:
                return None
            self._live.move_to_end(aggregate_id)
        aggregate = kept.fork()
        return _replay(aggregate, self.events.get(aggregate_id, gt=aggregate.version))

    def _keep_live(self, aggregate: Any) -> None:
        """Keep a record that nobody will change any more (just saved, or a fresh fork)."""
        with self._live_lock:
            kept = self._live.get(aggregate.id)
            if kept is None or kept.version < aggregate.version:
                self._live[aggregate.id] = aggregate
            self._live.move_to_end(aggregate.id)
            while len(self._live) > LIVE_RECORDS:
                self._live.popitem(last=False)

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

    def history(
        self, cls: type[RecordedAggregate], kind: str, aggregate_id: UUID
    ) -> list[HistoryEntry]:
        """Every event of one aggregate, oldest first, with who recorded it and when."""
        self._get(cls, kind, aggregate_id)
        return [history_entry(e) for e in self.events.get(aggregate_id)]


class _Inserted:
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


def _chain_on_insert(recorder: Any, projector: Projector) -> None:
    """On SQLite, chain events in the transaction that inserts them, when the chain already
    reaches the event before them (otherwise the projector chains them, in order, as it
    always does). The links are the ones the projector would write, only sooner: so it has
    nothing to write for events no read model handles, and a command commits once, not
    twice (the projector's transaction, with its own fsync, was most of a command's cost
    beyond the floor's). Writers are serialised, so the head read here is the log's."""
    insert, insert_events = recorder._insert_events, recorder.insert_events
    convert = recorder.convert_originator_id
    chained = threading.local()  # how far this thread's insert chained, once committed

    def _insert_events(c: Any, stored_events: Sequence[Any], **kwargs: Any) -> Any:
        positions = insert(c, stored_events, **kwargs)
        if positions:
            tx = Tx(c, postgres=False)
            if audit.head(tx)[0] == positions[0] - 1:
                chained.through = positions[-1]
                audit.extend(
                    tx,
                    [
                        _Inserted(
                            position,
                            s.originator_id
                            if isinstance(s.originator_id, UUID)
                            else convert(s.originator_id),
                            s.originator_version,
                            s.topic,
                            s.state,
                        )
                        for position, s in zip(positions, stored_events, strict=True)
                    ],
                )
        return positions

    def _insert_and_commit(stored_events: Sequence[Any], **kwargs: Any) -> Any:
        chained.through = 0
        positions = insert_events(stored_events, **kwargs)
        if chained.through:
            projector.note_chained(chained.through)
        return positions

    recorder._insert_events = _insert_events
    recorder.insert_events = _insert_and_commit
