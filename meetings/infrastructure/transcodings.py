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


#: What a part's compression starts from (zlib's preset dictionary): the words of the
#: entries a meeting records, its commonest (attendance, departures) last. A part packed
#: with it says so ("1:" before its base64) and can only be unpacked with it: these bytes
#: never change; another dictionary would be "2:".
ZDICT_1 = (
    b'"kind":"decision","at":null,"votes_by_member":null,"quorum":null,"also_referred_to":'
    b'null,"item_id":"","text":"","method":"consensus","votes":null,"within_delegated_autho'
    b'rity":true,"referred_to":null,"kind":"action","action_id":{"_type_":"uuid_hex","_data'
    b'_":""},"description":"","owner_id":"kind":"declaration","interest":"","withdrew":fals'
    b'e,"kind":"chair","reason":"","previous":{"retracted":true,"replacement"'
    b'{"id":"","kind":"note","item_id":"","text":"","at":null,"retracted":false,"correctio'
    b'ns":[]}],[0,"",{"id":"","kind":"departure","person_id":{"_type_":"uuid_hex","_data_"'
    b':""},"at":{"_type_":"datetime_iso","_data_":"2026-01-01T10:00:00+00:00"},"retracted"'
    b':false,"corrections":[]}],[[1,"",{"id":"","kind":"attendance","person_id":{"_type_":'
    b'"uuid_hex","_data_":""},"status":"present","capacity":"member","substitute_for":null'
    b',"admitted_by_chair":false,"at":{"_type_":"datetime_iso","_data_":"2026-01-01T10:00:'
    b'00.000000+00:00"},"retracted":false,"corrections":[]}]'
)


def deflate_part(data: bytes) -> str:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=ZDICT_1)
    return "1:" + base64.b64encode(packer.compress(data) + packer.flush()).decode("ascii")


def inflate_part(part: str) -> bytes:
    if part.startswith("1:"):
        unpacker = zlib.decompressobj(-15, zdict=ZDICT_1)
        return unpacker.decompress(base64.b64decode(part[2:])) + unpacker.flush()
    return zlib.decompress(base64.b64decode(part))  # the first form: zlib, no dictionary


class EntryBookPacked(Transcoding):
    """A meeting's entries in a snapshot: each person's attendance and departures in a
    part of their own, every other entry in a list of parts (one more for each snapshot
    that added some), each part the entries encoded as events are, compressed (zlib, from
    `ZDICT_1`) and in base64; a part is decoded only when something reads it (`PackedEntries`), and
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
        return deflate_part(self._transcoder.encode([list(row) for row in rows]))

    def _unpack(self, parts: list[str]) -> list[list[Placed]]:
        """Parts decoded together: one JSON document of them all, decoded at once."""
        if not parts:
            return []
        texts = [inflate_part(part) for part in parts]
        decoded = self._transcoder.decode(b"[" + b",".join(texts) + b"]")
        return [[(place, entry_id, entry) for place, entry_id, entry in rows] for rows in decoded]
