"""The live recording screen: a meeting recorded as the room moves, on the same use cases
as the API. Every control is a plain form (post, redirect, get) carrying an
Idempotency-Key made when the page was rendered; web/static/record.js sends the same forms
with fetch, queues them while offline, and keeps the screen current by polling `state`."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any
from uuid import UUID

from flask import Response, jsonify, render_template, request, url_for
from werkzeug.routing import BuildError

from meetings.domain.errors import NotFoundError
from meetings.idempotency import Idempotency
from meetings.infrastructure.tokens import Principal
from web.auth import require_recorder
from web.console.common import FormErrors, bp, signed_in
from web.console.record_fields import Refused
from web.console.record_forms import COMMANDS, run_control
from web.console.record_view import RecordView
from web.context import meetings_app

_RECORD = "/console/meetings/<uuid:meeting_id>/record"


def _recorder(meeting_id: UUID) -> Principal:
    """Admin or a clerk of the meeting's body; anyone else is refused before anything."""
    signed_in()
    return require_recorder(meetings_app().get_body_of_meeting(meeting_id))


def new_key() -> str:
    """A fresh Idempotency-Key for a form about to be rendered."""
    return secrets.token_urlsafe(18)


def hub_url(meeting_id: UUID) -> str | None:
    """The meeting's page in the console, where the minutes are taken on from here."""
    try:
        return url_for("console.meeting", meeting_id=meeting_id)
    except BuildError:
        return None


@bp.get(_RECORD)
def record(meeting_id: UUID) -> str:
    _recorder(meeting_id)
    view = RecordView(meetings_app(), meeting_id, new_key)
    return render_template(
        "console/record.html", v=view, errors={}, failed=None, typed={}, hub_url=hub_url
    )


@bp.get(f"{_RECORD}/state")
def record_state(meeting_id: UUID) -> Response:
    """What changed since the version the screen shows: the parts to redraw, by id."""
    _recorder(meeting_id)
    since = request.args.get("since", type=int)
    meeting = meetings_app().get_meeting(meeting_id)  # the live copy: cheap when unchanged
    answer: dict[str, Any] = {"version": meeting.version, "status": meeting.status}
    if since != meeting.version:
        # Parts are redrawn only by record.js, which gives every submission its own key:
        # none in them, so a part that did not change reads the same and is left alone.
        view = RecordView(meetings_app(), meeting_id, lambda: "")
        answer = {"version": view.version, "status": view.meeting.status}
        answer["regions"] = view.regions()
    response = jsonify(answer)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get(f"{_RECORD}/entries/<entry_id>")
def record_entry_history(meeting_id: UUID, entry_id: str) -> str:
    """One entry as it reads now, and every earlier wording with the reason it changed."""
    _recorder(meeting_id)
    view = RecordView(meetings_app(), meeting_id, new_key)
    entry = view.meeting.entries.get(entry_id)
    if entry is None:
        raise NotFoundError("entry of this meeting", entry_id)
    return render_template("console/record_entry.html", v=view, entry=entry)


@bp.post(f"{_RECORD}/<what>")
def record_post(meeting_id: UUID, what: str) -> Response | tuple[str, int]:
    who = _recorder(meeting_id)
    if what not in COMMANDS:
        raise NotFoundError("control on this screen", what)
    form = request.form
    errors = FormErrors()
    keys: list[Idempotency | None] = []

    def read() -> Any:
        keys.append(_idempotency(who, form))
        return COMMANDS[what](meetings_app(), meeting_id, form, who.label, keys[-1])

    sent_before = run_control(read, errors)
    replayed = sent_before or any(key is not None and key.answered_before for key in keys)
    if errors:
        return _refused(meeting_id, errors)
    if _wants_json():
        return jsonify({"recorded": True, "replayed": replayed})
    return _see_record(meeting_id, form.get("anchor", ""))


def _refused(meeting_id: UUID, errors: FormErrors) -> tuple[Any, int]:
    """Nothing recorded: why, beside the field (the screen again, what was typed kept)."""
    status = 422 if "_form" not in errors else 409
    if _wants_json():
        return jsonify({"errors": errors}), status
    page = render_template(
        "console/record.html",
        v=RecordView(meetings_app(), meeting_id, new_key),
        errors=errors,
        failed=request.form.get("form_id", ""),
        typed=request.form.to_dict(),
        hub_url=hub_url,
    )
    return page, status


def _idempotency(who: Principal, form: Any) -> Idempotency | None:
    """The form's key with a fingerprint of what it asks."""
    key = form.get("idempotency_key", "").strip()
    if not key:
        return None
    if len(key) > 255:
        raise Refused({"_form": "This form's retry key is too long: reload the page."})
    asked = sorted(
        (k, v)
        for k, v in request.form.items(multi=True)
        if k not in ("csrf_token", "idempotency_key", "anchor", "form_id")
    )
    canonical = json.dumps(["POST", request.path, asked])
    # No look-up here: the command itself finds a key already answered, and replays it.
    return Idempotency(who.id, key, hashlib.sha256(canonical.encode()).hexdigest())


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "record.js"


def _see_record(meeting_id: UUID, anchor: str) -> Response:
    target = url_for("console.record", meeting_id=meeting_id)
    if anchor and anchor.replace("-", "").isalnum():
        target += f"#{anchor}"
    response = Response(status=303)
    response.headers["Location"] = target
    return response
