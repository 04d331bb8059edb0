"""The action tracker: actions across bodies, one action and its history, and CSV for
spreadsheets (the updates, on the same blueprint, are in `action_updates.py`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response
from flask.views import MethodView

from meetings.application.dto import HistoryEntry, jsonable
from meetings.application.dto.actions import ActionRow, ActionView
from web.api.common import API_PREFIX, Blueprint, read_args, tagged
from web.api.schemas.actions import (
    ActionOut,
    ActionQuery,
    ActionRowOut,
)
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.auth import principal, require_history_reader, require_reader
from web.context import meetings_app
from web.guards import guarded, reader
from web.pages.csv_safe import csv_text

blp = Blueprint(
    "actions",
    __name__,
    url_prefix=API_PREFIX,
    description="The action tracker: chasing actions between meetings",
)


CSV_COLUMNS = (
    "id",
    "description",
    "body_name",
    "owner_name",
    "organisation_name",
    "due_on",
    "status",
    "overdue",
    "percent_complete",
    "theme",
    "meeting_id",
    "completed_at",
)


def _find(args: dict[str, Any], page: int, page_size: int) -> tuple[list[ActionRow], int]:
    app = meetings_app()
    return app.list_actions(args, args.get("as_of"), page, page_size, require_reader())


@blp.route("/actions")
class Actions(MethodView):
    @guarded(reader)
    @blp.arguments(ActionQuery, location="query")
    @blp.response(200, ActionRowOut(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[ActionRow]:
        """Actions by body, status (open, overdue, done, dropped), owner, organisation,
        theme or meeting; overdue as of `as_of` (default today). Soonest due first."""
        rows, total = _find(args, pagination_parameters.page, pagination_parameters.page_size)
        pagination_parameters.item_count = total
        return rows


@blp.route("/actions.csv")
class ActionsCsv(MethodView):
    @guarded(reader)
    @blp.arguments(ActionQuery, location="query")
    @blp.response(
        200,
        content_type="text/csv",
        description="The same actions as GET /actions, as CSV with a header row",
    )
    def get(self, args: dict[str, Any]) -> Response:
        """The tracker as a spreadsheet: every matching action (no paging)."""
        rows, total = _find(args, 1, 100_000)
        lines = ({k: jsonable(getattr(r, k)) for k in CSV_COLUMNS} for r in rows)
        return Response(
            csv_text(CSV_COLUMNS, lines),
            mimetype="text/csv",
            headers={
                "Content-Disposition": 'attachment; filename="actions.csv"',
                "X-Total-Count": str(total),
            },
        )


@blp.route("/actions/<uuid:action_id>")
class ActionResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, ActionOut)
    def get(self, args: dict[str, Any], action_id: UUID) -> ActionView:
        """An action with its updates, now or as it stood (`as_at`, `version`)."""
        app = meetings_app()
        return tagged(app.get_action(action_id, require_reader(), **read_args(args)))


@blp.route("/actions/<uuid:action_id>/history")
class ActionHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, action_id: UUID) -> list[HistoryEntry]:
        """Every event of the action, with who and when."""
        principal()
        app = meetings_app()
        who = require_history_reader(app.get_body_of_action(action_id))
        return app.get_action_history(action_id, who)
