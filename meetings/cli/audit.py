"""The log and its hash chain: `verify` (the database's, or an export's offline) and
`export` (the log, with its chain, as JSON lines)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from meetings.cli.common import Refused, Session, command, pass_session

if TYPE_CHECKING:
    from meetings.infrastructure.audit import Verdict


@command(
    "verify",
    "check the hash chain of the log; exit 1 at the first bad position",
)
@click.option(
    "--export",
    "export_file",
    metavar="FILE",
    help="check an export (meetings export) offline, without the database ('-': stdin)",
)
@click.option(
    "--head", metavar="HASH", help="the chain head kept elsewhere, to check it is still there"
)
@pass_session
def verify(session: Session, export_file: str | None, head: str | None) -> int:
    if export_file is not None:
        return _verify_export(session, export_file, head)  # offline: the database is not opened
    with session.application() as app:
        app.projector.catch_up()
        return _report(app.get_log_verdict(head), "the log")


def _verify_export(session: Session, path: str, head: str | None) -> int:
    from meetings.infrastructure import audit
    from meetings.infrastructure.signing import SigningKeyError, key_ring

    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        raise Refused(f"cannot read {path}: {error}") from None
    with stream:
        try:
            pairs = list(audit.read_export(stream))
        except ValueError as error:
            raise Refused(str(error)) from None
    try:
        # With the signing keys, seals are checked offline too.
        keys = key_ring(session.settings.signing_environment())
    except SigningKeyError as error:
        raise Refused(str(error)) from None
    verdict = audit.verify(
        (e for e, _ in pairs),
        (link for _, link in pairs),
        head,
        keys=keys if keys.keys else None,
        redacted=audit.redactions(e for e, _ in pairs),
    )
    return _report(verdict, f"the export {path}")


def _report(verdict: Verdict, what: str) -> int:
    for line in verdict.explained:
        print(f"EXPLAINED: {line}")
    if not verdict.ok:
        print(
            f"TAMPERED: {what} fails the hash chain at position {verdict.first_bad_position}: "
            f"{verdict.problem}. {verdict.checked} events before it check out."
        )
        return 1
    print(
        f"OK: {verdict.checked} events of {what} check out; the chain's head is "
        f"{verdict.head_hash} at position {verdict.head_position}."
    )
    if verdict.anchor_found is False:
        print("TAMPERED: the chain no longer passes through the head kept elsewhere.")
        return 1
    return 0


@command("export", "the event log, with its hash chain, to stdout")
@click.option("--format", "format_", type=click.Choice(["jsonl"]), default="jsonl")
@pass_session
def export(session: Session, format_: str) -> int:
    with session.application() as app:
        for line in app.list_log_export():
            sys.stdout.write(json.dumps(line, separators=(",", ":")) + "\n")
        return 0
