"""Commands between meetings: actions' progress, ratifications by partners, workplans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from meetings.application.commands.base import Command


@dataclass(frozen=True, kw_only=True)
class ActionCommand(Command):
    action_id: UUID


@dataclass(frozen=True, kw_only=True)
class NoteProgress(ActionCommand):
    note: str
    percent_complete: int | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseDueDate(ActionCommand):
    due_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReassignAction(ActionCommand):
    owner_id: UUID
    organisation_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class CompleteAction(ActionCommand):
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class DropAction(ActionCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordRatification(Command):
    decision_id: UUID
    organisation_id: UUID
    outcome: str
    on: date


@dataclass(frozen=True, kw_only=True)
class DrawUpWorkplan(Command):
    body_id: UUID
    title: str
    themes: list[str]


@dataclass(frozen=True, kw_only=True)
class AddWorkplanItem(Command):
    workplan_id: UUID
    theme: str
    title: str
    lead_organisation_id: UUID | None = None
    due_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class TakeActionIntoWorkplan(Command):
    workplan_id: UUID
    item_id: str
    action_id: UUID


@dataclass(frozen=True, kw_only=True)
class ReportItemStatus(Command):
    workplan_id: UUID
    item_id: str
    status: str
    note: str | None = None
