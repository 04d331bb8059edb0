"""What the event store's failures mean: unreachable for a while, full, or a stored
record that no longer decodes. The web layer answers each with its own status."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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
from psycopg import sql

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


#: The advisory lock every starter takes while it creates the schema and tables (with the
#: schema's hash as the second key): an arbitrary constant beside the projector's 727001.
STARTUP_LOCK = 727_002


@contextmanager
def startup_lock(env: dict[str, str]) -> Iterator[None]:
    """On PostgreSQL, one process at a time creates the schema, the log's tables and the
    read models (servers and the worker starting together raced to, and one crashed on a
    duplicate pg_type or pg_namespace row); the others wait, then find them made. Held on
    a connection of its own, released when it closes."""
    if env.get("PERSISTENCE_MODULE") != "eventsourcing.postgres":
        yield
        return
    schema = env.get("POSTGRES_SCHEMA", "").strip()
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env.get("POSTGRES_HOST", "localhost"),
        port=env.get("POSTGRES_PORT", "5432"),
        user=env.get("POSTGRES_USER", "postgres"),
        password=env.get("POSTGRES_PASSWORD", ""),
        connect_timeout=int(float(env.get("POSTGRES_CONNECT_TIMEOUT") or 10)),
        autocommit=True,
    ) as conn:
        conn.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", (STARTUP_LOCK, schema or "public")
        )
        if schema:
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        yield
