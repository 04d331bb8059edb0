"""What scrutiny reads of a decision's authority: the body and meeting, who chaired, who
was in the room and the quorum, delegated authority and ratification, the terms of
reference, and who recorded and corrected it. Only what the record holds as open data
(votes, a correction's fields, a ratification as the register holds it) stays a mapping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from meetings.application.dto import TermsOfReferenceView
from meetings.application.dto.scrutiny import exactly

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AuthorityDecision:
    """The decision as the meeting recorded it (every correction applied)."""

    id: str
    item_id: str
    text: str
    method: str
    #: For, against and abstaining, when a vote was taken.
    votes: Mapping[str, int] | None
    item_number: int
    item_title: str
    confidential: bool
    within_delegated_authority: bool
    requires_ratification: bool
    referred_to: str | None
    referred_to_name: str | None


@dataclass(frozen=True, slots=True)
class NamedBody:
    id: UUID
    name: str


@dataclass(frozen=True, slots=True)
class AuthorityMeeting:
    id: UUID
    starts_at: datetime
    kind: str
    venue: str | None
    opened_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True, slots=True)
class ChairHolder:
    """The body's chair or vice-chair in office on the meeting's day."""

    person_id: UUID
    person_name: str
    role: str


@dataclass(frozen=True, slots=True)
class InTheChair(ChairHolder):
    """Who was in the chair when the decision was recorded: `recorded` in the chair at
    the meeting, or else the body's chair in office that day."""

    recorded: bool


@dataclass(frozen=True, slots=True)
class AuthorityQuorum:
    """Members in the room when the decision was recorded (`at`), against the quorum."""

    required: int | None
    members_present: int
    quorate: bool
    at: datetime
    recorded_after_close: bool


@dataclass(frozen=True, slots=True)
class MemberPresent:
    person_id: UUID
    person_name: str
    substitute_for: UUID | None
    substitute_for_name: str | None


@dataclass(frozen=True, slots=True)
class ForwardPlanNotice:
    """The forward plan entry of the decision's item, and how long before the meeting."""

    id: UUID
    subject: str
    notified_on: date
    days_before_meeting: int


@dataclass(frozen=True, slots=True)
class AuthorityRatification:
    """Whether the partners must ratify, the rule that decided it, and how they have."""

    required: bool
    reason: str
    decision_notice_days: int | None
    forward_plan: ForwardPlanNotice | None
    status: str
    #: The partners' ratifications so far, oldest first, as the register holds them.
    ratifications: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class AuthorityCorrection:
    """A correction of the decision: who, when, why, and only the fields it changed."""

    recorded_by: str
    recorded_at: datetime
    reason: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class DecisionAuthorityReport:
    """On whose authority a decision was taken, as a reader may see it: the body and
    meeting, who chaired, the members in the room and the quorum when it was recorded,
    delegated authority and ratification, the terms of reference in force, and who
    recorded and corrected it."""

    decision: AuthorityDecision
    body: NamedBody
    meeting: AuthorityMeeting
    chair: ChairHolder | None
    vice_chair: ChairHolder | None
    in_the_chair: InTheChair | None
    quorum: AuthorityQuorum
    members_present: tuple[MemberPresent, ...]
    ratification: AuthorityRatification
    terms_of_reference: TermsOfReferenceView | None
    recorded_by: str
    recorded_at: datetime
    corrections: tuple[AuthorityCorrection, ...]

    @classmethod
    def of(cls, report: Mapping[str, Any]) -> DecisionAuthorityReport:
        """The report as `DecisionAuthority` shapes it (and the disclosure policy shows it)."""
        ratification = report["ratification"]
        plan = ratification["forward_plan"]
        terms = report["terms_of_reference"]
        return exactly(
            cls,
            {
                **report,
                "decision": exactly(AuthorityDecision, report["decision"]),
                "body": exactly(NamedBody, report["body"]),
                "meeting": exactly(AuthorityMeeting, report["meeting"]),
                "chair": _maybe(ChairHolder, report["chair"]),
                "vice_chair": _maybe(ChairHolder, report["vice_chair"]),
                "in_the_chair": _maybe(InTheChair, report["in_the_chair"]),
                "quorum": exactly(AuthorityQuorum, report["quorum"]),
                "members_present": tuple(
                    exactly(MemberPresent, p) for p in report["members_present"]
                ),
                "ratification": exactly(
                    AuthorityRatification,
                    {
                        **ratification,
                        "forward_plan": _maybe(ForwardPlanNotice, plan),
                        "ratifications": tuple(ratification["ratifications"]),
                    },
                ),
                "terms_of_reference": None if terms is None else TermsOfReferenceView(**terms),
                "corrections": tuple(
                    exactly(AuthorityCorrection, c) for c in report["corrections"]
                ),
            },
        )


def _maybe(cls: type[T], data: Mapping[str, Any] | None) -> T | None:
    return None if data is None else exactly(cls, data)
