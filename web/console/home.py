"""The console's home: for a clerk, their bodies and what is waiting on whom; for a
chair, only what they act on; for anyone else, what they can do here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from flask import render_template, url_for
from markupsafe import Markup
from werkzeug.routing import BuildError

from meetings.application import access
from meetings.application.dto.meetings import MeetingRow
from meetings.application.dto.structure import BodyRow
from meetings.domain.rules import LONDON
from meetings.domain.values import MeetingStatus, MinutesStatus
from meetings.infrastructure.tokens import Principal
from web.console.agenda import KIND_NAMES
from web.console.common import bp, signed_in
from web.console.forms import people_choices
from web.console.minutes import as_read
from web.console.steps import Step, next_step
from web.context import meetings_app

#: How many coming meetings of each body the clerk's home shows.
COMING = 3


@dataclass
class Waiting:
    meeting_id: str
    starts_at: datetime
    step: Step


@dataclass
class BodyCard:
    id: str
    name: str
    short_name: str
    chair_name: str | None
    coming: list[MeetingRow] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    overdue_actions: int = 0
    overdue_url: str | None = None


@bp.get("/console")
def home() -> str:
    who = signed_in()
    home_of = access.console_home(who)
    if home_of == "clerk":
        return render_template("console/home_clerk.html", cards=_clerk_cards(who))
    if home_of == "chair":
        names = {c.id: c.label for c in people_choices()}
        return render_template(
            "console/home_chair.html", waiting=chair_waiting(who), names=names, kinds=KIND_NAMES
        )
    return render_template("console/home_other.html")


def _clerk_cards(who: Principal) -> list[BodyCard]:
    app = meetings_app()
    bodies, _ = app.list_bodies(1, 1000)
    recorded = access.bodies_recorded_by(who, (UUID(b.id) for b in bodies))
    mine = [b for b in bodies if UUID(b.id) in recorded]
    cards = [_card(who, b) for b in mine]
    # The bodies with something coming or waiting first, then the quiet ones.
    return sorted(cards, key=lambda c: (not (c.coming or c.waiting or c.overdue_actions), c.name))


def _card(who: Principal, row: BodyRow) -> BodyCard:
    app = meetings_app()
    body_id = UUID(row.id)
    chair = app.get_body(body_id).chair
    card = BodyCard(row.id, row.name, row.short_name, chair.person_name if chair else None)
    since = datetime.now(tz=LONDON) - timedelta(days=1)
    for meeting in app.list_meetings(body_id):
        coming = (
            meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION)
            and meeting.starts_at >= since
        )
        unfinished = (
            meeting.status == MeetingStatus.CLOSED
            and meeting.minutes_status != MinutesStatus.PUBLISHED
        )
        if coming and len(card.coming) < COMING:
            card.coming.append(meeting)
        if coming or unfinished or meeting.status == MeetingStatus.IN_SESSION:
            step = next_step(app.get_meeting(UUID(meeting.id)))
            card.waiting.append(Waiting(meeting.id, meeting.starts_at, step))
    _, card.overdue_actions = app.list_actions(
        {"body_id": body_id, "status": "overdue"}, None, 1, 1, who
    )
    card.overdue_url = _tracker_url(body_id)
    return card


def _tracker_url(body_id: UUID) -> str | None:
    """The action tracker's screen for the body's overdue actions, where it is served."""
    try:
        return url_for("console.tracker", body_id=str(body_id), status="overdue")
    except BuildError:
        return None


@dataclass
class ForChair:
    """An agenda or draft minutes waiting for the chair, with the text in front of them."""

    meeting_id: str
    body_name: str
    starts_at: datetime
    what: str  # "agenda" or "minutes"
    version: int
    agenda: list[Mapping[str, Any]] = field(default_factory=list)
    text: Markup | None = None


def chair_waiting(who: Principal) -> list[ForChair]:
    """The agendas and draft minutes waiting for this person's agreement, as the
    application answers for them, with the text in front of them."""
    return [
        ForChair(
            p.meeting_id,
            p.body_name,
            p.starts_at,
            p.papers,
            p.version,
            list(p.agenda),
            None if p.minutes_markdown is None else as_read(p.minutes_markdown, below=2),
        )
        for p in meetings_app().list_papers_for_chair(who)
    ]
