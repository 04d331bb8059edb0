"""Backup and restore of the record, proving themselves against the hash chain.

A backup is a consistent copy of the database (SQLite's online backup API; PostgreSQL's
`pg_dump -Fc` of the schema) and, beside it, a small manifest: the format and release that
wrote it, the backend, the copy's SHA-256, how many events it holds, and the chain's head.

A restore reads the log, its chain and the bearer tokens out of a backup, checks them
before anything is written (the manifest's digest, the release, every link of the chain,
the head), copies them into an empty store keeping every event's position (a link hashes
its position), rebuilds every read model from the log, and checks the chain and the head
again in the store. A SQLite backup restores into SQLite or PostgreSQL (the move a county
makes when it outgrows the laptop); a PostgreSQL backup restores into PostgreSQL.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from packaging.version import InvalidVersion, Version

from meetings.application import MeetingsApplication
from meetings.infrastructure import audit
from meetings.infrastructure.audit import ExportedEvent, seals
from meetings.infrastructure.sql import Row

#: The version of the backup format; a restore refuses a newer one.
FORMAT = 1
MANIFEST_SUFFIX = ".manifest.json"
CHAIN_TABLE = "audit_chain"
#: The log's table: eventsourcing names it after the application on PostgreSQL.
EVENT_TABLES = ("meetings_events", "stored_events")
#: Tables beside the log that are not derived from it, copied by a restore (the bearer
#: tokens: without them nobody could sign in to the restored service; the people's keys:
#: without them nobody's contact details could be read).
KEPT_TABLES = ("api_tokens", "event_seals", "person_keys")
BATCH = 1000


class BackupError(Exception):
    """A backup or restore that cannot go ahead; nothing was changed."""


class RestoreFailed(BackupError):
    """The restored record does not prove itself: `position` is the first bad one."""

    def __init__(self, message: str, position: int | None) -> None:
        super().__init__(message)
        self.position = position


def release() -> str:
    try:
        return importlib.metadata.version("meetings")
    except importlib.metadata.PackageNotFoundError:
        return "0"


# The manifest ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    format: int
    release: str
    backend: str
    file: str
    sha256: str
    events: int
    last_position: int
    head_position: int
    head_hash: str
    created_at: str = field(default_factory=lambda: datetime.now(tz=UTC).isoformat())

    @property
    def anchor(self) -> str:
        return f"{self.head_position}:{self.head_hash}"

    def write(self, backup: Path) -> Path:
        path = manifest_path(backup)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, backup: Path) -> Manifest:
        path = manifest_path(backup)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BackupError(
                f"there is no manifest {path} beside the backup: it holds the chain's head "
                "the restore is checked against"
            ) from None
        except (OSError, ValueError) as error:
            raise BackupError(f"cannot read the manifest {path}: {error}") from None
        try:
            manifest = cls(
                format=int(raw["format"]),
                release=str(raw["release"]),
                backend=str(raw["backend"]),
                file=str(raw["file"]),
                sha256=str(raw["sha256"]),
                events=int(raw["events"]),
                last_position=int(raw["last_position"]),
                head_position=int(raw["head_position"]),
                head_hash=str(raw["head_hash"]),
                created_at=str(raw.get("created_at", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError(f"the manifest {path} is not a backup manifest: {error}") from None
        if manifest.backend not in ("sqlite", "postgres"):
            raise BackupError(f"the manifest names an unknown backend {manifest.backend!r}")
        return manifest


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# What a backup holds --------------------------------------------------------------------


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


class _OutOfOrder(Exception):
    """The rows were not in log order: read them again, sorted."""


def export_contents(lines: Callable[[], Iterable[str]]) -> Contents:
    """The log of a `meetings export` (JSONL of the stored bytes with their links)."""

    def events() -> Iterator[ExportedEvent]:
        return (e for e, _ in audit.read_export(lines()))

    def chain() -> Iterator[Row]:
        return (link for _, link in audit.read_export(lines()) if link["hash"] is not None)

    return Contents(events, chain)


def _v2(row: Any) -> dict[str, Any]:
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
            yield ExportedEvent(int(r[0]), _uuid_text(r[1]), int(r[2]), str(r[3]), state)

    def chain() -> Iterator[Row]:
        with contextlib.closing(_open_sqlite(path)) as conn:
            present = {r[1] for r in conn.execute(f"PRAGMA table_info({CHAIN_TABLE})")}
        sealed = [name for name in seals.V2_COLUMNS if name in present]  # version-2 links
        listed = ", ".join(["position", "hash", "prev_hash", *sealed])
        for r in rows(f"SELECT {listed} FROM {CHAIN_TABLE} ORDER BY position"):
            yield {"position": int(r[0]), "hash": r[1], "prev_hash": r[2]} | _v2(
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


def _uuid_text(value: Any) -> str:
    try:
        return str(UUID(str(value)))
    except ValueError:
        return str(value)


# PostgreSQL custom-format dumps, read with pg_restore ---------------------------------------

_COPY = re.compile(r'^COPY (?:"?[^\s."]+"?\.)?"?([^\s."]+)"? \(([^)]*)\) FROM stdin;$')
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")


def _unescape(text: str) -> str | None:
    """A value of COPY's text format (NULL is \\N)."""
    if text == "\\N":
        return None

    def one(m: re.Match[str]) -> str:
        s = m.group(1)
        if s[0] == "x" and len(s) > 1:
            return chr(int(s[1:], 16))
        if s[0].isdigit():
            return chr(int(s, 8))
        return _ESCAPES.get(s, s)

    return _ESCAPE.sub(one, text)


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on the PATH, else the newest in /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools "
            "(Debian: postgresql-client)"
        )
    return candidates[-1]


def _copy_blocks(path: Path) -> Iterator[tuple[str, list[str], Iterator[list[str | None]]]]:
    """Each table's COPY block of a custom-format dump, as (table, columns, rows)."""
    try:
        proc = subprocess.Popen(
            [pg_tool("pg_restore"), "--data-only", "-f", "-", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
    except OSError as error:
        raise BackupError(f"cannot run pg_restore: {error}") from None
    assert proc.stdout is not None
    finished = False
    try:
        for line in proc.stdout:
            match = _COPY.match(line.rstrip("\n"))
            if match is None:
                continue
            table = match.group(1)
            columns = [c.strip().strip('"') for c in match.group(2).split(",")]

            def rows(stream: Any = proc.stdout) -> Iterator[list[str | None]]:
                for data in stream:
                    data = data.rstrip("\n")
                    if data == "\\.":
                        return
                    yield [_unescape(v) for v in data.split("\t")]

            yield table, columns, rows()
        finished = True
    finally:
        if not finished:  # the reader stopped early (a bad link found): stop pg_restore
            proc.kill()
        proc.stdout.close()
        complaint = proc.stderr.read() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.wait() != 0 and finished:
            raise BackupError(
                f"{path} is not a PostgreSQL backup pg_restore can read: {complaint.strip()}"
            )


def postgres_contents(path: Path) -> Contents:
    """The rows of a PostgreSQL backup (a `pg_dump -Fc` file)."""

    def table_rows(*names: str) -> Iterator[dict[str, str | None]]:
        for table, columns, rows in _copy_blocks(path):
            if table in names:
                for values in rows:
                    yield dict(zip(columns, values, strict=True))
            else:
                for _ in rows:
                    pass

    # A table that is only ever appended to is dumped in log order; a CLUSTER (or the like)
    # could change that, and then the rows are sorted in memory.
    state = {"sorted": False}

    def ordered(rows: Iterator[dict[str, str | None]], key: str) -> Iterator[dict[str, str | None]]:
        if state["sorted"]:
            yield from sorted(rows, key=lambda r: int(r[key] or 0))
            return
        last = 0
        for r in rows:
            if int(r[key] or 0) <= last:
                raise _OutOfOrder
            last = int(r[key] or 0)
            yield r

    def events() -> Iterator[ExportedEvent]:
        for r in ordered(table_rows(*EVENT_TABLES), "notification_id"):
            state = r["state"] or ""
            yield ExportedEvent(
                int(r["notification_id"] or 0),
                _uuid_text(r["originator_id"]),
                int(r["originator_version"] or 0),
                str(r["topic"]),
                bytes.fromhex(state[2:]) if state.startswith("\\x") else state.encode(),
            )

    def chain() -> Iterator[Row]:
        for r in ordered(table_rows(CHAIN_TABLE), "position"):
            yield {
                "position": int(r["position"] or 0),
                "hash": r["hash"],
                "prev_hash": r["prev_hash"],
            } | _v2(r)

    tables: set[str] = set()
    kept: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for table, columns, rows in _copy_blocks(path):
        tables.add(table)
        if table in KEPT_TABLES:
            kept[table] = (columns, [tuple(r) for r in rows])
        else:
            for _ in rows:
                pass
    if not tables & set(EVENT_TABLES):
        raise BackupError(f"{path} holds no event log: it is not a backup of the record")

    def sort() -> None:
        state["sorted"] = True

    return Contents(events, chain, kept, sort)


# Backing up -----------------------------------------------------------------------------


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
    from meetings.infrastructure.sql import Tx

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

    from meetings.infrastructure.sql import Tx

    store = app.db.datastore
    schema = str(store.schema or "public")  # type: ignore[union-attr]
    env = app.factory.env
    params = {
        "dbname": env.get("POSTGRES_DBNAME"),
        "host": env.get("POSTGRES_HOST", "localhost"),
        "port": env.get("POSTGRES_PORT", "5432"),
        "user": env.get("POSTGRES_USER", "postgres"),
        "password": env.get("POSTGRES_PASSWORD", ""),
    }
    with psycopg.connect(**params, row_factory=dict_row) as conn:  # type: ignore[arg-type]
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot() AS s").fetchone()
        assert snapshot is not None
        conn.execute(f'SET LOCAL search_path TO "{schema}"')
        counts = _counts(Tx(conn.cursor(), postgres=True), app.recorder.events_table_name)  # type: ignore[attr-defined]
        command = [
            pg_tool("pg_dump"),
            "-Fc",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot['s']}",
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
        done = subprocess.run(
            command,
            env={**os.environ, "PGPASSWORD": str(params["password"])},
            capture_output=True,
            text=True,
            check=False,
        )
        conn.rollback()
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return counts


# Restoring ------------------------------------------------------------------------------


def is_empty(app: MeetingsApplication) -> bool:
    return not (app.recorder.max_notification_id() or 0)


def contents_of(path: Path, manifest: Manifest) -> Contents:
    return postgres_contents(path) if manifest.backend == "postgres" else sqlite_contents(path)


def check_backup(path: Path) -> tuple[Manifest, Contents]:
    """Everything that can be checked before the store is touched."""
    if not path.is_file():
        raise BackupError(f"there is no backup file {path}")
    manifest = Manifest.read(path)
    if manifest.format > FORMAT:
        raise BackupError(
            f"the backup is in format {manifest.format}, newer than this release reads "
            f"({FORMAT}): restore it with release {manifest.release} or later"
        )
    if _newer(manifest.release, release()):
        raise BackupError(
            f"the backup was made by release {manifest.release}, newer than this one "
            f"({release()}): restore it with release {manifest.release} or later"
        )
    if sha256_of(path) != manifest.sha256:
        raise BackupError(
            f"the backup {path} was changed since it was made: its SHA-256 is not the one "
            "in its manifest"
        )
    contents = contents_of(path, manifest)
    try:
        verdict, events = _check_contents(contents, manifest)
    except _OutOfOrder:
        if contents.sort is None:
            raise BackupError(f"the rows of {path} are not in log order") from None
        contents.sort()
        verdict, events = _check_contents(contents, manifest)
    _judge(verdict, manifest, "the backup")
    if events != manifest.events:
        raise RestoreFailed(
            f"the backup holds {events} events; its manifest says {manifest.events}", None
        )
    return manifest, contents


def _check_contents(contents: Contents, manifest: Manifest) -> tuple[audit.Verdict, int]:
    """Every link recomputed from the backup's events, and how many events it holds.
    Events recorded after the last chaining (a copy taken while clients write) have no
    link yet: the restore's rebuild chains them."""
    chain_end = 0
    for link in contents.chain():
        chain_end = int(link["position"])
    linked = (e for e in contents.events() if e.id <= chain_end)
    redacted = audit.redactions(contents.events())  # rows a recorded erasure redacted
    verdict = audit.verify(linked, contents.chain(), manifest.anchor, redacted=redacted)
    return verdict, sum(1 for _ in contents.events())


def _newer(theirs: str, ours: str) -> bool:
    try:
        return Version(theirs) > Version(ours)
    except InvalidVersion:
        return theirs != ours


def _judge(verdict: audit.Verdict, manifest: Manifest, what: str) -> None:
    if not verdict.ok:
        raise RestoreFailed(
            f"{what} fails the hash chain at position {verdict.first_bad_position}: "
            f"{verdict.problem}",
            verdict.first_bad_position,
        )
    if not verdict.anchor_found:
        raise RestoreFailed(
            f"{what}'s chain does not pass through the head in the manifest "
            f"({manifest.anchor}): it ends at {verdict.head_position}:{verdict.head_hash}",
            min(verdict.head_position, manifest.head_position) + 1,
        )


def restore(app: MeetingsApplication, path: Path) -> tuple[Manifest, audit.Verdict]:
    """Restore the backup at `path` into the empty store of `app`, rebuild the read models
    and verify the chain against the head in the manifest."""
    if not is_empty(app):
        raise BackupError(
            "the store is not empty: a backup is restored only into an empty store "
            "(MEETINGS_DATABASE_URL names a new database or schema)"
        )
    manifest, contents = check_backup(path)
    load(app, contents)
    rebuild(app)
    verdict = app.get_log_verdict(manifest.anchor)
    _judge(verdict, manifest, "the restored log")
    last = app.recorder.max_notification_id() or 0
    if last != manifest.last_position:
        raise RestoreFailed(
            f"the restored log ends at position {last}; the backup's at {manifest.last_position}",
            min(last, manifest.last_position) + 1,
        )
    return manifest, verdict


def load(app: MeetingsApplication, contents: Contents) -> int:
    """Copy the log, its chain and the kept tables into the empty store of `app`, each
    event at its own position, in one transaction. Returns how many events."""
    if not is_empty(app):
        raise BackupError("the store is not empty: a log is loaded only into an empty store")
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    pg = app.postgres
    insert = (
        f"INSERT INTO {table} (notification_id, originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?, ?)"
        if pg
        else f"INSERT INTO {table} (rowid, originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?, ?)"
    )
    count, last = 0, 0
    with app.db.transaction() as tx:
        batch: list[tuple[Any, ...]] = []
        for e in contents.events():
            ident = UUID(e.originator_id) if pg else UUID(e.originator_id).hex
            batch.append((e.id, ident, e.originator_version, e.topic, e.state))
            count, last = count + 1, max(last, e.id)
            if len(batch) >= BATCH:
                tx.executemany(insert, batch)
                batch = []
        tx.executemany(insert, batch)
        chain: list[tuple[Any, ...]] = []
        # Links of version 2 keep their digest, key id and seal (infrastructure/audit/seals.py).
        linked = (
            f"INSERT INTO {CHAIN_TABLE} (position, hash, prev_hash, "
            + ", ".join(seals.V2_COLUMNS)
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        for link in contents.chain():
            v2 = [link.get(name) for name in seals.V2_COLUMNS]
            chain.append((int(link["position"]), link["hash"], link["prev_hash"], *v2))
            if len(chain) >= BATCH:
                tx.executemany(linked, chain)
                chain = []
        tx.executemany(linked, chain)
        for name, (columns, rows) in contents.kept.items():
            _copy_kept(tx, name, columns, rows)
        if pg and last:
            schema = str(app.db.datastore.schema or "public")  # type: ignore[union-attr]
            qualified = '"' + schema.replace('"', '""') + '".' + table
            tx.execute(
                "SELECT setval(pg_get_serial_sequence(?, 'notification_id'), ?)",
                (qualified, last),
            )
    return count


def _copy_kept(tx: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """The rows of a kept table, in the columns both the backup and this release have."""
    present = {c.lower() for c in _columns(tx, table)}
    if not present or not rows:
        return
    keep = [i for i, c in enumerate(columns) if c.lower() in present]
    names = ", ".join(columns[i] for i in keep)
    marks = ", ".join("?" for _ in keep)
    tx.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",
        [tuple(r[i] for i in keep) for r in rows],
    )


def _columns(tx: Any, table: str) -> list[str]:
    if tx.postgres:
        rows = tx.all(
            "SELECT column_name AS name FROM information_schema.columns"
            " WHERE table_name = ? AND table_schema = current_schema()",
            (table,),
        )
    else:
        rows = tx.all(f"SELECT name FROM pragma_table_info('{table}')")
    return [str(r["name"]) for r in rows]


def rebuild(app: MeetingsApplication) -> int:
    """Every read model from zero, from the log now in the store."""
    app.projector.reset()
    return app.projector.catch_up()
