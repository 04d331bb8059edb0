"""Published minutes as PDF/A: the standalone minutes document (`/meetings/{id}/minutes.html`)
laid out on the printed page (A4, fonts embedded), at `/api/v1/meetings/{id}/minutes.pdf`
beside the other exports of published minutes. Councils publish PDFs."""

from __future__ import annotations

from uuid import UUID

from flask import Response
from flask.views import MethodView

from meetings.infrastructure.archive import minutes_pdf
from web.api.common import API_PREFIX, Blueprint
from web.errors import OPTIONAL_AUTH, PROBLEM, ProblemSchema
from web.pages import feeds

blp = Blueprint(
    "minutes_pdf",
    __name__,
    url_prefix=API_PREFIX,
    description="Published minutes as PDF/A, to print or file (no token needed)",
)

_PDF = {
    "200": {
        "description": "The published minutes as PDF/A-2b on A4, every font embedded; "
        "confidential items withheld as on the published page",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@blp.route("/meetings/<uuid:meeting_id>/minutes.pdf")
class MinutesPdf(MethodView):
    @blp.doc(**OPTIONAL_AUTH, responses=_PDF)
    @blp.alt_response(
        404,
        schema=ProblemSchema,
        content_type=PROBLEM,
        description="No published minutes of a public body",
    )
    @blp.alt_response(
        503,
        schema=ProblemSchema,
        content_type=PROBLEM,
        description="This server cannot make PDFs (its PDF library is not installed)",
    )
    def get(self, meeting_id: UUID) -> Response:
        """The published minutes as a PDF: the same document as `minutes.html`, on A4.
        Only published minutes of a body open to the public (404 otherwise)."""
        html = feeds.minutes_document(meeting_id).get_data(as_text=True)
        pdf = minutes_pdf(html)  # cannot be made here: 503 (web/errors.py)
        return Response(
            pdf,
            mimetype="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="minutes-{meeting_id}.pdf"',
                "Cache-Control": "public, max-age=300",
            },
        )
