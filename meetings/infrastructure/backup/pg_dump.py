"""PostgreSQL's client tools for backups: finding pg_dump and pg_restore, and reading the
rows of a custom-format dump (`pg_dump -Fc`) through pg_restore, table by table."""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from meetings.infrastructure.audit import ExportedEvent
from meetings.infrastructure.backup.contents import (
    CHAIN_TABLE,
    EVENT_TABLES,
    KEPT_TABLES,
    Contents,
    OutOfOrderError,
    uuid_text,
    v2_fields,
)
from meetings.infrastructure.backup.manifest import BackupError
from meetings.infrastructure.sql import Row

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
                raise OutOfOrderError
            last = int(r[key] or 0)
            yield r

    def events() -> Iterator[ExportedEvent]:
        for r in ordered(table_rows(*EVENT_TABLES), "notification_id"):
            state = r["state"] or ""
            yield ExportedEvent(
                int(r["notification_id"] or 0),
                uuid_text(r["originator_id"]),
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
            } | v2_fields(r)

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
