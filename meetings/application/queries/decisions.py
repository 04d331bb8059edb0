"""What the decision register's reads take from the read models: the register, one
decision with its ratifications, and where a referred matter came from and went."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import decisions as read_decisions


def list_register(
    rm: ReadModels, filters: dict[str, Any], page: int, page_size: int
) -> tuple[list[Row], int]:
    """One page of the register (see `projections.decisions.register`), and the total."""
    rm._projected()
    return read_decisions.register(rm.db, filters, page, page_size)


def get_decision_row(rm: ReadModels, decision_id: UUID | str) -> Row | None:
    """A decision as the register holds it (None: no such decision, or retracted)."""
    rm._projected()
    return read_decisions.decision(rm.db, decision_id)


def list_ratifications(rm: ReadModels, decision_id: str) -> list[Row]:
    """The partners' ratifications of a decision so far, oldest first."""
    return read_decisions.ratifications(rm.db, decision_id)


def list_origins(rm: ReadModels, item_id: str) -> list[str]:
    """The referred decisions an item took up."""
    return read_decisions.origins(rm.db, item_id)


def list_taken_up_by(rm: ReadModels, decision_id: str) -> list[Row]:
    """The decisions taken on items that took up this decision's referral."""
    return read_decisions.taken_up_by(rm.db, decision_id)


def list_referred_matters(rm: ReadModels, body_id: UUID) -> list[Row]:
    """Decisions referred to the body, with the items that took them up."""
    rm._projected()
    return read_decisions.referred_matters(rm.db, body_id)
