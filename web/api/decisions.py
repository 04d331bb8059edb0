"""The decisions register, ratification by the partners, and referrals between bodies."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import RecordRatification
from meetings.application.dto import HistoryEntry
from meetings.application.dto.decisions import (
    DecisionChain,
    DecisionRecord,
    DecisionRow,
    ReferredMatter,
)
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.api.schemas.decisions import (
    ChainOut,
    DecisionQuery,
    DecisionRecordOut,
    DecisionRowOut,
    RatificationAnswerOut,
    RatificationIn,
    ReferredMatterOut,
)
from web.auth import principal, require_history_reader, require_reader
from web.context import meetings_app
from web.guards import decision_recorder, guarded, reader

blp = Blueprint(
    "decisions",
    __name__,
    url_prefix=API_PREFIX,
    description="Decisions across bodies: ratification and referrals",
)


@blp.route("/decisions")
class Decisions(MethodView):
    @guarded(reader)
    @blp.arguments(DecisionQuery, location="query")
    @blp.response(200, DecisionRowOut(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[DecisionRow]:
        """The decisions register, newest first: by body, dates (`from`, `to`), whether
        ratification is needed, the body referred to, and words (`q`)."""
        rows, total = meetings_app().list_decisions(
            args, pagination_parameters.page, pagination_parameters.page_size, require_reader()
        )
        pagination_parameters.item_count = total
        return rows


@blp.route("/decisions/<uuid:decision_id>")
class DecisionResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, DecisionRecordOut)
    def get(self, args: dict[str, Any], decision_id: UUID) -> DecisionRecord:
        """A decision with the parties that ratify it and their ratifications; as it stood
        at a moment (`as_at`: its words as then corrected, the ratifications by then) or at
        a version of its meeting (`version`)."""
        return meetings_app().get_decision(decision_id, require_reader(), **read_args(args))


@blp.route("/decisions/<uuid:decision_id>/history")
class DecisionHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, decision_id: UUID) -> list[HistoryEntry]:
        """The decision's events, oldest first: recorded and corrected in its meeting, then
        each ratification (admin, scrutiny, the deciding body's clerks; confidential content
        withheld unless you may see it)."""
        principal()
        app = meetings_app()
        body_id = app.get_body_of_decision(decision_id)
        return app.get_decision_history(decision_id, require_history_reader(body_id))


@blp.route("/decisions/<uuid:decision_id>/chain")
class Chain(MethodView):
    @blp.response(200, ChainOut)
    def get(self, decision_id: UUID) -> DecisionChain:
        """Follow a matter both ways: the decisions it came from, and those taken where it
        was referred (decided here, signed off there, implemented by a third)."""
        return meetings_app().get_decision_chain(decision_id, require_reader())


@blp.route("/decisions/<uuid:decision_id>/ratifications")
class Ratifications(MethodView):
    @guarded(decision_recorder)
    @blp.arguments(RatificationIn)
    @blp.response(201, RatificationAnswerOut)
    def post(self, body: dict[str, Any], decision_id: UUID) -> dict[str, Any]:
        """Record a partner organisation's ratification (or refusal) of a decision that
        needs it (admin or a clerk of the deciding body)."""
        app = meetings_app()
        return tagged(
            app.record_ratification(
                RecordRatification(decision_id=decision_id, **command(), **body)
            )
        )


@blp.route("/bodies/<uuid:body_id>/referred-matters")
class ReferredMatters(MethodView):
    @blp.response(200, ReferredMatterOut(many=True))
    def get(self, body_id: UUID) -> list[ReferredMatter]:
        """Decisions of other bodies referred to this one, and where each was taken up."""
        return meetings_app().list_referred_matters(body_id, require_reader())
