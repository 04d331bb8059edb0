"""CSV the service writes, safe to open in a spreadsheet: a cell that begins with a
character a spreadsheet reads as the start of a formula (=, +, -, @, tab, carriage return
or line feed) is prefixed with a single quote, as OWASP recommends against CSV injection,
so it shows as the text it is and is never run."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: What a spreadsheet takes to begin a formula (OWASP's list, with line feed).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """The cell as written: text that could start a formula is quoted; numbers are kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A header row and one row per mapping (only `columns`, in order), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return out.getvalue()
