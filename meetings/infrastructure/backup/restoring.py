"""Restoring a proved backup into an empty store: the log, its chain and the kept tables
copied with every event at its own position (a link hashes its position), every read model
rebuilt from the log, and the chain and the head proved again in the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from meetings.infrastructure import audit
from meetings.infrastructure.audit import seals
from meetings.infrastructure.backup.contents import CHAIN_TABLE, Contents
from meetings.infrastructure.backup.manifest import BackupError, Manifest, RestoreFailed
from meetings.infrastructure.backup.proving import check_backup, judge
from meetings.infrastructure.sql import Tx

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication

BATCH = 1000


def is_empty(app: MeetingsApplication) -> bool:
    return not (app.recorder.max_notification_id() or 0)


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
    judge(verdict, manifest, "the restored log")
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
    with app.db.transaction() as tx:
        count, last = _copy_events(tx, table, contents)
        _copy_chain(tx, contents)
        for name, (columns, rows) in contents.kept.items():
            _copy_kept(tx, name, columns, rows)
        if tx.postgres and last:
            schema = str(app.db.datastore.schema or "public")  # type: ignore[union-attr]
            qualified = '"' + schema.replace('"', '""') + '".' + table
            tx.execute(
                "SELECT setval(pg_get_serial_sequence(?, 'notification_id'), ?)",
                (qualified, last),
            )
    return count


def _copy_events(tx: Tx, table: str, contents: Contents) -> tuple[int, int]:
    """The log's events at their own positions: how many, and the last position."""
    pg = tx.postgres
    position = "notification_id" if pg else "rowid"
    insert = (
        f"INSERT INTO {table} ({position}, originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?, ?)"
    )
    count, last = 0, 0
    batch: list[tuple[Any, ...]] = []
    for e in contents.events():
        ident = UUID(e.originator_id) if pg else UUID(e.originator_id).hex
        batch.append((e.id, ident, e.originator_version, e.topic, e.state))
        count, last = count + 1, max(last, e.id)
        if len(batch) >= BATCH:
            tx.executemany(insert, batch)
            batch = []
    tx.executemany(insert, batch)
    return count, last


def _copy_chain(tx: Tx, contents: Contents) -> None:
    """The chain's links as they were made: links of version 2 keep their digest, key id
    and seal (infrastructure/audit/seals.py)."""
    linked = (
        f"INSERT INTO {CHAIN_TABLE} (position, hash, prev_hash, "
        + ", ".join(seals.V2_COLUMNS)
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
    )
    chain: list[tuple[Any, ...]] = []
    for link in contents.chain():
        v2 = [link.get(name) for name in seals.V2_COLUMNS]
        chain.append((int(link["position"]), link["hash"], link["prev_hash"], *v2))
        if len(chain) >= BATCH:
            tx.executemany(linked, chain)
            chain = []
    tx.executemany(linked, chain)


def _copy_kept(tx: Tx, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
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


def _columns(tx: Tx, table: str) -> list[str]:
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
