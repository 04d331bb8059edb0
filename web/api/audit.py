"""Audit: the whole log in order with its hash chain, and the check of the chain."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from meetings.application.dto.audit import LoggedEvent
from meetings.infrastructure.tokens import Principal
from web.api.common import API_PREFIX, Blueprint
from web.api.schemas.audit import ChainHeadOut, EventsQuery, LoggedEventOut, VerdictOut
from web.auth import require_auditor
from web.context import meetings_app
from web.errors import OPTIONAL_AUTH
from web.guards import guarded

blp = Blueprint(
    "audit", __name__, url_prefix=API_PREFIX, description="Audit: the log and its hash chain"
)


def _auditor() -> Principal:
    return require_auditor()


@blp.route("/events")
class Events(MethodView):
    @guarded(lambda **_: _auditor())
    @blp.arguments(EventsQuery, location="query")
    @blp.response(200, LoggedEventOut(many=True))
    def get(self, args: dict[str, Any]) -> list[LoggedEvent]:
        """The whole log in order, after a position, with each event's link of the hash
        chain (admin and scrutiny; confidential content only to admin)."""
        return meetings_app().list_events(args["after"], args["limit"], _auditor())


@blp.route("/audit/verify")
class Verify(MethodView):
    @blp.response(200, VerdictOut)
    def get(self) -> Any:
        """Recompute the hash chain from the stored log: `ok` false names the first
        position where an event was changed, removed or reordered."""
        _auditor()
        return meetings_app().get_log_verdict()


@blp.route("/audit/head")
class Head(MethodView):
    @blp.doc(**OPTIONAL_AUTH)
    @blp.response(200, ChainHeadOut)
    def get(self) -> dict[str, Any]:
        """The chain's head now (no token needed): keep a copy outside the database, and a
        later check can show the log up to it was not rewritten."""
        return meetings_app().get_signed_chain_head()
