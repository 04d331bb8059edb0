"""Retries that never record twice: an Idempotency-Key becomes a tiny aggregate,
saved in the same transaction as the command's events, holding the first answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import InvalidFieldError, MeetingsError

#: How long a key keeps its first answer.
WINDOW = timedelta(hours=24)
_NAMESPACE = uuid5(NAMESPACE_URL, "urn:meetings:idempotency")


@dataclass(frozen=True)
class Answer:
    """What the client was told: status, body, and the version for its ETag."""

    status: int
    body: Any
    etag: int | None


@dataclass(frozen=True)
class Idempotency:
    """A client's Idempotency-Key with the fingerprint of its request."""

    principal_id: str
    key: str
    fingerprint: str
    render: Callable[[Any], Answer]


class ReplayedAnswer(MeetingsError):
    def __init__(self, answer: Answer) -> None:
        super().__init__("This request was already answered.")
        self.answer = answer


class IdempotencyKeyReusedError(InvalidFieldError):
    def __init__(self) -> None:
        super().__init__(
            "Idempotency-Key",
            "This Idempotency-Key was used in the last 24 hours for a different request: "
            "use a new key for a new request.",
        )


class IdempotencyRecord(RecordedAggregate):
    """The first answer to a principal's key; a key may be used afresh after 24 hours."""

    @staticmethod
    def create_id(principal_id: str, key: str) -> UUID:
        return uuid5(_NAMESPACE, f"{principal_id}\n{key}")

    class Answered(RecordedAggregate.Created):
        class_version = 1
        principal_id: str
        key: str
        fingerprint: str
        status: int
        body: Any
        etag: int | None

    @event(Answered)
    def __init__(
        self,
        principal_id: str,
        key: str,
        fingerprint: str,
        status: int,
        body: Any,
        etag: int | None,
    ) -> None:
        self.principal_id = principal_id
        self.key = key
        self._answered(fingerprint, status, body, etag)

    class AnsweredAgain(RecordedAggregate.Event):
        class_version = 1
        fingerprint: str
        status: int
        body: Any
        etag: int | None

    @event(AnsweredAgain)
    def answer_anew(self, fingerprint: str, status: int, body: Any, etag: int | None) -> None:
        self._answered(fingerprint, status, body, etag)

    def _answered(self, fingerprint: str, status: int, body: Any, etag: int | None) -> None:
        self.fingerprint = fingerprint
        self.answer = {"status": status, "body": body, "etag": etag}

    def replay(self, fingerprint: str, now: datetime) -> Answer | None:
        """The first answer, if the key is still live; None once it has expired."""
        if now - self.modified_on > WINDOW:
            return None
        if fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError()
        return Answer(**self.answer)
