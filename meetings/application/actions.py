"""Use cases between meetings: chasing actions, the tracker, reminders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.application import disclosure
from meetings.application.commands import (
    ActionCommand,
    CompleteAction,
    DropAction,
    NoteProgress,
    ReassignAction,
    ReviseDueDate,
)
from meetings.application.disclosure import (
    sees_in,
    shown_action,
    withheld,
    withheld_action,
    withheld_line,
)
from meetings.application.dto import HistoryEntry
from meetings.application.dto.actions import ActionRow, ActionView, ReminderRow
from meetings.application.machinery import CoreApplication
from meetings.application.queries import actions as read
from meetings.application.queries import readers
from meetings.domain.action import Action
from meetings.domain.meeting import Meeting
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal

#: Tracker filters a client may give.
FILTERS = ("body_id", "status", "owner_id", "organisation_id", "theme", "meeting_id", "workplan_id")


def _now() -> datetime:
    return datetime.now(tz=UTC)


class ActionUseCases(CoreApplication):
    """The implementation group's work: progress, new due dates, owners, completion."""

    def note_progress(self, cmd: NoteProgress) -> dict[str, Any]:
        return self._change_action(
            cmd, lambda a: a.note_progress(cmd.note, cmd.percent_complete, _now())
        )

    def revise_due_date(self, cmd: ReviseDueDate) -> dict[str, Any]:
        return self._change_action(cmd, lambda a: a.revise_due_date(cmd.due_on, cmd.reason, _now()))

    def reassign_action(self, cmd: ReassignAction) -> dict[str, Any]:
        owner = self._require(Person, "person", "owner_id", cmd.owner_id)
        self._check_reference(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        assert owner is not None
        organisation_id = cmd.organisation_id or owner.organisation_id
        return self._change_action(cmd, lambda a: a.reassign(cmd.owner_id, organisation_id, _now()))

    def complete_action(self, cmd: CompleteAction) -> dict[str, Any]:
        return self._change_action(cmd, lambda a: a.complete(cmd.note, _now()))

    def drop_action(self, cmd: DropAction) -> dict[str, Any]:
        return self._change_action(cmd, lambda a: a.drop(cmd.reason, _now()))

    def get_action(
        self,
        action_id: UUID,
        who: Principal | None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> ActionView:
        """One action with its updates; withheld when agreed under a confidential item
        and the reader may not see the body's confidential content."""
        bodies = readers.confidential_bodies(self, who)
        action = self._get_as_at(Action, "action", action_id, version, as_at)
        view = action_view(action)
        reason = self._withheld_reason(action, bodies)
        if reason is not None:
            view = {
                **withheld_action({**view, "confidential_reason": reason}),
                "updates": [],
                "drop_reason": None,
            }
        shown = {f.name: view[f.name] for f in fields(ActionView) if f.name in view}
        return ActionView(**{**shown, "updates": tuple(view["updates"])})

    def get_body_of_action(self, action_id: UUID) -> UUID:
        """The body whose meeting agreed the action (it never changes)."""
        return UUID(str(self._get(Action, "action", action_id).body_id))

    def get_action_history(self, action_id: UUID, who: Principal | None) -> list[HistoryEntry]:
        """The action's events; its content withheld like the action itself."""
        bodies = readers.confidential_bodies(self, who)
        entries = self.get_history(Action, "action", action_id)
        reason = self._withheld_reason(self._get(Action, "action", action_id), bodies)
        if reason is None:
            return entries
        return [withheld_line(e, withheld(reason)) for e in entries]

    def _withheld_reason(self, action: Action, confidential_bodies: set[UUID] | None) -> str | None:
        """The reason an action is withheld from this reader, or None if it is not."""
        if sees_in(action.body_id, confidential_bodies):
            return None
        item = self._get(Meeting, "meeting", action.meeting_id).item(action.item_id)
        return disclosure.withheld_reason(item)

    def list_actions(
        self,
        filters: dict[str, Any],
        as_of: date | None,
        page: int,
        page_size: int,
        who: Principal | None,
    ) -> tuple[list[ActionRow], int]:
        """The action tracker: actions matching the filters, soonest due first, each as
        this reader may see it (a filter on what is withheld finds no withheld action)."""
        bodies = readers.confidential_bodies(self, who)
        rows, total = read.list_tracked_actions(
            self,
            {**{k: filters.get(k) for k in FILTERS}, "visible_bodies": bodies},
            as_of or london_today(),
            page,
            page_size,
        )
        return [ActionRow(**shown_action(row, bodies)) for row in rows], total

    def list_reminders(self, as_of: date, until: date) -> dict[str, list[ReminderRow]]:
        """Each owner's open actions overdue as of `as_of` or due by `until`."""
        by_owner: dict[str, list[ReminderRow]] = {}
        for row in read.list_due_for_reminders(self, as_of, until):
            if row["owner_id"] is not None:  # an organisation's action has nobody to remind
                by_owner.setdefault(row["owner_id"], []).append(ReminderRow(**row))
        return by_owner

    def _change_action(
        self, cmd: ActionCommand, change: Callable[[Action], None]
    ) -> dict[str, Any]:
        return self._update(
            cmd, Action, "action", cmd.action_id, change, lambda a, _: action_view(a)
        )


def action_view(a: Action, today: date | None = None) -> dict[str, Any]:
    """The answer to a command on an action; overdue is judged as of `today` (London's)."""
    today = today or london_today()
    return {
        "id": a.id,
        "body_id": a.body_id,
        "meeting_id": a.meeting_id,
        "item_id": a.item_id,
        "description": a.description,
        "owner_id": a.owner_id,
        "organisation_id": a.organisation_id,
        "due_on": a.due_on,
        "theme": a.theme,
        "status": a.status,
        "overdue": a.overdue_on(today),
        "percent_complete": a.percent_complete,
        "completed_at": a.completed_at,
        "drop_reason": a.drop_reason,
        "workplan_id": a.workplan_id,
        "workplan_item_id": a.workplan_item_id,
        "updates": a.updates,
        "version": a.version,
    }
