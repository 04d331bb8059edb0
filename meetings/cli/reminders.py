"""`meetings remind`: each owner's overdue and due-soon actions, listed, and emailed when an
SMTP server is configured (MEETINGS_SMTP_HOST)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import click

from meetings.cli.common import Session, command, iso_date, pass_session


@command(
    "remind",
    "list (or, with MEETINGS_SMTP_HOST, email) each owner's overdue and due-soon actions",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    callback=iso_date,
    metavar="DATE",
    help="judge overdue as of this day (default today)",
)
@click.option(
    "--within",
    type=int,
    default=14,
    metavar="DAYS",
    help="also remind of actions due within this many days (default 14)",
)
@pass_session
def remind(session: Session, as_of: date | None, within: int) -> int:
    from meetings.application.reminders import reminder_text, send_reminders
    from meetings.domain.rules import london_today

    with session.application() as app:
        day = as_of or london_today()
        owners = app.list_reminders(day, day + timedelta(days=within))
        smtp = session.settings.smtp
        letters = []
        for rows in owners.values():
            name, email = rows[0].owner_name or "colleague", rows[0].owner_email
            text = reminder_text(name, rows, day)
            print(f"== {name} <{email or 'no email address'}>\n{text}\n")
            if email:
                letters.append((email, f"Partnership actions: {len(rows)} to chase", text))
        if smtp is not None:
            sent = send_reminders(smtp, letters)
            print(f"Emailed {sent} reminder(s) through {smtp.host}:{smtp.port}.", file=sys.stderr)
        print(
            f"{len(owners)} owner(s) with overdue or due-soon actions as of {day}.",
            file=sys.stderr,
        )
        return 0
