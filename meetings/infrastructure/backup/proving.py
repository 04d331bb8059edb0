"""Proving a backup before anything is written: its manifest's digest and release, every
link of its chain recomputed from its events, and the chain passing through the head the
manifest names."""

from __future__ import annotations

from pathlib import Path

from packaging.version import InvalidVersion, Version

from meetings.infrastructure import audit
from meetings.infrastructure.backup.contents import Contents, OutOfOrderError, sqlite_contents
from meetings.infrastructure.backup.manifest import (
    FORMAT,
    BackupError,
    Manifest,
    RestoreFailed,
    release,
    sha256_of,
)
from meetings.infrastructure.backup.pg_dump import postgres_contents


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
    except OutOfOrderError:
        if contents.sort is None:
            raise BackupError(f"the rows of {path} are not in log order") from None
        contents.sort()
        verdict, events = _check_contents(contents, manifest)
    judge(verdict, manifest, "the backup")
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


def judge(verdict: audit.Verdict, manifest: Manifest, what: str) -> None:
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
