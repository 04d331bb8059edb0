"""The log as an export: each event's stored bytes with its link, one JSON line each, so
the chain can be recomputed offline, without the database."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from meetings.infrastructure.audit import seals
from meetings.infrastructure.audit.chain import StoredEvent
from meetings.infrastructure.sql import Row


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
