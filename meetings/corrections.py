"""Correcting or retracting an entry of a meeting's record, with the rules re-checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meetings.commands import CorrectEntry
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError
from meetings.domain.meeting import Meeting
from meetings.domain.person import Person
from meetings.meeting_views import entry_view

if TYPE_CHECKING:
    from meetings.meetings import MeetingUseCases

#: The fields a replacement may give, by kind of entry.
FIELDS = {
    "attendance": ("person_id", "status", "capacity", "substitute_for", "admitted_by_chair", "at"),
    "departure": ("person_id", "at"),
    "declaration": ("person_id", "item_id", "interest", "withdrew"),
    "note": ("item_id", "text"),
    "decision": ("item_id", "text", "method", "votes", "within_delegated_authority", "referred_to"),
    "action": ("description", "owner_id", "organisation_id", "due_on", "theme"),
}
_PEOPLE = ("person_id", "substitute_for", "owner_id")


class Corrector:
    """Works out the corrected entry (the old one with the replacement's fields), checks
    it as if it were recorded now, and saves the correction with any action it changes."""

    def __init__(self, app: MeetingUseCases) -> None:
        self.app = app

    def correct(self, cmd: CorrectEntry) -> dict[str, Any]:
        meeting = self.app._get(Meeting, "meeting", cmd.meeting_id)
        entry = meeting.entry(cmd.entry_id)
        replacement = None
        if cmd.replacement is not None:
            replacement = self._checked(meeting, entry, dict(cmd.replacement))

        def on_action(m: Meeting, _: None) -> list[Action]:
            if entry["kind"] != "action":
                return []
            action: Action = self.app._get(Action, "action", entry["action_id"])
            if replacement is None:
                action.retract_at_meeting(cmd.reason)
            else:
                action.correct_at_meeting(replacement, cmd.reason)
            return [action]

        return self.app._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            lambda m: m.correct(cmd.entry_id, cmd.reason, replacement),
            lambda m, _: {
                **entry_view(m.entries[cmd.entry_id]),
                "retracted": m.entries[cmd.entry_id]["retracted"],
                "etag_version": m.version,
            },
            also=on_action,
        )

    def _checked(
        self, meeting: Meeting, entry: dict[str, Any], given: dict[str, Any]
    ) -> dict[str, Any]:
        kind = entry["kind"]
        merged: dict[str, Any] = {name: given.get(name, entry.get(name)) for name in FIELDS[kind]}
        for name in _PEOPLE:
            if name in given:
                self.app._require(Person, "person", f"replacement.{name}", given[name])
        if kind == "attendance":
            facts = self.app._attendance_facts(
                meeting, merged["person_id"], merged["substitute_for"]
            )
            meeting.check_attendance(
                merged["person_id"],
                merged["status"],
                merged["capacity"],
                merged["substitute_for"],
                merged["admitted_by_chair"],
                **facts,
                ignoring=entry["id"],
            )
        elif kind in ("declaration", "note", "decision"):
            meeting.require_item(merged["item_id"], "replacement.item_id")
        if kind == "decision":
            self.app._require(Body, "body", "replacement.referred_to", merged["referred_to"])
            body = self.app._get(Body, "body", meeting.body_id)
            try:
                meeting.check_decision(merged["item_id"], merged, body.decision_method)
            except InvalidFieldError as error:
                raise InvalidFieldError(f"replacement.{error.field}", error.message) from None
            merged["requires_ratification"] = self.app._needs_ratification(
                meeting, merged["item_id"], merged, body
            )
        return merged
