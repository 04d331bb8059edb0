"""Before the meeting: build the agenda (items, the body's standing items, the order),
the chair agrees it, the clerk publishes it, warned in words when notice is late."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from flask import render_template, request
from werkzeug.wrappers import Response

from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAgenda,
    PublishAgenda,
    ReorderAgenda,
)
from meetings.application.queries.meeting_view import meeting_view
from meetings.domain.rules import clear_working_days, london_date
from web.api.schemas.meetings import ITEM_KINDS, AgendaItemIn
from web.console.common import FormErrors, bp, see_other, signed_in, step, submit
from web.console.forms import (
    form_idempotency,
    new_form_key,
    people_choices,
    person_named,
    validated,
    version_sent,
)
from web.console.meeting import recorder_of_meeting
from web.context import meetings_app

_AGENDA = "/console/meetings/<uuid:meeting_id>/agenda"
#: How many papers the form offers for one item.
PAPERS = 3
KIND_NAMES = {
    "decision": "For decision",
    "information": "For information",
    "discussion": "For discussion",
    "performance": "Performance report",
    "standing": "Standing item",
    "minutes": "Minutes of the last meeting",
    "matters_arising": "Matters arising",
}
_PAPER_ERROR = re.compile(r"^papers\.(\d+)\.(title|url)$")


@bp.get(_AGENDA)
def agenda(meeting_id: UUID) -> str:
    recorder_of_meeting(meeting_id)
    return _agenda_page(meeting_id, FormErrors(), {"kind": "decision"})


def _agenda_page(meeting_id: UUID, errors: FormErrors, values: Any) -> str:
    app = meetings_app()
    m = app.get_meeting(meeting_id)
    body = app.get_body(m.body_id)
    choices = people_choices()
    return render_template(
        "console/agenda.html",
        m=meeting_view(m),
        body=body,
        errors=errors,
        values=values,
        kinds=[(k, KIND_NAMES[k]) for k in ITEM_KINDS],
        people=choices,
        names={c.id: c.label for c in choices},
        papers=range(1, PAPERS + 1),
        form_key=new_form_key(),
    )


@bp.post(f"{_AGENDA}/items")
def add_item(meeting_id: UUID) -> Response | tuple[str, int]:
    who = recorder_of_meeting(meeting_id)
    form = request.form
    errors = FormErrors()
    data: dict[str, Any] = {
        "title": form.get("title", "").strip(),
        "kind": form.get("kind", ""),
        "presenter_id": person_named(form.get("presenter", ""), "presenter", errors),
        "confidential": form.get("confidential") == "yes",
        "confidential_reason": form.get("confidential_reason", "").strip() or None,
        "papers": _papers(form),
    }
    loaded = validated(AgendaItemIn(), data, errors)
    _rename_paper_errors(errors)
    return submit(
        lambda: meetings_app().add_agenda_item(
            AddAgendaItem(
                meeting_id=meeting_id,
                recorded_by=who.label,
                idempotency=form_idempotency(who),
                **loaded,
            )
        ),
        errors,
        lambda errors: _agenda_page(meeting_id, errors, form),
        lambda _: see_other("console.agenda", meeting_id=meeting_id, _anchor="items"),
    )


def _papers(form: Any) -> list[dict[str, Any]]:
    papers = []
    for n in range(1, PAPERS + 1):
        title = form.get(f"paper_title_{n}", "").strip()
        url = form.get(f"paper_url_{n}", "").strip()
        if title or url:
            papers.append({"title": title, "url": url or None})
    return papers


def _rename_paper_errors(errors: FormErrors) -> None:
    """Messages about the n-th paper sent go beside that paper's fields."""
    form = request.form
    offered = [
        n
        for n in range(1, PAPERS + 1)
        if form.get(f"paper_title_{n}", "").strip() or form.get(f"paper_url_{n}", "").strip()
    ]
    for key in [k for k in errors if _PAPER_ERROR.match(k)]:
        found = _PAPER_ERROR.match(key)
        assert found is not None
        n = offered[int(found.group(1))] if int(found.group(1)) < len(offered) else 1
        for message in errors.pop(key):
            errors.add(f"paper_{found.group(2)}_{n}", message)


@bp.post(f"{_AGENDA}/standing-items")
def standing_items(meeting_id: UUID) -> Response | tuple[str, int]:
    """Add the body's standing items at the top, once."""
    who = recorder_of_meeting(meeting_id)
    cmd = AddStandingItems(meeting_id=meeting_id, recorded_by=who.label)
    return step(
        lambda: meetings_app().add_standing_items(cmd),
        lambda errors: _agenda_page(meeting_id, errors, {"kind": "decision"}),
        "console.agenda",
        meeting_id=meeting_id,
        _anchor="items",
    )


@bp.post(f"{_AGENDA}/items/<item_id>/move")
def move_item(meeting_id: UUID, item_id: str) -> Response | tuple[str, int]:
    """Move an item up or down one place: the whole order is sent, as of the version the
    clerk saw, so a stale page never reorders what it did not show."""
    who = recorder_of_meeting(meeting_id)
    errors = FormErrors()
    seen = version_sent()
    m = meetings_app().get_meeting(meeting_id, version=seen) if seen else None
    order = [i["id"] for i in (m.agenda if m else [])]
    if item_id not in order:
        errors.add("_form", "That item is not on the agenda you were shown: reload the page.")
        return _agenda_page(meeting_id, errors, {"kind": "decision"}), 409
    at = order.index(item_id)
    to = at - 1 if request.form.get("direction") == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    cmd = ReorderAgenda(
        meeting_id=meeting_id, item_ids=order, recorded_by=who.label, expected_version=seen
    )
    return step(
        lambda: meetings_app().reorder_agenda(cmd),
        lambda errors: _agenda_page(meeting_id, errors, {"kind": "decision"}),
        "console.agenda",
        meeting_id=meeting_id,
        _anchor=f"item-{item_id}",
    )


# Publishing -------------------------------------------------------------------------


def notice_short(meeting: Any, notice_days: int, now: datetime | None = None) -> int:
    """How many clear working days short of the body's notice an agenda published now
    would be (0: in time), by the rule that marks late notice."""
    now = now or datetime.now(tz=UTC)
    clear = clear_working_days(london_date(now), london_date(meeting.starts_at))
    return max(0, notice_days - clear)


@bp.get(f"{_AGENDA}/publish")
def publish_form(meeting_id: UUID) -> str:
    recorder_of_meeting(meeting_id)
    return _publish_page(meeting_id, FormErrors())


def _publish_page(meeting_id: UUID, errors: FormErrors) -> str:
    app = meetings_app()
    m = app.get_meeting(meeting_id)
    body = app.get_body(m.body_id)
    return render_template(
        "console/publish.html",
        m=meeting_view(m),
        body=body,
        short=notice_short(m, body.agenda_notice_working_days),
        errors=errors,
    )


@bp.post(f"{_AGENDA}/publish")
def publish(meeting_id: UUID) -> Response | tuple[str, int]:
    who = recorder_of_meeting(meeting_id)
    cmd = PublishAgenda(
        meeting_id=meeting_id, recorded_by=who.label, expected_version=version_sent()
    )
    return step(
        lambda: meetings_app().publish_agenda(cmd),
        lambda errors: _publish_page(meeting_id, errors),
        "console.meeting",
        meeting_id=meeting_id,
    )


# The chair agrees -------------------------------------------------------------------


@bp.get(f"{_AGENDA}/agree")
def chair_agenda(meeting_id: UUID) -> str:
    """The agenda in front of the chair, with the button to agree it."""
    meetings_app().access_policy.check_chair(signed_in(), meeting_id)
    return _chair_page(meeting_id, FormErrors())


def _chair_page(meeting_id: UUID, errors: FormErrors) -> str:
    app = meetings_app()
    view = app.get_meeting_view(meeting_id, signed_in())
    choices = {c.id: c.label for c in people_choices()}
    return render_template(
        "console/chair_agenda.html",
        m=view,
        body=app.get_body(view.body_id),
        names=choices,
        kinds=KIND_NAMES,
        errors=errors,
    )


@bp.post(f"{_AGENDA}/agree")
def agree_agenda(meeting_id: UUID) -> Response | tuple[str, int]:
    who = signed_in()
    cmd = AgreeAgenda(
        meeting_id=meeting_id, by=who, recorded_by=who.label, expected_version=version_sent()
    )
    return step(
        lambda: meetings_app().agree_agenda(cmd),
        lambda errors: _chair_page(meeting_id, errors),
        "console.home",
        agreed="agenda",
    )
