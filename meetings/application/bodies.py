"""Use cases for the bodies the partners form: their rules, terms of reference and chairs,
and their winding up."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from meetings.application.commands import (
    AdoptTermsOfReference,
    AppointChair,
    EndBody,
    EndChairTerm,
    EstablishBody,
    ReviseBodyRules,
)
from meetings.application.dto import BodyView, ChairTermView, TermsOfReferenceView
from meetings.application.dto.structure import BodyRow
from meetings.application.facts import structure as facts
from meetings.application.machinery import CoreApplication
from meetings.application.queries import Row
from meetings.application.queries import structure as queries
from meetings.domain.body import REVISABLE_RULES, Body
from meetings.domain.errors import RuleBrokenError
from meetings.domain.person import Person
from meetings.domain.rules import london_date, london_today
from meetings.domain.values import MeetingStatus

_BODY_FIELDS = (*REVISABLE_RULES, "replaces")


class BodyUseCases(CoreApplication):
    """Which bodies the partners form, under what rules, and who chairs them."""

    def establish_body(self, cmd: EstablishBody) -> BodyView:
        self._require(Body, "body", "reports_to", cmd.reports_to)
        for replaced in cmd.replaces:
            self._require(Body, "body", "replaces", replaced)
        fields = {name: getattr(cmd, name) for name in _BODY_FIELDS}
        return self._create(
            cmd,
            lambda: Body(**fields),
            # A body just established cannot have been replaced yet: no read-model wait.
            lambda b: self._body_view(b, london_today(), members=[], replaced_by=[]),
        )

    def revise_body_rules(self, cmd: ReviseBodyRules) -> BodyView:
        reports_to = cmd.changes.get("reports_to")
        if reports_to is not None:
            assert isinstance(reports_to, UUID)
            self._require(Body, "body", "reports_to", reports_to)
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.revise_rules(dict(cmd.changes)),
            lambda b, _: self._body_view(b, london_today()),
        )

    def end_body(self, cmd: EndBody) -> BodyView:
        """Wind the body up: its last day is `ends_on`; it meets no more after it."""
        self._get(Body, "body", cmd.body_id)
        meetings = facts.meeting_days(self, cmd.body_id)
        _refuse_later_meetings(meetings, cmd.ends_on)
        held = [day for day, status in meetings if status in _HELD]
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.end(cmd.ends_on, cmd.reason, max(held, default=None)),
            lambda b, _: self._body_view(b, london_today()),
        )

    def get_wound_up(self, body_id: UUID, day: date | None = None) -> bool:
        """Whether the body had ended by `day` (default today)."""
        ends_on = self._get(Body, "body", body_id).ends_on
        return ends_on is not None and ends_on < (day or london_today())

    def get_body(
        self, body_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> BodyView:
        body = self._get_as_at(Body, "body", body_id, version, as_at)
        if isinstance(as_at, datetime):
            day = london_date(as_at)
        elif isinstance(as_at, date):
            day = as_at
        else:
            day = london_today()
        return self._body_view(body, day)

    def list_bodies(self, page: int, page_size: int) -> tuple[list[BodyRow], int]:
        return queries.list_bodies(self, page, page_size)

    def adopt_terms_of_reference(self, cmd: AdoptTermsOfReference) -> TermsOfReferenceView:
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.adopt_terms_of_reference(cmd.text, cmd.adopted_on),
            lambda b, adopted: TermsOfReferenceView(**adopted, etag_version=b.version),
        )

    def list_terms_of_reference(self, body_id: UUID) -> list[TermsOfReferenceView]:
        body = self._get(Body, "body", body_id)
        return [TermsOfReferenceView(**t) for t in body.terms_of_reference]

    def appoint_chair(self, cmd: AppointChair) -> ChairTermView:
        person = self._require(Person, "person", "person_id", cmd.person_id)
        assert person is not None
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.appoint_chair(
                uuid4(), cmd.person_id, person.name, cmd.role, cmd.starts_on, cmd.ends_on
            ),
            lambda b, term: _chair_view(term, b.version),
        )

    def end_chair_term(self, cmd: EndChairTerm) -> ChairTermView:
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.end_chair_term(cmd.appointment_id, cmd.ends_on, cmd.reason),
            lambda b, _: _chair_view(b.chair_term(cmd.appointment_id), b.version),
        )

    def list_chairs(self, body_id: UUID) -> list[ChairTermView]:
        body = self._get(Body, "body", body_id)
        return [_chair_view(t) for t in body.chairs]

    # Presenting ----------------------------------------------------------------------

    def _replaced_by(self, body_id: UUID) -> list[UUID]:
        """The bodies established to replace this one."""
        others = (self._get(Body, "body", other) for other in queries.list_body_ids(self))
        return [other.id for other in others if body_id in other.replaces]

    def _body_view(
        self,
        body: Body,
        day: date,
        members: list[Row] | None = None,
        replaced_by: list[UUID] | None = None,
    ) -> BodyView:
        if members is None:
            members = queries.list_memberships_of_body(self, body.id, day)
        chair, vice = body.chair_on("chair", day), body.chair_on("vice_chair", day)
        tor = body.terms_of_reference_on(day)
        return BodyView(
            id=body.id,
            **{name: getattr(body, name) for name in _BODY_FIELDS},
            as_of=day,
            members=members,
            chair=_chair_view(chair) if chair else None,
            vice_chair=_chair_view(vice) if vice else None,
            chairs=[_chair_view(t) for t in body.chairs],
            terms_of_reference=TermsOfReferenceView(**tor) if tor else None,
            version=body.version,
            **body.rules_of_governance(),
            ends_on=body.ends_on,
            end_reason=body.end_reason,
            replaced_by=self._replaced_by(body.id) if replaced_by is None else replaced_by,
        )


#: The statuses of a meeting that has been held.
_HELD = (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED)


def _refuse_later_meetings(meetings: list[tuple[date, str]], ends_on: date) -> None:
    """A body is not wound up while it has meetings scheduled after its last day."""
    later = [day for day, status in meetings if status == MeetingStatus.SCHEDULED and day > ends_on]
    if later:
        raise RuleBrokenError(
            f"The body has {len(later)} meeting(s) scheduled after {ends_on.isoformat()}"
            f" (the first on {later[0].isoformat()}): cancel them before winding it up."
        )


def _chair_view(term: dict[str, Any], etag_version: int | None = None) -> ChairTermView:
    return ChairTermView(
        **{k: term[k] for k in ("id", "person_id", "person_name", "role", "starts_on", "ends_on")},
        etag_version=etag_version,
    )
