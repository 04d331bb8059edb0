"""Retries that never record twice: an Idempotency-Key becomes a tiny aggregate,
saved in the same transaction as the command's events, holding the first answer: the
command's own result, kept as data (records answered before results were kept hold the
HTTP answer they gave, status, body and version, and replay it as it was)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    """What the client was told, kept by a record answered before results were kept as
    data: status, body, and the version for its ETag."""

    status: int
    body: Any
    etag: int | None


@dataclass(frozen=True)
class FirstResult:
    """What the command returned the first time, kept as data (see `results.py`)."""

    data: Any


@dataclass
class Idempotency:
    """A client's Idempotency-Key with the fingerprint of its request. `answered_before`
    turns true when the command returns the first answer again instead of recording."""

    principal_id: str
    key: str
    fingerprint: str
    answered_before: bool = field(default=False, compare=False)


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
        #: True when `body` is the command's result as data (then status and etag are
        #: unused, 0 and None); recorded before results were kept, absent: False.
        is_result: bool = False

    @event(Answered)
    def __init__(
        self,
        principal_id: str,
        key: str,
        fingerprint: str,
        status: int,
        body: Any,
        etag: int | None,
        is_result: bool = False,
    ) -> None:
        self.principal_id = principal_id
        self.key = key
        self._answered(fingerprint, status, body, etag, is_result)

    class AnsweredAgain(RecordedAggregate.Event):
        class_version = 1
        fingerprint: str
        status: int
        body: Any
        etag: int | None
        is_result: bool = False

    @event(AnsweredAgain)
    def answer_anew(
        self, fingerprint: str, status: int, body: Any, etag: int | None, is_result: bool = False
    ) -> None:
        self._answered(fingerprint, status, body, etag, is_result)

    @classmethod
    def keep_result(cls, idem: Idempotency, data: Any) -> IdempotencyRecord:
        """A key's first answer: the command's result, as data."""
        return cls(idem.principal_id, idem.key, idem.fingerprint, 0, data, None, is_result=True)

    def keep_result_anew(self, idem: Idempotency, data: Any) -> None:
        """A key used afresh after its window: the new command's result, as data."""
        self.answer_anew(idem.fingerprint, 0, data, None, is_result=True)

    def _answered(
        self, fingerprint: str, status: int, body: Any, etag: int | None, is_result: bool
    ) -> None:
        self.fingerprint = fingerprint
        self.answer = {"status": status, "body": body, "etag": etag}
        self.is_result = is_result

    def replay(self, fingerprint: str, now: datetime) -> Answer | FirstResult | None:
        """The first answer, if the key is still live; None once it has expired."""
        if now - self.modified_on > WINDOW:
            return None
        if fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError()
        if self.is_result:
            return FirstResult(self.answer["body"])
        return Answer(**self.answer)
