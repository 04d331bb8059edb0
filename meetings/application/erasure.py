"""Erasure that keeps the chain (docs/KEEPING.md, "Erasure").

A person's contact details (email, phone, notes) are stored as a Fernet token under a key of
their own, kept in `person_keys` beside the log (outside it and outside the chain; see
meetings/infrastructure/person_keys.py). `erase_person` records `Person.Erased`, destroys
the key (every token under it is then unreadable: in the store, in exports and in backups
taken afterwards), and redacts in place the rows that hold contact details in the clear
(`Person.Registered` of version 1; meetings/infrastructure/stored_log.py): the one
sanctioned rewrite of a stored event, recorded by the erasure with the SHA-256 of the row's
bytes before and after and its link, so that `verify` explains it
(meetings/infrastructure/audit/).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from meetings.application.audit import AuditUseCases
from meetings.domain.errors import NotFoundError
from meetings.domain.person import ERASED, Person
from meetings.idempotency import IdempotencyRecord
from meetings.infrastructure import audit
from meetings.infrastructure.signing import digest
from meetings.infrastructure.stored_log import StoredLog

ANSWERED_TOPIC = get_topic(IdempotencyRecord.Answered)
#: The fields of a stored event that hold personal data in the clear (old shapes only).
PERSONAL_FIELDS = ("email", "phone", "notes")


class ErasureRefused(Exception):
    """An erasure that cannot go ahead: nothing was changed."""


@dataclass(frozen=True)
class Erasure:
    position: int
    redacted: list[dict[str, Any]]
    name_withheld: bool


def redact(state: bytes) -> bytes | None:
    """The stored bytes with their personal fields erased (None: none held in the clear)."""
    data = json.loads(state)
    if not isinstance(data, dict):
        return None
    found = [f for f in PERSONAL_FIELDS if data.get(f) not in (None, ERASED)]
    if not found:
        return None
    for name in found:
        data[name] = ERASED
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def redact_answer(state: bytes, person_id: UUID) -> bytes | None:
    """A stored answer to a request (an idempotency record) that told the person's email
    in the clear, with it erased (None: it told none of theirs)."""
    data = json.loads(state)
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, dict) or _told_id(body.get("id")) != str(person_id):
        return None
    if body.get("email") in (None, ERASED):
        return None
    body["email"] = ERASED
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def _told_id(stored: Any) -> str:
    """An id as an answer told it: a string (an HTTP answer kept), or the id itself as
    the store's transcoder keeps it (a result kept as data, see results.py)."""
    if isinstance(stored, dict) and stored.get("_type_") == "uuid_hex":
        return str(UUID(stored["_data_"]))
    return str(stored)


def erase_person(
    app: AuditUseCases, person_id: UUID, reason: str, redact_name: bool = False
) -> Erasure:
    """Erase a person's personal data, keeping the chain provable (see the module)."""
    reason = reason.strip()
    if not reason:
        raise ErasureRefused("an erasure needs a reason (--reason TEXT)")
    person = _load(app, person_id)
    _require_verified(app)
    replaced, redacted = _redactions(app, person_id)
    person.erase(reason=reason, redacted=redacted, name_withheld=redact_name)
    app.save(person)
    _rewrite(app, person_id, replaced)
    app.projector.catch_up()  # the person's read models, with the erasure applied
    recorded_at = app.get_position_of(person_id, person.version)
    return Erasure(int(recorded_at or 0), redacted, redact_name)


def _load(app: AuditUseCases, person_id: UUID) -> Person:
    try:
        return app._get(Person, "person", person_id)
    except NotFoundError:
        raise ErasureRefused(f"there is no person with id {person_id}") from None


def _require_verified(app: AuditUseCases) -> None:
    """A link that did not check out before must not be hidden by an erasure."""
    app.projector.catch_up()  # chain everything recorded so far
    verdict = app.get_log_verdict()
    if not verdict.ok:
        raise ErasureRefused(
            f"the log fails the hash chain at position {verdict.first_bad_position}"
            f" ({verdict.problem}): nothing is erased until it verifies"
        )


def _stored_log(app: AuditUseCases) -> StoredLog:
    table: str = app.recorder.events_table_name  # type: ignore[attr-defined]
    return StoredLog(app.db, table, app.postgres)


def _redactions(
    app: AuditUseCases, person_id: UUID
) -> tuple[list[tuple[bytes, int]], list[dict[str, Any]]]:
    """The rows to redact (their new bytes, by position), and what the erasure records of
    each: its position, the digests of its bytes before and after, and its link."""
    log = _stored_log(app)
    rows = [(r, "person") for r in log.rows_of(person_id)]
    # The answers stored for retried requests (Idempotency-Key) may have told their email.
    rows += [(r, "answer") for r in log.rows_of_topic(ANSWERED_TOPIC)]
    redacted: list[dict[str, Any]] = []
    replaced: list[tuple[bytes, int]] = []
    for (position, state), redacting in rows:
        after = redact(state) if redacting == "person" else redact_answer(state, person_id)
        if after is not None:
            redacted.append(_recorded(app, position, state, after))
            replaced.append((after, position))
    return replaced, redacted


def _recorded(app: AuditUseCases, position: int, before: bytes, after: bytes) -> dict[str, Any]:
    link = audit.links(app.db, position - 1, 1).get(position)
    if link is None:
        raise ErasureRefused(f"the event at position {position} is not chained yet")
    return {
        "position": position,
        "before": digest(before),
        "after": digest(after),
        "link_version": int(link["link_version"] or 1),
        "link": str(link["hash"]),
    }


def _rewrite(app: AuditUseCases, person_id: UUID, replaced: list[tuple[bytes, int]]) -> None:
    """Redact the rows in place, destroy the person's key, and drop their snapshots."""
    snapshots = None
    if app.snapshots is not None:
        snapshots = app.snapshots.recorder.events_table_name  # type: ignore[attr-defined]
    _stored_log(app).redact(person_id, replaced, snapshots)
