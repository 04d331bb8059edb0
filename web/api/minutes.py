"""Minutes: the draft derived from the record, and its steps to publication."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AgreeMinutes,
    ApproveMinutes,
    CirculateMinutes,
    PublishMinutes,
)
from meetings.application.dto.minutes import Minutes as MinutesRead
from meetings.application.dto.minutes import PublishedMinutesRow
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.minutes import (
    ApproveMinutesIn,
    MinutesOut,
    MinutesQuery,
    PublishedMinutesOut,
    PublishedMinutesQuery,
)
from web.auth import maybe_principal, principal
from web.context import meetings_app
from web.errors import OPTIONAL_AUTH
from web.guards import guarded, meeting_recorder

blp = Blueprint(
    "minutes",
    __name__,
    url_prefix=API_PREFIX,
    description="Minutes: derived from the record; agreed, circulated, approved, published",
)

_MINUTES = "/meetings/<uuid:meeting_id>/minutes"


@blp.route(_MINUTES)
class Minutes(MethodView):
    @blp.doc(**OPTIONAL_AUTH)
    @blp.arguments(MinutesQuery, location="query")
    @blp.response(200, MinutesOut)
    def get(self, args: dict[str, Any], meeting_id: UUID) -> MinutesRead:
        """The minutes: Markdown, with the structured items beside it. Without a token,
        only published minutes of a public body (404 otherwise). `stage` gives the text
        as circulated, approved or published; `as_at`/`version` as it then stood."""
        stage = args.get("stage")
        minutes = meetings_app().get_minutes(
            meeting_id, maybe_principal(), stage, **read_args(args)
        )
        return tagged(minutes)


def _step(meeting_id: UUID, method: str, cmd: type, /, **fields: Any) -> dict[str, Any]:
    """A step of the minutes by the body's clerk (or an administrator)."""
    app = meetings_app()
    return tagged(getattr(app, method)(cmd(meeting_id=meeting_id, **command(), **fields)))


@blp.route(f"{_MINUTES}/agree")
class Agree(MethodView):
    @blp.response(200, MinutesOut)
    def post(self, meeting_id: UUID) -> dict[str, Any]:
        """The chair agrees the draft minutes, after the meeting has closed (a chair token
        of the body's chair or vice-chair)."""
        cmd = AgreeMinutes(meeting_id=meeting_id, by=principal(), **command())
        return tagged(meetings_app().agree_minutes(cmd))


@blp.route(f"{_MINUTES}/circulate")
class Circulate(MethodView):
    @guarded(meeting_recorder)
    @blp.response(200, MinutesOut)
    def post(self, meeting_id: UUID) -> dict[str, Any]:
        """Circulate the agreed minutes to the body's members."""
        return _step(meeting_id, "circulate_minutes", CirculateMinutes)


@blp.route(f"{_MINUTES}/approve")
class Approve(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(ApproveMinutesIn)
    @blp.response(200, MinutesOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Record that a later meeting of the same body approved the circulated minutes as a
        correct record, with any amendments (each replaces an item's narrative; the text as
        circulated is kept beside it; decisions and actions stand as recorded)."""
        return _step(meeting_id, "approve_minutes", ApproveMinutes, **body)


@blp.route(f"{_MINUTES}/publish")
class Publish(MethodView):
    @guarded(meeting_recorder)
    @blp.response(200, MinutesOut)
    def post(self, meeting_id: UUID) -> dict[str, Any]:
        """Publish the approved minutes: the public can read them (confidential items
        withheld)."""
        return _step(meeting_id, "publish_minutes", PublishMinutes)


@blp.route("/minutes")
class PublishedMinutes(MethodView):
    @blp.doc(**OPTIONAL_AUTH)
    @blp.arguments(PublishedMinutesQuery, location="query")
    @blp.response(200, PublishedMinutesOut(many=True))
    def get(self, args: dict[str, Any]) -> list[PublishedMinutesRow]:
        """Published minutes of bodies open to the public, newest first (no token needed);
        `body_id` narrows them to one body."""
        return meetings_app().list_published_minutes(args.get("body_id"), args.get("limit", 100))
