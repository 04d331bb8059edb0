"""Bearer tokens: stored only as SHA-256 hashes, revocable at once."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID, uuid4

from meetings.domain.values import Role
from projections.sql import Database, Row

TOKEN_PREFIX = "mtg_"


@dataclass(frozen=True)
class Principal:
    """Who is asking: the holder of a token, with its role and grants."""

    id: str
    name: str
    role: Role
    bodies: frozenset[UUID] = field(default_factory=frozenset)
    person_id: UUID | None = None

    @property
    def label(self) -> str:
        """How the principal is recorded on every event it causes."""
        return f"{self.name} ({self.role.value}, token {self.id[:8]})"


def _hash(secret: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough: no dictionary to attack.
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenStore:
    """Tokens live in their own table: access control, not part of the record."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as tx:
            tx.execute(
                "CREATE TABLE IF NOT EXISTS api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                " role TEXT NOT NULL, bodies TEXT NOT NULL, person_id TEXT,"
                " secret_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)"
            )

    def create(
        self,
        role: Role,
        name: str | None = None,
        bodies: list[UUID] | None = None,
        person_id: UUID | None = None,
    ) -> tuple[str, str]:
        """Issue a token; returns its id and the secret, which is shown only now."""
        token_id = str(uuid4())
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO api_tokens (id, name, role, bodies, person_id, secret_hash,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    token_id,
                    name or f"{role.value} token",
                    role.value,
                    json.dumps(sorted(str(b) for b in bodies or [])),
                    str(person_id) if person_id else None,
                    _hash(secret),
                    datetime.now(tz=UTC).isoformat(),
                ),
            )
        return token_id, secret

    def authenticate(self, secret: str) -> Principal | None:
        row = self.db.one(
            "SELECT * FROM api_tokens WHERE secret_hash = ? AND revoked_at IS NULL",
            (_hash(secret),),
        )
        return _principal(row) if row else None

    def list(self) -> list[Row]:
        rows = self.db.all(
            "SELECT id, name, role, bodies, person_id, created_at, revoked_at FROM api_tokens"
            " ORDER BY created_at"
        )
        for row in rows:
            row["bodies"] = json.loads(row["bodies"])
        return rows

    def revoke(self, token_id: str) -> bool:
        """Revoke a token; False when there is no such unrevoked token."""
        with self.db.transaction() as tx:
            row = tx.one("SELECT revoked_at FROM api_tokens WHERE id = ?", (token_id,))
            if row is None or row["revoked_at"] is not None:
                return False
            tx.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ?",
                (datetime.now(tz=UTC).isoformat(), token_id),
            )
            return True


def _principal(row: Row) -> Principal:
    return Principal(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        bodies=frozenset(UUID(b) for b in json.loads(row["bodies"])),
        person_id=UUID(row["person_id"]) if row["person_id"] else None,
    )
