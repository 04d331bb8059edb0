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

from meetings.infrastructure.backup.contents import Contents, export_contents
from meetings.infrastructure.backup.manifest import (
    BackupError,
    Manifest,
    RestoreFailed,
    sha256_of,
)
from meetings.infrastructure.backup.proving import check_backup
from meetings.infrastructure.backup.restoring import load, rebuild, restore
from meetings.infrastructure.backup.taking import backup

__all__ = [
    "BackupError",
    "Contents",
    "Manifest",
    "RestoreFailed",
    "backup",
    "check_backup",
    "export_contents",
    "load",
    "rebuild",
    "restore",
    "sha256_of",
]
