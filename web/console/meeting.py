"""Scheduling a meeting, and the meeting's page: where it stands, what comes next and
who must do it, and the way to each step."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.application.commands import CloseMeeting, ScheduleMeeting
from meetings.application.dto import MeetingState
from meetings.application.queries.meeting_view import meeting_view
from meetings.infrastructure.tokens import Principal
from web.api.schemas.meetings import MEETING_KINDS, ScheduleMeetingIn
from web.auth import require_recorder
from web.console.common import FormErrors, bp, see_other, signed_in, step, submit
from web.console.forms import (
    form_idempotency,
    london_time,
    new_form_key,
    people_choices,
    validated,
    version_sent,
)
from web.console.steps import next_step
from web.context import meetings_app

_MEETING = "/console/meetings/<uuid:meeting_id>"


def recorder_of_body(body_id: UUID) -> Principal:
    signed_in()
    return require_recorder(body_id)


def recorder_of_meeting(meeting_id: UUID) -> Principal:
    """Admin or a clerk of the meeting's body (anyone else: 403; no such meeting: 404)."""
    signed_in()
    return require_recorder(meetings_app().get_body_of_meeting(meeting_id))


@bp.get("/console/bodies/<uuid:body_id>/meetings/new")
def schedule_form(body_id: UUID) -> str:
    recorder_of_body(body_id)
    return _schedule_page(body_id, FormErrors(), {"time": "10:00", "kind": "ordinary"})


@bp.post("/console/bodies/<uuid:body_id>/meetings/new")
def schedule(body_id: UUID) -> Response | tuple[str, int]:
    who = recorder_of_body(body_id)
    form = request.form
    errors = FormErrors()
    starts_at = london_time(form.get("date", ""), form.get("time", ""), errors)
    data = {"starts_at": starts_at, "venue": form.get("venue", "").strip() or None}
    data["kind"] = form.get("kind", "ordinary")
    loaded = validated(ScheduleMeetingIn(), data, errors) if starts_at else {}
    return submit(
        lambda: meetings_app().schedule_meeting(
            ScheduleMeeting(
                body_id=body_id, recorded_by=who.label, idempotency=form_idempotency(who), **loaded
            )
        ),
        errors,
        lambda errors: _schedule_page(body_id, errors, form),
        lambda made: see_other("console.meeting", meeting_id=made["id"]),
        "date",
    )


def _schedule_page(body_id: UUID, errors: FormErrors, values: Any) -> str:
    body = meetings_app().get_body(body_id)
    return render_template(
        "console/schedule.html",
        body=body,
        errors=errors,
        values=values,
        kinds=MEETING_KINDS,
        form_key=new_form_key(),
    )


@bp.get(_MEETING)
def meeting(meeting_id: UUID) -> str:
    """The meeting's page: where it stands and what comes next."""
    recorder_of_meeting(meeting_id)
    return meeting_hub(meeting_id, FormErrors())


def meeting_hub(meeting_id: UUID, errors: FormErrors) -> str:
    app = meetings_app()
    m = app.get_meeting(meeting_id)
    body = app.get_body(m.body_id)
    return render_template(
        "console/meeting.html",
        m=meeting_view(m),
        minutes_status=m.minutes["status"],
        body=body,
        step=next_step(m),
        chair_name=body.chair.person_name if body.chair else None,
        errors=errors,
        presenters=_presenter_names(m),
    )


def _presenter_names(m: MeetingState) -> dict[str, str]:
    wanted = {str(i["presenter_id"]) for i in m.agenda if i.get("presenter_id")}
    return {c.id: c.label for c in people_choices() if c.id in wanted}


@bp.post(f"{_MEETING}/close")
def close(meeting_id: UUID) -> Response | tuple[str, int]:
    """Close the meeting: the draft minutes are ready for the chair."""
    who = recorder_of_meeting(meeting_id)
    cmd = CloseMeeting(
        meeting_id=meeting_id, recorded_by=who.label, expected_version=version_sent()
    )
    return step(
        lambda: meetings_app().close_meeting(cmd),
        lambda errors: meeting_hub(meeting_id, errors),
        "console.minutes_page",
        meeting_id=meeting_id,
    )
