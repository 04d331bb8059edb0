"""What the published pages and feeds read: bodies open to the public, their meetings and
memberships, people's names, and published minutes (kept copies where still current)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from meetings.application.dto.minutes import PublishedMinutes
from meetings.domain.body import Body
from meetings.infrastructure.sql import Row
from meetings.infrastructure.storage import is_full
from projections import meetings as read_meetings
from projections import public as read_public
from projections import structure as read_structure

if TYPE_CHECKING:
    from meetings.application.app import MeetingsApplication

_PAGE_SIZE = 1000


def list_public_bodies(app: MeetingsApplication) -> list[Row]:
    """Every body open to the public, by name."""
    app._projected()
    rows: list[Row] = []
    page = 1
    while True:
        batch, total = read_structure.list_bodies(app.db, page, _PAGE_SIZE)
        rows += batch
        if not batch or len(rows) >= total:
            break
        page += 1
    return [r for r in rows if r["open_to_public"]]


def list_meetings_of_body(app: MeetingsApplication, body_id: UUID) -> list[Row]:
    """The body's meetings as its read model lists them (read models as they stand)."""
    return read_meetings.meetings_of_body(app.db, body_id)


def get_body(app: MeetingsApplication, body_id: UUID) -> Body:
    """The body as recorded (404 if there is none)."""
    return app._get(Body, "body", body_id)


def get_public_body_row(app: MeetingsApplication, body_id: UUID) -> Row | None:
    """The body's public read-model row, or None."""
    app._projected()
    return read_public.body_row(app.db, body_id)


def list_memberships_of_body(app: MeetingsApplication, body_id: UUID, on: date) -> list[Row]:
    """The body's memberships current on this day."""
    app._projected()
    return read_structure.memberships_of_body(app.db, body_id, on)


def get_people_names(app: MeetingsApplication, person_ids: set[str]) -> dict[str, Any]:
    """These people's read-model rows (their names), by id."""
    app._projected()
    people, _, _ = read_structure.names(app.db, person_ids, set(), set())
    return people


def list_calendar_of_body(app: MeetingsApplication, body_id: UUID) -> list[Row]:
    """The body's meetings with their calendar fields (read models as they stand)."""
    return list(read_public.calendar_of_body(app.db, body_id))


def list_published_minutes_feed(
    app: MeetingsApplication, body_id: UUID | None, limit: int
) -> list[Row]:
    """The newest published minutes of public bodies (or of one body), newest first."""
    app._projected()
    return list(read_meetings.published_minutes(app.db, body_id, limit))


def get_published_minutes(
    app: MeetingsApplication, meeting_ids: list[str]
) -> dict[str, PublishedMinutes]:
    """Published minutes of these meetings as the public reads them (what the application's
    `get_published_minutes` answers for one), from the kept copies where the meeting has not
    changed since; the others are composed, and kept for the next reader."""
    app._projected()
    position = app.projector.position()
    versions = app.projector.versions_of(meeting_ids)
    kept = read_public.kept_minutes(app.db, meeting_ids)
    transcoder = app.mapper.transcoder
    found: dict[str, PublishedMinutes] = {}
    for meeting_id in meeting_ids:
        row = kept.get(meeting_id)
        if row is not None and row["meeting_version"] == versions.get(meeting_id):
            copy = _kept_copy(transcoder.decode(row["document"].encode()))
            if copy is not None:
                found[meeting_id] = copy
                continue
        document = app.get_published_minutes(UUID(meeting_id))
        found[meeting_id] = document
        data = transcoder.encode(document.as_data()).decode()
        try:
            app.projector.keep_published_minutes(meeting_id, versions[meeting_id], data, position)
        except Exception as error:
            if not is_full(error):
                raise
            # A full store keeps nothing new; the reader is answered all the same.
    return found


def _kept_copy(document: Any) -> PublishedMinutes | None:
    """A kept copy as the minutes it holds; None for a copy of another shape (kept before
    the minutes gained or lost a field), which is composed again."""
    if not isinstance(document, dict):
        return None
    try:
        return PublishedMinutes.of(document)
    except ValueError:
        return None
