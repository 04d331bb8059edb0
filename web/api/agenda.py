"""A meeting's agenda, on the meetings blueprint: items, the standing items, the order,
the chair's agreement, publication, and the matters arising from earlier meetings."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAgenda,
    PublishAgenda,
    ReorderAgenda,
)
from meetings.application.dto.actions import ActionRow
from web.api.common import command, tagged
from web.api.meetings import MEETING, blp, meeting_command
from web.api.schemas.meetings import (
    AgendaItemIn,
    AgendaItemOut,
    AtIn,
    MeetingOut,
    OpenActionOut,
    ReorderIn,
)
from web.auth import (
    principal,
    require_reader,
)
from web.context import meetings_app
from web.guards import guarded, meeting_recorder


@blp.route(f"{MEETING}/agenda-items")
class AgendaItems(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AgendaItemIn)
    @blp.response(201, AgendaItemOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Add an item to the agenda (it needs the chair's agreement again)."""
        return tagged(
            meetings_app().add_agenda_item(
                AddAgendaItem(meeting_id=meeting_id, **command(), **body)
            )
        )


@blp.route(f"{MEETING}/agenda/standing-items")
class StandingItems(MethodView):
    @guarded(meeting_recorder)
    @blp.response(200, MeetingOut)
    def post(self, meeting_id: UUID) -> dict[str, Any]:
        """Add the standing items "Minutes of the last meeting" and "Matters arising"."""
        return meeting_command(meeting_id, meetings_app().add_standing_items, AddStandingItems)


@blp.route(f"{MEETING}/agenda/reorder")
class Reorder(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(ReorderIn)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Put the agenda items in a new order (every item id, once)."""
        return meeting_command(meeting_id, meetings_app().reorder_agenda, ReorderAgenda, **body)


@blp.route(f"{MEETING}/agenda/agree")
class Agree(MethodView):
    @blp.response(200, MeetingOut)
    def post(self, meeting_id: UUID) -> dict[str, Any]:
        """The chair agrees the agenda (a chair token of the body's chair or vice-chair)."""
        cmd = AgreeAgenda(meeting_id=meeting_id, by=principal(), **command())
        return tagged(meetings_app().agree_agenda(cmd))


@blp.route(f"{MEETING}/agenda/publish")
class Publish(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AtIn, required=False)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Publish the agreed agenda (`at`: when it went out, typing up afterwards);
        `late_notice` says whether it went out too late."""
        return meeting_command(meeting_id, meetings_app().publish_agenda, PublishAgenda, **body)


@blp.route(f"{MEETING}/matters-arising")
class MattersArising(MethodView):
    @blp.response(200, OpenActionOut(many=True))
    def get(self, meeting_id: UUID) -> list[ActionRow]:
        """The body's open actions from its earlier meetings."""
        return meetings_app().list_matters_arising(meeting_id, require_reader())
