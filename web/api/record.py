"""The record of a meeting in session: attendance, departures, quorum, the chair and
declarations. On the same blueprint: what is recorded under an item (`items.py`),
corrections (`corrections.py`) and the forward plan (`forward_plan.py`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    DeclareInterest,
    RecordAttendance,
    RecordDeparture,
    TakeChair,
)
from meetings.application.dto import QuorumView
from web.api.common import API_PREFIX, Blueprint, command, tagged
from web.api.schemas.entries import (
    AttendanceOut,
    DeclarationOut,
    DepartureOut,
    InTheChairOut,
    QuorumOut,
)
from web.api.schemas.record import (
    AttendanceIn,
    DeclarationIn,
    DepartureIn,
    QuorumQuery,
    TakeChairIn,
)
from web.auth import require_reader
from web.context import meetings_app
from web.guards import guarded, meeting_recorder, reader

blp = Blueprint(
    "record",
    __name__,
    url_prefix=API_PREFIX,
    description="Recording a meeting in session, and correcting the record",
)


MEETING = "/meetings/<uuid:meeting_id>"
ITEM = f"{MEETING}/items/<uuid:item_id>"


def run_command(meeting_id: UUID, method: str, cmd: type, /, **fields: Any) -> Any:
    app = meetings_app()
    return tagged(getattr(app, method)(cmd(meeting_id=meeting_id, **command(), **fields)))


@blp.route(f"{MEETING}/attendance")
class Attendance(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(AttendanceIn)
    @blp.response(201, AttendanceOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record who is here, who sent apologies, and who substitutes for whom."""
        return run_command(meeting_id, "record_attendance", RecordAttendance, **body)


@blp.route(f"{MEETING}/departures")
class Departures(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DepartureIn)
    @blp.response(201, DepartureOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record that someone left (quorum follows)."""
        return run_command(meeting_id, "record_departure", RecordDeparture, **body)


@blp.route(f"{MEETING}/quorum")
class Quorum(MethodView):
    @guarded(reader)
    @blp.arguments(QuorumQuery, location="query")
    @blp.response(200, QuorumOut)
    def get(self, args: dict[str, Any], meeting_id: UUID) -> QuorumView:
        """Members and their substitutes present now (or `at` a moment), against the quorum."""
        require_reader()
        return meetings_app().get_quorum(meeting_id, args.get("at"))


@blp.route(f"{MEETING}/chair")
class Chair(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(TakeChairIn)
    @blp.response(201, InTheChairOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record who is in the chair from `at`: the chair, the vice-chair, a nominee, or
        someone taking over for an item. The minutes name them "in the Chair"; they may
        agree the agenda, and those recorded agree the minutes."""
        return run_command(meeting_id, "take_chair", TakeChair, **body)


@blp.route(f"{MEETING}/declarations")
class Declarations(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(DeclarationIn)
    @blp.response(201, DeclarationOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record a declaration of interest on an item, and whether they withdrew."""
        return run_command(meeting_id, "declare_interest", DeclareInterest, **body)
