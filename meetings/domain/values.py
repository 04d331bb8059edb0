"""The vocabulary of the partnership family: kinds, sectors, capacities, roles, and the
statuses of a meeting, its minutes and its attendance. Each value is the string stored in
the events and snapshots, so a member compares, encodes and stores as that string."""

from __future__ import annotations

from enum import StrEnum


class Sector(StrEnum):
    PUBLIC = "public"
    VOLUNTARY = "voluntary"
    BUSINESS = "business"
    OTHER = "other"


class BodyKind(StrEnum):
    CONFERENCE = "conference"
    BOARD = "board"
    EXECUTIVE = "executive"
    THEMATIC = "thematic"
    DELIVERY = "delivery"
    LSP = "lsp"
    OFFICERS = "officers"
    FORUM = "forum"
    SUB_GROUP = "sub_group"
    TASK_GROUP = "task_group"


class DecisionMethod(StrEnum):
    CONSENSUS = "consensus"
    VOTE = "vote"


class Capacity(StrEnum):
    """How a person sits on a body; only members and co-opted members decide."""

    MEMBER = "member"
    ADVISER = "adviser"
    OBSERVER = "observer"
    CO_OPTED = "co_opted"


class ChairRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"


class Role(StrEnum):
    """What a bearer token may do."""

    ADMIN = "admin"
    CLERK = "clerk"
    CHAIR = "chair"
    SCRUTINY = "scrutiny"
    MEMBER = "member"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_SESSION = "in_session"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class MinutesStatus(StrEnum):
    """The life of the minutes, in order."""

    DRAFT = "draft"
    AGREED = "agreed"
    CIRCULATED = "circulated"
    APPROVED = "approved"
    PUBLISHED = "published"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class AttendanceCapacity(StrEnum):
    """The capacity a person attended a meeting in."""

    MEMBER = "member"
    ADVISER = "adviser"
    OBSERVER = "observer"
    OFFICER = "officer"
    GUEST = "guest"


class HowDecided(StrEnum):
    """How a recorded decision was reached (a body's rule is its `DecisionMethod`)."""

    CONSENSUS = "consensus"
    VOTE = "vote"
    NOTED = "noted"
