"""The use cases of a meeting's record, before, during and just after the meeting: its
place in the calendar (`scheduling`), its agenda (`agenda`), who is in the room
(`session`), what is recorded under each item (`record_entries`), and corrections to
the record (`corrections`); what they share is `record_base`."""

from __future__ import annotations

from meetings.application.agenda import AgendaUseCases
from meetings.application.corrections import CorrectionUseCases
from meetings.application.scheduling import SchedulingUseCases


class MeetingUseCases(CorrectionUseCases, AgendaUseCases, SchedulingUseCases):
    """What the clerk does before, during and just after a meeting."""
