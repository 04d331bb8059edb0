"""Correcting the record, on the record blueprint: an entry given as it should have been
(checked by the schema of its kind), or retracted, always with the reason."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import marshmallow as ma
from flask.views import MethodView

from meetings.application.commands import (
    CorrectEntry,
)
from meetings.domain.errors import InvalidFieldsError
from web.api.record import MEETING, blp, run_command
from web.api.schemas.entries import (
    CorrectedEntryOut,
)
from web.api.schemas.record import (
    REPLACEMENTS,
    CorrectionIn,
)
from web.context import meetings_app
from web.guards import guarded, meeting_recorder


@blp.route(f"{MEETING}/corrections")
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
        return run_command(meeting_id, "correct_entry", CorrectEntry, **body)


def _checked_replacement(meeting_id: UUID, entry_id: str, given: dict[str, Any]) -> Any:
    """Check a replacement with the schema of the kind of entry it corrects."""
    meeting = meetings_app().get_meeting(meeting_id)
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
