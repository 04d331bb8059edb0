"""Reminders to action owners: overdue and due-soon actions, listed or emailed."""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from typing import Any


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> SmtpSettings | None:
        """MEETINGS_SMTP_HOST (and _PORT, _FROM, _USER, _PASSWORD, _STARTTLS), if set."""
        host = env.get("MEETINGS_SMTP_HOST", "").strip()
        if not host:
            return None
        return cls(
            host=host,
            port=int(env.get("MEETINGS_SMTP_PORT", "25")),
            sender=env.get("MEETINGS_SMTP_FROM", "meetings@localhost"),
            user=env.get("MEETINGS_SMTP_USER") or None,
            password=env.get("MEETINGS_SMTP_PASSWORD") or None,
            starttls=env.get("MEETINGS_SMTP_STARTTLS", "").lower() in ("1", "y", "yes", "true"),
        )


def reminder_text(name: str, rows: list[dict[str, Any]], as_of: date) -> str:
    """The reminder for one owner, in plain words."""
    overdue = [r for r in rows if r["due_on"] < as_of]
    lines = [
        f"Dear {name},",
        "",
        f"As of {as_of:%d %B %Y} you have {len(overdue)} overdue action(s) and "
        f"{len(rows) - len(overdue)} due soon:",
        "",
    ]
    for row in rows:
        state = "OVERDUE" if row["due_on"] < as_of else "due"
        lines.append(
            f"- [{state} {row['due_on'].isoformat()}] {row['description']} "
            f"({row['body_name']}; action {row['id']})"
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
