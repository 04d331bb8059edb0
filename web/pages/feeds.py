"""Feeds and exports (no token needed): iCalendar per body, Atom of published minutes,
published minutes as a standalone HTML document and as Open Civic Data JSON."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, current_app, render_template, request
from icalendar import Calendar, Event, Timezone
from markupsafe import Markup

from meetings.application.dto.minutes import PublishedMinutes
from meetings.application.queries import Row
from meetings.application.queries import public as public_queries
from meetings.domain.errors import InvalidFieldError, NotFoundError
from meetings.domain.rules import london_today
from meetings.domain.values import MeetingStatus
from meetings.reports.minutes_text import CAPACITIES, METHODS, clock, long_date, unstopped
from web.context import meetings_app
from web.pages import WEB_ROOT
from web.pages.page_data import published_minutes
from web.pages.public import conditional, policy, source_hash

bp = Blueprint("feeds", __name__, template_folder="templates", root_path=WEB_ROOT)

#: How long a meeting is shown as lasting until its close is recorded.
USUAL_LENGTH = timedelta(hours=2)
#: Calendar UIDs name the meeting, not the host serving them, so they never change.
UID_DOMAIN = "partnership-meetings"
PRODID = "-//Partnership meetings and minutes//Meetings calendar//EN"
#: The newest published minutes the Atom feed carries.
FEED_ENTRIES = 50
#: Atom feed ids are tag: URIs (RFC 4151) naming the feed, never the host that served it, so
#: a feed keeps its id forever; entries are urn:uuid: ids of their meetings.
FEED_ID_PREFIX = f"tag:{UID_DOMAIN},2026-12-01:feeds/minutes"


def public_body(body_id: UUID) -> Row:
    """The body (its read model's row), if the public may read about it; otherwise there is
    nothing to see (404)."""
    app = meetings_app()
    body = public_queries.get_public_body_row(app, body_id)
    if body is None or not body["open_to_public"]:
        raise NotFoundError("public body", body_id)
    return body


def absolute(path: str) -> str:
    """An absolute address under the configured MEETINGS_BASE_URL (never the request's Host):
    `path` is the service's own path, starting with /."""
    return str(current_app.extensions["settings"].base_url) + path


def page_of(meeting_id: Any) -> str:
    """The absolute address of a meeting's published page."""
    return absolute(f"/meetings/{meeting_id}")


def feed_id(body_id: UUID | None) -> str:
    """The Atom feed's permanent id: the same whichever host or address it is read through."""
    return FEED_ID_PREFIX + (f"/bodies/{body_id}" if body_id else "")


def held(heading: dict[str, Any]) -> str:
    """'Minutes of the special meeting held on Tuesday 3 March 2026 at 10:00, The Gateway.'"""
    kind = "" if heading["kind"] == "ordinary" else f"{heading['kind']} "
    where = f", {unstopped(heading['venue'])}" if heading.get("venue") else ""
    when = f"{long_date(heading['starts_at'])} at {clock(heading['starts_at'])}"
    return f"Minutes of the {kind}meeting held on {when}{where}."


# iCalendar ----------------------------------------------------------------------------


@bp.get("/bodies/<uuid:body_id>/meetings.ics")
@conditional
def meetings_calendar(body_id: UUID) -> Response:
    """The body's meetings to subscribe to, cancelled and postponed ones included."""
    body = public_body(body_id)
    app = meetings_app()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{body['name']} meetings")
    cal.add("x-wr-timezone", "Europe/London")
    # The meetings' times are in UTC; the partnership's own zone is described too, so that
    # even a body with no meetings yet has a calendar with a component (RFC 5545).
    cal.add_component(london_timezone())
    for row in public_queries.list_calendar_of_body(app, body_id):
        cal.add_component(_vevent(body, row))
    return Response(cal.to_ical(), content_type="text/calendar; charset=utf-8")


def london_timezone() -> Timezone:
    """Europe/London's VTIMEZONE, from a year ago to five years ahead."""
    today = london_today()
    return Timezone.from_tzid(
        "Europe/London",
        first_date=today.replace(year=today.year - 1, month=1, day=1),
        last_date=today.replace(year=today.year + 5, month=12, day=31),
    )


def _vevent(body: Row, m: Row) -> Event:
    """A meeting as a calendar shows it, from its calendar fields (projections/public.py)."""
    closed_at = m["closed_at"]
    ends = closed_at if closed_at and closed_at > m["starts_at"] else m["starts_at"] + USUAL_LENGTH
    event = Event()
    event.add("uid", f"{m['id']}@{UID_DOMAIN}")
    event.add("dtstamp", m["modified_on"].astimezone(UTC))
    event.add("created", m["created_on"].astimezone(UTC))
    event.add("last-modified", m["modified_on"].astimezone(UTC))
    # Calendars replace an event only when its sequence goes up: each change of date counts.
    event.add(
        "sequence", len(m["postponements"]) + (1 if m["status"] == MeetingStatus.CANCELLED else 0)
    )
    event.add("dtstart", m["starts_at"].astimezone(UTC))
    event.add("dtend", ends.astimezone(UTC))
    event.add("summary", f"{body['name']} ({m['kind']} meeting)")
    if m["venue"]:
        event.add("location", m["venue"])
    event.add("url", page_of(m["id"]))
    event.add("status", _calendar_status(m))
    lines = [
        f"Postponed from {long_date(p['from'])} at {clock(p['from'])}: {p['reason']}"
        for p in m["postponements"]
    ]
    if m["status"] == MeetingStatus.CANCELLED:
        lines.append(f"Cancelled: {m['cancellation_reason']}")
    if lines:
        event.add("description", "\n".join(lines))
    return event


def _calendar_status(m: Row) -> str:
    if m["status"] == MeetingStatus.CANCELLED:
        return "CANCELLED"
    postponements = m["postponements"]
    if m["status"] == MeetingStatus.SCHEDULED and postponements and postponements[-1]["to"] is None:
        return "TENTATIVE"  # postponed with no new date yet: the date shown is the old one
    return "CONFIRMED"


# Atom ---------------------------------------------------------------------------------


@bp.get("/feeds/minutes.atom")
@conditional
def minutes_feed() -> Response:
    """Published minutes of public bodies, newest first; `?body_id=` narrows to one body."""
    body_id = _body_id_argument()
    body = public_body(body_id) if body_id else None
    app = meetings_app()
    rows = public_queries.list_published_minutes_feed(app, body_id, FEED_ENTRIES)
    feed = FeedGenerator()
    here = absolute("/feeds/minutes.atom" + (f"?body_id={body_id}" if body else ""))
    feed.id(feed_id(body_id if body else None))
    feed.title(f"Published minutes: {body['name']}" if body else "Published minutes")
    position, head = app.get_chain_head()
    feed.subtitle(
        "Minutes approved as a correct record and published, newest first. "
        f"The record's hash chain had reached position {position} with the hash {head} "
        "when this feed was made: keep it, and a later check can show the record up to it "
        "was not rewritten."
    )
    feed.author({"name": body["name"] if body else "Partnership meetings and minutes"})
    feed.link(href=here, rel="self", type="application/atom+xml")
    home = absolute(f"/bodies/{body_id}" if body else "/")
    feed.link(href=home, rel="alternate", type="text/html")
    feed.updated(rows[0]["minutes_published_at"] if rows else datetime.now(tz=UTC))
    documents = published_minutes(app, [str(row["id"]) for row in rows])
    for row in rows:
        _entry(feed.add_entry(order="append"), documents[str(row["id"])])
    return Response(feed.atom_str(pretty=True), content_type="application/atom+xml; charset=utf-8")


def _body_id_argument() -> UUID | None:
    raw = request.args.get("body_id")
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise InvalidFieldError("body_id", "body_id must be the id of a body.") from None


def _entry(entry: Any, minutes: PublishedMinutes) -> None:
    heading = minutes.heading
    entry.id(f"urn:uuid:{minutes.meeting_id}")
    entry.title(f"Minutes: {heading['body_name']} — {long_date(heading['starts_at'])}")
    entry.link(href=page_of(minutes.meeting_id), rel="alternate", type="text/html")
    entry.author({"name": heading["body_name"]})
    entry.published(minutes.published_at)
    entry.updated(minutes.published_at)
    entry.summary(held(heading))
    entry.content(str(_entry_html(minutes)), type="html")


def _entry_html(minutes: PublishedMinutes) -> Markup:
    """A short summary in HTML: when and where, and what was decided."""
    parts = [Markup("<p>{}</p>").format(held(minutes.heading))]
    decisions = [_decision_line(i, d) for i in minutes.items for d in i["decisions"]]
    if decisions:
        parts += [Markup("<p>Decisions:</p><ul>"), *decisions, Markup("</ul>")]
    else:
        parts.append(Markup("<p>No decisions were recorded.</p>"))
    amended = ", ".join(
        f"{i['number']} ({unstopped(i['title'])})" for i in minutes.items if i["amendment"]
    )
    if amended:
        parts.append(
            Markup("<p>Amended when the minutes were approved: item {}.</p>").format(amended)
        )
    withheld = sum(1 for i in minutes.items if i["withheld"])
    if withheld:
        parts.append(
            Markup("<p>Confidential items withheld from publication: {}.</p>").format(withheld)
        )
    return Markup("").join(parts)


def _decision_line(item: dict[str, Any], d: dict[str, Any]) -> Markup:
    return Markup("<li>Item {}, {}: {} {}</li>").format(
        item["number"], item["title"], d["text"], how_decided(d)
    )


def how_decided(decision: dict[str, Any]) -> str:
    """'Agreed by consensus.' or 'Decided by vote: 5 for, 2 against, 1 abstaining.'"""
    how = str(METHODS.get(decision["method"], decision["method"])).capitalize()
    votes = decision["votes"]
    if decision["method"] == "vote" and votes:
        how += (
            f": {votes.get('for', 0)} for, {votes.get('against', 0)} against, "
            f"{votes.get('abstain', 0)} abstaining"
        )
    return how + "."


# Standalone HTML ----------------------------------------------------------------------


@bp.get("/meetings/<uuid:meeting_id>/minutes.html")
def minutes_document(meeting_id: UUID) -> Response:
    """The published minutes as one self-contained HTML document, ready to paste onto a
    council's website: no scripts, styles inline, nothing fetched from elsewhere."""
    minutes = meetings_app().get_published_minutes(meeting_id)
    html = render_template(
        "export_minutes.html",
        minutes=minutes,
        held=held(minutes.heading),
        capacities=CAPACITIES,
        methods=METHODS,
        long_date=long_date,
        clock=clock,
        page=page_of(meeting_id),
        chain_head=meetings_app().get_chain_head(),
    )
    response = Response(html, content_type="text/html; charset=utf-8")
    # Its one inline stylesheet (the template's own: what the minutes say is escaped text)
    # is allowed by its hash; nothing else inline is.
    styles = [source_hash(css) for css in _STYLE.findall(html)]
    response.headers["Content-Security-Policy"] = policy(**{"style-src": " ".join(styles)})
    return response


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
