"""A year of the demo family's meetings, April 2025 to March 2026, and one still to come,
read from `data/meetings.toml`: what each meeting was made of, as the clerk kept it.

Each meeting names its body, time and venue; its agenda items; who was summoned (a roll
from the file's `rolls`) and how they came (apologies, absences, substitutes, late arrivals,
early departures), who else was in attendance; what was recorded, in order (notes,
decisions, actions, declarations of interest, deferrals); and any correction afterwards.
`demo.clerk` records them. Nothing here is random.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from demo.data import read
from demo.dates import at, moved


class Item(NamedTuple):
    """An agenda item; `notice_days` puts it on the forward plan that long before."""

    key: str
    title: str
    kind: str
    presenter: str | None = None
    papers: tuple[str, ...] = ()
    confidential_reason: str | None = None
    notice_days: int | None = None


class Attend(NamedTuple):
    """Who came (minutes after the opening), in what capacity, and when they left."""

    person: str
    status: str = "present"
    capacity: str = "member"
    substitute_for: str | None = None
    admitted_by_chair: bool = False
    arrives: int = 0
    leaves: int | None = None


class Note(NamedTuple):
    item: str
    text: str
    label: str | None = None


class Decision(NamedTuple):
    item: str
    text: str
    method: str = "consensus"
    within_delegated_authority: bool = True
    #: A recorded vote: (person, "for"/"against"/"abstain"); the counts are derived.
    votes: tuple[tuple[str, str], ...] = ()
    #: Minutes after the opening that it was taken.
    minute: int = 30


class Act(NamedTuple):
    item: str
    description: str
    #: None: a partner organisation (`organisation`) owns it and names an owner later.
    owner: str | None
    due_on: date
    theme: str | None = None
    organisation: str | None = None
    label: str | None = None


class Interest(NamedTuple):
    person: str
    item: str
    interest: str
    withdrew: bool = False


class Defer(NamedTuple):
    """The item goes to the body's next meeting."""

    item: str
    reason: str


class Fix(NamedTuple):
    """A correction after the meeting (a replacement) or a retraction (None)."""

    label: str
    reason: str
    replacement: Mapping[str, Any] | None = None


Entry = Note | Decision | Act | Interest | Defer


class Postponement(NamedTuple):
    reason: str
    to: datetime


class Sitting(NamedTuple):
    """One meeting as it happened (or is planned)."""

    body: str
    starts_at: datetime
    items: tuple[Item, ...]
    venue: str | None = None
    attendance: tuple[Attend, ...] = ()
    record: tuple[Entry, ...] = ()
    fixes: tuple[Fix, ...] = ()
    #: Minutes from the opening to the close.
    length: int = 120
    postponed: Postponement | None = None
    cancelled: str | None = None
    draft_only: bool = False
    #: The body's groups summoned (none: everyone).
    groups: tuple[str, ...] = ()
    #: Someone other than the body's chair in the chair (a nominee).
    in_the_chair: str | None = None

    @property
    def held_at(self) -> datetime:
        return self.postponed.to if self.postponed else self.starts_at


def sittings() -> list[Sitting]:
    """Every demo meeting, in the order they were (or will be) held."""
    data = read("meetings")
    every = [_sitting(row, data["rolls"]) for row in data["meetings"]]
    return sorted(every, key=lambda s: s.held_at)


def _sitting(row: dict[str, Any], rolls: dict[str, dict[str, list[str]]]) -> Sitting:
    postponed = row.get("postponed")
    return Sitting(
        body=row["body"],
        starts_at=at(row["starts_at"]),
        items=tuple(_item(item) for item in row.get("items", ())),
        venue=row["venue"],
        attendance=_attendance(row, rolls),
        record=tuple(_entry(entry) for entry in row.get("record", ())),
        fixes=tuple(Fix(**fix) for fix in row.get("fixes", ())),
        length=row.get("length", 120),
        postponed=Postponement(postponed["reason"], at(postponed["to"])) if postponed else None,
        cancelled=row.get("cancelled"),
        draft_only=row.get("draft_only", False),
        groups=tuple(row.get("groups", ())),
        in_the_chair=row.get("in_the_chair"),
    )


def _item(row: dict[str, Any]) -> Item:
    return Item(**{**row, "papers": tuple(row.get("papers", ()))})


def _attendance(row: dict[str, Any], rolls: dict[str, dict[str, list[str]]]) -> tuple[Attend, ...]:
    """The roll called in order, capacity by capacity, as the turnout says each came; then
    the others in attendance (a guest is there because the chair admitted them)."""
    roll = rolls[row["roll"]] if "roll" in row else {}
    called = [_called(person, capacity, row) for capacity, ps in roll.items() for person in ps]
    others = [
        Attend(person, capacity=capacity, admitted_by_chair=capacity == "guest")
        for capacity, people in row.get("in_attendance", {}).items()
        for person in people
    ]
    return (*(attend for rows in called for attend in rows), *others)


def _called(person: str, capacity: str, row: dict[str, Any]) -> list[Attend]:
    substitute = row.get("substitutes", {}).get(person)
    if substitute:
        return [
            Attend(person, "apologies", capacity),
            Attend(substitute, capacity=capacity, substitute_for=person),
        ]
    if person in row.get("apologies", ()):
        return [Attend(person, "apologies", capacity)]
    if person in row.get("absent", ()):
        return [Attend(person, "absent", capacity)]
    arrives, leaves = row.get("late", {}).get(person, 0), row.get("leaves", {}).get(person)
    return [Attend(person, capacity=capacity, arrives=arrives, leaves=leaves)]


def _entry(row: dict[str, Any]) -> Entry:
    """One line of the record, known by the word it starts with."""
    fields = {k: v for k, v in row.items() if k not in _KINDS}
    kind = next(k for k in _KINDS if k in row)
    match kind:
        case "note":
            return Note(text=row["note"], **fields)
        case "decision":
            votes = tuple(fields.pop("votes", {}).items())
            return Decision(text=row["decision"], votes=votes, **fields)
        case "action":
            due_on = moved(fields.pop("due_on"))
            return Act(
                description=row["action"], owner=fields.pop("owner", None), due_on=due_on, **fields
            )
        case "interest":
            return Interest(interest=row["interest"], **fields)
        case _:
            return Defer(reason=row["defer"], **fields)


_KINDS = ("note", "decision", "action", "interest", "defer")
