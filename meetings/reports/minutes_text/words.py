"""How the minutes say things: dates and times in London, capacities and how a decision
was reached in words, and text someone typed closed by a sentence of ours."""

from __future__ import annotations

from datetime import date, datetime

from meetings.domain.rules import LONDON

#: The order people are listed in, by the capacity they attended in.
CAPACITIES = (
    ("member", "Members"),
    ("adviser", "Advisers"),
    ("observer", "Observers"),
    ("officer", "Officers"),
    ("guest", "Guests, admitted by the chair"),
)
METHODS = {"consensus": "agreed by consensus", "vote": "decided by vote", "noted": "noted"}


def long_date(moment: datetime | date) -> str:
    day = moment.astimezone(LONDON) if isinstance(moment, datetime) else moment
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%H:%M}"


def unstopped(text: str | None) -> str:
    """Text someone typed, without the full stop it may end with, for a sentence of ours
    to close: no "County Hall.." and no "(commercially sensitive.)"."""
    return (text or "").rstrip().rstrip(".").rstrip()


def sentence(text: str) -> str:
    """Text someone typed, closed by a full stop when it has no closing mark of its own."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def cell(text: str) -> str:
    """Text for a cell of a Markdown table: a pipe escaped, on one line."""
    return text.replace("|", "\\|").replace("\n", " ")
