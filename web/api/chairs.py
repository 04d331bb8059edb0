"""A body's chairs and vice-chairs, on the bodies blueprint: appointing them for a term,
listing every term, ending one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AppointChair,
    EndChairTerm,
)
from meetings.application.dto import ChairTermView
from web.api.bodies import blp
from web.api.common import command, tagged
from web.api.schemas.structure import (
    ChairIn,
    ChairTermOut,
    EndTermIn,
)
from web.auth import require_reader
from web.context import meetings_app
from web.guards import admin, guarded


@blp.route("/bodies/<uuid:body_id>/chairs")
class Chairs(MethodView):
    @guarded(admin("appoint chairs"))
    @blp.arguments(ChairIn)
    @blp.response(201, ChairTermOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> ChairTermView:
        """Appoint a chair or vice-chair for a term (admin)."""
        return tagged(
            meetings_app().appoint_chair(
                AppointChair(
                    body_id=body_id,
                    **command(),
                    **body,
                )
            )
        )

    @blp.response(200, ChairTermOut(many=True))
    def get(self, body_id: UUID) -> list[ChairTermView]:
        """Every chair and vice-chair term, in order of appointment."""
        require_reader()
        return meetings_app().list_chairs(body_id)


@blp.route("/bodies/<uuid:body_id>/chairs/<uuid:appointment_id>/end")
class EndChair(MethodView):
    @guarded(admin("end chairs' terms"))
    @blp.arguments(EndTermIn)
    @blp.response(200, ChairTermOut)
    def post(self, body: dict[str, Any], body_id: UUID, appointment_id: UUID) -> ChairTermView:
        """End a chair's term of office (admin)."""
        return tagged(
            meetings_app().end_chair_term(
                EndChairTerm(
                    body_id=body_id,
                    appointment_id=appointment_id,
                    **command(),
                    **body,
                )
            )
        )
