"""Taking a backup: a consistent copy of the database (SQLite's online backup API;
PostgreSQL's `pg_dump -Fc` of the schema, in a snapshot) and its manifest beside it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetings.infrastructure import audit
from meetings.infrastructure.backup.manifest import (
    FORMAT,
    BackupError,
    Manifest,
    release,
    sha256_of,
)
from meetings.infrastructure.backup.pg_dump import pg_tool
from meetings.infrastructure.sql import Tx

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication


def backup(app: MeetingsApplication, target: Path) -> Manifest:
    """A consistent copy of the record at `target`, and its manifest beside it."""
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} is a directory: name the backup file")
    if not target.parent.is_dir():
        raise BackupError(f"there is no directory {target.parent} to write the backup in")
    app.projector.catch_up()  # chain everything recorded so far
    partial = target.with_name(target.name + ".partial")
    try:
        counts = _pg_dump(app, partial) if app.postgres else _sqlite_backup(app, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    events, last, head_position, head_hash = counts
    manifest = Manifest(
        format=FORMAT,
        release=release(),
        backend="postgres" if app.postgres else "sqlite",
        file=target.name,
        sha256=sha256_of(target),
        events=events,
        last_position=last,
        head_position=head_position,
        head_hash=head_hash,
    )
    manifest.write(target)
    return manifest


def _counts(tx: Any, events_table: str) -> tuple[int, int, int, str]:
    row = tx.one(f"SELECT COUNT(*) AS n FROM {events_table}")
    n = int(row["n"]) if row else 0
    last_row = tx.one(
        f"SELECT MAX({'notification_id' if tx.postgres else 'rowid'}) AS m FROM {events_table}"
    )
    last = int(last_row["m"] or 0) if last_row else 0
    position, digest = audit.head(tx)
    return n, last, position, digest


def _sqlite_backup(app: MeetingsApplication, partial: Path) -> tuple[int, int, int, str]:
    """SQLite's online backup API: one step, so the copy is one consistent moment."""
    name = str(app.factory.env.get("SQLITE_DBNAME"))
    source = sqlite3.connect(name, uri=name.startswith("file:"), timeout=30)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
    finally:
        source.close()
    try:
        dest.row_factory = sqlite3.Row
        counts = _counts(Tx(dest.cursor(), postgres=False), app.recorder.events_table_name)  # type: ignore[attr-defined]
    finally:
        dest.close()
    return counts


def _pg_dump(app: MeetingsApplication, partial: Path) -> tuple[int, int, int, str]:
    """pg_dump of the schema in custom format, taken in a snapshot exported by a
    transaction that reads the counts and the head in that same snapshot."""
    import psycopg
    from psycopg.rows import dict_row

    schema = str(app.db.datastore.schema or "public")  # type: ignore[union-attr]
    params = _connection(app.factory.env)
    with psycopg.connect(**params, row_factory=dict_row) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot() AS s").fetchone()
        assert snapshot is not None
        conn.execute(f'SET LOCAL search_path TO "{schema}"')
        counts = _counts(Tx(conn.cursor(), postgres=True), app.recorder.events_table_name)  # type: ignore[attr-defined]
        done = subprocess.run(
            _dump_command(params, schema, str(snapshot["s"]), partial),
            env={**os.environ, "PGPASSWORD": str(params["password"])},
            capture_output=True,
            text=True,
            check=False,
        )
        conn.rollback()
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return counts


def _connection(env: Any) -> dict[str, Any]:
    """How to reach the database, from the application's environment."""
    return {
        "dbname": env.get("POSTGRES_DBNAME"),
        "host": env.get("POSTGRES_HOST", "localhost"),
        "port": env.get("POSTGRES_PORT", "5432"),
        "user": env.get("POSTGRES_USER", "postgres"),
        "password": env.get("POSTGRES_PASSWORD", ""),
    }


def _dump_command(params: dict[str, Any], schema: str, snapshot: str, partial: Path) -> list[str]:
    """pg_dump of one schema, custom format, as the exported snapshot saw it."""
    return [
        pg_tool("pg_dump"),
        "-Fc",
        "--no-owner",
        "--no-privileges",
        f"--snapshot={snapshot}",
        "-n",
        schema,
        "-f",
        str(partial),
        "-h",
        str(params["host"]),
        "-p",
        str(params["port"]),
        "-U",
        str(params["user"]),
        str(params["dbname"]),
    ]
