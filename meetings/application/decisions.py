"""Use cases for decisions after the meeting: the register, ratification, referrals."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from meetings.application.commands import RecordRatification
from meetings.application.disclosure import (
    confidential_items,
    shown_decision,
    withheld_history,
)
from meetings.application.dto import HistoryEntry, jsonable
from meetings.application.dto.decisions import (
    DecisionChain,
    DecisionRecord,
    DecisionRow,
    ReferredMatter,
)
from meetings.application.facts import record as facts
from meetings.application.machinery import CoreApplication
from meetings.application.queries import decisions as read
from meetings.application.queries import readers
from meetings.domain.body import Body
from meetings.domain.errors import NotFoundError, RuleBrokenError
from meetings.domain.meeting import Meeting
from meetings.domain.organisation import Organisation
from meetings.domain.ratification import Ratifications
from meetings.infrastructure.sql import Row
from meetings.infrastructure.tokens import Principal

FILTERS = ("body_id", "from", "to", "requires_ratification", "q", "referred_to")


class DecisionUseCases(CoreApplication):
    """What was decided, on whose authority, ratified by whom, and where it went next."""

    def list_decisions(
        self,
        filters: dict[str, Any],
        page: int,
        page_size: int,
        who: Principal | None,
    ) -> tuple[list[DecisionRow], int]:
        """The register: decisions matching the filters, each as this reader may see it."""
        bodies = readers.confidential_bodies(self, who)
        rows, total = read.list_register(
            self,
            {**{k: filters.get(k) for k in FILTERS}, "visible_bodies": bodies},
            page,
            page_size,
        )
        return [DecisionRow.of(shown_decision(r, bodies)) for r in rows], total

    def get_decision(
        self,
        decision_id: UUID,
        who: Principal | None,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> DecisionRecord:
        """A decision now, or as it stood at a moment (`as_at`) or at a version of its
        meeting (`version`): its words as then corrected, and the ratifications by then,
        as this reader may see it."""
        bodies = readers.confidential_bodies(self, who)
        row = self._decision(decision_id)
        row["ratifications"] = read.list_ratifications(self, row["id"])
        row["parties"] = facts.ratifying_partners(self, row)
        if version is not None or as_at is not None:
            row = self._decision_then(row, version, as_at)
        return DecisionRecord.of(shown_decision(row, bodies))

    def _decision_then(
        self, row: Row, version: int | None, as_at: datetime | date | None
    ) -> dict[str, Any]:
        meeting = self._get_as_at(Meeting, "meeting", UUID(row["meeting_id"]), version, as_at)
        entry = meeting.entries.get(row["id"])
        if entry is None or entry["retracted"]:
            raise NotFoundError("decision as it then stood", row["id"])
        then = {**row, **{k: jsonable(entry[k]) for k in DECIDED}}
        if as_at is None:
            return then
        return {**then, **self._ratified_then(row, then["requires_ratification"], as_at)}

    def _ratified_then(self, row: Row, required: bool, as_at: datetime | date) -> dict[str, Any]:
        """The ratifications of a decision recorded by a moment, and its status then."""
        ratified: list[dict[str, Any]] = []
        status = "not required" if not required else "awaiting ratification"
        try:
            record = self._get_as_at(
                Ratifications,
                "ratifications",
                Ratifications.create_id(UUID(row["id"])),
                None,
                as_at,
            )
        except NotFoundError:
            record = None
        if record is not None and required:
            names = {r["organisation_id"]: r.get("organisation_name") for r in row["ratifications"]}
            ratified = [
                {
                    **o,
                    "organisation_id": str(o["organisation_id"]),
                    "organisation_name": names.get(str(o["organisation_id"])),
                }
                for o in sorted(record.outcomes.values(), key=lambda o: o["on"])
            ]
            status = record.status
        return {"ratifications": ratified, "ratification_status": status}

    def get_decision_history(self, decision_id: UUID, who: Principal | None) -> list[HistoryEntry]:
        """The events of a decision, oldest first: recorded (and corrected) in its meeting,
        then each ratification; what a confidential item holds is withheld from a reader
        who may not see it."""
        sees = readers.sees_confidential(self, who, self.get_body_of_decision(decision_id))
        row = self._decision(decision_id)
        meeting = self._get(Meeting, "meeting", UUID(row["meeting_id"]))
        entries = [
            h
            for h in self.get_history(Meeting, "meeting", meeting.id)
            if h.data.get("entry_id") == row["id"]
        ]
        ratifications_id = Ratifications.create_id(UUID(row["id"]))
        if self.exists(Ratifications, ratifications_id):
            entries += self.get_history(Ratifications, "ratifications", ratifications_id)
        if not sees:
            secret = confidential_items(meeting.agenda)
            hidden = {row["id"]} if row["item_id"] in secret else set()
            entries = [withheld_history(h, secret, hidden) for h in entries]
        return sorted(entries, key=lambda h: h.recorded_at)

    def get_decision_chain(self, decision_id: UUID, who: Principal | None) -> DecisionChain:
        """Where a matter came from (oldest first) and where it went (in order), each
        decision as this reader may see it."""
        bodies = readers.confidential_bodies(self, who)
        row = self._decision(decision_id)
        seen = {row["id"]}
        upstream, downstream = self._upstream(row, seen), self._downstream(row, seen)

        def shown(rows: list[Row]) -> list[DecisionRow]:
            return [DecisionRow.of(shown_decision(d, bodies)) for d in rows]

        return DecisionChain(shown(upstream), shown([row]), shown(downstream))

    def _upstream(self, row: Row, seen: set[str]) -> list[Row]:
        """Every branch upstream, oldest first: each item may take up several referred
        decisions."""
        upstream: list[Row] = []
        frontier = [row]
        while frontier and len(upstream) < 50:
            found = []
            for d in frontier:
                for origin in read.list_origins(self, d["item_id"]):
                    previous = read.get_decision_row(self, origin) if origin not in seen else None
                    if previous is not None:
                        seen.add(origin)
                        found.append(previous)
            upstream = found + upstream
            frontier = found
        upstream.sort(key=lambda d: d["starts_at"])
        return upstream

    def _downstream(self, row: Row, seen: set[str]) -> list[Row]:
        """Every branch downstream, in order: a matter may be referred to several bodies."""
        downstream: list[Row] = []
        ids = [row["id"]]
        while ids and len(downstream) < 200:
            taken = [
                d
                for f in ids
                for d in read.list_taken_up_by(self, f)
                if d["id"] not in seen and not seen.add(d["id"])  # type: ignore[func-returns-value]
            ]
            downstream += taken
            ids = [d["id"] for d in taken]
        return downstream

    def list_referred_matters(self, body_id: UUID, who: Principal | None) -> list[ReferredMatter]:
        """The matters referred to the body, each as this reader may see it."""
        bodies = readers.confidential_bodies(self, who)
        self._get(Body, "body", body_id)
        return [
            ReferredMatter.of(shown_decision(r, bodies))
            for r in read.list_referred_matters(self, body_id)
        ]

    def record_ratification(self, cmd: RecordRatification) -> dict[str, Any]:
        decision = facts.decision(self, cmd.decision_id)
        if decision is None:
            raise NotFoundError("decision", cmd.decision_id)
        if not decision["requires_ratification"]:
            raise RuleBrokenError("This decision needs no ratification by the partners.")
        self._check_reference(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        ratifications_id = Ratifications.create_id(cmd.decision_id)
        if not self.exists(Ratifications, ratifications_id):
            # The first ratification opens the record in the same save: a refused one
            # records nothing at all.
            with contextlib.suppress(IntegrityError):
                return self._create(
                    cmd,
                    lambda: _opened(cmd, facts.ratifying_partners(self, decision)),
                    lambda r: _ratification_view(cmd, r),
                )
        return self._update(
            cmd,
            Ratifications,
            "ratifications",
            ratifications_id,
            lambda r: r.record(cmd.organisation_id, cmd.outcome, cmd.on),
            lambda r, _: _ratification_view(cmd, r),
        )

    def get_body_of_decision(self, decision_id: UUID) -> UUID:
        return UUID(self._decision(decision_id)["body_id"])

    def _decision(self, decision_id: UUID) -> Row:
        row = read.get_decision_row(self, decision_id)
        if row is None:
            raise NotFoundError("decision", decision_id)
        return row


#: What a decision's entry in its meeting says (and a correction may change).
DECIDED = (
    "text",
    "method",
    "votes",
    "within_delegated_authority",
    "referred_to",
    "requires_ratification",
)


def _opened(cmd: RecordRatification, partners: list[str]) -> Ratifications:
    """The partners' ratifications of a decision, opened with the first of them."""
    record = Ratifications(cmd.decision_id, [UUID(p) for p in partners])
    record.record(cmd.organisation_id, cmd.outcome, cmd.on)
    return record


def _ratification_view(cmd: RecordRatification, record: Ratifications) -> dict[str, Any]:
    """The answer to a ratification: what was recorded, and where ratification stands."""
    return {
        "decision_id": cmd.decision_id,
        "organisation_id": cmd.organisation_id,
        "outcome": cmd.outcome,
        "on": cmd.on,
        "status": record.status,
        "version": record.version,
    }
