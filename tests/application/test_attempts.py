"""A command's attempt (meetings/application/attempts.py): a write that collides with
another writer's is tried again, up to CONFLICT_RETRIES times, unless If-Match was sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from meetings.application import MeetingsApplication
from meetings.application.attempts import CONFLICT_RETRIES
from meetings.application.commands import EstablishBody, ReviseBodyRules
from meetings.application.dto import ChairTermView
from meetings.application.errors import VersionMismatchError
from meetings.application.results import CHOICE, VIEW, as_data, from_data
from meetings.domain.values import ChairRole, MeetingStatus
from meetings.idempotency import (
    Answer,
    Idempotency,
    IdempotencyKeyReusedError,
    IdempotencyRecord,
    ReplayedAnswer,
)


def _colliding(app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Make the next `times` saves fail as a concurrent write would; count every save."""
    saves: list[int] = []
    save = app.save

    def colliding_save(*objects: Any, **kwargs: Any) -> Any:
        saves.append(1)
        if len(saves) <= times:
            raise IntegrityError("another writer saved first")
        return save(*objects, **kwargs)

    monkeypatch.setattr(app, "save", colliding_save)
    return saves


def _body(app: MeetingsApplication) -> Any:
    return app.establish_body(EstablishBody(name="Board", short_name="Board", kind="board")).id


def test_a_collision_is_tried_again_and_recorded_once(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _body(app)
    saves = _colliding(app, monkeypatch, 3)
    view = app.revise_body_rules(ReviseBodyRules(body_id=body, changes={"quorum": 4}))
    assert len(saves) == 4
    assert view.quorum == 4


def test_collisions_past_the_limit_answer_with_a_version_mismatch(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _body(app)
    saves = _colliding(app, monkeypatch, CONFLICT_RETRIES)
    with pytest.raises(VersionMismatchError):
        app.revise_body_rules(ReviseBodyRules(body_id=body, changes={"quorum": 4}))
    assert len(saves) == CONFLICT_RETRIES


def test_with_if_match_a_collision_is_not_tried_again(
    app: MeetingsApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _body(app)
    saves = _colliding(app, monkeypatch, 1)
    with pytest.raises(VersionMismatchError):
        app.revise_body_rules(
            ReviseBodyRules(body_id=body, changes={"quorum": 4}, expected_version=1)
        )
    assert len(saves) == 1


def test_a_retry_returns_the_first_result_again_of_the_same_type_and_records_nothing(
    app: MeetingsApplication,
) -> None:
    """The first result is kept as data beside the events and returned again as it was:
    the caller presents a retry exactly as it presented the first answer."""
    cmd = EstablishBody(name="Board", short_name="Board", kind="board")
    first = app.establish_body(replace(cmd, idempotency=Idempotency("clerk", "k-1", "f")))
    events = app.recorder.max_notification_id()
    retry = Idempotency("clerk", "k-1", "f")
    again = app.establish_body(replace(cmd, idempotency=retry))
    assert again == first and type(again) is type(first)
    assert retry.answered_before
    assert app.recorder.max_notification_id() == events
    assert app.list_bodies(1, 10)[1] == 1
    with pytest.raises(IdempotencyKeyReusedError):
        app.establish_body(replace(cmd, idempotency=Idempotency("clerk", "k-1", "other")))


def test_a_key_answered_before_results_were_kept_replays_its_stored_answer(
    app: MeetingsApplication,
) -> None:
    """A record kept by an earlier release holds the HTTP answer it gave (no result flag):
    a retry is refused with that answer, to be sent as it was, and records nothing."""
    old = IdempotencyRecord("clerk", "k-old", "f", 201, {"id": "x", "n": [1, 2]}, 7)
    app.save(old)
    events = app.recorder.max_notification_id()
    cmd = EstablishBody(name="Board", short_name="Board", kind="board")
    with pytest.raises(ReplayedAnswer) as early:
        app.replay_if_answered(Idempotency("clerk", "k-old", "f"))
    with pytest.raises(ReplayedAnswer) as inside:
        app.establish_body(replace(cmd, idempotency=Idempotency("clerk", "k-old", "f")))
    for replay in (early, inside):
        assert replay.value.answer == Answer(201, {"id": "x", "n": [1, 2]}, 7)
    assert app.recorder.max_notification_id() == events


def test_a_result_kept_as_data_comes_back_the_same_through_the_stores_transcoder(
    app: MeetingsApplication,
) -> None:
    term = ChairTermView(
        id=uuid4(),
        person_id=uuid4(),
        person_name="Ann Example",
        role=ChairRole.VICE_CHAIR,
        starts_on=date(2026, 1, 5),
        ends_on=None,
        etag_version=3,
    )
    result = {
        "term": term,
        "terms": [term],
        "pair": (1, "two"),
        "at": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        "status": MeetingStatus.IN_SESSION,
        "nothing": None,
    }
    transcoder = app.mapper.transcoder
    again = from_data(transcoder.decode(transcoder.encode(as_data(result))))
    assert again == result
    assert type(again["status"]) is MeetingStatus and type(again["pair"]) is tuple
    with pytest.raises(TypeError):
        as_data({1: "a key that is not a name"})


def test_a_result_whose_view_class_has_gone_comes_back_as_its_fields() -> None:
    """A view class moved without `register_topic`: its fields, which a schema presents
    alike, rather than no answer at all."""
    term_id = uuid4()
    kept = {VIEW: "meetings.application.dto:NoSuchView", "id": term_id, "role": "chair"}
    assert from_data(kept) == {"id": term_id, "role": "chair"}


def test_a_stored_result_never_imports_or_calls_what_is_not_the_services_own() -> None:
    """A stored result names classes by topic: only this service's own dataclasses and
    enumerations are made again; any other topic leaves the data as it was stored."""
    called = {VIEW: "os:system", "command": "echo no"}
    assert from_data(called) == {"command": "echo no"}
    chosen = {CHOICE: "os:system", "value": "echo no"}
    assert from_data(chosen) == {CHOICE: "os:system", "value": "echo no"}
    not_a_choice = {CHOICE: "meetings.application.results:as_data", "value": 1}
    assert from_data(not_a_choice) == not_a_choice
    not_a_view = {VIEW: "meetings.application.results:as_data", "x": 1}
    assert from_data(not_a_view) == {"x": 1}
