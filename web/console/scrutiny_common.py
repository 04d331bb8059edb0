"""What the scrutiny and implementation-group screens share: reading "as it stood on" from
a form (the API's rules, told on the page), tables that a page shows and its CSV download
holds cell for cell, and words for values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from flask import Response, request

from meetings.domain.errors import NotFoundError
from meetings.domain.rules import LONDON, london_today
from meetings.reports.minutes_text import clock, long_date
from web.api.schemas.common import EARLIEST, LATEST
from web.pages.csv_safe import csv_text

#: What a date-and-time picker sends: 2026-03-04T10:00 (seconds optional), or a date.
_PICKED = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class AsAt:
    """The moment a page shows the record as it stood (or the version), or now; with the
    message to show beside the picker when what was typed cannot be used."""

    moment: datetime | None = None
    version: int | None = None
    typed: str = ""
    error: str | None = None

    @property
    def past(self) -> bool:
        return self.moment is not None or self.version is not None

    def read_args(self) -> dict[str, Any]:
        return {"as_at": self.moment, "version": self.version}


def as_at_asked() -> AsAt:
    """`as_at` (a London date and time, or a date meaning the end of that day) or
    `version` from the query. Not a date, a date outside the years the record holds, or a
    moment still to come: the message says so, and the page shows the record as it is."""
    typed = request.args.get("as_at", "").strip()
    version = request.args.get("version", "").strip()
    if version and not typed:
        if not version.isdigit() or not 1 <= int(version) <= 10**9:
            return AsAt(error="A version is a whole number, 1 or more.")
        return AsAt(version=int(version))
    if not typed:
        return AsAt()
    if not _PICKED.match(typed):
        return AsAt(typed=typed, error="Not a date and time: give it as 2026-03-04 10:00.")
    try:
        if _DAY.match(typed):
            moment = datetime.combine(date.fromisoformat(typed), datetime.max.time(), tzinfo=LONDON)
        else:
            moment = datetime.fromisoformat(typed.replace(" ", "T")).replace(tzinfo=LONDON)
    except ValueError:
        return AsAt(typed=typed, error="Not a date and time: give it as 2026-03-04 10:00.")
    if not EARLIEST <= moment.date() <= LATEST:
        return AsAt(
            typed=typed,
            error=f"Give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}.",
        )
    if moment.date() > london_today() or (not _DAY.match(typed) and moment > now()):
        return AsAt(
            typed=typed,
            error="That is still to come: the record can be shown as it stood up to now.",
        )
    return AsAt(moment=moment, typed=typed)


def day_asked(name: str, default: date | None) -> tuple[date | None, str | None]:
    """A day from the query (YYYY-MM-DD), not still to come; with the message otherwise."""
    typed = request.args.get(name, "").strip()
    if not typed:
        return default, None
    if not _DAY.match(typed):
        return default, "Not a date: give it as YYYY-MM-DD, like 2026-03-01."
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        return default, "Not a date: give it as YYYY-MM-DD, like 2026-03-01."
    if not EARLIEST <= day <= LATEST:
        return default, f"Give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}."
    if day > london_today():
        return default, "That day is still to come: give today or a day before it."
    return day, None


def now() -> datetime:
    return datetime.now(tz=UTC)


def read_as_at(asked: AsAt, read: Callable[..., Any]) -> tuple[Any, AsAt]:
    """The record as asked; a moment before it was first recorded (or a version it never
    had) leaves the record as it is now, with the API's words beside the picker."""
    if not asked.past:
        return read(), asked
    try:
        return read(**asked.read_args()), asked
    except NotFoundError as error:
        return read(), AsAt(typed=asked.typed, error=str(error))


# Words for values --------------------------------------------------------------------


def when(value: Any) -> str:
    """A value as the page writes it: dates in words, times in London, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{long_date(value)}, {clock(value)}"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
        try:
            return when(datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and _DAY.match(value):
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, UUID):
        return str(value)
    return str(value)


def words(key: str) -> str:
    """A field's name as a heading: `members_present` → "Members present"."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# Tables that print and download alike ---------------------------------------------------


@dataclass
class Table:
    """Headings and rows of text: the page shows them, and the CSV beside it holds the
    same headings and the same cells (so a download is exactly what the page shows)."""

    caption: str
    headings: Sequence[str]
    rows: list[list[str]] = field(default_factory=list)
    links: list[list[str | None]] = field(default_factory=list)

    def add(self, cells: Iterable[Any], links: Iterable[str | None] | None = None) -> None:
        row = [when(c) if not isinstance(c, str) else (c or "—") for c in cells]
        self.rows.append(row)
        self.links.append(list(links) if links is not None else [None] * len(row))


def csv_download(tables: Sequence[Table], filename: str) -> Response:
    """The tables as one CSV file: a table's heading row, then its rows; a blank row
    between tables, the caption first when there are several."""
    parts = []
    for table in tables:
        columns = list(table.headings)
        text = csv_text(columns, (dict(zip(columns, row, strict=True)) for row in table.rows))
        if len(tables) > 1:
            text = csv_text([table.caption], []) + text
        parts.append(text)
    return Response(
        "\r\n".join(parts),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
