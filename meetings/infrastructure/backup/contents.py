"""What a backup holds: the rows of a record to restore (the log, its chain, and the
tables kept beside them), read from a `meetings export`, a SQLite backup or, through
pg_dump.py, a PostgreSQL one."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from meetings.infrastructure import audit
from meetings.infrastructure.audit import ExportedEvent, seals
from meetings.infrastructure.backup.manifest import BackupError
from meetings.infrastructure.sql import Row

CHAIN_TABLE = "audit_chain"
#: The log's table: eventsourcing names it after the application on PostgreSQL.
EVENT_TABLES = ("meetings_events", "stored_events")
#: Tables beside the log that are not derived from it, copied by a restore (the bearer
#: tokens: without them nobody could sign in to the restored service; the people's keys:
#: without them nobody's contact details could be read).
KEPT_TABLES = ("api_tokens", "event_seals", "person_keys")


@dataclass
class Contents:
    """The rows of a record to restore: the log, its chain, and the kept tables. Each is
    read afresh every time it is iterated (a big log is never held in memory)."""

    events: Callable[[], Iterator[ExportedEvent]]
    chain: Callable[[], Iterator[Row]]
    kept: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)
    #: For a source whose rows are usually in log order but may not be (a dump): read them
    #: sorted, in memory, from now on.
    sort: Callable[[], None] | None = None


class OutOfOrderError(Exception):
    """The rows were not in log order: read them again, sorted."""


def export_contents(lines: Callable[[], Iterable[str]]) -> Contents:
    """The log of a `meetings export` (JSONL of the stored bytes with their links)."""

    def events() -> Iterator[ExportedEvent]:
        return (e for e, _ in audit.read_export(lines()))

    def chain() -> Iterator[Row]:
        return (link for _, link in audit.read_export(lines()) if link["hash"] is not None)

    return Contents(events, chain)


def v2_fields(row: Any) -> dict[str, Any]:
    """A link's version-2 fields (digest, key id, seal), when it is of version 2."""
    version = row.get("link_version")
    if version is None or str(version) != "2":
        return {}
    return {"link_version": 2, **{n: row.get(n) for n in seals.V2_COLUMNS if n != "link_version"}}


def sqlite_contents(path: Path) -> Contents:
    """The rows of a SQLite backup (a database file)."""

    def rows(sql: str) -> Iterator[sqlite3.Row]:
        with contextlib.closing(_open_sqlite(path)) as conn:
            yield from conn.execute(sql)

    def events() -> Iterator[ExportedEvent]:
        for r in rows(
            "SELECT rowid, originator_id, originator_version, topic, state"
            f" FROM {table} ORDER BY rowid"
        ):
            state = r[4] if isinstance(r[4], bytes) else str(r[4]).encode()
            yield ExportedEvent(int(r[0]), uuid_text(r[1]), int(r[2]), str(r[3]), state)

    def chain() -> Iterator[Row]:
        with contextlib.closing(_open_sqlite(path)) as conn:
            present = {r[1] for r in conn.execute(f"PRAGMA table_info({CHAIN_TABLE})")}
        sealed = [name for name in seals.V2_COLUMNS if name in present]  # version-2 links
        listed = ", ".join(["position", "hash", "prev_hash", *sealed])
        for r in rows(f"SELECT {listed} FROM {CHAIN_TABLE} ORDER BY position"):
            yield {"position": int(r[0]), "hash": r[1], "prev_hash": r[2]} | v2_fields(
                dict(zip(sealed, r[3:], strict=True))
            )

    kept = {}
    with contextlib.closing(_open_sqlite(path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        table = next((t for t in EVENT_TABLES if t in tables), None)
        if table is None:
            raise BackupError(f"{path} holds no event log: it is not a backup of the record")
        for name in KEPT_TABLES:
            if name in tables:
                cursor = conn.execute(f"SELECT * FROM {name}")
                columns = [d[0] for d in cursor.description]
                kept[name] = (columns, [tuple(r) for r in cursor.fetchall()])
    return Contents(events, chain, kept)


def _open_sqlite(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup: {error}") from None
    return conn


def uuid_text(value: Any) -> str:
    try:
        return str(UUID(str(value)))
    except ValueError:
        return str(value)
