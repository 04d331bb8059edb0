"""Reminders to action owners: overdue and due-soon actions, listed or emailed."""

from __future__ import annotations

import smtplib
from datetime import date
from email.message import EmailMessage

from meetings.application.dto.actions import ReminderRow
from meetings.infrastructure.settings import SmtpSettings


def reminder_text(name: str, rows: list[ReminderRow], as_of: date) -> str:
    """The reminder for one owner, in plain words."""
    overdue = [r for r in rows if r.due_on < as_of]
    lines = [
        f"Dear {name},",
        "",
        f"As of {as_of:%d %B %Y} you have {len(overdue)} overdue action(s) and "
        f"{len(rows) - len(overdue)} due soon:",
        "",
    ]
    for row in rows:
        state = "OVERDUE" if row.due_on < as_of else "due"
        lines.append(
            f"- [{state} {row.due_on.isoformat()}] {row.description} "
            f"({row.body_name}; action {row.id})"
        )
    lines += ["", "Please record progress, completion or a new due date with the secretariat."]
    return "\n".join(lines)


def send_reminders(settings: SmtpSettings, letters: list[tuple[str, str, str]]) -> int:
    """Send (to, subject, text) letters over one SMTP connection; returns how many."""
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
        for to, subject, text in letters:
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = settings.sender, to, subject
            message.set_content(text)
            smtp.send_message(message)
    return len(letters)
