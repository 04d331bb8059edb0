"""The record of a meeting in session: attendance, quorum, declarations, notes,
decisions, actions, deferrals and corrections."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from meetings.application.commands import (
    AgreeAction,
    CorrectEntry,
    DeclareInterest,
    DeferItem,
    NotifyForthcomingDecision,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
    TakeChair,
)
from meetings.application.queries.records import get_meeting_record
from meetings.domain.errors import InvalidFieldsError
from web.api.common import API_PREFIX, command, tagged
from web.api.schemas.entries import (
    ActionAgreedOut,
    AttendanceOut,
    CorrectedEntryOut,
    DecisionOut,
    DeclarationOut,
    DepartureOut,
    InTheChairOut,
    NoteOut,
    QuorumOut,
)
from web.api.schemas.meetings import ForwardPlanIn, ForwardPlanOut, MeetingOut
from web.api.schemas.record import (
    REPLACEMENTS,
    ActionIn,
    AttendanceIn,
    CorrectionIn,
    DecisionIn,
    DeclarationIn,
    DeferIn,
    DepartureIn,
    NoteIn,
    QuorumQuery,
    TakeChairIn,
)
from web.auth import principal, require_reader, require_recorder
from web.context import meetings_app
from web.guards import body_recorder, guarded, meeting_recorder, reader

blp = Blueprint(
    "record",
    __name__,
    url_prefix=API_PREFIX,
    description="Recording a meeting in session, and correcting the record",
)

_MEETING = "/meetings/<uuid:meeting_id>"
_ITEM = f"{_MEETING}/items/<uuid:item_id>"


def _run(
    meeting_id: UUID, method: str, cmd: type, schema: ma.Schema, status: int, /, **fields: Any
) -> Any:
    app = meetings_app()
    return tagged(
        getattr(app, method)(cmd(meeting_id=meeting_id, **command(schema, status), **fields))
    )


@blp.route(f"{_MEETING}/attendance")
class Attendance(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AttendanceIn)
    @blp.response(201, AttendanceOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record who is here, who sent apologies, and who substitutes for whom."""
        return _run(meeting_id, "record_attendance", RecordAttendance, AttendanceOut(), 201, **body)


@blp.route(f"{_MEETING}/departures")
class Departures(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DepartureIn)
    @blp.response(201, DepartureOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record that someone left (quorum follows)."""
        return _run(meeting_id, "record_departure", RecordDeparture, DepartureOut(), 201, **body)


@blp.route(f"{_MEETING}/quorum")
class Quorum(MethodView):
    @guarded(reader)
    @blp.arguments(QuorumQuery, location="query")
    @blp.response(200, QuorumOut)
    def get(self, args: dict[str, Any], meeting_id: UUID) -> dict[str, Any]:
        """Members and their substitutes present now (or `at` a moment), against the quorum."""
        require_reader()
        return meetings_app().quorum(meeting_id, args.get("at"))


@blp.route(f"{_MEETING}/chair")
class Chair(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(TakeChairIn)
    @blp.response(201, InTheChairOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record who is in the chair from `at`: the chair, the vice-chair, a nominee, or
        someone taking over for an item. The minutes name them "in the Chair"; they may
        agree the agenda, and those recorded agree the minutes."""
        return _run(meeting_id, "take_chair", TakeChair, InTheChairOut(), 201, **body)


@blp.route(f"{_MEETING}/declarations")
class Declarations(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DeclarationIn)
    @blp.response(201, DeclarationOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record a declaration of interest on an item, and whether they withdrew."""
        return _run(meeting_id, "declare_interest", DeclareInterest, DeclarationOut(), 201, **body)


@blp.route(f"{_ITEM}/notes")
class Notes(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Record discussion notes on an item."""
        return _run(
            meeting_id, "record_note", RecordNote, NoteOut(), 201, item_id=str(item_id), **body
        )


@blp.route(f"{_ITEM}/decisions")
class Decisions(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DecisionIn)
    @blp.response(201, DecisionOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Record a decision; `requires_ratification` is worked out from delegated
        authority and the forward plan."""
        return _run(
            meeting_id,
            "record_decision",
            RecordDecision,
            DecisionOut(),
            201,
            item_id=str(item_id),
            **body,
        )


@blp.route(f"{_ITEM}/actions")
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
        return _run(
            meeting_id,
            "agree_action",
            AgreeAction,
            ActionAgreedOut(),
            201,
            item_id=str(item_id),
            **body,
        )


@blp.route(f"{_ITEM}/defer")
class Defer(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DeferIn)
    @blp.response(200, MeetingOut)
    def post(self, body: dict[str, Any], meeting_id: UUID, item_id: UUID) -> Any:
        """Defer an item, optionally to a later meeting of the body (it joins that agenda)."""
        return _run(
            meeting_id, "defer_item", DeferItem, MeetingOut(), 200, item_id=str(item_id), **body
        )


@blp.route(f"{_MEETING}/corrections")
class Corrections(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(CorrectionIn)
    @blp.response(201, CorrectedEntryOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Correct an entry (give the fields as they should have been) or retract it (no
        replacement), with the reason; the history keeps both."""
        replacement = body.get("replacement")
        if replacement is not None:
            body["replacement"] = _checked_replacement(meeting_id, body["entry_id"], replacement)
        return _run(meeting_id, "correct_entry", CorrectEntry, CorrectedEntryOut(), 201, **body)


def _checked_replacement(meeting_id: UUID, entry_id: str, given: dict[str, Any]) -> Any:
    """Check a replacement with the schema of the kind of entry it corrects."""
    meeting = get_meeting_record(meetings_app(), meeting_id)
    kind = meeting.entry(entry_id)["kind"]
    try:
        return REPLACEMENTS[kind]().load(given, partial=True)
    except ma.ValidationError as error:
        messages: dict[str, Any] = error.normalized_messages()  # type: ignore[no-untyped-call]
        raise InvalidFieldsError(
            {
                f"replacement.{k}": v if isinstance(v, list) else [str(v)]
                for k, v in messages.items()
            }
        ) from None


@blp.route("/bodies/<uuid:body_id>/forward-plan")
class ForwardPlan(MethodView):
    @guarded(body_recorder)
    @blp.arguments(ForwardPlanIn)
    @blp.response(201, ForwardPlanOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> Any:
        """Give notice of a forthcoming decision on the body's forward plan."""
        return tagged(
            meetings_app().notify_forthcoming_decision(
                NotifyForthcomingDecision(body_id=body_id, **command(ForwardPlanOut(), 201), **body)
            )
        )

    @blp.response(200, ForwardPlanOut(many=True))
    def get(self, body_id: UUID) -> Any:
        """The body's forward plan, by date of notice."""
        require_reader()
        return meetings_app().list_forward_plan(body_id, principal())
