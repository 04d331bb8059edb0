"""A command's attempt (meetings/application/attempts.py): a write that collides with
another writer's is tried again, up to CONFLICT_RETRIES times, unless If-Match was sent."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from meetings.application import MeetingsApplication
from meetings.application.attempts import CONFLICT_RETRIES
from meetings.application.commands import EstablishBody, ReviseBodyRules
from meetings.application.errors import VersionMismatchError


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
