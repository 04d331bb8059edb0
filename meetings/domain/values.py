"""The vocabulary of the partnership family: kinds, sectors, capacities, roles."""

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
