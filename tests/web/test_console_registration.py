"""The console's screens are registered on every app built in one process, however late
a screen module is first imported."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Blueprint

from meetings.application import MeetingsApplication
from web import create_app
from web.console.common import bp


@pytest.fixture
def late_route() -> Iterator[None]:
    """A route added to the console's blueprint after an app was built, as a screen module
    imported late adds its own; taken away again afterwards."""
    before = len(bp.deferred_functions)
    try:
        yield
    finally:
        del bp.deferred_functions[before:]


def _paths(app: object) -> set[str]:
    return {rule.rule for rule in app.url_map.iter_rules()}  # type: ignore[attr-defined]


def test_two_apps_in_one_process_both_serve_the_console(app: MeetingsApplication) -> None:
    first, second = create_app(app), create_app(app)
    for built in (first, second):
        assert "/console" in _paths(built)
        assert "/console/meetings/<uuid:meeting_id>/record" in _paths(built)
        assert isinstance(built.blueprints["console"], Blueprint)
        assert built.test_client().get("/console").status_code in (302, 303)
    assert first.blueprints["console"] is not second.blueprints["console"]


def test_a_screen_imported_after_an_app_was_built_is_served_by_later_apps(
    app: MeetingsApplication, late_route: None
) -> None:
    earlier = create_app(app)

    @bp.get("/console/late-screen")
    def late_screen() -> str:
        return "late"

    later = create_app(app)
    assert "/console/late-screen" in _paths(later)
    assert later.test_client().get("/console/late-screen").get_data(as_text=True) == "late"
    assert "/console/late-screen" not in _paths(earlier)
    assert "/console" in _paths(create_app(app))
