"""The `meetings` command: serve, demo, project, rebuild, remind, verify, export, backup,
restore, archive, erase-person, token. One module per area of commands; this one gathers
them and runs them (`main`, the console script)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import click

from meetings.application import MeetingsApplication, application_from_settings
from meetings.cli import audit, demo_family, keeping, reminders, serve, tokens
from meetings.cli.common import CONTEXT, OrderedGroup, Refused, Session
from meetings.infrastructure.settings import Settings


@click.group(
    "meetings",
    cls=OrderedGroup,
    context_settings=CONTEXT,
    help="The record of how partnerships meet and decide. The database comes from "
    "MEETINGS_DATABASE_URL (default sqlite:///meetings.sqlite3).",
)
def meetings() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")


for one in (
    serve.serve,
    demo_family.demo,
    serve.project,
    serve.rebuild,
    reminders.remind,
    audit.verify,
    audit.export,
    keeping.backup,
    keeping.restore,
    keeping.archive,
    keeping.erase_person,
    tokens.token,
):
    meetings.add_command(one)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code (2 for a usage error, as argparse had it)."""
    args = list(argv) if argv is not None else None
    try:
        code = meetings.main(args, prog_name="meetings", standalone_mode=False, obj=Session(_open))
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort as abort:
        if isinstance(abort.__cause__, KeyboardInterrupt):
            raise abort.__cause__ from None
        click.echo("Aborted!", err=True)
        return 1
    return code if isinstance(code, int) else 0


def _open(settings: Settings) -> MeetingsApplication:
    # Looked up when called, so a test may stand its own application in.
    return application_from_settings(settings)


__all__ = ["Refused", "main", "meetings"]
