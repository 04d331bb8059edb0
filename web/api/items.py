"""What is recorded under an agenda item, on the record blueprint: notes, decisions,
actions agreed, and deferral to a later meeting."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AgreeAction,
    DeferItem,
    RecordDecision,
    RecordNote,
)
from web.api.record import ITEM, blp, run_command
from web.api.schemas.entries import (
    ActionAgreedOut,
    DecisionOut,
    NoteOut,
)
from web.api.schemas.meetings import MeetingOut
from web.api.schemas.record import (
    ActionIn,
    DecisionIn,
    DeferIn,
    NoteIn,
)
from web.auth import require_recorder
from web.context import meetings_app
from web.guards import guarded, meeting_recorder


@blp.route(f"{ITEM}/notes")
class Notes(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Record discussion notes on an item."""
        return run_command(meeting_id, "record_note", RecordNote, item_id=str(item_id), **body)


@blp.route(f"{ITEM}/decisions")
class Decisions(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DecisionIn)
    @blp.response(201, DecisionOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Record a decision; `requires_ratification` is worked out from delegated
        authority and the forward plan."""
        return run_command(
            meeting_id,
            "record_decision",
            RecordDecision,
            item_id=str(item_id),
            **body,
        )


@blp.route(f"{ITEM}/actions")
class Actions(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(ActionIn)
    @blp.response(201, ActionAgreedOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Record an action agreed on an item; the action is its own record from now on.
        Linking it to a workplan item needs a clerk of the workplan's body too."""
        if body.get("workplan_item_id") is not None:
            planned = body["workplan_item_id"]
            require_recorder(meetings_app().get_body_of_workplan_item(planned, "workplan_item_id"))
        return run_command(
            meeting_id,
            "agree_action",
            AgreeAction,
            item_id=str(item_id),
            **body,
        )


@blp.route(f"{ITEM}/defer")
class Defer(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DeferIn)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Defer an item, optionally to a later meeting of the body (it joins that agenda)."""
        return run_command(meeting_id, "defer_item", DeferItem, item_id=str(item_id), **body)
