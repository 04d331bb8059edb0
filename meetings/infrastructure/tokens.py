"""Bearer tokens, and the sign-in links and browser sessions that stand for them: secrets
stored only as SHA-256 hashes; revoking a token ends its links and sessions at once."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from meetings.domain.values import Role
from meetings.infrastructure.sql import Database, Row, Tx

TOKEN_PREFIX = "mtg_"
LINK_PREFIX = "msl_"


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
            tx.execute(
                "CREATE TABLE IF NOT EXISTS sign_in_links (id TEXT PRIMARY KEY,"
                " token_id TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE,"
                " created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT,"
                " session_hash TEXT)"
            )
            tx.execute(
                "CREATE TABLE IF NOT EXISTS console_sessions (id TEXT PRIMARY KEY,"
                " token_id TEXT NOT NULL, created_at TEXT NOT NULL, ended_at TEXT)"
            )
            tx.execute(
                "CREATE TABLE IF NOT EXISTS service_secrets (name TEXT PRIMARY KEY,"
                " value TEXT NOT NULL)"
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

    def get(self, token_id: str) -> Principal | None:
        """The principal of an unrevoked token, by its id."""
        row = self.db.one(
            "SELECT * FROM api_tokens WHERE id = ? AND revoked_at IS NULL", (token_id,)
        )
        return _principal(row) if row else None

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


class LinkState(StrEnum):
    """What a sign-in link is now."""

    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class SignIns:
    """One-time sign-in links for people, and the browser sessions they start: each names
    a token, so a session is that token's principal, and ends when the token is revoked."""

    def __init__(self, tokens: TokenStore) -> None:
        self.tokens = tokens
        self.db = tokens.db

    def create_link(self, token_id: str, lifetime: timedelta) -> str:
        """A one-time link secret for the token, usable until `lifetime` has passed."""
        if self.tokens.get(token_id) is None:
            raise LookupError(f"no active token with id {token_id}")
        secret = LINK_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(tz=UTC)
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO sign_in_links (id, token_id, secret_hash, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    str(uuid4()),
                    token_id,
                    _hash(secret),
                    now.isoformat(),
                    (now + lifetime).isoformat(),
                ),
            )
        return secret

    def link_state(self, secret: str) -> tuple[LinkState, Principal | None]:
        """Whether the link may still be used, and whose it is (without using it)."""
        row = self.db.one(
            "SELECT l.used_at, l.expires_at, t.revoked_at, t.id FROM sign_in_links l"
            " JOIN api_tokens t ON t.id = l.token_id WHERE l.secret_hash = ?",
            (_hash(secret),),
        )
        if row is None:
            return LinkState.UNKNOWN, None
        if row["revoked_at"] is not None:
            return LinkState.REVOKED, None
        if row["used_at"] is not None:
            return LinkState.USED, None
        if datetime.fromisoformat(row["expires_at"]) <= datetime.now(tz=UTC):
            return LinkState.EXPIRED, None
        return LinkState.VALID, self.tokens.get(row["id"])

    def use_link(self, secret: str) -> tuple[LinkState, str | None]:
        """Use the link once: a new session id for its token, or why not."""
        state, who = self.link_state(secret)
        if state is not LinkState.VALID or who is None:
            return state, None
        session_id = secrets.token_urlsafe(24)
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE sign_in_links SET used_at = ?, session_hash = ?"
                " WHERE secret_hash = ? AND used_at IS NULL",
                (datetime.now(tz=UTC).isoformat(), _hash(session_id), _hash(secret)),
            )
            won = tx.scalar(
                "SELECT session_hash FROM sign_in_links WHERE secret_hash = ?", (_hash(secret),)
            )
            if won != _hash(session_id):
                return LinkState.USED, None  # another request used it a moment ago
            self._insert_session(tx, session_id, who.id)
        return LinkState.VALID, session_id

    def start_session(self, token_id: str) -> str:
        """A new session for the token (signed in by pasting it); answers its id."""
        session_id = secrets.token_urlsafe(24)
        with self.db.transaction() as tx:
            self._insert_session(tx, session_id, token_id)
        return session_id

    @staticmethod
    def _insert_session(tx: Tx, session_id: str, token_id: str) -> None:
        tx.execute(
            "INSERT INTO console_sessions (id, token_id, created_at) VALUES (?, ?, ?)",
            (_hash(session_id), token_id, datetime.now(tz=UTC).isoformat()),
        )

    def session_principal(self, session_id: str) -> Principal | None:
        """The principal of a session that has not ended, whose token is not revoked."""
        row = self.db.one(
            "SELECT t.* FROM console_sessions s JOIN api_tokens t ON t.id = s.token_id"
            " WHERE s.id = ? AND s.ended_at IS NULL AND t.revoked_at IS NULL",
            (_hash(session_id),),
        )
        return _principal(row) if row else None

    def end_session(self, session_id: str) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE console_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                (datetime.now(tz=UTC).isoformat(), _hash(session_id)),
            )

    def secret_key(self) -> str:
        """The key that signs session cookies: made once, kept in the database, so every
        server process of a deployment agrees on it."""
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO service_secrets (name, value) VALUES ('session_key', ?)"
                " ON CONFLICT (name) DO NOTHING",
                (secrets.token_hex(32),),
            )
            value: str = tx.scalar("SELECT value FROM service_secrets WHERE name = 'session_key'")
        return value


def _principal(row: Row) -> Principal:
    return Principal(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        bodies=frozenset(UUID(b) for b in json.loads(row["bodies"])),
        person_id=UUID(row["person_id"]) if row["person_id"] else None,
    )
