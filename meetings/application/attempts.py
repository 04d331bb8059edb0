"""The machinery of a command attempt, in one place: load the record (from the live
cache of records kept in memory where one is), check the client's If-Match, replay the
first result to a repeated Idempotency-Key (kept as data beside the events it answered,
and returned just as a fresh result is), save the events with the result beside them,
and try again when another writer saved to the same record at once (by `tenacity`)."""

from __future__ import annotations

import random
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import EnvType
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_base, wait_none

from meetings.application.commands import Command
from meetings.application.errors import VersionMismatchError
from meetings.application.results import as_data, from_data
from meetings.domain.base import RecordedAggregate, recording_as
from meetings.domain.errors import MeetingsError, NotFoundError
from meetings.idempotency import (
    Answer,
    FirstResult,
    Idempotency,
    IdempotencyRecord,
    ReplayedAnswer,
)

A = TypeVar("A", bound=RecordedAggregate)
R = TypeVar("R")
V = TypeVar("V")

#: How many live records (meetings) each process keeps in memory.
LIVE_RECORDS = 256

#: How often a command is tried when another clerk wrote to the same record at once.
CONFLICT_RETRIES = 40


def replay(aggregate: Any, events: Any) -> Any:
    """Apply events in order (eventsourcing's default also type-checks every event, which
    costs more than applying it on a long meeting)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class _Conflict(Exception):
    """Another writer saved to the record first: try again, or, when tries run out, answer
    with this version mismatch."""

    def __init__(self, mismatch: VersionMismatchError) -> None:
        super().__init__(str(mismatch))
        self.mismatch = mismatch


class _AnsweredBefore(Exception):
    """The command was answered before under this key: its first result, again."""

    def __init__(self, result: Any) -> None:
        super().__init__("This request was already answered.")
        self.result = result


class _JitteredBackOff(wait_base):
    """A short, jittered pause before trying again, so colliding writers spread out."""

    def __call__(self, retry_state: RetryCallState) -> float:
        return random.uniform(0, 0.002 * min(retry_state.attempt_number, 10))


def _attempt(body: Callable[[], V], wait: wait_base) -> V:
    """Run `body` until it does not conflict, at most CONFLICT_RETRIES times."""
    retrying = Retrying(
        stop=stop_after_attempt(CONFLICT_RETRIES),
        retry=retry_if_exception_type(_Conflict),
        wait=wait,
        reraise=True,
    )
    try:
        return retrying(body)
    except _Conflict as conflict:
        raise conflict.mismatch from None
    except _AnsweredBefore as answered:
        return cast(V, answered.result)


class CommandAttempts(Application[UUID]):
    """Loading, If-Match, Idempotency-Key, saving and retrying, for every use case."""

    def __init__(self, env: EnvType | None = None) -> None:
        super().__init__(env)
        # Live records kept in memory (never changed once kept): the next command forks one
        # and applies only the events recorded since, instead of decoding a snapshot.
        self._live: OrderedDict[UUID, Any] = OrderedDict()
        self._live_lock = threading.Lock()

    def _create(self, cmd: Command, build: Callable[[], A], present: Callable[[A], V]) -> V:
        """Make a new record from a command, save it, and answer with its view."""

        def attempt() -> V:
            record = self._idempotency_record(cmd)
            with recording_as(cmd.recorded_by):
                aggregate = build()
            view = present(aggregate)
            try:
                self.save(aggregate, *self._answer(cmd, record, view))
            except IntegrityError:
                if cmd.idempotency is None:
                    raise  # a record with this id exists already: the caller decides
                # Another request with the same key landed first: replay it.
                raise _Conflict(VersionMismatchError(0, 1)) from None
            return view

        return _attempt(attempt, wait_none())

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

        tries = 0

        def attempt() -> V:
            nonlocal tries
            tries += 1
            # The first try decides on the record kept in memory as this process last saw
            # it, without asking the log for newer events: saving at the next version is
            # refused if there are any (a conflict: tried again on the record as it
            # stands), and a refusal decided on it is decided again on the record as it
            # stands before it is answered.
            kept = self._kept(cls, aggregate_id) if tries == 1 else None
            if kept is not None:
                try:
                    return decide(kept)
                except (_Conflict, _AnsweredBefore, ReplayedAnswer):
                    raise
                except MeetingsError:
                    pass
            return decide(self._get(cls, kind, aggregate_id))

        def decide(aggregate: A) -> V:
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
                mismatch = VersionMismatchError(aggregate.version, aggregate.version + 1)
                raise _Conflict(mismatch) from None
            if hasattr(aggregate, "fork"):
                self._keep_live(aggregate)
            return view

        return _attempt(attempt, _JitteredBackOff())

    def _get(self, cls: type[A], kind: str, aggregate_id: UUID, version: int | None = None) -> A:
        if version is None and hasattr(cls, "fork"):
            live = self._fork_live(aggregate_id)
            if live is not None and isinstance(live, cls):
                return live
        try:
            aggregate: Any = self.repository.get(
                aggregate_id, version=version, projector_func=replay
            )
        except AggregateNotFoundError:
            raise NotFoundError(kind, aggregate_id) from None
        if not isinstance(aggregate, cls):
            raise NotFoundError(kind, aggregate_id)
        if version is None and hasattr(cls, "fork"):
            self._keep_live(cast(Any, aggregate).fork())
        return aggregate

    def _kept(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """A fork of the record kept in memory, as this process last saw it (newer events
        in the log, if any, not applied), or None."""
        if not hasattr(cls, "fork"):
            return None
        with self._live_lock:
            kept = self._live.get(aggregate_id)
        return cast(A, cast(Any, kept).fork()) if isinstance(kept, cls) else None

    def _fork_live(self, aggregate_id: UUID) -> Any:
        with self._live_lock:
            kept = self._live.get(aggregate_id)
            if kept is None:
                return None
            self._live.move_to_end(aggregate_id)
        aggregate = kept.fork()
        return replay(aggregate, self.events.get(aggregate_id, gt=aggregate.version))

    def _keep_live(self, aggregate: Any) -> None:
        """Keep a record that nobody will change any more (just saved, or a fresh fork)."""
        with self._live_lock:
            kept = self._live.get(aggregate.id)
            if kept is None or kept.version < aggregate.version:
                self._live[aggregate.id] = aggregate
            self._live.move_to_end(aggregate.id)
            while len(self._live) > LIVE_RECORDS:
                self._live.popitem(last=False)

    def replay_if_answered(self, idempotency: Idempotency) -> None:
        """Before a command: refuse a key reused for another request, and raise the answer
        a record kept before results were kept as data. A first result is returned by the
        command itself (checked again, safely, inside every command)."""
        _, answer = self._first_answer(idempotency)
        if isinstance(answer, Answer):
            raise ReplayedAnswer(answer)

    def _idempotency_record(self, cmd: Command) -> IdempotencyRecord | None:
        """The key's record if it may be answered anew; if it is live, its first result
        (or the HTTP answer an older record kept) is raised."""
        if cmd.idempotency is None:
            return None
        record, answer = self._first_answer(cmd.idempotency)
        if isinstance(answer, FirstResult):
            cmd.idempotency.answered_before = True
            raise _AnsweredBefore(from_data(answer.data))
        if answer is not None:
            raise ReplayedAnswer(answer)
        return record

    def _first_answer(
        self, idem: Idempotency
    ) -> tuple[IdempotencyRecord | None, Answer | FirstResult | None]:
        """The key's record, and its first answer while the key is live."""
        record_id = IdempotencyRecord.create_id(idem.principal_id, idem.key)
        # Most keys are new: one read of the log says so, where loading the record would
        # ask the snapshots first (a second round trip) and fail.
        if not self.recorder.select_events(record_id, limit=1):
            return None, None
        try:
            record: Any = self.repository.get(record_id)
        except AggregateNotFoundError:
            return None, None
        return cast(IdempotencyRecord, record), record.replay(
            idem.fingerprint, datetime.now(tz=UTC)
        )

    def _answer(
        self, cmd: Command, record: IdempotencyRecord | None, view: Any
    ) -> list[IdempotencyRecord]:
        """Keep the result, as data, beside the command's events, so a retry gets it again."""
        idem = cmd.idempotency
        if idem is None:
            return []
        data = as_data(view)
        with recording_as(cmd.recorded_by):
            if record is None:
                record = IdempotencyRecord.keep_result(idem, data)
            else:
                record.keep_result_anew(idem, data)
        return [record]
