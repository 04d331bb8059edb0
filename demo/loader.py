"""`load_demo`: the Buckinghamshire partnership family and a year of its meetings, recorded
through the application's commands from the data files, and only once: loading again when
the BSP Board already exists records nothing."""

from __future__ import annotations

from dataclasses import dataclass

from demo.clerk import load_meetings
from demo.dates import SHIFT, WRITTEN_AS_OF
from demo.family import MARKER_SHORT_NAME, memberships, record_family
from demo.workplan import draw_up_workplan
from meetings.application import MeetingsApplication


@dataclass(frozen=True)
class DemoSummary:
    """What one call of `load_demo` recorded (all zero when it was already loaded)."""

    organisations: int
    people: int
    bodies: int
    memberships: int
    meetings: int = 0
    already_loaded: bool = False

    def __str__(self) -> str:
        """What was loaded, as a sentence (the command line prints it)."""
        if self.already_loaded:
            return "the demo partnership family was already loaded, so nothing was recorded."
        moved = SHIFT.days // 7
        dated = (
            f", its dates moved {moved} weeks on from {WRITTEN_AS_OF:%-d %B %Y} so that its "
            "year of meetings ends just before today"
            if moved
            else ""
        )
        return (
            f"{self.organisations} organisations, {self.people} people, {self.bodies} bodies, "
            f"{self.memberships} memberships and {self.meetings} meetings{dated}."
        )


def load_demo(app: MeetingsApplication) -> DemoSummary:
    """Record the Buckinghamshire partnership family and a year of its meetings, unless the
    family is already there."""
    if is_loaded(app):
        return DemoSummary(0, 0, 0, 0, already_loaded=True)
    family = record_family(app)
    meetings = load_meetings(app, family)
    draw_up_workplan(app, family.bodies["implementation"])
    counts = (len(family.organisations), len(family.people), len(family.bodies))
    return DemoSummary(*counts, memberships(), meetings)


def is_loaded(app: MeetingsApplication) -> bool:
    rows, _ = app.list_bodies(1, 1000)
    return any(row.short_name == MARKER_SHORT_NAME for row in rows)
