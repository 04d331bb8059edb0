"""Correcting an entry from the recording screen: the wording of a note, decision, action
or declaration, or the status of an attendance, or striking the entry out; never over a
correction someone else made while the clerk had the page open."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tenacity import retry, retry_if_exception_type, stop_after_attempt

from meetings.application import MeetingsApplication
from meetings.application.commands import CorrectEntry
from meetings.application.errors import VersionMismatchError
from web.api.schemas.record import REPLACEMENTS, AttendanceIn, DeferIn
from web.console.record_fields import Form, Refused, load, ticked

#: The field each kind of entry is corrected by on this screen (its words).
CORRECTED_FIELD = {
    "note": "text",
    "decision": "text",
    "action": "description",
    "declaration": "interest",
}
#: How often a correction is checked again while other entries keep arriving.
CORRECTION_ATTEMPTS = 5


def correct(app: MeetingsApplication, mid: UUID, form: Form, by: str, idem: Any) -> Any:
    entry = app.get_meeting(mid).entry(form.get("entry_id", ""))
    reason = load(DeferIn(only=("reason",)), {"reason": form.get("reason", "")})["reason"]
    replacement = None
    if not ticked(form, "retract"):
        replacement = _replacement(entry, form)
    seen = form.get("seen", "")
    shown = int(seen) if seen.isdigit() else None

    # The check and the correction are one: the command carries, as its If-Match, the
    # version of the meeting in which the entry was found as the clerk saw it, so a
    # correction saved by someone else in between refuses it instead of being
    # overwritten; anything else recorded in between only means checking again.
    @retry(
        retry=retry_if_exception_type(VersionMismatchError),
        stop=stop_after_attempt(CORRECTION_ATTEMPTS),
        reraise=True,
    )
    def run() -> Any:
        meeting = app.get_meeting(mid)
        _unchanged_since_shown(meeting.entry(entry["id"]), shown)
        cmd = CorrectEntry(
            meeting_id=mid,
            recorded_by=by,
            idempotency=idem,
            expected_version=meeting.version,
            entry_id=entry["id"],
            reason=reason,
            replacement=replacement,
        )
        return app.correct_entry(cmd)

    return run


def _replacement(entry: dict[str, Any], form: Form) -> dict[str, Any]:
    """The corrected fields: the wording of a note, decision, action or declaration, or
    the status of an attendance (present, apologies, absent)."""
    if entry["kind"] == "attendance":
        return load(AttendanceIn(only=("status",)), {"status": form.get("status", "")})
    field = CORRECTED_FIELD.get(entry["kind"])
    if field is None:
        raise Refused({"_form": "This entry can only be retracted here."})
    return load(REPLACEMENTS[entry["kind"]](only=(field,)), {field: form.get(field, "")})


def _unchanged_since_shown(entry: dict[str, Any], shown: int | None) -> None:
    """A correction made on a screen that showed an older wording never overwrites a
    correction made meanwhile by someone else: `shown` is how many corrections the
    entry had on the clerk's screen."""
    if shown is not None and shown != len(entry["corrections"]):
        if entry["retracted"]:
            now = "was retracted"
        elif entry["kind"] == "attendance":
            now = f"now reads: {entry['status']}"
        else:
            now = f"now reads: {entry.get(CORRECTED_FIELD.get(entry['kind'], ''), '')!r}"
        raise Refused(
            {
                "_form": "Someone else corrected this entry while you had the page open, "
                f"so nothing was recorded. It {now}. What you typed is kept below."
            }
        )
