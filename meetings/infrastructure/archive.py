"""The archival package of a body's year: a BagIt bag (RFC 8493) a records office can keep
for decades and check without this software's database.

    DIR/
      bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*.txt
      data/README.txt          how to check the package, in plain words
      data/log.jsonl           the whole log up to the chain's head: every stored event's
                               exact bytes with its link of the hash chain (`meetings export`)
      data/events.jsonl        the lines of log.jsonl about the body's meetings that year
                               (the meetings and the actions agreed at them)
      data/minutes/*.pdf       each set of published minutes as PDF/A-2b (A4, fonts embedded)
      data/minutes/*.html      the same minutes as the standalone HTML document
      data/minutes/*.ocd.json  the same minutes as Open Civic Data JSON

The minutes are rendered by the service's own published surfaces (the standalone HTML the
public reads, with confidential items withheld), which the caller passes in as a
`MinutesReader` (the command line passes `web.pages.archived.published_minutes_reader`:
infrastructure never imports the web); the PDF is that document laid out on the printed
page. A body closed to the public publishes no minutes, so its bag holds only the log and
its events.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.application.dto.meetings import MeetingRow
from meetings.domain.body import Body
from meetings.domain.rules import LONDON

#: The printed page of the public site (web/static/site.css): A4 with its margins.
PAGE_CSS = "@page { size: A4; margin: 18mm 16mm 20mm; }"
PDF_VARIANT = "pdf/a-2b"
CHECKSUMS = ["sha256", "sha512"]
#: Rendered PDFs kept in memory, by the digest of the HTML they were made from.
_CACHE_SIZE = 32
_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()
#: One rendering at a time: Pango and fontconfig are not safe to drive from several threads.
_render_lock = threading.Lock()


class ArchiveError(Exception):
    """The package cannot be made; nothing was written."""


class PdfUnavailableError(ArchiveError):
    """WeasyPrint cannot run here: Pango, the text layout library it needs, is missing."""


def minutes_pdf(html: str) -> bytes:
    """The standalone minutes document as PDF/A-2b on A4, every font embedded."""
    key = hashlib.sha256(html.encode()).hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailableError(
            "PDF minutes need Pango (Debian: apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {error}"
        ) from None

    with _render_lock:
        pdf: bytes = weasyprint.HTML(string=html).write_pdf(
            stylesheets=[weasyprint.CSS(string=PAGE_CSS)], pdf_variant=PDF_VARIANT
        )
    with _cache_lock:
        _cache[key] = pdf
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return pdf


@dataclass(frozen=True)
class PublishedMinutes:
    """A meeting's published minutes as the public reads them: the standalone HTML
    document, and the same minutes as an Open Civic Data event."""

    html: str
    ocd: dict[str, Any]


#: A meeting's published minutes, or None when it has none the public may read (not
#: published, or a body closed to the public); raises `ArchiveError` when they cannot be read.
MinutesReader = Callable[[UUID], PublishedMinutes | None]


@dataclass(frozen=True)
class ArchiveSummary:
    body_name: str
    year: int
    meetings: int
    published_minutes: int
    events: int
    log_events: int
    head_position: int
    head_hash: str


def write_archive(
    app: MeetingsApplication, body_id: UUID, year: int, target: Path, read: MinutesReader
) -> ArchiveSummary:
    """Write the bag of `body_id`'s meetings in `year` at `target` (new or empty), each
    meeting's published minutes as `read` gives them."""
    import bagit

    for chatty in ("bagit", "weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(chatty).setLevel(logging.WARNING)  # not a line per file or step
    _check_target(target, year)
    app.projector.catch_up()  # on PostgreSQL too: the package never waits for the worker
    if not app.exists(Body, body_id):
        raise ArchiveError(f"there is no body with id {body_id}")
    body_name = app.get_body(body_id).name
    meetings = [m for m in app.list_meetings(body_id) if _london_year(m.starts_at) == year]
    if not meetings:
        raise ArchiveError(f"{body_name} has no meetings in {year}: there is nothing to archive")
    head_position, head_hash = app.get_chain_head()
    log = [line for line in app.list_log_export() if int(line["position"]) <= head_position]
    events = _events_of(log, meetings)
    target.mkdir(exist_ok=True)
    try:
        _write_jsonl(target / "log.jsonl", log)
        _write_jsonl(target / "events.jsonl", events)
        published = _write_minutes(read, meetings, target / "minutes")
        summary = ArchiveSummary(
            body_name,
            year,
            len(meetings),
            published,
            len(events),
            len(log),
            head_position,
            head_hash,
        )
        (target / "README.txt").write_text(
            readme(body_name, year, head_position, head_hash, len(log), len(events), published),
            encoding="utf-8",
        )
        bagit.make_bag(str(target), _bag_info(summary, body_id), checksums=CHECKSUMS)
    except BaseException:
        _remove_tree(target)
        raise
    return summary


def _check_target(target: Path, year: int) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ArchiveError(f"{target} is not an empty directory: name a new one")
    if not target.parent.is_dir():
        raise ArchiveError(f"there is no directory {target.parent} to write the package in")
    if not 1900 <= year <= 9999:
        raise ArchiveError(f"{year} is not a year")


def _events_of(log: list[dict[str, Any]], meetings: list[MeetingRow]) -> list[dict[str, Any]]:
    """The lines of the log about these meetings and the actions agreed at them."""
    ours = {m.id for m in meetings}
    ours |= {
        line["aggregate_id"]
        for line in log
        if line["topic"].startswith("meetings.domain.action:")
        and isinstance(line["data"], dict)
        and _as_id(line["data"].get("meeting_id")) in ours
    }
    return [line for line in log if line["aggregate_id"] in ours]


def _bag_info(summary: ArchiveSummary, body_id: UUID) -> dict[str, str]:
    """What bag-info.txt says of the package."""
    name, year = summary.body_name, summary.year
    return {
        "Source-Organization": name,
        "External-Description": f"The record of {name}'s meetings in {year}: "
        "the event log with its hash chain, and the published minutes.",
        "External-Identifier": f"{body_id}/{year}",
        "Bagging-Date": datetime.now(tz=LONDON).date().isoformat(),
        "Chain-Head": f"{summary.head_position}:{summary.head_hash}",
        "Log-Events": str(summary.log_events),
        "Body-Year-Events": str(summary.events),
        "Published-Minutes": str(summary.published_minutes),
    }


def _as_id(value: Any) -> str:
    """An id as an event's stored JSON holds it (eventsourcing's transcoding of a UUID)."""
    if isinstance(value, dict) and value.get("_type_") == "uuid_hex":
        return str(UUID(str(value["_data_"])))
    return str(value)


def _london_year(starts_at: datetime) -> int:
    return starts_at.astimezone(LONDON).year


def _write_jsonl(path: Path, lines: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":")) + "\n")


def _write_minutes(read: MinutesReader, meetings: list[MeetingRow], folder: Path) -> int:
    """Each published set of minutes, as the service's public surfaces give them."""
    folder.mkdir()
    published = 0
    for m in meetings:
        minutes = read(UUID(m.id))
        if minutes is None:
            continue  # not published, or a body closed to the public
        day = m.starts_at.astimezone(LONDON).date().isoformat()
        stem = f"{day}-minutes-{m.id}"
        (folder / f"{stem}.html").write_text(minutes.html, encoding="utf-8")
        (folder / f"{stem}.pdf").write_bytes(minutes_pdf(minutes.html))
        (folder / f"{stem}.ocd.json").write_text(
            json.dumps(minutes.ocd, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        published += 1
    return published


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def readme(
    body: str, year: int, position: int, head: str, log: int, events: int, minutes: int
) -> str:
    return f"""The record of {body}'s meetings in {year}
{"=" * (len(body) + 31)}

This folder is an archival package (a "bag", as the BagIt standard, RFC 8493, calls it).
It was made by the partnership meetings service with `meetings archive`. It holds:

- minutes/: the {minutes} set(s) of minutes published that year, each three ways: as a PDF
  (PDF/A, A4, to print or file), as a web page (.html, with everything it needs inside it)
  and as Open Civic Data (.ocd.json, for other software). Items kept confidential when the
  minutes were published are withheld here too.
- events.jsonl: the {events} recorded facts about those meetings (and the actions agreed
  at them), one per line, exactly as the service stored them.
- log.jsonl: the whole log of the service up to the moment this package was made
  ({log} recorded facts), each with its link of the "hash chain".

The log is the record itself. The minutes are what the service showed from it.

This package holds the full record, including what was confidential and people's contact
details as they were recorded. Keep it as the partnership's own record; publish only the
minutes.

Is anything changed or missing?
-------------------------------

1. The files are as they were made. Every file's checksum is in manifest-sha256.txt and
   manifest-sha512.txt. Any BagIt tool checks them, for example (Python's bagit package):

       bagit.py --validate THIS-FOLDER

   A single changed byte in any file makes this fail, naming the file.

2. The record is as it was recorded. Each line of log.jsonl carries a "hash" that is
   computed from the line before it and from the fact's exact stored bytes ("stored", in
   base64). Change, remove or reorder any fact and every hash after it stops matching.
   With the meetings software installed (no database is needed), run:

       meetings verify --export data/log.jsonl --head {position}:{head}

   It answers "OK" with the number of facts checked, or "TAMPERED" with the position of
   the first fact that does not match.

3. The chain is the one the service kept. The head above, position {position} and hash
   {head}, is also written in bag-info.txt ("Chain-Head"). Compare it with a head kept
   somewhere else (for example a later package, or one read out at a meeting): the later
   chain must pass through it, which `--head` checks.

Every line of events.jsonl is also a line of log.jsonl, so what step 2 proves about the
log holds for the meetings' facts too.

Without the software: each hash is the SHA-256 of the previous line's hash, then the
position, the aggregate id, the version and the topic, each followed by a newline, then
the stored bytes; the first line's previous hash is 64 zeros.
"""
