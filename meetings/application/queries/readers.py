"""What a reader's seat reaches: the queries ask here which bodies' confidential content a
reader may see (the bodies a member or chair sits on today, read from the read side),
then apply the disclosure policy to what they answer."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from meetings.application import disclosure
from meetings.application.facts import ReadModels
from meetings.application.queries.record import list_bodies_of_person
from meetings.domain.rules import london_today
from meetings.infrastructure.tokens import Principal


def sees_confidential(rm: ReadModels, who: Principal | None, body_id: UUID) -> bool:
    """May this reader see the body's confidential content (a seat held today)?"""
    # Today as UTC has it, as this answer has always been given (the lists' reach below
    # counts London's day; the two differ only in the hour after midnight in summer).
    today = datetime.now(tz=UTC).date()
    return disclosure.sees_confidential(
        who, body_id, lambda person_id: list_bodies_of_person(rm, person_id, today)
    )


def confidential_bodies(rm: ReadModels, who: Principal | None) -> set[UUID] | None:
    """The bodies whose confidential content this reader may see (None: every body)."""
    today = london_today()
    return disclosure.confidential_bodies(
        who, lambda person_id: list_bodies_of_person(rm, person_id, today)
    )
