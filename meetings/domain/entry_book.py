"""A meeting's entries by id, in the order recorded (`EntryBook`), with each person's
attendance and departures to hand: the rules of a tap read only those of the person
tapped (and of the member a substitute replaces).

A meeting loaded from a snapshot starts from the entries the snapshot packed
(`PackedEntries`) and decodes them only when something reads them: one person's at a
time for the rules, all of them for a view or a correction. So loading a long meeting
costs about what loading a short one does (issue 15: the snapshot of a meeting of 2,000
events was 741 KiB, all decoded on every load). Entries set since are kept beside the
packed ones; events replace entries, never change them in place, so forks of a meeting
share entries and its packed base."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

Entry = dict[str, Any]
#: An entry with its place in the order recorded (0 for the first): how packed
#: entries are listed.
Placed = tuple[int, str, Entry]
#: The kinds of entry kept by person: what a tap's rules read.
BY_PERSON = frozenset({"attendance", "departure"})


class PackedEntries:
    """The entries a snapshot holds, decoded when first read: each person's attendance
    and departures in a part of their own, every other entry in parts of a few (one per
    snapshot that added some). `unpack` turns parts back into their entries (several at
    once, as one decoding); a part once decoded is kept (by every fork of the meeting),
    which is safe because entries are replaced, never changed."""

    def __init__(
        self,
        count: int,
        people: dict[str, Any],
        rest: list[Any],
        unpack: Callable[[list[Any]], list[list[Placed]]],
    ) -> None:
        self.count = count
        self.people = people  # person id (hex) -> their part
        self.rest = rest  # the other entries' parts, in the order recorded
        self._unpack = unpack
        self._people_decoded: dict[str, list[Placed]] = {}
        self._rest_decoded: list[list[Placed]] | None = None
        self._all: list[Placed] | None = None
        #: Every entry decoded and indexed, once for every fork (`_whole`).
        self.whole: _State | None = None

    def person(self, person_id: UUID) -> list[Placed]:
        """One person's attendance and departures, in the order recorded."""
        return self.person_part(person_id.hex)

    def person_part(self, key: str) -> list[Placed]:
        """One person's attendance and departures, by the person's id in hex."""
        rows = self._people_decoded.get(key)
        if rows is None:
            part = self.people.get(key)
            rows = self._unpack([part])[0] if part is not None else []
            self._people_decoded[key] = rows
        return rows

    def rest_parts(self) -> list[list[Placed]]:
        """The other entries, part by part."""
        if self._rest_decoded is None:
            self._rest_decoded = self._unpack(self.rest)
        return self._rest_decoded

    def all(self) -> list[Placed]:
        """Every entry, in the order recorded."""
        if self._all is None:
            rows = [row for part in self.rest_parts() for row in part]
            undecoded = [key for key in self.people if key not in self._people_decoded]
            decoded = self._unpack([self.people[key] for key in undecoded])
            self._people_decoded.update(zip(undecoded, decoded, strict=True))
            for key in self.people:
                rows += self._people_decoded[key]
            rows.sort(key=lambda row: row[0])
            self._all = rows
        return self._all


@dataclass
class _Packs:
    """Parts packed for earlier snapshots, with the entries each holds, shared by every
    fork of a meeting: a part is packed again only when its entries have changed (a
    snapshot of a meeting kept in memory so encodes only what is new since the last)."""

    people: dict[UUID, tuple[tuple[Placed, ...], Any]] = field(default_factory=dict)
    rest: list[tuple[tuple[Placed, ...], Any]] = field(default_factory=list)


def _same(packed: tuple[Placed, ...], rows: list[Placed]) -> bool:
    """Whether the rows are those a part was packed from (the very entries, unreplaced)."""
    return len(packed) == len(rows) and all(
        a[0] == b[0] and a[2] is b[2] for a, b in zip(packed, rows, strict=True)
    )


@dataclass
class _State:
    """What an `EntryBook` holds, replaced whole when it unpacks its base, so a reader in
    another thread sees the old state or the new one, never half of each."""

    base: PackedEntries | None
    #: Every entry set since the base (every entry, when there is none), in order.
    entries: dict[str, Entry] = field(default_factory=dict)
    #: Each of those entries' place in the order recorded.
    places: dict[str, int] = field(default_factory=dict)
    #: The ids among `entries` of each person's attendance and departures.
    people: dict[UUID, tuple[str, ...]] = field(default_factory=dict)
    packs: _Packs = field(default_factory=_Packs)


def _whole(base: PackedEntries) -> _State:
    """The base's entries decoded, placed and indexed by person, with its parts ready to
    serve the next snapshot (as long as their entries stand); kept on the base."""
    whole = base.whole
    if whole is None:
        entries = {entry_id: entry for _, entry_id, entry in base.all()}
        places = {entry_id: n for n, entry_id in enumerate(entries)}
        people: dict[UUID, tuple[str, ...]] = {}
        for entry_id, entry in entries.items():
            if entry.get("kind") in BY_PERSON:
                person = entry["person_id"]
                people[person] = (*people.get(person, ()), entry_id)
        parts = ((base.person_part(key), part) for key, part in base.people.items())
        packs = _Packs(
            {rows[0][2]["person_id"]: (tuple(rows), part) for rows, part in parts if rows},
            [(tuple(rows), part) for rows, part in zip(base.rest_parts(), base.rest, strict=True)],
        )
        whole = _State(None, entries, places, people, packs)
        base.whole = whole
    return whole


class EntryBook(MutableMapping[str, Entry]):
    """A meeting's entries by id, in the order recorded, as a dict keeps them (a
    replaced entry keeps its place), and each person's attendance and departures."""

    __slots__ = ("_state",)

    def __init__(self, entries: Mapping[str, Entry] | None = None) -> None:
        self._state = _State(None)
        for entry_id, entry in (entries or {}).items():
            self[entry_id] = entry

    @classmethod
    def unpacking(cls, base: PackedEntries) -> EntryBook:
        """The entries a snapshot packed, decoded when read."""
        book = cls()
        book._state = _State(base)
        return book

    def fork(self) -> EntryBook:
        """A copy to add to, sharing the entries (and the packed base)."""
        state = self._state
        copy = EntryBook()
        copy._state = _State(
            state.base, dict(state.entries), dict(state.places), dict(state.people), state.packs
        )
        return copy

    # What the rules of a tap read -------------------------------------------------------

    def of_person(self, person_id: UUID) -> dict[str, Entry]:
        """The person's attendance and departure entries (retracted ones too), by id, in
        the order recorded: what `{i: e for i, e in book.items() if e["kind"] in
        BY_PERSON and e["person_id"] == person_id}` gives, without reading the rest."""
        state = self._state
        # While there is a base, the entries beside it are all recorded after it.
        found = {i: e for _, i, e in state.base.person(person_id)} if state.base else {}
        found.update((i, state.entries[i]) for i in state.people.get(person_id, ()))
        return found

    # Changes (by events' `apply` only) ---------------------------------------------------

    def add(self, entry_id: str, entry: Entry) -> None:
        """A new entry, at the end of the record (an id never recorded before: events
        make new ids for new entries)."""
        state = self._state
        if entry_id in state.entries:
            self[entry_id] = entry
            return
        offset = state.base.count if state.base is not None else 0
        state.places[entry_id] = offset + len(state.entries)
        state.entries[entry_id] = entry
        self._index(state, entry_id, entry)

    def __setitem__(self, entry_id: str, entry: Entry) -> None:
        state = self._state if self._state.base is None else self._unpacked()
        old = state.entries.get(entry_id)
        if old is None:
            state.places[entry_id] = len(state.entries)
        elif old.get("kind") in BY_PERSON:
            person = old["person_id"]
            state.people[person] = tuple(i for i in state.people[person] if i != entry_id)
        state.entries[entry_id] = entry
        self._index(state, entry_id, entry)

    def __delitem__(self, entry_id: str) -> None:
        raise TypeError("A meeting's entries are never removed: record a retraction.")

    @staticmethod
    def _index(state: _State, entry_id: str, entry: Entry) -> None:
        if entry.get("kind") in BY_PERSON:
            person = entry["person_id"]
            ids = state.people.get(person, ())
            # A new tuple, never a change in place: forks share these.
            state.people[person] = tuple(sorted({*ids, entry_id}, key=state.places.__getitem__))

    # Reading it all ---------------------------------------------------------------------

    def _unpacked(self) -> _State:
        """The state with every entry decoded. The base's entries are decoded and indexed
        once, for every fork of the meeting (a view of a meeting kept in memory gets a
        fork): each fork copies that and adds what it recorded since."""
        state = self._state
        if state.base is None:
            return state
        whole = _whole(state.base)
        entries = dict(whole.entries)
        entries.update(state.entries)  # recorded since the base, so after it
        places = {entry_id: n for n, entry_id in enumerate(entries)}
        people = dict(whole.people)
        for person, ids in state.people.items():
            people[person] = tuple(dict.fromkeys((*people.get(person, ()), *ids)))
        unpacked = _State(None, entries, places, people, whole.packs)
        self._state = unpacked
        return unpacked

    def __getitem__(self, entry_id: str) -> Entry:
        state = self._state
        if entry_id in state.entries:
            return state.entries[entry_id]
        if state.base is None:
            raise KeyError(entry_id)
        return self._unpacked().entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        state = self._state
        if entry_id in state.entries or state.base is None:
            return entry_id in state.entries
        return entry_id in self._unpacked().entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked().entries)

    def __len__(self) -> int:
        state = self._state
        return len(state.entries) + (state.base.count if state.base is not None else 0)

    def pack(self, pack: Callable[[list[Placed]], Any]) -> tuple[int, dict[str, Any], list[Any]]:
        """For a snapshot: how many entries, each person's part (by id, in hex) and the
        other entries' parts, packing (`pack`) only entries not packed before."""
        state = self._state
        base = state.base
        if base is not None:  # still packed: its parts stand, but for what is new
            people = dict(base.people)
            for person, ids in state.people.items():
                rows = [
                    *base.person(person),
                    *((state.places[i], i, state.entries[i]) for i in ids),
                ]
                people[person.hex] = pack(rows)
            new = [
                (state.places[i], i, e)
                for i, e in state.entries.items()
                if e.get("kind") not in BY_PERSON
            ]
            return (
                base.count + len(state.entries),
                people,
                [*base.rest, *([pack(new)] if new else [])],
            )
        by_person: dict[UUID, list[Placed]] = {}
        rest: list[Placed] = []
        for entry_id, entry in state.entries.items():
            row = (state.places[entry_id], entry_id, entry)
            if entry.get("kind") in BY_PERSON:
                by_person.setdefault(entry["person_id"], []).append(row)
            else:
                rest.append(row)
        packs = state.packs
        people = {}
        for person, rows in by_person.items():
            packed = packs.people.get(person)
            if packed is None or not _same(packed[0], rows):
                packed = packs.people[person] = (tuple(rows), pack(rows))
            people[person.hex] = packed[1]
        kept, done = [], 0
        for rows_packed, part in packs.rest:
            if not _same(rows_packed, rest[done : done + len(rows_packed)]):
                break
            kept.append((rows_packed, part))
            done += len(rows_packed)
        if done < len(rest):
            kept.append((tuple(rest[done:]), pack(rest[done:])))
        packs.rest = kept
        return len(state.entries), people, [part for _, part in kept]

    def __repr__(self) -> str:
        return f"EntryBook({dict(self.items())!r})"
