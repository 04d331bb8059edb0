"""Use cases for workplans: items by theme, their status, and progress as at any date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from meetings.application.actions import action_view
from meetings.application.commands import (
    AddWorkplanItem,
    DrawUpWorkplan,
    ReportItemStatus,
    TakeActionIntoWorkplan,
)
from meetings.application.dto.workplans import ThemeProgress, WorkplanProgress, WorkplanView
from meetings.application.machinery import CoreApplication
from meetings.application.queries import workplans as queries
from meetings.application.queries.workplans import WorkplanSummary
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.errors import UnknownReferenceError
from meetings.domain.organisation import Organisation
from meetings.domain.rules import end_of_london_day, london_date, london_today
from meetings.domain.workplan import Workplan


class WorkplanUseCases(CoreApplication):
    """The implementation group turns the partnership's themes into a plan, and reports."""

    def draw_up_workplan(self, cmd: DrawUpWorkplan) -> dict[str, Any]:
        self._get(Body, "body", cmd.body_id)
        return self._create(
            cmd, lambda: Workplan(cmd.body_id, cmd.title, list(cmd.themes)), workplan_view
        )

    def add_workplan_item(self, cmd: AddWorkplanItem) -> dict[str, Any]:
        self._check_reference(
            Organisation, "organisation", "lead_organisation_id", cmd.lead_organisation_id
        )
        item_id = str(uuid4())
        return self._update(
            cmd,
            Workplan,
            "workplan",
            cmd.workplan_id,
            lambda w: w.add_item(
                item_id, cmd.theme, cmd.title, cmd.lead_organisation_id, cmd.due_on
            ),
            lambda w, item: {**item, "etag_version": w.version},
        )

    def report_item_status(self, cmd: ReportItemStatus) -> dict[str, Any]:
        return self._update(
            cmd,
            Workplan,
            "workplan",
            cmd.workplan_id,
            lambda w: w.report_status(cmd.item_id, cmd.status, cmd.note, datetime.now(tz=UTC)),
            lambda w, item: {**item, "etag_version": w.version},
        )

    def take_action_into_workplan(self, cmd: TakeActionIntoWorkplan) -> dict[str, Any]:
        """An existing action taken into an item of the workplan (its progress counts
        there from now on); answers with the action."""
        workplan = self._get(Workplan, "workplan", cmd.workplan_id)
        workplan.item(cmd.item_id)
        return self._update(
            cmd,
            Action,
            "action",
            cmd.action_id,
            lambda a: a.take_into_workplan(cmd.workplan_id, cmd.item_id),
            lambda a, _: action_view(a),
        )

    def get_body_of_action(self, action_id: UUID, field: str = "action_id") -> UUID:
        """The body of an action named in a request's body (unknown: 422 naming `field`)."""
        action = self._require(Action, "action", field, action_id)
        assert action is not None
        return action.body_id

    def get_body_of_workplan_item(self, item_id: UUID, field: str) -> UUID:
        """The body whose workplan holds the item named in a request (unknown: 422)."""
        workplan_id = queries.get_workplan_of_item(self, item_id)
        if workplan_id is None:
            raise UnknownReferenceError(field, "workplan item", item_id)
        return self.get_body_of_workplan(workplan_id)

    def get_workplan(
        self, workplan_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> WorkplanView:
        """A workplan with its items, now or as it stood (at a version or a moment)."""
        w = self._get_as_at(Workplan, "workplan", workplan_id, version, as_at)
        return WorkplanView(
            id=w.id,
            body_id=w.body_id,
            title=w.title,
            themes=tuple(w.themes),
            items=tuple(w.items.values()),
            version=w.version,
        )

    def list_workplans(self, body_id: UUID) -> list[WorkplanSummary]:
        self._get(Body, "body", body_id)
        return queries.list_workplans_of_body(self, body_id)

    def get_body_of_workplan(self, workplan_id: UUID) -> UUID:
        return self._get(Workplan, "workplan", workplan_id).body_id

    def get_workplan_progress(
        self, workplan_id: UUID, as_at: date | None = None
    ) -> WorkplanProgress:
        """Progress by theme, and the workplan's actions, as they stood at the end of a day
        (default now)."""
        moment = end_of_london_day(as_at) if as_at else datetime.now(tz=UTC)
        workplan = self._get_as_at(Workplan, "workplan", workplan_id, as_at=moment)
        day = as_at or london_today()
        return WorkplanProgress(
            workplan_id=workplan_id,
            as_at=london_date(moment),
            themes=tuple(ThemeProgress(**theme) for theme in workplan.progress()),
            actions=queries.get_workplan_action_counts(self, workplan_id, moment, day),
            version=workplan.version,
        )


def workplan_view(w: Workplan) -> dict[str, Any]:
    return {
        "id": w.id,
        "body_id": w.body_id,
        "title": w.title,
        "themes": w.themes,
        "items": list(w.items.values()),
        "version": w.version,
    }
