"""One way to run SQL on SQLite and PostgreSQL: '?' placeholders, rows as dicts."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore

Row = dict[str, Any]
_PLACEHOLDER = re.compile(r"\?")
#: A LIKE test that takes the pattern from `contains()` literally, on both backends.
LIKE = "LIKE ? ESCAPE '!'"


def contains(text: str) -> str:
    """The LIKE pattern (with `LIKE`'s ESCAPE '!') for values containing `text` literally:
    a % or _ someone searches for is that character, not a wildcard."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


class Tx:
    """A transaction on the read-model database."""

    def __init__(self, cursor: Any, postgres: bool) -> None:
        self.cursor = cursor
        self.postgres = postgres

    def _sql(self, sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql) if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cursor.executemany(self._sql(sql), [tuple(r) for r in rows])

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self.execute(sql, params)
        return [dict(row) for row in self.cursor.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        self.execute(sql, params)
        row = self.cursor.fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None


class Database:
    """The read-model tables live beside the event log, in the same database."""

    def __init__(self, datastore: SQLiteDatastore | PostgresDatastore) -> None:
        self.datastore = datastore
        self.postgres = isinstance(datastore, PostgresDatastore)
        schema = datastore.schema if isinstance(datastore, PostgresDatastore) else "public"
        # A deployment (or a test) may keep the whole record in its own schema: each pooled
        # connection is pointed at it once (eventsourcing's own statements name the schema).
        self._search_path = (
            "SET search_path TO " + '"' + schema.replace('"', '""') + '"'
            if schema != "public"
            else None
        )
        self._pointed: weakref.WeakSet[Any] = weakref.WeakSet()

    @contextmanager
    def transaction(self, *, commit: bool = True) -> Iterator[Tx]:
        if not self.postgres:
            with self._sqlite_transaction(commit) as cursor:
                yield Tx(cursor, self.postgres)
            return
        with self._connection() as conn, conn.transaction(force_rollback=not commit):
            yield Tx(conn.cursor(), self.postgres)

    @contextmanager
    def _sqlite_transaction(self, commit: bool) -> Iterator[Any]:
        """A transaction that will write takes SQLite's write lock when it begins (BEGIN
        IMMEDIATE, waiting out the busy timeout): one that read first and wrote after,
        while another process had written meanwhile, failed at once with "database is
        locked" (the busy timeout cannot help a reader's snapshot that went stale)."""
        assert isinstance(self.datastore, SQLiteDatastore)
        if not commit:
            with self.datastore.transaction(commit=False) as cursor:
                yield cursor
            return
        with self.datastore.get_connection(commit=True) as conn:
            cursor = conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        assert isinstance(self.datastore, PostgresDatastore)
        with self.datastore.get_connection() as conn:
            if self._search_path and conn not in self._pointed:
                conn.execute(self._search_path)  # in autocommit: it stays for the session
                self._pointed.add(conn)
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Tx]:
        """One statement that only reads: on PostgreSQL in autocommit (a statement is its
        own snapshot), without BEGIN and ROLLBACK round trips."""
        if not self.postgres:
            with self.transaction(commit=False) as tx:
                yield tx
            return
        with self._connection() as conn:
            yield Tx(conn.cursor(), self.postgres)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._reading() as tx:
            return tx.all(sql, params)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with self._reading() as tx:
            return tx.one(sql, params)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._reading() as tx:
            return tx.scalar(sql, params)
