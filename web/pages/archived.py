"""The published minutes as the archive keeps them (`meetings archive`): read through the
service's own public surfaces, the standalone HTML document and the Open Civic Data export,
exactly as a resident or a reusing program gets them."""

from __future__ import annotations

from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.infrastructure.archive import ArchiveError, MinutesReader, PublishedMinutes
from web import create_app


def published_minutes_reader(app: MeetingsApplication) -> MinutesReader:
    """What `write_archive` asks for each meeting: its published minutes, or None."""
    client = create_app(app).test_client()

    def read(meeting_id: UUID) -> PublishedMinutes | None:
        html = client.get(f"/meetings/{meeting_id}/minutes.html")
        if html.status_code == 404:
            return None  # not published, or a body closed to the public
        if html.status_code != 200:
            raise ArchiveError(
                f"the minutes of meeting {meeting_id} cannot be read ({html.status})"
            )
        ocd = client.get(f"/api/v1/meetings/{meeting_id}/minutes/ocd")
        if ocd.status_code != 200:
            raise ArchiveError(
                f"the minutes of meeting {meeting_id} cannot be exported ({ocd.status})"
            )
        return PublishedMinutes(html.get_data(as_text=True), ocd.get_json())

    return read
