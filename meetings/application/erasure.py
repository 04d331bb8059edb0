"""Erasure that keeps the chain (docs/KEEPING.md, "Erasure").

A person's contact details (email, phone, notes) are stored as a Fernet token under a key of
their own, kept in `person_keys` beside the log (outside it and outside the chain).
`erase_person` records `Person.Erased`, destroys the key (every token under it is then
unreadable: in the store, in exports and in backups taken afterwards), and redacts in place
the rows that hold contact details in the clear (`Person.Registered` of version 1): the one
sanctioned rewrite of a stored event, recorded by the erasure with the SHA-256 of the row's
bytes before and after and its link, so that `verify` explains it (projections/audit.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from cryptography.fernet import Fernet, InvalidToken
from eventsourcing.utils import get_topic

from meetings.domain.errors import NotFoundError
from meetings.domain.person import ERASED, Person
from meetings.idempotency import IdempotencyRecord
from meetings.infrastructure.signing import digest
from meetings.infrastructure.sql import Database, Tx

if TYPE_CHECKING:
    from meetings.application.audit import AuditUseCases

TABLE = (
    "CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key TEXT NOT NULL,"
    " created_at TEXT NOT NULL)"
)
ANSWERED_TOPIC = get_topic(IdempotencyRecord.Answered)
#: The fields of a stored event that hold personal data in the clear (old shapes only).
PERSONAL_FIELDS = ("email", "phone", "notes")


class ErasureRefused(Exception):
    """An erasure that cannot go ahead: nothing was changed."""


def create(tx: Tx) -> None:
    tx.execute(TABLE)


def _ident(person_id: UUID | str) -> str:
    return str(UUID(str(person_id)))


def keep_key(db: Database, person_id: UUID, key: bytes) -> None:
    """Keep the key of a person being registered (before their event is saved: a refused
    registration leaves a key that nothing was ever sealed under)."""
    with db.transaction() as tx:
        tx.execute(
            "INSERT INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?)",
            (_ident(person_id), key.decode(), datetime.now(UTC).isoformat()),
        )


def seal_contact(key: bytes, details: dict[str, Any]) -> str:
    return Fernet(key).encrypt(json.dumps(details, sort_keys=True).encode()).decode()


def key_of(tx: Tx, person_id: Any) -> bytes | None:
    value = tx.scalar("SELECT key FROM person_keys WHERE person_id = ?", (_ident(person_id),))
    return str(value).encode() if value else None


def open_contact(key: bytes | None, token: str | None) -> dict[str, Any]:
    """The contact details under a token ({} when there are none, or the key is gone)."""
    if key is None or not token:
        return {}
    try:
        details = json.loads(Fernet(key).decrypt(token.encode()))
    except (InvalidToken, ValueError):
        return {}
    return details if isinstance(details, dict) else {}


def contact_of(db: Database, person_id: UUID, token: str | None) -> dict[str, Any]:
    if not token:
        return {}
    with db.transaction(commit=False) as tx:
        return open_contact(key_of(tx, person_id), token)


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
    if not isinstance(body, dict) or str(body.get("id")) != str(person_id):
        return None
    if body.get("email") in (None, ERASED):
        return None
    body["email"] = ERASED
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def erase_person(
    app: AuditUseCases, person_id: UUID, reason: str, redact_name: bool = False
) -> Erasure:
    """Erase a person's personal data, keeping the chain provable (see the module)."""
    reason = reason.strip()
    if not reason:
        raise ErasureRefused("an erasure needs a reason (--reason TEXT)")
    try:
        person = app._get(Person, "person", person_id)
    except NotFoundError:
        raise ErasureRefused(f"there is no person with id {person_id}") from None
    app.projector.catch_up()  # chain everything recorded so far
    verdict = app.verify_log()
    if not verdict.ok:
        # A link that did not check out before must not be hidden by an erasure.
        raise ErasureRefused(
            f"the log fails the hash chain at position {verdict.first_bad_position}"
            f" ({verdict.problem}): nothing is erased until it verifies"
        )
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    column = "notification_id" if app.postgres else "rowid"
    ident: Any = person_id if app.postgres else person_id.hex
    rows = app.db.all(
        f"SELECT {column} AS position, state FROM {table} WHERE originator_id = ?"
        " ORDER BY originator_version",
        (ident,),
    )
    # The answers stored for retried requests (Idempotency-Key) may have told their email.
    answers = app.db.all(
        f"SELECT {column} AS position, state FROM {table} WHERE topic = ?",
        (ANSWERED_TOPIC,),
    )
    redacted: list[dict[str, Any]] = []
    replaced: list[tuple[bytes, int]] = []
    for row, redacting in [(r, "person") for r in rows] + [(r, "answer") for r in answers]:
        state = bytes(row["state"])
        after = redact(state) if redacting == "person" else redact_answer(state, person_id)
        if after is None:
            continue
        position = int(row["position"])
        link = app.db.one(
            "SELECT hash, link_version FROM audit_chain WHERE position = ?", (position,)
        )
        if link is None:
            raise ErasureRefused(f"the event at position {position} is not chained yet")
        redacted.append(
            {
                "position": position,
                "before": digest(state),
                "after": digest(after),
                "link_version": int(link["link_version"] or 1),
                "link": str(link["hash"]),
            }
        )
        replaced.append((after, position))
    person.erase(reason=reason, redacted=redacted, name_withheld=redact_name)
    app.save(person)
    with app.db.transaction() as tx:
        tx.executemany(f"UPDATE {table} SET state = ? WHERE {column} = ?", replaced)
        tx.execute("DELETE FROM person_keys WHERE person_id = ?", (_ident(person_id),))
        if app.snapshots is not None:
            # Snapshots are a cache of the aggregate, not the record: they may hold the email.
            snapshots = app.snapshots.recorder.events_table_name  # type: ignore[attr-defined]
            tx.execute(f"DELETE FROM {snapshots} WHERE originator_id = ?", (ident,))
    app.projector.catch_up()  # the person's read models, with the erasure applied
    recorded_at = app.position_of(person_id, person.version)
    return Erasure(int(recorded_at or 0), redacted, redact_name)
