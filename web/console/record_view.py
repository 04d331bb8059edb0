"""What the recording screen shows, read through the application's queries: the roll call
sheet, the quorum in words, each item with what is recorded under it, and the parts of
the screen a poll redraws."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from flask import get_template_attribute

from meetings.application import MeetingsApplication
from meetings.application.dto import MeetingState, QuorumView, RollCallLine
from meetings.application.dto.meetings import MeetingRow
from meetings.application.dto.structure import BodyRow, OrganisationRow
from web.console.record_corrections import CORRECTED_FIELD
from web.console.record_fields import people_offered

GROUP_NAMES = {
    "member": "Members",
    "co_opted": "Co-opted members",
    "adviser": "Advisers",
    "observer": "Observers",
}
#: The capacity someone on the sheet attends in (a co-opted member decides as a member).
ATTENDS_AS = {
    "member": "member",
    "co_opted": "member",
    "adviser": "adviser",
    "observer": "observer",
}
_ITEM_KINDS = ("declaration", "note", "decision", "action")
LONDON = ZoneInfo("Europe/London")


def quorum_words(quorum: QuorumView) -> str:
    present, required = quorum.members_present, quorum.required
    members = f"{present} member{'' if present == 1 else 's'} present"
    if required is None:
        return f"No quorum is set for this body: {members}."
    return f"{'Quorate' if quorum.quorate else 'Not quorate'}: {members}, {required} needed."


class RecordView:
    """One meeting, as the recording screen shows it now."""

    def __init__(
        self, app: MeetingsApplication, meeting_id: UUID, new_key: Callable[[], str]
    ) -> None:
        self.app = app
        self.new_key = new_key
        self.sheet = app.get_roll_call_sheet(meeting_id)
        self.meeting: MeetingState = self.sheet.meeting
        self.version: int = self.meeting.version
        self.quorum = quorum_words(self.sheet.quorum)
        self.quorate = self.sheet.quorum.quorate

    @cached_property
    def body(self) -> Any:
        return self.app.get_body(self.meeting.body_id)

    @cached_property
    def names(self) -> dict[str, str]:
        """Names of everyone the record mentions, by id."""
        known: dict[str, str] = {}
        for _, rows in self.sheet.groups:
            for row in rows:
                known[row.person_id] = row.person_name
                for s in row.substitutes:
                    known[s.person_id] = s.person_name
        for entry in self.meeting.entries.values():
            person = entry.get("person_id") or entry.get("owner_id")
            if person is not None and str(person) not in known:
                known[str(person)] = self.app.get_person(person).name
        return known

    def name(self, person_id: Any) -> str:
        return self.names.get(str(person_id), "someone not known")

    @property
    def groups(self) -> list[tuple[str, str, tuple[RollCallLine, ...]]]:
        return [(c, GROUP_NAMES.get(c, c), rows) for c, rows in self.sheet.groups]

    @property
    def others(self) -> list[dict[str, Any]]:
        return list(self.sheet.others)

    def attends_as(self, capacity: str) -> str:
        return ATTENDS_AS.get(capacity, "member")

    @staticmethod
    def time(at: datetime | None) -> str:
        """A moment as the room's clock shows it."""
        return at.astimezone(LONDON).strftime("%H:%M") if at else ""

    def here(self, entry: dict[str, Any] | None) -> bool:
        return bool(entry and entry["status"] == "present" and not entry["left_at"])

    @property
    def items(self) -> list[dict[str, Any]]:
        return [{**item, "number": n} for n, item in enumerate(self.meeting.agenda, 1)]

    def entries_of(self, item_id: str) -> list[dict[str, Any]]:
        """What is recorded under an item, oldest first, corrections applied."""
        return [
            e
            for e in self.meeting.entries.values()
            if e.get("item_id") == item_id and e["kind"] in _ITEM_KINDS and not e["retracted"]
        ]

    def corrected_field(self, entry: dict[str, Any]) -> str | None:
        return CORRECTED_FIELD.get(entry["kind"])

    @cached_property
    def people(self) -> list[dict[str, Any]]:
        return people_offered(self.app)

    @cached_property
    def organisations(self) -> list[OrganisationRow]:
        return list(self.app.list_organisations(1, 1000)[0])

    @cached_property
    def bodies(self) -> list[BodyRow]:
        return [b for b in self.app.list_bodies(1, 1000)[0] if b.id != str(self.body.id)]

    @cached_property
    def later_meetings(self) -> list[MeetingRow]:
        return [
            m
            for m in self.app.list_meetings(self.meeting.body_id)
            if m.id != str(self.meeting.id) and m.starts_at > self.meeting.starts_at
        ]

    def regions(self) -> dict[str, str]:
        """The parts of the screen that follow the record, rendered, by element id."""
        macro = get_template_attribute("console/record_parts.html", "person_row")
        parts = {"quorum": self.quorum}
        for _, _, rows in self.groups:
            for row in rows:
                parts[f"row-{row.person_id}"] = str(macro(self, row))
        others = get_template_attribute("console/record_parts.html", "others_list")
        parts["others"] = str(others(self))
        entries = get_template_attribute("console/record_parts.html", "item_entries")
        for item in self.items:
            parts[f"entries-{item['id']}"] = str(entries(self, item))
        return parts


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
