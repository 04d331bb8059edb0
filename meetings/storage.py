"""What the event store's failures mean: unreachable for a while, full, or a stored
record that no longer decodes. The web layer answers each with its own status."""

from __future__ import annotations

import sqlite3
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import (
    ConnectionUnavailableError,
    Mapper,
    MapperDeserialisationError,
    OperationalError,
    StoredEvent,
)

#: Errors of a PostgreSQL that is restarting, out of reach, or out of pooled connections
#: (psycopg_pool's PoolTimeout is a psycopg OperationalError), and of a connection pool
#: that had none to give in time. eventsourcing wraps these in its own errors, `from` them.
UNREACHABLE: tuple[type[Exception], ...] = (
    psycopg.OperationalError,
    psycopg.InterfaceError,
    ConnectionUnavailableError,
)

#: How SQLite says another process holds the lock longer than the busy timeout.
_BUSY = ("database is locked", "database table is locked", "database is busy")

#: How SQLite says the disk (or the database's page limit) is full: SQLITE_FULL.
_FULL = ("database or disk is full", "disk full", "no space left on device")


class UndecodableEventError(MapperDeserialisationError):
    """A stored event that cannot be decoded any more: it was changed outside the service."""

    def __init__(self, aggregate_id: Any, version: int, topic: str, position: int | None) -> None:
        self.aggregate_id = aggregate_id
        self.version = version
        self.topic = topic
        self.position = position
        where = f"at position {position}" if position is not None else ""
        super().__init__(
            f"The stored event {where} (version {version} of record {aggregate_id}) cannot "
            "be read: it was changed outside the service. Run `meetings verify`."
        )


class CheckedMapper(Mapper[UUID]):
    """eventsourcing's mapper, naming the stored event it could not decode."""

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        try:
            return super().to_domain_event(stored_event)
        except UndecodableEventError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # JSON that does not parse, or parses into something the event cannot take.
            raise UndecodableEventError(
                stored_event.originator_id,
                stored_event.originator_version,
                stored_event.topic,
                getattr(stored_event, "id", None),  # a Notification knows its position
            ) from error


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_full(error: BaseException) -> bool:
    """Whether the store refused a write because the disk (or its size limit) is full."""
    for e in _chain(error):
        if getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        if isinstance(e, psycopg.errors.DiskFull):
            return True
        if isinstance(e, sqlite3.Error | OperationalError | OSError) and any(
            words in str(e).lower() for words in _FULL
        ):
            return True
    return False


def is_unavailable(error: BaseException) -> bool:
    """Whether the store is out of reach or busy for now (worth retrying shortly)."""
    for e in _chain(error):
        if isinstance(e, UNREACHABLE):
            return True
        if isinstance(e, sqlite3.OperationalError | OperationalError) and any(
            words in str(e).lower() for words in _BUSY
        ):
            return True
    return False
