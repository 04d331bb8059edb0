"""The people's keys, kept beside the log (outside it and outside the chain): a person's
contact details (email, phone, notes) are stored as a Fernet token under a key of their
own, and an erasure destroys the key (docs/KEEPING.md, "Erasure"). Never dropped with
the read models."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from cryptography.fernet import Fernet, InvalidToken

from meetings.infrastructure.sql import Database, Tx

TABLE = (
    "CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key TEXT NOT NULL,"
    " created_at TEXT NOT NULL)"
)


def create(tx: Tx) -> None:
    tx.execute(TABLE)


def _ident(person_id: UUID | str) -> str:
    return str(UUID(str(person_id)))


def new_key() -> bytes:
    return Fernet.generate_key()


def seal(key: bytes, details: dict[str, Any]) -> str:
    """Contact details as a token only their key opens."""
    return Fernet(key).encrypt(json.dumps(details, sort_keys=True).encode()).decode()


def keep_key(db: Database, person_id: UUID, key: bytes) -> None:
    with db.transaction() as tx:
        tx.execute(
            "INSERT INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?)",
            (_ident(person_id), key.decode(), datetime.now(UTC).isoformat()),
        )


def key_of(tx: Tx, person_id: Any) -> bytes | None:
    value = tx.scalar("SELECT key FROM person_keys WHERE person_id = ?", (_ident(person_id),))
    return str(value).encode() if value else None


def forget_key(tx: Tx, person_id: UUID) -> None:
    """Destroy the person's key: every token under it is unreadable from now on."""
    tx.execute("DELETE FROM person_keys WHERE person_id = ?", (_ident(person_id),))


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
    """The person's contact details ({} when none are kept, or their key is gone)."""
    if not token:
        return {}
    with db.transaction(commit=False) as tx:
        return open_contact(key_of(tx, person_id), token)
