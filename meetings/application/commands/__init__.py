"""What users ask the record to do: one frozen dataclass per command, VerbNoun, by area."""

from __future__ import annotations

from meetings.application.commands.base import (
    Command as Command,
)
from meetings.application.commands.between_meetings import (
    ActionCommand as ActionCommand,
)
from meetings.application.commands.between_meetings import (
    AddWorkplanItem as AddWorkplanItem,
)
from meetings.application.commands.between_meetings import (
    CompleteAction as CompleteAction,
)
from meetings.application.commands.between_meetings import (
    DrawUpWorkplan as DrawUpWorkplan,
)
from meetings.application.commands.between_meetings import (
    DropAction as DropAction,
)
from meetings.application.commands.between_meetings import (
    NoteProgress as NoteProgress,
)
from meetings.application.commands.between_meetings import (
    ReassignAction as ReassignAction,
)
from meetings.application.commands.between_meetings import (
    RecordRatification as RecordRatification,
)
from meetings.application.commands.between_meetings import (
    ReportItemStatus as ReportItemStatus,
)
from meetings.application.commands.between_meetings import (
    ReviseDueDate as ReviseDueDate,
)
from meetings.application.commands.between_meetings import (
    TakeActionIntoWorkplan as TakeActionIntoWorkplan,
)
from meetings.application.commands.meeting_record import (
    AddAgendaItem as AddAgendaItem,
)
from meetings.application.commands.meeting_record import (
    AddStandingItems as AddStandingItems,
)
from meetings.application.commands.meeting_record import (
    AgreeAction as AgreeAction,
)
from meetings.application.commands.meeting_record import (
    AgreeAgenda as AgreeAgenda,
)
from meetings.application.commands.meeting_record import (
    Attendance as Attendance,
)
from meetings.application.commands.meeting_record import (
    CancelMeeting as CancelMeeting,
)
from meetings.application.commands.meeting_record import (
    ChairCommand as ChairCommand,
)
from meetings.application.commands.meeting_record import (
    CloseMeeting as CloseMeeting,
)
from meetings.application.commands.meeting_record import (
    CorrectEntry as CorrectEntry,
)
from meetings.application.commands.meeting_record import (
    DeclareInterest as DeclareInterest,
)
from meetings.application.commands.meeting_record import (
    DeferItem as DeferItem,
)
from meetings.application.commands.meeting_record import (
    MeetingCommand as MeetingCommand,
)
from meetings.application.commands.meeting_record import (
    NotifyForthcomingDecision as NotifyForthcomingDecision,
)
from meetings.application.commands.meeting_record import (
    OpenMeeting as OpenMeeting,
)
from meetings.application.commands.meeting_record import (
    PostponeMeeting as PostponeMeeting,
)
from meetings.application.commands.meeting_record import (
    PublishAgenda as PublishAgenda,
)
from meetings.application.commands.meeting_record import (
    RecordAttendance as RecordAttendance,
)
from meetings.application.commands.meeting_record import (
    RecordDecision as RecordDecision,
)
from meetings.application.commands.meeting_record import (
    RecordDeparture as RecordDeparture,
)
from meetings.application.commands.meeting_record import (
    RecordNote as RecordNote,
)
from meetings.application.commands.meeting_record import (
    ReorderAgenda as ReorderAgenda,
)
from meetings.application.commands.meeting_record import (
    ScheduleMeeting as ScheduleMeeting,
)
from meetings.application.commands.meeting_record import (
    TakeChair as TakeChair,
)
from meetings.application.commands.minutes import (
    AgreeMinutes as AgreeMinutes,
)
from meetings.application.commands.minutes import (
    ApproveMinutes as ApproveMinutes,
)
from meetings.application.commands.minutes import (
    CirculateMinutes as CirculateMinutes,
)
from meetings.application.commands.minutes import (
    PublishMinutes as PublishMinutes,
)
from meetings.application.commands.structure import (
    AdoptTermsOfReference as AdoptTermsOfReference,
)
from meetings.application.commands.structure import (
    AppointChair as AppointChair,
)
from meetings.application.commands.structure import (
    AppointMember as AppointMember,
)
from meetings.application.commands.structure import (
    EndBody as EndBody,
)
from meetings.application.commands.structure import (
    EndChairTerm as EndChairTerm,
)
from meetings.application.commands.structure import (
    EndMembership as EndMembership,
)
from meetings.application.commands.structure import (
    EstablishBody as EstablishBody,
)
from meetings.application.commands.structure import (
    NameSubstitute as NameSubstitute,
)
from meetings.application.commands.structure import (
    RegisterOrganisation as RegisterOrganisation,
)
from meetings.application.commands.structure import (
    RegisterPerson as RegisterPerson,
)
from meetings.application.commands.structure import (
    ReviseBodyRules as ReviseBodyRules,
)
from meetings.application.commands.structure import (
    WithdrawSubstitute as WithdrawSubstitute,
)
