"""A body's forward plan, on the record blueprint: notice of forthcoming decisions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    NotifyForthcomingDecision,
)
from web.api.common import command, tagged
from web.api.record import blp
from web.api.schemas.meetings import ForwardPlanIn, ForwardPlanOut
from web.auth import principal, require_reader
from web.context import meetings_app
from web.guards import body_recorder, guarded


@blp.route("/bodies/<uuid:body_id>/forward-plan")
class ForwardPlan(MethodView):
    @guarded(body_recorder)
    @blp.arguments(ForwardPlanIn)
    @blp.response(201, ForwardPlanOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> Any:
        """Give notice of a forthcoming decision on the body's forward plan."""
        return tagged(
            meetings_app().notify_forthcoming_decision(
                NotifyForthcomingDecision(body_id=body_id, **command(), **body)
            )
        )

    @blp.response(200, ForwardPlanOut(many=True))
    def get(self, body_id: UUID) -> Any:
        """The body's forward plan, by date of notice."""
        require_reader()
        return meetings_app().list_forward_plan(body_id, principal())
