"""Transcodings for the values events carry beyond eventsourcing's defaults, and for a
meeting's entries as its snapshots pack them."""

from __future__ import annotations

import base64
import zlib
from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from meetings.domain.entry_book import EntryBook, PackedEntries, Placed


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EntryBookPacked(Transcoding):
    """A meeting's entries in a snapshot: each person's attendance and departures in a
    part of their own, every other entry in a list of parts (one more for each snapshot
    that added some), each part the entries encoded as events are, compressed (zlib) and
    in base64; a part is decoded only when something reads it (`PackedEntries`), and
    packed again only when its entries change (`EntryBook.pack`). Loading a long meeting
    so reads a few hundred KiB as strings instead of decoding every entry (issue 15)."""

    type = EntryBook
    name = "entry_book"

    def __init__(self, transcoder: JSONTranscoder) -> None:
        self._transcoder = transcoder

    def encode(self, obj: EntryBook) -> dict[str, Any]:
        count, people, rest = obj.pack(self._pack)
        return {"count": count, "people": people, "rest": rest}

    def decode(self, data: dict[str, Any]) -> EntryBook:
        return EntryBook.unpacking(
            PackedEntries(data["count"], data["people"], data["rest"], self._unpack)
        )

    def _pack(self, rows: list[Placed]) -> str:
        encoded = self._transcoder.encode([list(row) for row in rows])
        return base64.b64encode(zlib.compress(encoded, 1)).decode("ascii")

    def _unpack(self, parts: list[str]) -> list[list[Placed]]:
        """Parts decoded together: one JSON document of them all, decoded at once."""
        if not parts:
            return []
        texts = [zlib.decompress(base64.b64decode(part)) for part in parts]
        decoded = self._transcoder.decode(b"[" + b",".join(texts) + b"]")
        return [[(place, entry_id, entry) for place, entry_id, entry in rows] for rows in decoded]
