"""Workplans: the implementation group's items by theme, status, and progress."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AddWorkplanItem,
    DrawUpWorkplan,
    ReportItemStatus,
    TakeActionIntoWorkplan,
)
from meetings.application.dto import HistoryEntry
from meetings.domain.workplan import Workplan
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.actions import ActionOut
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.api.schemas.workplans import (
    ProgressOut,
    ProgressQuery,
    StatusIn,
    TakeActionIn,
    WorkplanIn,
    WorkplanItemIn,
    WorkplanItemOut,
    WorkplanOut,
    WorkplanSummaryOut,
)
from web.auth import principal, require_history_reader, require_reader, require_recorder
from web.context import meetings_app
from web.guards import body_recorder, guarded, reader, workplan_recorder

blp = Blueprint(
    "workplans",
    __name__,
    url_prefix=API_PREFIX,
    description="Workplans by theme: items, lead partners, status and progress",
)

_WORKPLAN = "/workplans/<uuid:workplan_id>"


@blp.route("/bodies/<uuid:body_id>/workplans")
class Workplans(MethodView):
    @guarded(body_recorder)
    @blp.arguments(WorkplanIn)
    @blp.response(201, WorkplanOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> Any:
        """Draw up a workplan with its themes (admin or the body's clerk)."""
        return tagged(
            meetings_app().draw_up_workplan(DrawUpWorkplan(body_id=body_id, **command(), **body))
        )

    @blp.response(200, WorkplanSummaryOut(many=True))
    def get(self, body_id: UUID) -> Any:
        """The body's workplans."""
        require_reader()
        return meetings_app().list_workplans(body_id)


@blp.route(_WORKPLAN)
class WorkplanResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, WorkplanOut)
    def get(self, args: dict[str, Any], workplan_id: UUID) -> Any:
        """A workplan with its items, now or as it stood (`as_at`, `version`)."""
        require_reader()
        return tagged(meetings_app().get_workplan(workplan_id, **read_args(args)))


@blp.route(f"{_WORKPLAN}/items")
class Items(MethodView):
    @guarded(workplan_recorder)
    @blp.arguments(WorkplanItemIn)
    @blp.response(201, WorkplanItemOut)
    def post(self, body: dict[str, Any], workplan_id: UUID) -> Any:
        """Add an item under one of the workplan's themes, with its lead partner."""
        return tagged(
            meetings_app().add_workplan_item(
                AddWorkplanItem(workplan_id=workplan_id, **command(), **body)
            )
        )


@blp.route(f"{_WORKPLAN}/items/<uuid:item_id>/status")
class Status(MethodView):
    @guarded(workplan_recorder)
    @blp.arguments(StatusIn)
    @blp.response(200, WorkplanItemOut)
    def post(self, body: dict[str, Any], workplan_id: UUID, item_id: UUID) -> Any:
        """Report an item's status: not started, on track, at risk, off track or done."""
        return tagged(
            meetings_app().report_item_status(
                ReportItemStatus(
                    workplan_id=workplan_id,
                    item_id=str(item_id),
                    **command(),
                    **body,
                )
            )
        )


@blp.route(f"{_WORKPLAN}/items/<uuid:item_id>/actions")
class ItemActions(MethodView):
    @guarded(workplan_recorder)
    @blp.arguments(TakeActionIn)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], workplan_id: UUID, item_id: UUID) -> Any:
        """Take an existing action (agreed at an earlier meeting) into this workplan item:
        its progress counts here from now on. Needs a clerk of the workplan's body and of
        the action's body (or admin)."""
        app = meetings_app()
        require_recorder(app.get_body_of_action(body["action_id"]))
        return tagged(
            app.take_action_into_workplan(
                TakeActionIntoWorkplan(
                    workplan_id=workplan_id,
                    item_id=str(item_id),
                    **command(),
                    **body,
                )
            )
        )


@blp.route(f"{_WORKPLAN}/progress")
class Progress(MethodView):
    @guarded(reader)
    @blp.arguments(ProgressQuery, location="query")
    @blp.response(200, ProgressOut)
    def get(self, args: dict[str, Any], workplan_id: UUID) -> Any:
        """Progress by theme and the workplan's actions, now or at the end of a past day."""
        require_reader()
        return tagged(meetings_app().get_workplan_progress(workplan_id, args.get("as_at")))


@blp.route(f"{_WORKPLAN}/history")
class History(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, workplan_id: UUID) -> list[HistoryEntry]:
        """Every event of the workplan, with who and when."""
        principal()
        require_history_reader(meetings_app().get_body_of_workplan(workplan_id))
        return meetings_app().get_history(Workplan, "workplan", workplan_id)
