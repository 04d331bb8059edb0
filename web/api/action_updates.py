"""Updating an action, on the actions blueprint: progress, a new due date, a new owner,
completion, dropping it; each answers with the action."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    CompleteAction,
    DropAction,
    NoteProgress,
    ReassignAction,
    ReviseDueDate,
)
from web.api.actions import blp
from web.api.common import command, tagged
from web.api.schemas.actions import (
    ActionOut,
    CompleteIn,
    DropIn,
    DueDateIn,
    ProgressIn,
    ReassignIn,
)
from web.context import meetings_app
from web.guards import action_updater, guarded


def _update(action_id: UUID, cmd: type, run: str, /, **body: Any) -> Any:
    app = meetings_app()
    return tagged(getattr(app, run)(cmd(action_id=action_id, **command(), **body)))


@blp.route("/actions/<uuid:action_id>/progress")
class Progress(MethodView):
    @guarded(action_updater(owner_may=True))
    @blp.arguments(ProgressIn)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], action_id: UUID) -> Any:
        """Note progress, optionally with percent complete (also the owner may)."""
        return _update(action_id, NoteProgress, "note_progress", **body)


@blp.route("/actions/<uuid:action_id>/due-date")
class DueDate(MethodView):
    @guarded(action_updater(owner_may=False))
    @blp.arguments(DueDateIn)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], action_id: UUID) -> Any:
        """Give a new due date, with the reason."""
        return _update(action_id, ReviseDueDate, "revise_due_date", **body)


@blp.route("/actions/<uuid:action_id>/reassign")
class Reassign(MethodView):
    @guarded(action_updater(owner_may=False))
    @blp.arguments(ReassignIn)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], action_id: UUID) -> Any:
        """Give the action to another owner (and organisation; default the owner's)."""
        return _update(action_id, ReassignAction, "reassign_action", **body)


@blp.route("/actions/<uuid:action_id>/complete")
class Complete(MethodView):
    @guarded(action_updater(owner_may=True))
    @blp.arguments(CompleteIn, required=False)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], action_id: UUID) -> Any:
        """Mark the action done (also the owner may)."""
        return _update(action_id, CompleteAction, "complete_action", **body)


@blp.route("/actions/<uuid:action_id>/drop")
class Drop(MethodView):
    @guarded(action_updater(owner_may=False))
    @blp.arguments(DropIn)
    @blp.response(200, ActionOut)
    def post(self, body: dict[str, Any], action_id: UUID) -> Any:
        """Drop the action, with the reason."""
        return _update(action_id, DropAction, "drop_action", **body)
