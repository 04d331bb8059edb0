"""A meeting's `EntryBook` answers as the dict of entries it replaced, packed or not, and
a packed one decodes only what is read: one person's part for a tap's rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, UUIDAsHex

from meetings.domain.entries import corrected, new_entry
from meetings.domain.entry_book import BY_PERSON, EntryBook, PackedEntries
from meetings.infrastructure.transcodings import DateAsISO, EntryBookPacked, inflate_part

T0 = datetime(2026, 3, 20, 10, tzinfo=UTC)
PEOPLE = [uuid4() for _ in range(6)]


def _transcoding() -> EntryBookPacked:
    transcoder = JSONTranscoder()
    for t in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(t)
    packed = EntryBookPacked(transcoder)
    transcoder.register(packed)
    return packed


def _repacked(book: EntryBook) -> EntryBook:
    """The book through a snapshot: packed, then unpacked as a load does."""
    packing = _transcoding()
    return packing.decode(packing.encode(book))


def _theirs(entries: dict[str, Any], person: UUID) -> dict[str, Any]:
    return {i: e for i, e in entries.items() if e["kind"] in BY_PERSON and e["person_id"] == person}


def _random_entry(rng: random.Random, n: int) -> dict[str, Any]:
    entry_id = f"e{n}"
    at = T0 + timedelta(minutes=n)
    kind = rng.choice(["attendance", "departure", "note", "chair"])
    if kind == "attendance":
        return new_entry(
            entry_id, kind, person_id=rng.choice(PEOPLE), status="present", capacity="member",
            substitute_for=None, admitted_by_chair=False, at=at,
        )  # fmt: skip
    if kind == "note":
        return new_entry(entry_id, kind, item_id="i1", text=f"Note {n}")
    return new_entry(entry_id, kind, person_id=rng.choice(PEOPLE), at=at)


def _replacement(rng: random.Random, entry: dict[str, Any]) -> dict[str, Any]:
    if entry["kind"] in BY_PERSON and rng.random() < 0.5:  # the wrong person named
        return corrected(entry, "Wrong person", {"person_id": rng.choice(PEOPLE)})
    return corrected(entry, "Recorded in error", None)


@pytest.mark.parametrize("seed", range(12))
def test_a_book_answers_as_the_dict_it_replaced(seed: int) -> None:
    """Random records (arrivals, departures, notes, the chair; corrections that retract
    or name another person), snapshotted at random moments: every read, on every copy,
    is the plain dict's."""
    rng = random.Random(seed)
    model: dict[str, Any] = {}
    book = EntryBook()
    for n in range(120):
        if model and rng.random() < 0.2:
            entry_id = rng.choice(list(model))
            model[entry_id] = _replacement(rng, model[entry_id])
            book[entry_id] = model[entry_id]
        else:
            entry = _random_entry(rng, n)
            model[entry["id"]] = entry
            book.add(entry["id"], entry)
        if rng.random() < 0.1:
            book = _repacked(book)
        if rng.random() < 0.1:
            book = book.fork()
        person = rng.choice(PEOPLE)
        assert book.of_person(person) == _theirs(model, person)
        assert list(book.of_person(person)) == list(_theirs(model, person))
        assert len(book) == len(model)
    assert dict(book) == model and list(book) == list(model)
    assert list(_repacked(book).items()) == list(model.items())


def test_a_packed_book_decodes_only_what_is_read() -> None:
    book = EntryBook()
    for n, person in enumerate(PEOPLE * 3):
        book.add(f"a{n}", new_entry(f"a{n}", "departure", person_id=person, at=T0))
        book.add(f"n{n}", new_entry(f"n{n}", "note", item_id="i1", text="x" * 200))
    packing = _transcoding()
    packed = packing.encode(book)
    assert packed["count"] == len(book) == 36
    assert set(packed["people"]) == {p.hex for p in PEOPLE}
    loaded = packing.decode(packed)
    base = loaded._state.base
    assert isinstance(base, PackedEntries)

    # A tap's rules read one person: their part is decoded, nobody else's, not the rest.
    assert list(loaded.of_person(PEOPLE[0])) == ["a0", "a6", "a12"]
    assert set(base._people_decoded) == {PEOPLE[0].hex} and base._all is None
    # New entries go beside the packed ones, still without decoding them.
    loaded.add("late", new_entry("late", "departure", person_id=PEOPLE[0], at=T0))
    assert list(loaded.of_person(PEOPLE[0])) == ["a0", "a6", "a12", "late"]
    assert len(loaded) == 37 and base._all is None and "late" in loaded
    # A fork shares what was decoded.
    fork = loaded.fork()
    assert fork._state.base is base and list(fork.of_person(PEOPLE[0]))[-1] == "late"
    assert "late" not in EntryBook.unpacking(base)

    # Reading any other entry decodes them all, once, in the order recorded.
    assert loaded["n1"]["text"] == "x" * 200
    assert loaded._state.base is None and base._all is not None
    assert list(loaded)[:4] == ["a0", "n0", "a1", "n1"] and list(loaded)[-1] == "late"
    assert list(fork) == list(loaded)


def test_entries_are_never_removed() -> None:
    book = EntryBook({"e1": new_entry("e1", "note", item_id="i1", text="x")})
    with pytest.raises(TypeError, match="retraction"):
        del book["e1"]
    with pytest.raises(KeyError):
        book["nothing"]
    assert "nothing" not in book and book.get("e1") is not None


def test_a_snapshot_packs_only_what_changed_since_the_last() -> None:
    """Taking a snapshot of a long meeting every 50 taps encodes what is new, not the
    whole record again: the parts of people with no new entry, and the other entries
    packed before, are reused, on a fork of the meeting too."""
    packing = _transcoding()
    packed_rows: list[list[Any]] = []

    def pack(rows: list[Any]) -> str:
        packed_rows.append(rows)
        return packing._pack(rows)

    book = EntryBook()
    for n, person in enumerate(PEOPLE):
        book.add(f"a{n}", new_entry(f"a{n}", "departure", person_id=person, at=T0))
        book.add(f"n{n}", new_entry(f"n{n}", "note", item_id="i1", text="x"))
    first = book.pack(pack)
    assert len(packed_rows) == len(PEOPLE) + 1  # a part each, and the notes

    packed_rows.clear()
    book = book.fork()
    book.add("late", new_entry("late", "departure", person_id=PEOPLE[0], at=T0))
    book.add("n-late", new_entry("n-late", "note", item_id="i1", text="y"))
    second = book.pack(pack)
    assert [[r[1] for r in rows] for rows in packed_rows] == [["a0", "late"], ["n-late"]]
    assert second[1][PEOPLE[1].hex] is first[1][PEOPLE[1].hex]
    assert second[2][0] is first[2][0] and len(second[2]) == 2

    # A correction of a packed entry packs its part again; the rest stands.
    packed_rows.clear()
    book["n0"] = corrected(book["n0"], "Recorded in error", None)
    book["a1"] = corrected(book["a1"], "Wrong person", {"person_id": PEOPLE[2]})
    third = book.pack(pack)
    assert sorted(r[1] for rows in packed_rows for r in rows) == sorted(
        ["a1", "a2", "n0", "n1", "n2", "n3", "n4", "n5", "n-late"]
    )
    assert PEOPLE[1].hex not in third[1]  # their one entry now names someone else
    loaded = packing.decode({"count": third[0], "people": third[1], "rest": third[2]})
    assert list(loaded.items()) == list(book.items())

    # From a snapshot: the parts it holds are reused as they are.
    packed_rows.clear()
    loaded.add("later", new_entry("later", "note", item_id="i1", text="z"))
    fourth = loaded.pack(pack)
    assert [[r[1] for r in rows] for rows in packed_rows] == [["later"]]
    assert fourth[1] == third[1] and fourth[2][:-1] == third[2]


#: A departure's part, as this release packs it (with the preset dictionary `ZDICT_1`) and
#: as the first packed snapshots of 2 December 2026 did (zlib alone): both stay readable,
#: so neither the dictionary's bytes nor the forms may change.
PART_TEXT = (
    b'[[0,"e1",{"id":"e1","kind":"departure","person_id":{"_type_":"uuid_hex","_data_":'
    b'"b38c4203f94e44ef8e8393896c0b61d6"},"at":{"_type_":"datetime_iso","_data_":'
    b'"2026-03-20T10:00:00+00:00"},"retracted":false,"corrections":[]}]]'
)
PART_WITH_DICTIONARY = (
    "1:iwbFaKohPGRATMpiNcnYItnEyMA4zdIk1cQkNc0i1cLY0tjC0izZIMnMMMWM5Fg31jUyIC/WYwE="
)
PART_ZLIB_ALONE = (
    "eAFVjtEKwyAMRf8lr7OQqojtd+ytFLGaMtnWFrWwUfrv0z1tEMLlcnLIMCADaoEdEDz03wj3sNTsabMx75GAwUYxrYupzAEm"
    "vzcyhdj34M2NXgUw3mZbu0loJzmKuZMkJc2atOiE7pTDSbVewcnA5j9NOaUcnmRCWn9VHLlqUDQcry32WOfy3dURKUfrMpWP"
    "ZvtIxMCtMZLLYV0S9MN4juMHHO5Deg=="
)


def test_packed_parts_stay_readable() -> None:
    packing = _transcoding()
    for part in (PART_WITH_DICTIONARY, PART_ZLIB_ALONE):
        ((row,),) = packing._unpack([part])
        assert row[:2] == (0, "e1") and row[2]["person_id"] == UUID(
            "b38c4203f94e44ef8e8393896c0b61d6"
        )
    assert inflate_part(PART_WITH_DICTIONARY) == inflate_part(PART_ZLIB_ALONE) == PART_TEXT
    # What is packed today says it used the dictionary, and is smaller for it.
    today = packing._pack([(0, "e1", packing._unpack([PART_ZLIB_ALONE])[0][0][2])])
    assert today.startswith("1:") and inflate_part(today) == PART_TEXT
    assert len(today) < len(PART_ZLIB_ALONE) / 2
