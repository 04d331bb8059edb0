"""What the published pages show, gathered from the record's public faces only: the read
models, the redacted meeting view and the published minutes. Nothing confidential is
ever handed to a template, so no template can leak it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.application.dto.minutes import PublishedMinutes
from meetings.application.queries import Row
from meetings.application.queries import public as queries
from meetings.application.queries.meeting_view import meeting_view, redact
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError
from meetings.domain.rules import london_today
from meetings.domain.values import MeetingStatus, MinutesStatus

#: How many meetings ahead the family page lists for each body.
NEXT_MEETINGS = 3

#: Membership capacities in the order a body page lists them, with their headings.
CAPACITY_HEADINGS = {
    "member": "Members",
    "co_opted": "Co-opted members",
    "adviser": "Advisers",
    "observer": "Observers",
}
KIND_LABELS = {
    "conference": "Conference",
    "board": "Board",
    "executive": "Executive group",
    "thematic": "Thematic partnership",
    "delivery": "Delivery partnership",
    "lsp": "Local strategic partnership",
    "officers": "Officers' group",
    "forum": "Forum",
    "sub_group": "Sub-group",
    "task_group": "Task-and-finish group",
}


def parse_id(text: str) -> UUID:
    """A UUID from the path; anything else is a page that does not exist."""
    try:
        return UUID(text)
    except ValueError:
        raise NotFoundError("page", text) from None


def public_bodies(app: MeetingsApplication) -> list[Row]:
    """Every body open to the public, by name."""
    return queries.list_public_bodies(app)


def family(app: MeetingsApplication) -> list[dict[str, Any]]:
    """The partnership family: each public body, what it reports to, its next meetings."""
    bodies = public_bodies(app)
    by_id = {b["id"]: b for b in bodies}
    now = datetime.now(tz=UTC)
    return [
        {
            **b,
            "kind_label": kind_label(b["kind"]),
            # A body not open to the public is not named: to the public it does not exist.
            "reports_to_body": by_id.get(b["reports_to"] or ""),
            "next_meetings": [
                m
                for m in queries.list_meetings_of_body(app, UUID(b["id"]))
                if m["starts_at"] > now
                and m["status"] in (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED)
            ][:NEXT_MEETINGS],
        }
        for b in bodies
        if not app.get_wound_up(UUID(b["id"]))  # a body wound up is no longer current
    ]


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def public_body(app: MeetingsApplication, body_id: UUID) -> Body:
    """The body, if it is open to the public; otherwise, as far as the public knows, none."""
    body = queries.get_body(app, body_id)
    if not body.open_to_public:
        raise NotFoundError("body", body_id)
    return body


def body_page(app: MeetingsApplication, body_id: UUID) -> dict[str, Any]:
    body = public_body(app, body_id)
    parent = None
    if body.reports_to is not None:
        parent = next((b for b in public_bodies(app) if b["id"] == str(body.reports_to)), None)
    today = london_today()
    return {
        "body": body,
        "kind_label": kind_label(body.kind),
        "reports_to_body": parent,
        # Who chairs it and its terms of reference today, as GET /bodies/{id}/chairs and
        # /terms-of-reference give them.
        "chair": body.chair_on("chair", today),
        "vice_chair": body.chair_on("vice_chair", today),
        "terms_of_reference": body.terms_of_reference_on(today),
        "members": members_by_capacity(app, body_id),
        "meetings": app.list_meetings(body_id),
        "minutes": app.list_published_minutes(body_id),
        "now": datetime.now(tz=UTC),
    }


def members_by_capacity(app: MeetingsApplication, body_id: UUID) -> list[tuple[str, list[Row]]]:
    """Today's memberships under their capacity's heading, members first."""
    groups: dict[str, list[Row]] = {}
    for row in queries.list_memberships_of_body(app, body_id, london_today()):
        groups.setdefault(row["capacity"], []).append(row)
    order = list(CAPACITY_HEADINGS) + sorted(set(groups) - set(CAPACITY_HEADINGS))
    return [
        (CAPACITY_HEADINGS.get(c, c.replace("_", " ").capitalize()), groups[c])
        for c in order
        if c in groups
    ]


def meeting_page(app: MeetingsApplication, meeting_id: UUID) -> dict[str, Any]:
    """A meeting whose agenda (or minutes) the public has been given, confidential items
    withheld; a meeting not yet published is, to the public, no meeting at all."""
    meeting = app.get_meeting(meeting_id)
    body = public_body(app, meeting.body_id)
    minutes_published = meeting.minutes["status"] == MinutesStatus.PUBLISHED
    if meeting.agenda_published_at is None and not minutes_published:
        raise NotFoundError("meeting", meeting_id)
    view = redact(meeting_view(meeting))
    presenters = {str(i["presenter_id"]) for i in view["agenda"] if i.get("presenter_id")}
    people = queries.get_people_names(app, presenters)
    agenda = [
        {**item, "presenter_name": (people.get(str(item.get("presenter_id"))) or {}).get("name")}
        for item in view["agenda"]
    ]
    return {
        "meeting": view,
        "body": body,
        "agenda": agenda,
        "minutes": published_minutes(app, [str(meeting_id)])[str(meeting_id)]
        if minutes_published
        else None,
    }


def published_minutes(
    app: MeetingsApplication, meeting_ids: list[str]
) -> dict[str, PublishedMinutes]:
    """Published minutes of these meetings as the public reads them (what the application's
    `get_published_minutes` answers for one), kept copies used where still current."""
    return queries.get_published_minutes(app, meeting_ids)
