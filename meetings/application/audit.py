"""Use cases of audit: the whole log in order with its hash chain, verifying it, and
exporting it so that it can be checked without the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, Notification

from meetings.application import disclosure
from meetings.application.disclosure import (
    CONFIDENTIAL_TITLE,
    STORED_ANSWER,
    UNREADABLE_EVENT,
    confidential_items,
    withheld_history,
    withheld_line,
)
from meetings.application.dto import HistoryEntry, history_entry
from meetings.application.dto.audit import LoggedEvent
from meetings.application.machinery import CoreApplication
from meetings.domain.action import Action
from meetings.domain.meeting import Meeting
from meetings.idempotency import IdempotencyRecord
from meetings.infrastructure import audit
from meetings.infrastructure.signing import head_message
from meetings.infrastructure.storage import CheckedMapper
from meetings.infrastructure.stored_log import StoredLog
from meetings.infrastructure.tokens import Principal

#: How many stored events are read at a time when verifying or exporting.
BATCH = 1000


class AuditUseCases(CoreApplication):
    """The log as an auditor reads it."""

    def construct_mapper(self) -> Mapper[UUID]:
        """A stored event that no longer decodes is named (record, version, position)."""
        return self.factory.mapper(
            transcoder=self.construct_transcoder(), mapper_class=CheckedMapper
        )

    def get_position_of(self, aggregate_id: Any, version: int) -> int | None:
        """The log position of one stored event (None if there is no such event)."""
        log = StoredLog(self.db, self.projector._events_table(), self.postgres)
        return log.position_of(aggregate_id, version)

    def list_events(self, after: int, limit: int, who: Principal | None) -> list[LoggedEvent]:
        """Events after a position, in log order, each with its link of the chain; what
        concerns a confidential item is withheld from a reader the disclosure policy does
        not show the log's confidential content (the hash stays the hash of the stored
        record)."""
        confidential = disclosure.sees_log_confidential(who)
        self._projected()
        stored = self.recorder.select_notifications(start=after + 1, limit=limit)
        links = audit.links(self.db, after, limit)
        withholding = _Withholding(self) if not confidential else None
        rows = []
        for n in stored:
            entry = self._readable(n)
            if withholding is not None:
                entry = withholding.shown(n, entry)
            link = links.get(n.id)
            rows.append(
                LoggedEvent(
                    position=n.id,
                    aggregate_id=n.originator_id,
                    version=entry.version,
                    type=entry.type,
                    recorded_at=entry.recorded_at,
                    recorded_by=entry.recorded_by,
                    data=entry.data,
                    hash=link["hash"] if link else None,
                    prev_hash=link["prev_hash"] if link else None,
                )
            )
        return rows

    def _readable(self, n: Notification) -> HistoryEntry:
        """The event as history shows it; a stored record that no longer decodes (it was
        changed outside the service) is shown as such rather than failing the read."""
        try:
            return history_entry(self.mapper.to_domain_event(n))
        except Exception:
            kind = n.topic.rsplit(":", 1)[-1]
            data = {"unreadable": "The stored record cannot be read: run an audit check."}
            return HistoryEntry(n.originator_version, kind, None, "unknown", data)  # type: ignore[arg-type]

    def get_log_verdict(self, anchor: str | None = None) -> audit.Verdict:
        """Chain what is not chained yet, then recompute the whole chain from the log;
        `anchor` is a head kept elsewhere (HASH or POSITION:HASH) that must be on it."""
        end = self.recorder.max_notification_id() or 0
        self._projected()  # chains everything recorded up to `end`, at least
        return audit.verify(
            self.list_stored_events(),
            self._chain(),
            anchor,
            through=end,
            keys=self.keys,
            redacted=audit.redactions(self.list_stored_events()),
        )

    def get_chain_head(self) -> tuple[int, str]:
        self._projected()
        return audit.chain_head(self.db)

    def get_signed_chain_head(self) -> dict[str, Any]:
        """The head, signed with the service's key when it has one: a copy kept elsewhere
        then proves that the service published it (checked with the key)."""
        position, digest = self.get_chain_head()
        head: dict[str, Any] = {"position": position, "hash": digest}
        key = self.keys.current
        if key is not None:
            head["key_id"] = key.key_id
            head["signature"] = key.sign(head_message(position, digest))
        return head

    def list_log_export(self) -> Iterator[dict[str, Any]]:
        """Every stored event with its link, in log order (for `meetings export`)."""
        self._projected()
        links = self._chain()
        link = next(links, None)
        for n in self.list_stored_events():
            while link is not None and int(link["position"]) < n.id:
                link = next(links, None)
            here = link if link is not None and int(link["position"]) == n.id else None
            yield audit.export_line(n, here)

    def list_stored_events(self) -> Iterator[Notification]:
        start = 1
        while True:
            batch = self.recorder.select_notifications(start=start, limit=BATCH)
            yield from batch
            if len(batch) < BATCH:
                return
            start = batch[-1].id + 1

    def _chain(self) -> Iterator[dict[str, Any]]:
        after = 0
        while True:
            batch = list(audit.links(self.db, after, BATCH).values())
            yield from batch
            if len(batch) < BATCH:
                return
            after = int(batch[-1]["position"])


class _Withholding:
    """What of each event someone who may not see confidential content is shown."""

    def __init__(self, app: AuditUseCases) -> None:
        self.app = app
        self.meetings: dict[UUID, tuple[dict[str, str], set[str]]] = {}

    def shown(self, n: Notification, entry: HistoryEntry) -> HistoryEntry:
        try:
            return self._shown(n, entry)
        except Exception:
            # What it concerns cannot be worked out (a changed record): show nothing of it.
            return withheld_line(entry, UNREADABLE_EVENT)

    def _shown(self, n: Notification, entry: HistoryEntry) -> HistoryEntry:
        kind = n.topic.rsplit(":", 1)[-1].split(".", 1)[0]
        if kind == IdempotencyRecord.__name__:
            return withheld_line(entry, STORED_ANSWER)
        if kind == Meeting.__name__:
            secret, hidden = self._secrets(UUID(str(n.originator_id)))
            return withheld_history(entry, secret, hidden)
        if kind == Action.__name__:
            action = self.app._get(Action, "action", UUID(str(n.originator_id)))
            secret, _ = self._secrets(action.meeting_id)
            if action.item_id in secret:
                return withheld_line(entry, f"{CONFIDENTIAL_TITLE}: {secret[action.item_id]}")
        return entry

    def _secrets(self, meeting_id: UUID) -> tuple[dict[str, str], set[str]]:
        if meeting_id not in self.meetings:
            m = self.app._get(Meeting, "meeting", meeting_id)
            secret = confidential_items(m.agenda)
            hidden = {e["id"] for e in m.entries.values() if e.get("item_id") in secret}
            self.meetings[meeting_id] = (secret, hidden)
        return self.meetings[meeting_id]
