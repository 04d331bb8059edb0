"""Proving the log against its chain: every link recomputed from the stored events, the
first position that does not match named, and the rows a recorded erasure redacted explained.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from meetings.infrastructure.audit import seals
from meetings.infrastructure.audit.chain import GENESIS, StoredEvent, link_of
from meetings.infrastructure.signing import KeyRing, digest, seal_message
from meetings.infrastructure.sql import Row


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
