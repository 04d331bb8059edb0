"""Keeping the record: `backup`, `restore`, `archive` (a BagIt package of a body's year)
and `erase-person` (personal data erased, the erasure recorded, the chain intact)."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import click

from meetings.cli.common import Failed, Refused, Session, command, pass_session


@command(
    "backup",
    "a consistent copy of the record while it runs, with its chain head beside it",
    "FILE: the backup file (FILE.manifest.json beside)",
)
@click.argument("file", metavar="FILE")
@pass_session
def backup(session: Session, file: str) -> int:
    from meetings.infrastructure.backup import BackupError
    from meetings.infrastructure.backup import backup as back_up

    with session.application() as app:
        try:
            manifest = back_up(app, Path(file))
        except BackupError as error:
            raise Refused(str(error)) from None
    print(
        f"Backed up {manifest.events} events to {file}; the chain's head is "
        f"{manifest.head_hash} at position {manifest.head_position} "
        f"(kept in {file}.manifest.json)."
    )
    return 0


@command(
    "restore",
    "restore a backup into an empty store, rebuild and verify it against its head",
    "FILE: a file made by `meetings backup`",
)
@click.argument("file", metavar="FILE")
@pass_session
def restore(session: Session, file: str) -> int:
    from meetings.infrastructure.backup import BackupError, RestoreFailed
    from meetings.infrastructure.backup import restore as restore_from

    with session.application() as app:
        try:
            manifest, verdict = restore_from(app, Path(file))
        except RestoreFailed as error:
            where = f" (first bad position: {error.position})" if error.position else ""
            raise Failed(f"the restore does not check out{where}: {error}") from None
        except BackupError as error:
            raise Refused(f"cannot restore: {error}") from None
    print(
        f"Restored {manifest.events} events from {file}, rebuilt every read model, and "
        f"verified the chain: {verdict.checked} events check out to the head "
        f"{manifest.head_hash} at position {manifest.head_position}."
    )
    return 0


@command(
    "archive",
    "a BagIt package of a body's meetings in a year: the log, and the minutes as PDF/A",
    "DIR: a new (or empty) directory for the bag",
)
@click.option("--body", required=True, metavar="ID", help="the body's id")
@click.option("--year", required=True, type=int, metavar="YYYY")
@click.argument("directory", metavar="DIR")
@pass_session
def archive(session: Session, body: str, year: int, directory: str) -> int:
    from meetings.infrastructure.archive import ArchiveError, write_archive
    from web.pages.archived import published_minutes_reader

    with session.application() as app:
        try:
            body_id = UUID(body)
        except ValueError:
            raise Refused(f"{body!r} is not an id") from None
        try:
            summary = write_archive(
                app, body_id, year, Path(directory), published_minutes_reader(app)
            )
        except ArchiveError as error:
            raise Refused(f"cannot archive: {error}") from None
    print(
        f"Archived {summary.body_name}'s {summary.meetings} meeting(s) of {summary.year} in "
        f"{directory}: {summary.published_minutes} published minutes, {summary.events} of "
        f"{summary.log_events} events; the chain's head is {summary.head_hash} at position "
        f"{summary.head_position}. Check it with: bagit.py --validate {directory}"
    )
    return 0


@command(
    "erase-person",
    "erase a person's personal data (their key, emails held in the clear), recorded"
    " as an event; the chain still verifies",
    "ID: the person's id",
)
@click.argument("person", metavar="ID")
@click.option("--reason", metavar="TEXT", help="why (required: it is recorded)")
@click.option(
    "--redact-name",
    is_flag=True,
    help='also show "[name withheld]" for their name in every read (the log keeps it)',
)
@pass_session
def erase_person(session: Session, person: str, reason: str | None, redact_name: bool) -> int:
    from meetings.application.erasure import ErasureRefused
    from meetings.application.erasure import erase_person as erase

    with session.application() as app:
        if not (reason or "").strip():
            raise Refused("an erasure needs a reason: --reason TEXT (it is recorded)")
        try:
            ident = UUID(person)
        except ValueError:
            raise Refused(f"{person!r} is not an id") from None
        try:
            erasure = erase(app, ident, reason or "", redact_name)
        except ErasureRefused as error:
            raise Refused(str(error)) from None
    print(
        f"Erased person {ident}: recorded at position {erasure.position}; their key is"
        f" destroyed; {len(erasure.redacted)} stored row(s) redacted in place"
        + ("; their name is withheld in every read." if erasure.name_withheld else ".")
    )
    return 0
