"""Published minutes as Open Civic Data, for anyone to reuse: an OCD event with its
participants, agenda and documents, and each decision as a vote event (the mapping is
`ocd.py`, written down in docs/EXPORTS.md)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from web.api.common import API_PREFIX, Blueprint
from web.api.schemas.exports import OcdEventOut
from web.context import meetings_app
from web.errors import OPTIONAL_AUTH, PROBLEM, ProblemSchema
from web.pages.ocd import ocd_event

blp = Blueprint(
    "exports",
    __name__,
    url_prefix=API_PREFIX,
    description="Published minutes in open formats, for anyone to reuse (no token needed)",
)


@blp.route("/meetings/<uuid:meeting_id>/minutes/ocd")
class OpenCivicDataMinutes(MethodView):
    @blp.doc(**OPTIONAL_AUTH)
    @blp.response(200, OcdEventOut)
    @blp.alt_response(
        404,
        schema=ProblemSchema,
        content_type=PROBLEM,
        description="No published minutes of a public body",
    )
    def get(self, meeting_id: UUID) -> dict[str, Any]:
        """The published minutes as an Open Civic Data event, each decision a vote event.
        Only published minutes of a body open to the public (404 otherwise); everyone gets
        the same export, with confidential items withheld."""
        return ocd_event(meetings_app().get_published_minutes(meeting_id))
