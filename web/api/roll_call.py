"""The roll call: a meeting's attendance recorded in one request, atomically."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.roll_call import RecordRollCall, RollCallEntry
from web.api.common import API_PREFIX, Blueprint, command, tagged
from web.api.schemas.roll_call import RollCallIn, RollCallOut
from web.context import meetings_app
from web.guards import guarded, meeting_recorder

blp = Blueprint(
    "roll_call",
    __name__,
    url_prefix=API_PREFIX,
    description="Recording a whole roll call at once",
)


@blp.route("/meetings/<uuid:meeting_id>/roll-call")
class RollCall(MethodView):
    @guarded(meeting_recorder)
    @blp.arguments(RollCallIn)
    @blp.response(201, RollCallOut)
    def post(self, body: dict[str, Any], meeting_id: UUID) -> Any:
        """Record a roll call: every entry (as for `attendance`) in order, in one save, or
        none of them; the first refused entry is named by its index and the person."""
        cmd = RecordRollCall(
            meeting_id=meeting_id,
            entries=[RollCallEntry(**entry) for entry in body["entries"]],
            **command(),
        )
        return tagged(meetings_app().record_roll_call(cmd))
