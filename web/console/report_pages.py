"""A scrutiny report as a page that prints on A4, with a CSV beside it holding exactly the
tables the page shows: the period it covers (asked for as the API asks), its facts, and
the pair of addresses (`…` and `….csv`) one report is served at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.domain.rules import london_today
from web.console.common import FormErrors, bp
from web.console.scrutiny import SCRUTINY
from web.console.scrutiny_common import Table, csv_download, day_asked, when

#: Where the scrutiny reports live: beside the scrutiny screens.
REPORTS = SCRUTINY


class Period(NamedTuple):
    """The days a report covers, and what was wrong with the days asked for."""

    start: date
    end: date
    errors: FormErrors


@dataclass
class Report:
    """What a report shows: its title, its tables, the period (if it has one) and the way
    back (address, words)."""

    title: str
    tables: list[Table]
    period: Period | None = None
    back: tuple[str, str] | None = None

    @property
    def errors(self) -> FormErrors:
        return self.period.errors if self.period else FormErrors()


def period_asked() -> Period:
    """The period asked (default: the year to today), checked as the API checks it."""
    errors = FormErrors()
    end, end_error = day_asked("to", london_today())
    start, start_error = day_asked("from", None)
    if end_error:
        errors.add("to", end_error)
    if start_error:
        errors.add("from", start_error)
    assert end is not None
    start = start or _year_before(end)
    if start > end:
        errors.add(
            "to",
            f"The end date ({end.isoformat()}) is before the start date ({start.isoformat()}).",
        )
        start = _year_before(end)
    return Period(start, end, errors)


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def facts(caption: str, rows: list[tuple[str, Any]]) -> Table:
    """A two-column table of facts: a label, and the value as the page writes it."""
    table = Table(caption, ("Fact", "As recorded"))
    for label, value in rows:
        table.add((label, value if isinstance(value, str) else when(value)))
    return table


def page_and_csv(
    path: str, endpoint: str, csv_endpoint: str, filename: str, guard: Callable[..., object]
) -> Callable[[Callable[..., Report]], Callable[..., Report]]:
    """Serve the report a function builds at REPORTS + `path` as a page, and at the same
    path + `.csv` as its tables in a CSV file. `guard`, given the address's arguments,
    refuses a reader who may not see the report, before anything is read."""

    def serve(build: Callable[..., Report]) -> Callable[..., Report]:
        def page(**args: Any) -> tuple[str, int]:
            guard(**args)
            return _page(build(**args))

        def csv(**args: Any) -> Response:
            guard(**args)
            return csv_download(build(**args).tables, filename)

        bp.add_url_rule(f"{REPORTS}{path}", endpoint, page, methods=["GET"])
        bp.add_url_rule(f"{REPORTS}{path}.csv", csv_endpoint, csv, methods=["GET"])
        return build

    return serve


def _page(report: Report) -> tuple[str, int]:
    query = request.query_string.decode()
    return render_template(
        "console/scrutiny_report.html",
        title=report.title,
        tables=report.tables,
        csv_url=request.path + ".csv" + (f"?{query}" if query else ""),
        period=report.period,
        errors=report.errors,
        back=report.back,
        printed=when(datetime.now(tz=UTC)),
    ), 422 if report.errors else 200
