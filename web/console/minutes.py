"""After the meeting: the draft minutes as they will read; the chair agrees them, the
clerk circulates them, a later meeting approves them (with amendments), the clerk
publishes them. Each step says what comes next and who must do it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, request
from markupsafe import Markup
from werkzeug.wrappers import Response

from meetings.application import access
from meetings.application.commands import (
    AgreeMinutes,
    ApproveMinutes,
    CirculateMinutes,
    PublishMinutes,
)
from meetings.application.dto.meetings import MeetingRow
from meetings.domain.values import MeetingStatus
from meetings.infrastructure.tokens import Principal
from web.api.schemas.minutes import ApproveMinutesIn
from web.auth import require_recorder
from web.console.common import FormErrors, bp, see_other, signed_in, step, submit
from web.console.forms import as_uuid, validated, version_sent
from web.console.meeting import recorder_of_meeting
from web.console.steps import next_step
from web.context import meetings_app
from web.pages.safe_html import markdown_html

_MINUTES = "/console/meetings/<uuid:meeting_id>/minutes"


def as_read(markdown: str, below: int = 1) -> Markup:
    """The minutes' Markdown as HTML: every character the record holds is escaped, then
    sanitised (web/safe_html.py: only http(s) and mailto links, no raw HTML, no inline
    styles), and headings sit `below` levels below the page's own heading."""
    return markdown_html(markdown, shift_headings=below)


def _reader(meeting_id: UUID) -> tuple[Principal, bool]:
    """The body's clerk (or admin), or its chair: who may see these minutes here, and
    whether they are the chair."""
    who = signed_in()
    app = meetings_app()
    body_id = app.get_body_of_meeting(meeting_id)
    if access.is_chair(who):
        app.access_policy.check_chair(who, meeting_id, "read the draft minutes here")
        return who, True
    return require_recorder(body_id), False


@bp.get(_MINUTES)
def minutes_page(meeting_id: UUID) -> str:
    _reader(meeting_id)
    return _page(meeting_id, FormErrors(), {})


def _page(meeting_id: UUID, errors: FormErrors, values: Any) -> str:
    who, is_chair = _reader(meeting_id)
    app = meetings_app()
    m = app.get_meeting(meeting_id)
    body = app.get_body(m.body_id)
    minutes = app.get_minutes(meeting_id, who)
    return render_template(
        "console/minutes.html",
        m=m,
        body=body,
        minutes=minutes,
        text=as_read(minutes.markdown),
        step=next_step(m),
        chair_name=body.chair.person_name if body.chair else None,
        is_chair=is_chair,
        later=_later_meetings(m) if not is_chair else [],
        errors=errors,
        values=values,
    )


def _later_meetings(m: Any) -> list[MeetingRow]:
    """Meetings of the same body after this one: where its minutes may be approved."""
    rows = meetings_app().list_meetings(m.body_id)
    return [r for r in rows if r.starts_at > m.starts_at and r.status != MeetingStatus.CANCELLED]


def _step(meeting_id: UUID, run: Any) -> Response | tuple[str, int]:
    return step(
        run,
        lambda errors: _page(meeting_id, errors, request.form),
        "console.minutes_page",
        meeting_id=meeting_id,
    )


@bp.post(f"{_MINUTES}/agree")
def agree_minutes(meeting_id: UUID) -> Response | tuple[str, int]:
    """The chair agrees the draft minutes they were shown (If-Match: a change since
    refuses, and shows the minutes as they now are)."""
    who = signed_in()
    access.check_chair_token(
        who, "Only the chair, signed in with their own link, agrees the minutes."
    )
    cmd = AgreeMinutes(
        meeting_id=meeting_id, by=who, recorded_by=who.label, expected_version=version_sent()
    )
    return step(
        lambda: meetings_app().agree_minutes(cmd),
        lambda errors: _page(meeting_id, errors, {}),
        "console.home",
        agreed="minutes",
    )


@bp.post(f"{_MINUTES}/circulate")
def circulate(meeting_id: UUID) -> Response | tuple[str, int]:
    who = recorder_of_meeting(meeting_id)
    cmd = CirculateMinutes(
        meeting_id=meeting_id, recorded_by=who.label, expected_version=version_sent()
    )
    return _step(meeting_id, lambda: meetings_app().circulate_minutes(cmd))


@bp.post(f"{_MINUTES}/approve")
def approve(meeting_id: UUID) -> Response | tuple[str, int]:
    """A later meeting approved them as a correct record, with any amendments (each
    replaces an item's narrative; the text as circulated is kept beside it)."""
    who = recorder_of_meeting(meeting_id)
    form = request.form
    errors = FormErrors()
    amendments = [
        {"item_id": key.removeprefix("amendment_"), "text": value.strip()}
        for key, value in form.items()
        if key.startswith("amendment_") and value.strip()
    ]
    later = form.get("approved_at", "")
    if as_uuid(later) is None:
        errors.add("approved_at", "Pick the later meeting at which they were approved.")
    data = {"approved_at": later, "amendments": amendments}
    loaded = validated(ApproveMinutesIn(), data, errors) if not errors else {}
    return submit(
        lambda: meetings_app().approve_minutes(
            ApproveMinutes(
                meeting_id=meeting_id,
                recorded_by=who.label,
                expected_version=version_sent(),
                **loaded,
            )
        ),
        errors,
        lambda errors: _page(meeting_id, errors, form),
        lambda _: see_other("console.minutes_page", meeting_id=meeting_id),
        "approved_at",
    )


@bp.post(f"{_MINUTES}/publish")
def publish_minutes(meeting_id: UUID) -> Response | tuple[str, int]:
    who = recorder_of_meeting(meeting_id)
    cmd = PublishMinutes(
        meeting_id=meeting_id, recorded_by=who.label, expected_version=version_sent()
    )
    return _step(meeting_id, lambda: meetings_app().publish_minutes(cmd))
