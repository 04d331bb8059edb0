"""The use cases of the record, one mixin per part of the domain."""

from __future__ import annotations

import os

from meetings.settings import database_url, environment_for
from meetings.structure import StructureUseCases


class MeetingsApplication(StructureUseCases):
    """The partnership record: structure, meetings, actions and audit."""

    name = "meetings"


def application_from_environment() -> MeetingsApplication:
    """The application the command line and the server use, from MEETINGS_DATABASE_URL."""
    env = environment_for(database_url())
    if "MEETINGS_READ_TIMEOUT" in os.environ:
        env["MEETINGS_READ_TIMEOUT"] = os.environ["MEETINGS_READ_TIMEOUT"]
    return MeetingsApplication(env)
