"""Correcting or retracting an entry of a meeting's record, with the rules re-checked."""

from __future__ import annotations

from typing import Any

from meetings.application.commands import CorrectEntry
from meetings.application.queries.meeting_view import entry_view
from meetings.application.record_entries import EntryUseCases
from meetings.application.session import SessionUseCases
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError
from meetings.domain.meeting import Meeting
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person

#: The fields a replacement may give, by kind of entry.
FIELDS = {
    "attendance": ("person_id", "status", "capacity", "substitute_for", "admitted_by_chair", "at"),
    "departure": ("person_id", "at"),
    "chair": ("person_id", "at"),
    "declaration": ("person_id", "item_id", "interest", "withdrew", "at"),
    "note": ("item_id", "text", "at"),
    "decision": (
        "item_id",
        "text",
        "method",
        "votes",
        "within_delegated_authority",
        "referred_to",
        "at",
    ),
    "action": ("description", "owner_id", "organisation_id", "due_on", "theme"),
}
_PEOPLE = ("person_id", "substitute_for", "owner_id")
#: Fields an entry may hold without a value; null for any other field means "unchanged".
NULLABLE = ("substitute_for", "votes", "referred_to", "organisation_id", "theme")


class CorrectionUseCases(SessionUseCases, EntryUseCases):
    """An entry corrected or retracted: the corrected entry (the old one with the
    replacement's fields) checked as if it were recorded now, and saved with any action
    the correction changes."""

    def correct_entry(self, cmd: CorrectEntry) -> dict[str, Any]:
        self._get(Meeting, "meeting", cmd.meeting_id).entry(cmd.entry_id)
        given = None if cmd.replacement is None else dict(cmd.replacement)
        # Worked out on each attempt from the meeting as it then is, so a retry after a
        # concurrent correction never writes back what that correction replaced.
        worked_out: dict[str, Any] = {}

        def correct(m: Meeting) -> None:
            entry = worked_out["entry"] = m.entry(cmd.entry_id)
            replacement = None if given is None else self._checked_replacement(m, entry, given)
            worked_out["replacement"] = replacement
            m.correct(cmd.entry_id, cmd.reason, worked_out["replacement"])

        return self._update(
            cmd,
            Meeting,
            "meeting",
            cmd.meeting_id,
            correct,
            lambda m, _: _corrected_view(m, cmd.entry_id),
            also=lambda m, _: self._action_corrected(cmd, worked_out),
        )

    def _action_corrected(self, cmd: CorrectEntry, worked_out: dict[str, Any]) -> list[Action]:
        """The action an action entry agreed, corrected or retracted with it."""
        if worked_out["entry"]["kind"] != "action":
            return []
        action: Action = self._get(Action, "action", worked_out["entry"]["action_id"])
        if worked_out["replacement"] is None:
            action.retract_at_meeting(cmd.reason)
        else:
            action.correct_at_meeting(worked_out["replacement"], cmd.reason)
        return [action]

    def _checked_replacement(
        self, meeting: Meeting, entry: dict[str, Any], given: dict[str, Any]
    ) -> dict[str, Any]:
        """The corrected entry: the old one with the replacement's fields, checked as if it
        were recorded now."""
        kind = entry["kind"]
        _check_shape(kind, given)
        merged = _merged(entry, given)
        self._check_replacement_references(given)
        if kind == "attendance":
            self._check_corrected_attendance(meeting, entry, merged)
        elif kind in ("declaration", "note", "decision"):
            meeting.require_item(merged["item_id"], "replacement.item_id")
        if kind == "decision":
            self._check_corrected_decision(meeting, merged)
        return merged

    def _check_replacement_references(self, given: dict[str, Any]) -> None:
        """The people and the organisation a replacement names must be on record."""
        for name in _PEOPLE:
            if given.get(name) is not None:
                self._check_reference(Person, "person", f"replacement.{name}", given[name])
        if given.get("organisation_id") is not None:
            self._check_reference(
                Organisation,
                "organisation",
                "replacement.organisation_id",
                given["organisation_id"],
            )

    def _check_corrected_attendance(
        self, meeting: Meeting, entry: dict[str, Any], merged: dict[str, Any]
    ) -> None:
        """The corrected attendance, checked against the rest of the meeting's attendance."""
        facts = self._attendance_facts(meeting, merged["person_id"], merged["substitute_for"])
        meeting.check_attendance(
            merged["person_id"],
            merged["status"],
            merged["capacity"],
            merged["substitute_for"],
            merged["admitted_by_chair"],
            **facts,
            ignoring=entry["id"],
        )

    def _check_corrected_decision(self, meeting: Meeting, merged: dict[str, Any]) -> None:
        self._check_reference(Body, "body", "replacement.referred_to", merged["referred_to"])
        body = self._get(Body, "body", meeting.body_id)
        try:
            meeting.check_decision(merged["item_id"], merged, body.decision_method)
        except InvalidFieldError as error:
            raise InvalidFieldError(f"replacement.{error.field}", error.message) from None
        merged["requires_ratification"] = self._needs_ratification(
            meeting, merged["item_id"], merged, body
        )


def _check_shape(kind: str, given: dict[str, Any]) -> None:
    """What a correction cannot do: refer a matter to more than one body at once (the first
    body given as a list of one is taken as that body), or link an action to a workplan."""
    if kind == "decision" and isinstance(given.get("referred_to"), list):
        if len(given["referred_to"]) > 1:
            raise InvalidFieldError(
                "replacement.referred_to",
                "A correction changes the first body a matter was referred to: give one.",
            )
        given["referred_to"] = given["referred_to"][0] if given["referred_to"] else None
    if kind == "action" and given.get("workplan_item_id") is not None:
        raise InvalidFieldError(
            "replacement.workplan_item_id",
            "A correction does not link an action to a workplan: take the action into the "
            "workplan item with POST /workplans/{id}/items/{item_id}/actions.",
        )


def _merged(entry: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields, each replaced where the replacement gives it; null stands for
    "no value" only where an entry may have none, and otherwise for "unchanged"."""
    return {
        name: given[name]
        if name in given and (given[name] is not None or name in NULLABLE)
        else entry.get(name)
        for name in FIELDS[entry["kind"]]
    }


def _corrected_view(meeting: Meeting, entry_id: str) -> dict[str, Any]:
    """The answer to a correction: the entry as corrected, and whether it is retracted."""
    return {
        **entry_view(meeting.entries[entry_id]),
        "retracted": meeting.entries[entry_id]["retracted"],
        "etag_version": meeting.version,
    }
