"""Meetings: scheduling, reading as it stood, postponing, cancelling, opening and closing
(the agenda's routes, on the same blueprint, are in `agenda.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    CancelMeeting,
    CloseMeeting,
    OpenMeeting,
    PostponeMeeting,
    ScheduleMeeting,
)
from meetings.application.dto import HistoryEntry
from meetings.application.dto.meetings import MeetingRow, MeetingView
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.api.schemas.meetings import (
    AtIn,
    CancelIn,
    MeetingOut,
    MeetingSummaryOut,
    PostponeIn,
    ScheduleMeetingIn,
)
from web.auth import (
    maybe_principal,
    principal,
    require_history_reader,
    require_reader,
)
from web.context import meetings_app
from web.errors import OPTIONAL_AUTH
from web.guards import body_recorder, guarded, meeting_recorder

blp = Blueprint(
    "meetings",
    __name__,
    url_prefix=API_PREFIX,
    description="Meetings: scheduling, the agenda, opening and closing",
)


MEETING = "/meetings/<uuid:meeting_id>"


@blp.route("/bodies/<uuid:body_id>/meetings")
class Meetings(MethodView):
    @guarded(body_recorder)
    @blp.arguments(ScheduleMeetingIn)
    @blp.response(201, MeetingOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> dict[str, Any]:
        """Schedule a meeting of the body (admin or the body's clerk)."""
        return tagged(
            meetings_app().schedule_meeting(ScheduleMeeting(body_id=body_id, **command(), **body))
        )

    @blp.response(200, MeetingSummaryOut(many=True))
    def get(self, body_id: UUID) -> list[MeetingRow]:
        """The body's meetings, in date order."""
        require_reader()
        return meetings_app().list_meetings(body_id)


@blp.route(MEETING)
class MeetingResource(MethodView):
    @blp.doc(**OPTIONAL_AUTH)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, MeetingOut)
    def get(self, args: dict[str, Any], meeting_id: UUID) -> MeetingView:
        """The meeting as recorded (corrections applied), or as it stood (`as_at`,
        `version`). Confidential items are withheld unless you may see them."""
        who = maybe_principal()
        return tagged(meetings_app().get_meeting_view(meeting_id, who, **read_args(args)))


@blp.route(f"{MEETING}/history")
class MeetingHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, meeting_id: UUID) -> list[HistoryEntry]:
        """Every event of the meeting, with who and when (confidential content withheld
        unless you may see it)."""
        principal()
        app = meetings_app()
        body_id = app.get_body_of_meeting(meeting_id)
        return app.get_meeting_history(meeting_id, require_history_reader(body_id))


def meeting_command(
    meeting_id: UUID, run: Callable[[Any], dict[str, Any]], cmd: type, /, **fields: Any
) -> dict[str, Any]:
    """A change to the meeting as a whole, by the body's clerk: answers with the meeting."""
    return tagged(run(cmd(meeting_id=meeting_id, **command(), **fields)))


@blp.route(f"{MEETING}/postpone")
class Postpone(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(PostponeIn)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Postpone the meeting, with the reason and the new time if known."""
        return meeting_command(meeting_id, meetings_app().postpone_meeting, PostponeMeeting, **body)


@blp.route(f"{MEETING}/cancel")
class Cancel(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(CancelIn)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Cancel the meeting, with the reason."""
        return meeting_command(meeting_id, meetings_app().cancel_meeting, CancelMeeting, **body)


@blp.route(f"{MEETING}/open")
class Open(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AtIn, required=False)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Open the meeting: it is in session."""
        return meeting_command(meeting_id, meetings_app().open_meeting, OpenMeeting, **body)


@blp.route(f"{MEETING}/close")
class Close(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AtIn, required=False)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Close the meeting."""
        return meeting_command(meeting_id, meetings_app().close_meeting, CloseMeeting, **body)
