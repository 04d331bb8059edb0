"""The use cases of the record, one mixin per part of the domain."""

from __future__ import annotations

import random
import time

from eventsourcing.persistence import InternalError, OperationalError

from meetings.application.actions import ActionUseCases
from meetings.application.audit import AuditUseCases
from meetings.application.decisions import DecisionUseCases
from meetings.application.minutes import MinutesUseCases
from meetings.application.roll_call import RollCallUseCases
from meetings.application.scrutiny import ScrutinyUseCases
from meetings.application.structure import StructureUseCases
from meetings.application.workplans import WorkplanUseCases
from meetings.domain.meeting import Meeting
from meetings.infrastructure.settings import Settings

#: How often a start is tried while the database is not accepting connections yet.
STARTUP_ATTEMPTS = 6


class MeetingsApplication(
    RollCallUseCases,
    ScrutinyUseCases,
    AuditUseCases,
    WorkplanUseCases,
    DecisionUseCases,
    ActionUseCases,
    MinutesUseCases,
    StructureUseCases,
):
    """The partnership record: structure, meetings, actions and audit."""

    name = "meetings"
    #: A live meeting reaches hundreds of events: snapshots keep loading it flat.
    snapshotting_intervals = {Meeting: 50}


def application_from_settings(settings: Settings) -> MeetingsApplication:
    """The application the command line and the server use: the store MEETINGS_DATABASE_URL
    names, with the read timeout and the signing keys of the service's settings."""
    env = settings.application_environment()
    for attempt in range(STARTUP_ATTEMPTS):
        try:
            return MeetingsApplication(env)
        except (InternalError, OperationalError):
            # Starters take turns creating the tables (meetings.infrastructure.storage's
            # startup_lock); this covers a database that is still starting up as the service does.
            if attempt == STARTUP_ATTEMPTS - 1:
                raise
            time.sleep(0.2 + random.random() * 0.5)
    raise AssertionError("unreachable")
