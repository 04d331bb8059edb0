"""Published pages (HTML, no token needed): the partnership family, a body, a meeting."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, render_template

from meetings.domain.errors import NotFoundError
from meetings.domain.rules import LONDON
from meetings.reports import minutes_text
from meetings.reports.minutes_text import CAPACITIES, METHODS, clock, long_date
from web.context import meetings_app
from web.pages import WEB_ROOT, page_data
from web.pages.public import conditional

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
    root_path=WEB_ROOT,
)

#: How the public reads a meeting's status.
MEETING_STATUSES = {
    "scheduled": "Scheduled",
    "in_session": "In session",
    "closed": "Held",
    "cancelled": "Cancelled",
}


@bp.get("/")
def family() -> str:
    """The partnership family: every public body, what it reports to, its next meetings."""
    return render_template("home.html", bodies=page_data.family(meetings_app()))


@bp.get("/bodies/<body_id>")
def body(body_id: str) -> str:
    """A public body: purpose, members by capacity, meetings and published minutes."""
    data = page_data.body_page(meetings_app(), page_data.parse_id(body_id))
    return render_template("body.html", **data)


@bp.get("/meetings/<meeting_id>")
@conditional
def meeting(meeting_id: str) -> str:
    """A meeting's published agenda and, once published, its minutes."""
    data = page_data.meeting_page(meetings_app(), page_data.parse_id(meeting_id))
    return render_template("meeting.html", **data)


@bp.errorhandler(NotFoundError)
def not_found(error: NotFoundError) -> tuple[str, int]:
    # A page for the public, not a problem+json: the same for unknown, malformed and
    # not-public ids, so the page never tells which it was.
    return render_template("not_found.html"), 404


@bp.app_template_filter("unstopped")
def unstopped(text: str | None) -> str:
    return minutes_text.unstopped(text)


@bp.context_processor
def formatting() -> dict[str, Any]:
    return {
        "long_date": long_date,
        "clock": clock,
        "iso": _iso,
        "status_label": lambda status: MEETING_STATUSES.get(status, status),
        "capacities": CAPACITIES,
        "methods": METHODS,
        "chain_head": meetings_app().get_chain_head(),
    }


def _iso(moment: datetime | date) -> str:
    """A machine-readable moment for `<time datetime>`, in London's offset."""
    if isinstance(moment, datetime):
        return moment.astimezone(LONDON).isoformat(timespec="minutes")
    return moment.isoformat()
