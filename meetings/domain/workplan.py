"""A workplan: the implementation group's items by theme, with lead partners and status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import InvalidFieldError, NotFoundError

STATUSES = ("not_started", "on_track", "at_risk", "off_track", "done")


class Workplan(RecordedAggregate):
    """Drawn up by a body (e.g. by the themes of the Sustainable Community Strategy);
    progress on each item is reported back to the partnership."""

    class DrawnUp(RecordedAggregate.Created):
        class_version = 1
        body_id: UUID
        title: str
        themes: list[str]

    @event(DrawnUp)
    def __init__(self, body_id: UUID, title: str, themes: list[str]) -> None:
        self.body_id = body_id
        self.title = title
        self.themes = list(themes)
        self.items: dict[str, dict[str, Any]] = {}

    class ItemAdded(RecordedAggregate.Event):
        class_version = 1
        item_id: str
        theme: str
        title: str
        lead_organisation_id: UUID | None
        due_on: date | None

    def add_item(
        self,
        item_id: str,
        theme: str,
        title: str,
        lead_organisation_id: UUID | None,
        due_on: date | None,
    ) -> dict[str, Any]:
        self.check_theme(theme)
        self._item_added(item_id, theme, title, lead_organisation_id, due_on)
        return self.items[item_id]

    def check_theme(self, theme: str) -> None:
        if theme not in self.themes:
            raise InvalidFieldError(
                "theme",
                f"This workplan has no theme {theme!r}: its themes are {', '.join(self.themes)}.",
            )

    @event(ItemAdded)
    def _item_added(
        self,
        item_id: str,
        theme: str,
        title: str,
        lead_organisation_id: UUID | None,
        due_on: date | None,
    ) -> None:
        self.items[item_id] = {
            "id": item_id,
            "theme": theme,
            "title": title,
            "lead_organisation_id": lead_organisation_id,
            "due_on": due_on,
            "status": "not_started",
            "note": None,
            "reports": [],
        }

    class StatusReported(RecordedAggregate.Event):
        class_version = 1
        item_id: str
        status: str
        note: str | None
        at: datetime

    def report_status(
        self, item_id: str, status: str, note: str | None, at: datetime
    ) -> dict[str, Any]:
        self.item(item_id)
        self._status_reported(item_id, status, note, at)
        return self.items[item_id]

    @event(StatusReported)
    def _status_reported(self, item_id: str, status: str, note: str | None, at: datetime) -> None:
        item = self.items[item_id]
        # A new dict, not a change in place, like every other record's entries.
        self.items[item_id] = {
            **item,
            "status": status,
            "note": note,
            "reports": [*item["reports"], {"status": status, "note": note, "at": at}],
        }

    def item(self, item_id: str) -> dict[str, Any]:
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFoundError("item of this workplan", item_id) from None

    def progress(self) -> list[dict[str, Any]]:
        """Items by theme: how many, how many done, and how many in each state."""
        themes = []
        for theme in self.themes:
            items = [i for i in self.items.values() if i["theme"] == theme]
            counts = {status: sum(i["status"] == status for i in items) for status in STATUSES}
            done = counts["done"]
            themes.append(
                {
                    "theme": theme,
                    "items": len(items),
                    "done": done,
                    "percent_done": round(100 * done / len(items)) if items else 0,
                    **{k: v for k, v in counts.items() if k != "done"},
                }
            )
        return themes
