"""The tamper-evident chain over the log: one link per stored event, in log order.

    hash = sha256(prev_hash + "\\n" + position + "\\n" + aggregate id + "\\n" + version
                  + "\\n" + topic + "\\n" + the stored bytes of the event)

The chain is kept beside the read models and extended in the same transaction as they
are, but it is never dropped or rebuilt: once an event is chained, a change to its stored
record (or its removal, or a swap with another) no longer matches its link. `verify`
recomputes the chain from the log and names the first position that does not match.

That is version 1 of a link. Once a signing key is configured, links are of version 2
(seals.py, beside this module): over the event's digest, carrying the seal the service
made when it wrote the event, so an event inserted behind its back is named too.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from meetings.infrastructure.audit import seals
from meetings.infrastructure.signing import KeyRing, digest, seal_message
from meetings.infrastructure.sql import Database, Row, Tx

GENESIS = "0" * 64
TABLE = (
    "CREATE TABLE IF NOT EXISTS audit_chain (position BIGINT PRIMARY KEY,"
    " hash TEXT NOT NULL, prev_hash TEXT NOT NULL)"
)


class StoredEvent(Protocol):
    """An event as the log stores it (eventsourcing's Notification has these)."""

    @property
    def id(self) -> int: ...

    @property
    def originator_id(self) -> Any: ...

    @property
    def originator_version(self) -> int: ...

    @property
    def topic(self) -> str: ...

    @property
    def state(self) -> bytes: ...


def link(
    prev_hash: str, position: int, aggregate_id: str, version: int, topic: str, state: bytes
) -> str:
    """The hash of one link of the chain."""
    head = f"{prev_hash}\n{position}\n{aggregate_id}\n{version}\n{topic}\n".encode()
    return hashlib.sha256(head + state).hexdigest()


def link_of(prev_hash: str, e: StoredEvent) -> str:
    return link(prev_hash, e.id, str(e.originator_id), e.originator_version, e.topic, e.state)


def create(tx: Tx) -> None:
    tx.execute(TABLE)
    seals.create(tx)


def head(tx: Tx) -> tuple[int, str]:
    """The last chained position and its hash (0 and the genesis hash when empty)."""
    row = tx.one("SELECT position, hash FROM audit_chain ORDER BY position DESC LIMIT 1")
    return (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)


def extend(tx: Tx, events: Sequence[StoredEvent]) -> None:
    """Chain the events beyond the current head (those already chained are left as
    they were chained: a rebuild never re-chains a changed log)."""
    position, prev = head(tx)
    new = [e for e in events if e.id > position]
    if not new:
        return
    sealed = seals.seals_of(tx, new[0].id, new[-1].id)
    # Version 2 from the first sealed event on, and never back (a version-2 link without
    # a seal is an event the service did not write: verify names it).
    v2 = (
        bool(sealed)
        or tx.scalar("SELECT link_version FROM audit_chain ORDER BY position DESC LIMIT 1") == 2
    )
    rows: list[tuple[Any, ...]] = []
    for e in new:
        seal = sealed.get(e.id)
        v2 = v2 or seal is not None
        if v2:
            sha, (key_id, signature) = digest(e.state), seal or (None, None)
            hashed = seals.link_v2(prev, e, sha, key_id, signature)
            rows.append((e.id, hashed, prev, 2, sha, key_id, signature))
        else:
            hashed = link_of(prev, e)
            rows.append((e.id, hashed, prev, None, None, None, None))
        prev = hashed
    tx.executemany(
        "INSERT INTO audit_chain (position, hash, prev_hash, link_version, digest, key_id,"
        " signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def links(db: Database, after: int, limit: int) -> dict[int, Row]:
    with db.transaction(commit=False) as tx:
        rows = tx.all(
            "SELECT position, hash, prev_hash, link_version, digest, key_id, signature"
            " FROM audit_chain WHERE position > ? ORDER BY position LIMIT ?",
            (after, limit),
        )
    return {int(r["position"]): r for r in rows}


def chain_head(db: Database) -> tuple[int, str]:
    with db.transaction(commit=False) as tx:
        return head(tx)


# Verifying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_position: int | None
    head_position: int
    head_hash: str
    problem: str | None = None
    #: Whether a head kept elsewhere (`anchor`) is on the chain: None when none was given.
    anchor_found: bool | None = None
    #: The positions whose rows a recorded erasure redacted, each explained.
    explained: tuple[str, ...] = ()


@dataclass(frozen=True)
class Redaction:
    """A row redacted in place by a recorded erasure (meetings/application/erasure.py)."""

    position: int
    before: str
    after: str
    link: str
    erasure: int
    reason: str


ERASED_TOPIC = ":Person.Erased"
CHANGED = "the stored event was changed since it was chained"


def redactions(stored: Iterable[StoredEvent]) -> dict[int, Redaction]:
    """The redactions the log's erasures record, by the position they redacted (only
    positions before their erasure's own)."""
    found: dict[int, Redaction] = {}
    for e in stored:
        if not e.topic.endswith(ERASED_TOPIC):
            continue
        try:
            data = json.loads(e.state)
            for r in data["redacted"]:
                if int(r["position"]) < e.id:
                    found[int(r["position"])] = Redaction(
                        int(r["position"]),
                        str(r["before"]),
                        str(r["after"]),
                        str(r["link"]),
                        e.id,
                        str(data["reason"]),
                    )
        except (ValueError, KeyError, TypeError):
            continue  # a changed erasure event fails at its own position
    return found


def verify(
    stored: Iterable[StoredEvent],
    chained: Iterable[Row],
    anchor: str | None = None,
    through: int | None = None,
    keys: KeyRing | None = None,
    redacted: dict[int, Redaction] | None = None,
) -> Verdict:
    """Walk the log and the stored chain side by side, recomputing every link. The first
    position where they disagree is where the log was changed, removed or reordered; every
    stored event must have its link, so the chain's head is the log's own end (a removed
    tail of links is named by its first position). `through` is the log's end when the
    check began (events recorded since may not be chained yet); `anchor` (a hash, or
    POSITION:HASH) is a head kept outside: is it on the chain? With `keys`, the seal of
    every link of version 2 is checked too (without, as offline, only its hash). A row
    that `redacted` (the log's recorded erasures) names is checked against what the
    erasure recorded, and the verdict explains it."""
    anchor_hash = anchor.split(":")[-1].strip().lower() if anchor else None
    anchor_at = int(anchor.split(":")[0]) if anchor and ":" in anchor else None
    found = False
    prev, checked, last = GENESIS, 0, 0
    explained: list[str] = []
    events, links_ = iter(stored), iter(chained)
    for row in links_:
        position = int(row["position"])
        e = next(events, None)
        if e is None:
            return _bad(
                checked, position, prev, "the event at this position is missing from the log"
            )
        if e.id != position:
            first = min(e.id, position)
            what = (
                "the event at this position is missing from the log"
                if e.id > position
                else "the log holds an event here that the chain never saw"
            )
            return _bad(checked, first, prev, what)
        wrong = _wrong_link(prev, e, row, keys)
        redaction = (redacted or {}).get(position)
        if wrong and redaction is not None:
            wrong = _wrong_redacted_link(prev, e, row, keys, redaction)
            if wrong is None:
                explained.append(
                    f"position {position}: redacted by the erasure recorded at position"
                    f" {redaction.erasure}: {redaction.reason}"
                )
        if wrong:
            return _bad(checked, position, prev, wrong)
        prev, last, checked = str(row["hash"]), position, checked + 1
        found = found or (prev == anchor_hash and anchor_at in (None, position))
    unlinked = next(events, None)
    if unlinked is not None and (through is None or unlinked.id <= through):
        return _bad(
            checked,
            unlinked.id,
            prev,
            "this stored event has no link: the chain ends before the log does (links "
            "were removed from its end)",
        )
    return Verdict(
        True, checked, None, last, prev, None, found if anchor else None, tuple(explained)
    )


def _wrong_redacted_link(
    prev: str, e: StoredEvent, row: Row, keys: KeyRing | None, r: Redaction
) -> str | None:
    """What is wrong with a row a recorded erasure redacted, if anything: its bytes must
    hash to the recorded "after", and its link be the one recorded (version 1, whose hash
    was over the bytes before) or made over the recorded "before" digest (version 2, its
    seal checked as any other)."""
    if digest(e.state) != r.after or row["prev_hash"] != prev or row["hash"] != r.link:
        return CHANGED
    if row.get("link_version") != 2:
        return None
    return _wrong_link(prev, e, row, keys, r.before)


def _wrong_link(
    prev: str, e: StoredEvent, row: Row, keys: KeyRing | None, sha: str | None = None
) -> str | None:
    """What is wrong with the event's link, if anything (`sha`: the digest its link was
    made over, when not its bytes' own: a row an erasure redacted)."""
    changed = CHANGED
    if row.get("link_version") != 2:
        ok = row["prev_hash"] == prev and link_of(prev, e) == row["hash"]
        return None if ok else changed
    sha = sha or digest(e.state)
    key_id, signature = row.get("key_id"), row.get("signature")
    if row["prev_hash"] != prev or row.get("digest") != sha:
        return changed
    if seals.link_v2(prev, e, sha, key_id, signature) != row["hash"]:
        return changed
    if not key_id or not signature:
        return "the service did not write this event: it has no seal (inserted into the log)"
    if keys is None:
        return None  # offline: the seal is checked where the keys are
    message = seal_message(e.id, str(e.originator_id), e.originator_version, e.topic, sha)
    checked = keys.check(str(key_id), message, str(signature))
    if checked is None:
        return f"the event is sealed with a key this service does not hold (key {key_id})"
    return None if checked else "the service did not write this event: its seal is false"


def _bad(checked: int, position: int, prev: str, problem: str) -> Verdict:
    return Verdict(False, checked, position, position - 1, prev, problem)


# Exports ----------------------------------------------------------------------------------


def export_line(e: StoredEvent, row: Row | None) -> dict[str, Any]:
    """One event of the log as a line of an export: the stored record (base64, exactly as
    stored, so the chain can be recomputed without the database) and what it says."""
    try:
        data = json.loads(e.state)
    except ValueError:
        data = None
    return {
        "position": e.id,
        "aggregate_id": str(e.originator_id),
        "version": e.originator_version,
        "topic": e.topic,
        "data": data,
        "stored": base64.b64encode(e.state).decode(),
        "hash": row["hash"] if row else None,
        "prev_hash": row["prev_hash"] if row else None,
        **{
            name: row.get(name)
            for name in seals.V2_COLUMNS
            if row is not None and row.get("link_version") == 2
        },
    }


@dataclass(frozen=True)
class ExportedEvent:
    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def read_export(lines: Iterable[str]) -> Iterator[tuple[ExportedEvent, Row]]:
    """The events and links of an export, for verifying it offline."""
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            event = ExportedEvent(
                int(line["position"]),
                str(line["aggregate_id"]),
                int(line["version"]),
                str(line["topic"]),
                base64.b64decode(line["stored"], validate=True),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {n} of the export is not an exported event: {error}") from None
        link = {"position": event.id, "hash": line["hash"], "prev_hash": line["prev_hash"]}
        link.update({name: line.get(name) for name in seals.V2_COLUMNS if name in line})
        yield event, link
