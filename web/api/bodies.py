"""Bodies: their rules and terms of reference (their chairs, on the same blueprint, are in
`chairs.py`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AdoptTermsOfReference,
    EndBody,
    EstablishBody,
    ReviseBodyRules,
)
from meetings.application.dto import BodyView, HistoryEntry, TermsOfReferenceView
from meetings.application.dto.structure import BodyRow
from meetings.domain.body import Body
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.api.schemas.structure import (
    BodyIn,
    BodyOut,
    BodyRulesIn,
    BodySummaryOut,
    EndBodyIn,
    TermsOfReferenceIn,
    TermsOfReferenceOut,
)
from web.auth import require_history_reader, require_reader
from web.context import meetings_app
from web.guards import admin, guarded, reader

blp = Blueprint(
    "bodies",
    __name__,
    url_prefix=API_PREFIX,
    description="Boards, groups and partnerships, their rules and chairs",
)


@blp.route("/bodies")
class Bodies(MethodView):
    @guarded(admin("restructure the partnership"))
    @blp.arguments(BodyIn)
    @blp.response(201, BodyOut)
    def post(self, body: dict[str, Any]) -> BodyView:
        """Establish a body (admin)."""
        return tagged(meetings_app().establish_body(EstablishBody(**command(), **body)))

    @blp.response(200, BodySummaryOut(many=True))
    @guarded(reader)
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, pagination_parameters: Any) -> list[BodyRow]:
        """List bodies by name."""
        require_reader()
        rows, count = meetings_app().list_bodies(
            pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = count
        return rows


@blp.route("/bodies/<uuid:body_id>")
class BodyResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, BodyOut)
    def get(self, args: dict[str, Any], body_id: UUID) -> BodyView:
        """A body with its current members and chairs, or as it stood (`as_at`, `version`)."""
        require_reader()
        return tagged(meetings_app().get_body(body_id, **read_args(args)))


@blp.route("/bodies/<uuid:body_id>/rules")
class BodyRules(MethodView):
    @guarded(admin("restructure the partnership"))
    @blp.arguments(BodyRulesIn)
    @blp.response(200, BodyOut)
    def post(self, changes: dict[str, Any], body_id: UUID) -> BodyView:
        """Revise a body's rules: reporting line, decision method, quorum, notice (admin)."""
        return tagged(
            meetings_app().revise_body_rules(
                ReviseBodyRules(
                    body_id=body_id,
                    changes=changes,
                    **command(),
                )
            )
        )


@blp.route("/bodies/<uuid:body_id>/history")
class BodyHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, body_id: UUID) -> list[HistoryEntry]:
        """Every event recorded for the body, with who and when."""
        require_history_reader(body_id)
        return meetings_app().get_history(Body, "body", body_id)


@blp.route("/bodies/<uuid:body_id>/terms-of-reference")
class TermsOfReference(MethodView):
    @guarded(admin("restructure the partnership"))
    @blp.arguments(TermsOfReferenceIn)
    @blp.response(201, TermsOfReferenceOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> TermsOfReferenceView:
        """Adopt a new version of the terms of reference; every version is kept (admin)."""
        return tagged(
            meetings_app().adopt_terms_of_reference(
                AdoptTermsOfReference(
                    body_id=body_id,
                    **command(),
                    **body,
                )
            )
        )

    @blp.response(200, TermsOfReferenceOut(many=True))
    def get(self, body_id: UUID) -> list[TermsOfReferenceView]:
        """Every version of the terms of reference, oldest first."""
        require_reader()
        return meetings_app().list_terms_of_reference(body_id)


@blp.route("/bodies/<uuid:body_id>/end")
class EndOfBody(MethodView):
    @guarded(admin("wind a body up"))
    @blp.arguments(EndBodyIn)
    @blp.response(200, BodyOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> BodyView:
        """Wind the body up (admin): `ends_on` is its last day; meetings after it are
        refused, and it leaves the family page's list of current bodies."""
        return tagged(meetings_app().end_body(EndBody(body_id=body_id, **command(), **body)))
