"""The `meetings` command: serve, token, demo, project, rebuild, remind, verify, export,
backup, restore, archive, erase-person."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from uuid import UUID

from meetings.application import MeetingsApplication, access, application_from_environment
from meetings.domain.body import Body
from meetings.domain.person import Person
from meetings.domain.values import Role
from meetings.infrastructure.audit import Verdict
from meetings.infrastructure.settings import DatabaseUrlError
from meetings.infrastructure.signing import SigningKeyError


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if getattr(args, "export_file", None) is not None:
        return _verify_export(args)  # offline: the database is not opened
    try:
        app = application_from_environment()
    except (DatabaseUrlError, OSError) as error:
        print(f"meetings: cannot open the database: {error}", file=sys.stderr)
        return 2
    except SigningKeyError as error:
        print(f"meetings: {error}", file=sys.stderr)
        return 2
    try:
        result: int = args.run(app, args)
        return result
    except UsageError as error:
        print(f"meetings: {error}", file=sys.stderr)
        return 2
    finally:
        app.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetings",
        description="The record of how partnerships meet and decide. "
        "The database comes from MEETINGS_DATABASE_URL (default sqlite:///meetings.sqlite3).",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the API and pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8, help="threads per process")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (more than 1: gunicorn; on PostgreSQL, run `meetings project` too)",
    )
    serve.set_defaults(run=_serve)

    commands.add_parser("demo", help="load the Buckinghamshire demo (idempotent)").set_defaults(
        run=_demo
    )
    commands.add_parser("project", help="run the projection worker (PostgreSQL)").set_defaults(
        run=_project
    )
    commands.add_parser("rebuild", help="rebuild every read model from the log").set_defaults(
        run=_rebuild
    )

    remind = commands.add_parser(
        "remind",
        help="list (or, with MEETINGS_SMTP_HOST, email) each owner's overdue and due-soon actions",
    )
    remind.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        metavar="DATE",
        help="judge overdue as of this day (default today)",
    )
    remind.add_argument(
        "--within",
        type=int,
        default=14,
        metavar="DAYS",
        help="also remind of actions due within this many days (default 14)",
    )
    remind.set_defaults(run=_remind)

    verify = commands.add_parser(
        "verify", help="check the hash chain of the log; exit 1 at the first bad position"
    )
    verify.add_argument(
        "--export",
        dest="export_file",
        metavar="FILE",
        help="check an export (meetings export) offline, without the database ('-': stdin)",
    )
    verify.add_argument(
        "--head", metavar="HASH", help="the chain head kept elsewhere, to check it is still there"
    )
    verify.set_defaults(run=_verify)
    export = commands.add_parser("export", help="the event log, with its hash chain, to stdout")
    export.add_argument("--format", choices=["jsonl"], default="jsonl")
    export.set_defaults(run=_export)
    backup = commands.add_parser(
        "backup",
        help="a consistent copy of the record while it runs, with its chain head beside it",
    )
    backup.add_argument("file", metavar="FILE", help="the backup file (FILE.manifest.json beside)")
    backup.set_defaults(run=_backup)
    restore = commands.add_parser(
        "restore",
        help="restore a backup into an empty store, rebuild and verify it against its head",
    )
    restore.add_argument("file", metavar="FILE", help="a file made by `meetings backup`")
    restore.set_defaults(run=_restore)
    archive = commands.add_parser(
        "archive",
        help="a BagIt package of a body's meetings in a year: the log, and the minutes as PDF/A",
    )
    archive.add_argument("--body", required=True, metavar="ID", help="the body's id")
    archive.add_argument("--year", required=True, type=int, metavar="YYYY")
    archive.add_argument("dir", metavar="DIR", help="a new (or empty) directory for the bag")
    archive.set_defaults(run=_archive)
    erase = commands.add_parser(
        "erase-person",
        help="erase a person's personal data (their key, emails held in the clear), recorded"
        " as an event; the chain still verifies",
    )
    erase.add_argument("person", metavar="ID", help="the person's id")
    erase.add_argument("--reason", metavar="TEXT", help="why (required: it is recorded)")
    erase.add_argument(
        "--redact-name",
        action="store_true",
        help='also show "[name withheld]" for their name in every read (the log keeps it)',
    )
    erase.set_defaults(run=_erase_person)

    token = commands.add_parser("token", help="create, list or revoke bearer tokens")
    token_commands = token.add_subparsers(required=True, metavar="ACTION")
    create = token_commands.add_parser("create", help="print a new bearer token")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--body",
        action="append",
        default=[],
        metavar="ID",
        help="a body a clerk records for (repeat for several)",
    )
    create.add_argument("--person", metavar="ID", help="the person a chair or member token is")
    create.add_argument("--name", help="who holds the token, as recorded on their events")
    create.add_argument(
        "--link",
        action="store_true",
        help="print a one-time sign-in link to the console (under MEETINGS_BASE_URL) instead",
    )
    create.set_defaults(run=_token_create)
    link = token_commands.add_parser("link", help="print a new one-time sign-in link for a token")
    link.add_argument("id")
    link.set_defaults(run=_token_link)
    token_commands.add_parser("list", help="list tokens (never their secrets)").set_defaults(
        run=_token_list
    )
    revoke = token_commands.add_parser("revoke", help="revoke a token at once")
    revoke.add_argument("id")
    revoke.set_defaults(run=_token_revoke)
    return parser


def _serve(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from meetings.serving import serve_many, serve_one

    if args.workers < 1 or args.threads < 1:
        raise UsageError("--workers and --threads must be at least 1.")
    if args.workers == 1:
        serve_one(app, args.host, args.port, args.threads)
        return 0
    # Each process opens its own connections after the fork: close this one's first.
    app.close()
    serve_many(args.host, args.port, args.workers, args.threads)
    return 0


def _demo(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from demo import load_demo

    summary = load_demo(app)
    if summary.already_loaded:
        print("The demo partnership family is already loaded; nothing recorded.", file=sys.stderr)
    else:
        print(f"Loaded the Buckinghamshire demo: {summary}", file=sys.stderr)
    _print_demo_sign_ins(app)
    return 0


def _print_demo_sign_ins(app: MeetingsApplication) -> None:
    """Sign-in links for the demo's clerk and the BSP Board's chair, as sentences."""
    from meetings.domain.errors import ProjectionLagError
    from meetings.infrastructure.sign_in_links import demo_sign_ins

    try:
        links = demo_sign_ins(app)
    except ProjectionLagError:
        print(
            "Sign-in links for the console need the projection worker: start "
            "meetings project, then run meetings demo again to print them.",
            file=sys.stderr,
        )
        return
    print("\nTo use the console, start the server (meetings serve) and open a link:")
    for link in links:
        print(f"- As {link.who}, who {link.does}, open\n  {link.url}")
    print(
        "Each link works once: open it, press Sign in, and you are in the console. "
        "Run meetings demo again for fresh links."
    )


def _project(app: MeetingsApplication, args: argparse.Namespace) -> int:
    if not app.postgres:
        done = app.projector.catch_up()
        print(
            f"On SQLite the read models are projected in-process; caught up {done} events.",
            file=sys.stderr,
        )
        return 0
    from projections.worker import run_worker

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(f"Projecting from position {app.projector.position()}; Ctrl-C to stop.", file=sys.stderr)
    run_worker(app, stop)
    return 0


def _rebuild(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from rich.progress import Progress

    total = app.recorder.max_notification_id() or 0
    app.projector.reset()
    with Progress(transient=False) as progress:
        task = progress.add_task("Rebuilding read models", total=total)
        done = app.projector.catch_up(progress=lambda n: progress.advance(task, n))
    print(f"Rebuilt every read model from {done} events.", file=sys.stderr)
    return 0


def _verify(app: MeetingsApplication, args: argparse.Namespace) -> int:
    app.projector.catch_up()
    return _report(app.get_log_verdict(args.head), "the log")


def _verify_export(args: argparse.Namespace) -> int:
    from meetings.infrastructure import audit

    path = args.export_file
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        print(f"meetings: cannot read {path}: {error}", file=sys.stderr)
        return 2
    with stream:
        try:
            pairs = list(audit.read_export(stream))
        except ValueError as error:
            print(f"meetings: {error}", file=sys.stderr)
            return 2
    from meetings.infrastructure.signing import key_ring

    try:
        keys = key_ring(os.environ)  # with the signing keys, seals are checked offline too
    except SigningKeyError as error:
        print(f"meetings: {error}", file=sys.stderr)
        return 2
    verdict = audit.verify(
        (e for e, _ in pairs),
        (link for _, link in pairs),
        args.head,
        keys=keys if keys.keys else None,
        redacted=audit.redactions(e for e, _ in pairs),
    )
    return _report(verdict, f"the export {path}")


def _erase_person(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from meetings.application.erasure import ErasureRefused, erase_person

    if not (args.reason or "").strip():
        raise UsageError("an erasure needs a reason: --reason TEXT (it is recorded)")
    try:
        ident = UUID(args.person)
    except ValueError:
        raise UsageError(f"{args.person!r} is not an id") from None
    try:
        erasure = erase_person(app, ident, args.reason, args.redact_name)
    except ErasureRefused as error:
        raise UsageError(str(error)) from None
    print(
        f"Erased person {ident}: recorded at position {erasure.position}; their key is"
        f" destroyed; {len(erasure.redacted)} stored row(s) redacted in place"
        + ("; their name is withheld in every read." if erasure.name_withheld else ".")
    )
    return 0


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


def _export(app: MeetingsApplication, args: argparse.Namespace) -> int:
    import json

    for line in app.list_log_export():
        sys.stdout.write(json.dumps(line, separators=(",", ":")) + "\n")
    return 0


def _backup(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from pathlib import Path

    from meetings.infrastructure.backup import BackupError, backup

    try:
        manifest = backup(app, Path(args.file))
    except BackupError as error:
        raise UsageError(str(error)) from None
    print(
        f"Backed up {manifest.events} events to {args.file}; the chain's head is "
        f"{manifest.head_hash} at position {manifest.head_position} "
        f"(kept in {args.file}.manifest.json)."
    )
    return 0


def _restore(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from pathlib import Path

    from meetings.infrastructure.backup import BackupError, RestoreFailed, restore

    try:
        manifest, verdict = restore(app, Path(args.file))
    except RestoreFailed as error:
        where = f" (first bad position: {error.position})" if error.position else ""
        print(f"meetings: the restore does not check out{where}: {error}", file=sys.stderr)
        return 1
    except BackupError as error:
        raise UsageError(f"cannot restore: {error}") from None
    print(
        f"Restored {manifest.events} events from {args.file}, rebuilt every read model, and "
        f"verified the chain: {verdict.checked} events check out to the head "
        f"{manifest.head_hash} at position {manifest.head_position}."
    )
    return 0


def _archive(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from pathlib import Path

    from meetings.infrastructure.archive import ArchiveError, write_archive

    try:
        body_id = UUID(args.body)
    except ValueError:
        raise UsageError(f"{args.body!r} is not an id") from None
    try:
        summary = write_archive(app, body_id, args.year, Path(args.dir))
    except ArchiveError as error:
        raise UsageError(f"cannot archive: {error}") from None
    print(
        f"Archived {summary.body_name}'s {summary.meetings} meeting(s) of {summary.year} in "
        f"{args.dir}: {summary.published_minutes} published minutes, {summary.events} of "
        f"{summary.log_events} events; the chain's head is {summary.head_hash} at position "
        f"{summary.head_position}. Check it with: bagit.py --validate {args.dir}"
    )
    return 0


def _remind(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from meetings.application.reminders import SmtpSettings, reminder_text, send_reminders
    from meetings.domain.rules import london_today

    as_of = args.as_of or london_today()
    owners = app.reminders(as_of, as_of + timedelta(days=args.within))
    smtp = SmtpSettings.from_environment(os.environ)
    letters = []
    for rows in owners.values():
        name, email = rows[0]["owner_name"] or "colleague", rows[0]["owner_email"]
        text = reminder_text(name, rows, as_of)
        print(f"== {name} <{email or 'no email address'}>\n{text}\n")
        if email:
            letters.append((email, f"Partnership actions: {len(rows)} to chase", text))
    if smtp is not None:
        sent = send_reminders(smtp, letters)
        print(f"Emailed {sent} reminder(s) through {smtp.host}:{smtp.port}.", file=sys.stderr)
    print(
        f"{len(owners)} owner(s) with overdue or due-soon actions as of {as_of}.", file=sys.stderr
    )
    return 0


def _token_create(app: MeetingsApplication, args: argparse.Namespace) -> int:
    role = Role(args.role)
    bodies = [_existing(app, Body, "body", b) for b in args.body]
    person = _existing(app, Person, "person", args.person) if args.person else None
    problem = access.token_problem(role, bodies, person)
    if problem is not None:
        raise UsageError(problem)
    token_id, secret = app.tokens.create(role, args.name, bodies, person)
    if args.link:
        from meetings.infrastructure.sign_in_links import sign_in_url

        print(sign_in_url(app, token_id))
        print("Open it in a browser and press Sign in; it works once.", file=sys.stderr)
        return 0
    print(secret)
    return 0


def _token_link(app: MeetingsApplication, args: argparse.Namespace) -> int:
    from meetings.infrastructure.sign_in_links import sign_in_url

    if app.tokens.get(args.id) is None:
        print(f"meetings: no active token with id {args.id}", file=sys.stderr)
        return 1
    print(sign_in_url(app, args.id))
    return 0


def _existing(
    app: MeetingsApplication, cls: type[Body] | type[Person], kind: str, raw: str
) -> UUID:
    try:
        ident = UUID(raw)
    except ValueError:
        raise UsageError(f"{raw!r} is not an id") from None
    if not app.exists(cls, ident):
        raise UsageError(f"there is no {kind} with id {raw}")
    return ident


def _token_list(app: MeetingsApplication, args: argparse.Namespace) -> int:
    for row in app.tokens.list():
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        bodies = ",".join(row["bodies"]) or "-"
        print(
            f"{row['id']}  {row['role']:<8} {state:<40} bodies={bodies} "
            f"person={row['person_id'] or '-'}  {row['name']}"
        )
    return 0


def _token_revoke(app: MeetingsApplication, args: argparse.Namespace) -> int:
    if not app.tokens.revoke(args.id):
        print(f"meetings: no active token with id {args.id}", file=sys.stderr)
        return 1
    print(f"Revoked token {args.id}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
