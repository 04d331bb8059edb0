"""A decade of a county's partnership activity, generated fast into an SQLite event store.

    /tmp/venv/bin/python -m bench.generate             # build the decade (or reuse the cached one)
    /tmp/venv/bin/python -m bench.generate --years 1   # one year of it, for trying things out
    /tmp/venv/bin/python -m bench.generate --force     # build it again even if it is cached

The record is made of real aggregates, changed only through their command methods, as the
use cases would change them, but in memory: no HTTP, no load-check-save per command. A small
discrete-event simulation walks through the decade in time order (stories of bodies, seats,
meetings, actions, workplans and ratifications, each resuming when it next acts), and the
pending events are written in large batches with `app.events.put`. Event timestamps follow
the simulated clock and every id comes from one seeded `random.Random`, so the same seed
gives the same log. What a decade holds is described in bench/README.md.

The database is cached in bench/out/ (git-ignored), named by GENERATOR_VERSION, the seed,
the number of years and a hash of this file, beside a JSON file of what it holds.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import itertools
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/generate.py` as well as `python -m bench.generate`
    sys.path.insert(0, str(ROOT))

import eventsourcing.domain as es_domain  # noqa: E402
from eventsourcing.domain import CanCreateTimestamp  # noqa: E402
from eventsourcing.persistence import StoredEvent  # noqa: E402
from eventsourcing.utils import get_topic  # noqa: E402

from meetings.application import MeetingsApplication  # noqa: E402
from meetings.application.actions import action_view  # noqa: E402
from meetings.application.dto import jsonable  # noqa: E402
from meetings.application.queries.meeting_view import entry_view, meeting_view  # noqa: E402
from meetings.domain.action import OPEN, Action  # noqa: E402
from meetings.domain.base import recording_as  # noqa: E402
from meetings.domain.body import Body  # noqa: E402
from meetings.domain.forward_plan import ForwardPlanEntry  # noqa: E402
from meetings.domain.meeting import Meeting  # noqa: E402
from meetings.domain.meeting.agenda_items import AgendaItemAdded  # noqa: E402
from meetings.domain.membership import Membership  # noqa: E402
from meetings.domain.organisation import Organisation  # noqa: E402
from meetings.domain.person import Person  # noqa: E402
from meetings.domain.ratification import Ratifications  # noqa: E402
from meetings.domain.rules import is_working_day, requires_ratification  # noqa: E402
from meetings.domain.workplan import Workplan  # noqa: E402
from meetings.idempotency import IdempotencyRecord  # noqa: E402
from meetings.infrastructure.settings import environment_for  # noqa: E402

#: Bump when what is generated changes (the file's hash is part of the cache key as well).
GENERATOR_VERSION = "decade-1"
SEED = 20161101
PRINCIPAL = "bench generator"
OUT = ROOT / "bench" / "out"
LONDON = ZoneInfo("Europe/London")
#: The decade: the first day of the record; it ends `years` later (the day before).
START = date(2016, 11, 1)
#: The big body: the one whose actions the tracker scenario queries.
BIG_BODY = "IMPL"
#: Notes recorded on an item during the meeting (a running minute): the mean, per item.
NOTES_PER_ITEM = 29
#: Events per `app.events.put` (one transaction each).
BATCH = 20_000


# The county ------------------------------------------------------------------------------

ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("CC", "Westshire County Council", "public"),
    ("NV", "North Vale District Council", "public"),
    ("CE", "Chiltern Edge District Council", "public"),
    ("SW", "Southwold District Council", "public"),
    ("WY", "Wyvern District Council", "public"),
    ("ICB", "Westshire Integrated Care Board", "public"),
    ("HOSP", "Westshire Hospitals NHS Trust", "public"),
    ("MH", "Westshire Mental Health NHS Trust", "public"),
    ("POL", "Westshire Constabulary", "public"),
    ("PCC", "Office of the Police and Crime Commissioner", "public"),
    ("FIRE", "Westshire Fire and Rescue Service", "public"),
    ("PROB", "Probation Service, Westshire", "public"),
    ("DWP", "Jobcentre Plus, Westshire", "public"),
    ("EA", "Environment Agency, Westshire", "public"),
    ("UNI", "University of Westshire", "public"),
    ("COL", "Westshire College", "public"),
    ("HA1", "Vale Housing Association", "voluntary"),
    ("HA2", "Chiltern Homes", "voluntary"),
    ("CVS", "Westshire Council for Voluntary Service", "voluntary"),
    ("CF", "Westshire Community Foundation", "voluntary"),
    ("AGE", "Age UK Westshire", "voluntary"),
    ("CAB", "Citizens Advice Westshire", "voluntary"),
    ("MIND", "Westshire Mind", "voluntary"),
    ("HW", "Healthwatch Westshire", "voluntary"),
    ("CHAM", "Westshire Chamber of Commerce", "business"),
    ("LEP", "Westshire Local Enterprise Partnership", "business"),
    ("ALC", "Westshire Association of Local Councils", "other"),
)

_CORE = ("CC", "NV", "CE", "SW", "WY", "ICB", "POL", "FIRE", "CVS", "CHAM")


@dataclass(frozen=True)
class Plan:
    """A body of the family: how often it meets, who sits on it, what a meeting holds."""

    key: str
    name: str
    short_name: str
    kind: str
    cadence_days: int
    seats: int  # decision-taking seats (members)
    advisers: int  # adviser seats
    officers: int  # officers who attend without a seat
    items: tuple[int, int]  # agenda items besides the standing ones
    actions: tuple[int, int]  # actions agreed at a meeting
    orgs: tuple[str, ...] = _CORE
    method: str = "consensus"
    quorum: int | None = None
    decision_notice_days: int | None = None
    public: bool = False
    themes: tuple[str, ...] = ()  # a workplan's themes, when the body keeps one
    reports_to: str | None = None
    from_day: int = 0  # days after START that it is established
    until_day: int | None = None  # days after START that it stops meeting
    hour: int = 10


_THEMATIC = ("CC", "NV", "CE", "SW", "WY", "ICB", "CVS")
PLANS: tuple[Plan, ...] = (
    Plan(
        "BOARD", "Westshire Partnership Board", "WPB", "board", 56, 16, 2, 3, (9, 13), (4, 8),
        orgs=(*_CORE, "PCC", "LEP", "ALC", "UNI", "HOSP", "HA1"), method="vote", quorum=7,
        decision_notice_days=28, public=True,
    ),
    Plan(
        "EXEC", "Partnership Executive", "Executive", "executive", 28, 10, 2, 3, (8, 12),
        (6, 10), method="consensus", quorum=5, decision_notice_days=28, reports_to="BOARD",
    ),
    Plan(
        BIG_BODY, "Partnership Implementation Group", "Implementation", "delivery", 14, 16, 2, 4,
        (10, 14), (20, 26), orgs=(*_CORE, "HOSP", "MH", "DWP", "HA2"),
        themes=("Prosperity", "Health", "Safety", "Environment", "Stronger communities"),
        reports_to="EXEC", hour=14,
    ),
    Plan(
        "HWB", "Health and Wellbeing Partnership", "HWB", "thematic", 42, 16, 2, 3, (9, 13),
        (5, 9), orgs=(*_THEMATIC, "HOSP", "MH", "HW", "AGE", "MIND"),
        themes=("Healthy weight", "Mental wellbeing", "Ageing well", "Health inequalities"),
        reports_to="BOARD",
    ),
    Plan(
        "SCP", "Safer Communities Partnership", "SCP", "thematic", 42, 16, 2, 3, (9, 13),
        (5, 9), orgs=(*_THEMATIC, "POL", "PCC", "FIRE", "PROB", "HA1"),
        themes=("Anti-social behaviour", "Domestic abuse", "Road safety", "Reoffending"),
        reports_to="BOARD",
    ),
    Plan(
        "CYP", "Children and Young People's Partnership", "CYP", "thematic", 42, 16, 2, 3,
        (9, 13), (5, 9), orgs=(*_THEMATIC, "POL", "COL", "HOSP", "MH", "CF"),
        themes=("Early help", "Attainment", "Emotional health", "Young carers"),
        reports_to="BOARD", hour=14,
    ),
    Plan(
        "ESP", "Economy and Skills Partnership", "ESP", "thematic", 42, 16, 2, 3, (9, 13),
        (5, 9), orgs=(*_THEMATIC, "LEP", "CHAM", "DWP", "COL", "UNI"),
        themes=("Skills", "Business growth", "Employment", "Infrastructure"),
        reports_to="BOARD",
    ),
    Plan(
        "CEP", "Climate and Environment Partnership", "CEP", "thematic", 42, 16, 2, 3, (9, 13),
        (5, 9), orgs=(*_THEMATIC, "EA", "UNI", "ALC", "HA2", "CF"),
        themes=("Net zero", "Flood risk", "Waste", "Nature recovery"),
        reports_to="BOARD", hour=14,
    ),
    Plan(
        "LNV", "North Vale Local Partnership", "North Vale LP", "lsp", 91, 18, 1, 2, (8, 12),
        (4, 8), orgs=("NV", "CC", "ALC", "POL", "CVS", "CAB", "HA1"), public=True,
        reports_to="BOARD", hour=19,
    ),
    Plan(
        "LCE", "Chiltern Edge Local Partnership", "Chiltern Edge LP", "lsp", 91, 18, 1, 2,
        (8, 12), (4, 8), orgs=("CE", "CC", "ALC", "POL", "CVS", "AGE", "HA2"), public=True,
        reports_to="BOARD", hour=19,
    ),
    Plan(
        "LSW", "Southwold Local Partnership", "Southwold LP", "lsp", 91, 18, 1, 2, (8, 12),
        (4, 8), orgs=("SW", "CC", "ALC", "POL", "CVS", "CAB", "HA1"), public=True,
        reports_to="BOARD", hour=19,
    ),
    Plan(
        "LWY", "Wyvern Local Partnership", "Wyvern LP", "lsp", 91, 18, 1, 2, (8, 12), (4, 8),
        orgs=("WY", "CC", "ALC", "POL", "CVS", "MIND", "HA2"), public=True, reports_to="BOARD",
        hour=19,
    ),
    Plan(
        "OFF", "Partnership Officers' Group", "Officers", "officers", 28, 12, 0, 2, (6, 10),
        (5, 9), reports_to="EXEC",
    ),
    Plan(
        "CONF", "Westshire Partnership Conference", "Conference", "conference", 364, 60, 0, 4,
        (6, 9), (6, 10), orgs=tuple(key for key, _, _ in ORGANISATIONS), method="vote",
        public=True, from_day=150,
    ),
    Plan(
        "FLOOD", "Flood Resilience Task Group", "Flood TG", "task_group", 42, 10, 1, 2, (6, 9),
        (5, 9), orgs=("CC", "EA", "FIRE", "NV", "SW", "ALC", "CF"), reports_to="CEP",
        from_day=900, until_day=2100,
    ),
)  # fmt: skip

FIRST_NAMES = (
    "Amelia", "Ben", "Chloe", "Daniel", "Eleanor", "Farah", "George", "Hannah", "Imran", "Jane",
    "Kieran", "Laura", "Mohammed", "Nina", "Oliver", "Priya", "Qasim", "Rachel", "Simon", "Tara",
    "Usha", "Victor", "Wendy", "Xavier", "Yasmin", "Zoe", "Andrew", "Bridget", "Colin", "Deborah",
)  # fmt: skip
LAST_NAMES = (
    "Ahmed", "Barker", "Clarke", "Davies", "Evans", "Fletcher", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Morgan", "Norris", "Owen", "Patel", "Quinn", "Roberts", "Singh",
    "Taylor", "Underwood", "Vaughan", "Walker", "Young", "Zielinski", "Bennett", "Carter",
)  # fmt: skip
JOB_TITLES = (
    "Cabinet Member", "Chief Executive", "Director", "Head of Service", "Chief Inspector",
    "Partnership Manager", "Programme Lead", "Chair of Trustees", "Area Manager",
)  # fmt: skip
TOPICS = (
    "the delivery plan", "the funding gap", "the performance report", "the risk register",
    "the consultation response", "the joint strategic needs assessment", "the budget",
    "the community safety plan", "the housing strategy", "the skills audit",
    "the carbon baseline", "the winter pressures plan", "the volunteering strategy",
    "the commissioning intentions", "the data-sharing agreement", "the local plan",
)  # fmt: skip
SPEAKERS = (
    "Members", "The chair", "The county council's representative", "Officers",
    "The police representative", "The voluntary sector representative", "The district",
    "The NHS representative", "A member", "The business representative",
)  # fmt: skip
SAID = (
    "noted the progress made on", "asked about the timescales for", "welcomed",
    "raised concerns about the resourcing of", "asked for a further report on",
    "suggested that partners share the data behind", "challenged the assumptions in",
    "agreed to take forward", "noted the risks set out in", "thanked officers for",
)  # fmt: skip
SO_THAT = (
    "", " and asked that it come back to the next meeting",
    ", noting that the figures for the last quarter were provisional",
    ", which would be circulated after the meeting",
    " in the light of the pressures on partner budgets this year",
    ", and the lead officer undertook to reply in writing",
)  # fmt: skip
VERBS = (
    "Circulate", "Report back on", "Draft", "Review", "Update", "Arrange a workshop on",
    "Write to partners about", "Bring a proposal on", "Collect the data for", "Map",
)  # fmt: skip
VENUES = (
    "County Hall, Committee Room 1", "County Hall, Mezzanine Room 2", "Council Offices",
    "Police Headquarters, Conference Suite", "Online (Teams)", "Fire HQ, Training Room",
)  # fmt: skip
ITEM_KINDS = (("decision", 4), ("discussion", 3), ("information", 2), ("performance", 2))


# The simulation ----------------------------------------------------------------------------

#: A story yields the moment it next acts; the simulation resumes it then.
Story = Generator[datetime, None, None]


class Sim:
    """The clock, the ids, the queue of stories and the buffer of events to write."""

    def __init__(self, app: MeetingsApplication, rng: random.Random, end: datetime) -> None:
        self.app = app
        self.rng = rng
        self.end = end
        self.now = datetime.combine(START, clock_time(8), tzinfo=UTC)
        self._queue: list[tuple[datetime, int, Story]] = []
        self._seq = itertools.count()
        self.buffer: list[Any] = []
        self.written = 0
        self.clerks = [str(self.uuid()) for _ in range(6)]

    def uuid(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Event timestamps from the simulated clock, aggregate ids from the seeded random."""
        original_timestamp = CanCreateTimestamp.__dict__["create_timestamp"]
        original_uuid4 = es_domain.uuid4
        CanCreateTimestamp.create_timestamp = staticmethod(lambda: self.now)  # type: ignore[method-assign]
        es_domain.uuid4 = self.uuid  # type: ignore[attr-defined]
        try:
            with recording_as(PRINCIPAL):
                yield
        finally:
            CanCreateTimestamp.create_timestamp = original_timestamp  # type: ignore[method-assign]
            es_domain.uuid4 = original_uuid4  # type: ignore[attr-defined]

    def spawn(self, story: Story) -> None:
        """Queue a story at the moment it first yields (before it does anything)."""
        self._push(next(story), story)

    def _push(self, when: datetime, story: Story) -> None:
        heapq.heappush(self._queue, (when, next(self._seq), story))

    def run(self, progress: Callable[[int], None] | None = None) -> None:
        reported = 0
        while self._queue:
            when, _, story = heapq.heappop(self._queue)
            if when >= self.end:
                break  # everything left happens after the decade
            self.now = max(self.now, when.astimezone(UTC))
            later = next(story, None)
            if later is not None:
                self._push(later, story)
            if len(self.buffer) >= BATCH:
                self.flush()
                if progress and self.written - reported >= 100_000:
                    reported = self.written
                    progress(self.written)
        self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.app.events.put(self.buffer)
            self.written += len(self.buffer)
            self.buffer = []

    def save(self, *aggregates: Any, answer: Any = None, status: int = 200) -> None:
        """What `app.save` gets after a command: the aggregates' new events and, when the
        client sent an Idempotency-Key (the clerk's and the tracker's clients always do),
        the record of the answer, in the same order as the use cases save them."""
        for aggregate in aggregates:
            self.buffer += aggregate.collect_events()
        if answer is not None:
            key = str(self.uuid())
            body = jsonable(answer)
            etag = answer.get("etag_version", answer.get("version"))
            record = IdempotencyRecord(
                self.rng.choice(self.clerks),
                key,
                hashlib.sha256(key.encode()).hexdigest(),
                status,
                body,
                etag if isinstance(etag, int) else None,
            )
            self.buffer += record.collect_events()

    def tick(self, low: float, high: float) -> datetime:
        """Move the clock on by `low` to `high` seconds (inside a meeting)."""
        self.now += timedelta(seconds=self.rng.uniform(low, high))
        return self.now

    def day(self) -> date:
        return self.now.astimezone(LONDON).date()


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute), tzinfo=LONDON)


def working_day(day: date) -> date:
    while not is_working_day(day) or day.weekday() == 0:  # no Monday meetings either
        day += timedelta(days=1)
    return day


# The record's people and bodies -------------------------------------------------------------


@dataclass
class Someone:
    id: UUID
    name: str
    org: UUID | None


@dataclass
class BodyState:
    plan: Plan
    body: Body
    seated: list[Membership] = field(default_factory=list)
    officers: list[Someone] = field(default_factory=list)
    chair: Someone | None = None
    workplan: Workplan | None = None
    referrals: list[tuple[str, date]] = field(default_factory=list)  # decision id, decided on
    meetings: int = 0
    actions: int = 0


class County:
    """The world the stories share: organisations, people, bodies, the actions still open."""

    def __init__(self, sim: Sim) -> None:
        self.sim = sim
        self.rng = sim.rng
        self.orgs: dict[str, UUID] = {}
        self.people_of: dict[UUID, list[Someone]] = {}
        self.people: dict[UUID, Someone] = {}
        self.bodies: dict[str, BodyState] = {}
        self.live_actions: dict[UUID, Action] = {}

    # People ------------------------------------------------------------------------------

    def person(
        self, org_key: str | None, reuse: float = 0.3, avoid: Sequence[UUID] = ()
    ) -> Someone:
        """Someone of the organisation: often a newcomer, sometimes someone known already."""
        org = self.orgs[org_key] if org_key else None
        known = [p for p in self.people_of.get(org, []) if p.id not in avoid] if org else []
        if known and self.rng.random() < reuse:
            return self.rng.choice(known)
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        email = f"{name.lower().replace(' ', '.')}.{self.rng.randrange(1000)}@example.org"
        person = Person(name, org, email, self.rng.choice(JOB_TITLES))
        self.sim.save(person)
        someone = Someone(person.id, name, org)
        self.people[person.id] = someone
        if org is not None:
            self.people_of.setdefault(org, []).append(someone)
        return someone

    def text(self) -> str:
        r = self.rng
        return f"{r.choice(SPEAKERS)} {r.choice(SAID)} {r.choice(TOPICS)}{r.choice(SO_THAT)}."

    # The founding ------------------------------------------------------------------------

    def founding(self) -> Story:
        yield at(START, 9)
        for key, name, sector in ORGANISATIONS:
            org = Organisation(name, sector)
            self.sim.save(org)
            self.orgs[key] = org.id
        for plan in PLANS:
            self.sim.spawn(self.body_story(plan))

    def body_story(self, plan: Plan) -> Story:
        established = START + timedelta(days=plan.from_day)
        yield at(established, 9, 30)
        reports_to = self.bodies[plan.reports_to].body.id if plan.reports_to else None
        body = Body(
            plan.name,
            plan.short_name,
            plan.kind,
            reports_to,
            plan.method,
            plan.quorum,
            5,
            plan.decision_notice_days,
            plan.public,
            [],
            f"To lead the partnership's work on {plan.name.lower()}.",
            f"Every {plan.cadence_days} days",
        )
        body.adopt_terms_of_reference(f"Terms of reference of the {plan.name}.", established)
        self.sim.save(body)
        state = BodyState(plan, body)
        self.bodies[plan.key] = state
        for n in range(plan.seats):
            org_key = plan.orgs[n % len(plan.orgs)]
            self.sim.spawn(self.seat_story(state, f"{org_key} seat {n + 1}", org_key, "member"))
        for n in range(plan.advisers):
            self.sim.spawn(self.seat_story(state, f"Adviser {n + 1}", "CC", "adviser"))
        self.sim.spawn(self.officers_story(state))
        self.sim.spawn(self.chair_story(state))
        self.sim.spawn(self.meetings_story(state))
        if plan.themes:
            self.sim.spawn(self.workplan_story(state))
        # Rules change now and then: a new quorum, a new name for the cadence.
        revised = established + timedelta(days=self.rng.randrange(700, 3000))
        yield at(revised, 11)
        body.revise_rules({"cadence": f"Every {plan.cadence_days} days, and as needed"})
        self.sim.save(body, answer={"id": body.id, "version": body.version})

    def seat_story(self, state: BodyState, seat: str, org_key: str, capacity: str) -> Story:
        r = self.rng
        day = START + timedelta(days=state.plan.from_day)
        yield at(day, 9, 45)
        while True:
            seated_here = [m.person_id for m in state.seated]
            holder = self.person(org_key, reuse=0.25, avoid=seated_here)
            term = timedelta(days=r.randrange(500, 1800))
            membership = Membership(state.body.id, holder.id, seat, capacity, holder.org, day, None)
            substitute = None
            if capacity == "member" and r.random() < 0.45:
                substitute = self.person(org_key, reuse=0.2, avoid=[*seated_here, holder.id])
                membership.name_substitute(substitute.id, day)
            self.sim.save(membership)
            state.seated.append(membership)
            if substitute is not None and r.random() < 0.2:
                yield at(day + term / 2, 10)
                membership.withdraw_substitute(substitute.id, self.sim.day())
                seated_now = [m.person_id for m in state.seated]
                other = self.person(org_key, reuse=0.2, avoid=[*seated_now, holder.id])
                membership.name_substitute(other.id, self.sim.day())
                self.sim.save(membership)
            yield at(day + term, 9)
            ends_on = self.sim.day()
            membership.end(ends_on, r.choice(("Term ended", "Stood down", "Left the organisation")))
            self.sim.save(membership)
            state.seated.remove(membership)
            day = ends_on + timedelta(days=1)

    def officers_story(self, state: BodyState) -> Story:
        yield at(START + timedelta(days=state.plan.from_day), 9, 50)
        state.officers = [self.person("CC", reuse=0.5) for _ in range(state.plan.officers)]
        while True:
            yield at(self.sim.day() + timedelta(days=self.rng.randrange(300, 900)), 9)
            if state.officers:
                state.officers[self.rng.randrange(len(state.officers))] = self.person("CC")

    def chair_story(self, state: BodyState) -> Story:
        r = self.rng
        yield at(START + timedelta(days=state.plan.from_day), 10)
        while True:
            members = [m for m in state.seated if m.capacity == "member"]
            person = self.people[r.choice(members).person_id]
            appointment = self.sim.uuid()
            day = self.sim.day()
            state.body.appoint_chair(appointment, person.id, person.name, "chair", day, None)
            self.sim.save(
                state.body, answer={"id": appointment, "etag_version": state.body.version}
            )
            state.chair = person
            yield at(day + timedelta(days=r.randrange(700, 1100)), 10)
            # The next chair's term starts the day after this one ends.
            ends_on = self.sim.day() - timedelta(days=1)
            state.body.end_chair_term(appointment, ends_on, "Term of office ended")
            self.sim.save(
                state.body, answer={"id": appointment, "etag_version": state.body.version}
            )

    # Meetings ------------------------------------------------------------------------------

    def meetings_story(self, state: BodyState) -> Story:
        plan, r = state.plan, self.rng
        day = START + timedelta(days=plan.from_day + 60 + r.randrange(plan.cadence_days))
        while plan.until_day is None or day < START + timedelta(days=plan.until_day):
            day = working_day(day)
            yield at(day - timedelta(days=60), 9, 15)  # scheduled two months ahead
            self.sim.spawn(self.meeting_story(state, day))
            day += timedelta(days=plan.cadence_days + r.randrange(-3, 4))

    def meeting_story(self, state: BodyState, day: date) -> Story:
        plan, r, sim, body = state.plan, self.rng, self.sim, state.body
        starts = at(day, plan.hour)
        meeting = Meeting(
            body.id, starts, r.choice(VENUES), "annual" if plan.kind == "conference" else "ordinary"
        )
        sim.save(meeting, answer=meeting_view(meeting), status=201)
        state.meetings += 1
        items = [
            r.choices([k for k, _ in ITEM_KINDS], [w for _, w in ITEM_KINDS])[0]
            for _ in range(r.randint(*plan.items))
        ]
        # Decisions to come go on the forward plan, most in good time, some late.
        notices: dict[int, ForwardPlanEntry] = {}
        if plan.decision_notice_days:
            wanted = sorted(
                ((r.randrange(28, 56) if r.random() < 0.9 else r.randrange(5, 28)), n)
                for n, kind in enumerate(items)
                if kind == "decision"
            )
            for days_before, n in reversed(wanted):
                notified_on = day - timedelta(days=days_before)
                yield at(notified_on, 11)
                entry = ForwardPlanEntry(
                    body.id, f"Decision on {r.choice(TOPICS)}", notified_on, meeting.id
                )
                sim.save(
                    entry, answer={"id": entry.id, "body_id": body.id, "version": 1}, status=201
                )
                notices[n] = entry
        # The agenda, ten days ahead: standing items, the items, referrals from other bodies.
        yield at(day - timedelta(days=10), 9, 30)
        for title, kind in (
            ("Minutes of the last meeting", "minutes"),
            ("Matters arising", "matters_arising"),
        ):
            meeting.add_item(str(sim.uuid()), title, kind, None, False, None, [], None)
        sim.save(meeting, answer=meeting_view(meeting))
        presenters = [p.id for p in state.officers] or [None]
        for n, kind in enumerate(items):
            confidential = r.random() < 0.04
            papers = [
                {
                    "title": f"Report on {r.choice(TOPICS)}",
                    "url": f"https://example.org/papers/{sim.uuid()}",
                }
                for _ in range(r.randrange(3))
            ]
            item = meeting.add_item(
                str(sim.uuid()),
                f"{r.choice(TOPICS).capitalize()} ({kind})",
                kind,
                r.choice(presenters),
                confidential,
                "Commercially sensitive information" if confidential else None,
                papers,
                notices[n].id if n in notices else None,
            )
            sim.save(
                meeting,
                answer={**item, "number": len(meeting.agenda), "etag_version": meeting.version},
                status=201,
            )
        while state.referrals and state.referrals[0][1] < day - timedelta(days=10):
            decision_id, _ = state.referrals.pop(0)
            item_id = str(sim.uuid())
            meeting.add_item(
                item_id, "Referral from another body", "decision", None, False, None, [], None
            )
            meeting.take_up_referral(item_id, decision_id)
            sim.save(meeting, answer={"id": item_id, "etag_version": meeting.version}, status=201)
        yield at(day - timedelta(days=8), 10)
        chair = state.chair.id if state.chair else presenters[0]
        meeting.agree_agenda(chair, sim.now)  # type: ignore[arg-type]
        sim.save(meeting, answer=meeting_view(meeting))
        meeting.publish_agenda(sim.now, body.agenda_notice_working_days)
        sim.save(meeting, answer=meeting_view(meeting))
        fate = r.random()
        if fate < 0.015:
            yield at(day - timedelta(days=3), 12)
            meeting.cancel("Not enough business to transact")
            sim.save(meeting, answer=meeting_view(meeting))
            return
        if fate < 0.035:
            yield at(day - timedelta(days=5), 12)
            day = working_day(day + timedelta(days=7))
            meeting.postpone("The chair is unavailable", at(day, plan.hour))
            sim.save(meeting, answer=meeting_view(meeting))
            meeting.publish_agenda(sim.now, body.agenda_notice_working_days)
            sim.save(meeting, answer=meeting_view(meeting))
        yield at(day, plan.hour)
        decided_on = self.session(state, meeting, day, notices)
        # Afterwards, now and then, a correction of the record.
        for _ in range(r.choice((0, 0, 1, 1, 2))):
            yield at(day + timedelta(days=r.randrange(3, 21)), 15)
            self.correct(meeting)
        for decision_id, parties in decided_on:
            sim.spawn(self.ratification_story(decision_id, parties, day))

    def session(
        self, state: BodyState, m: Meeting, day: date, notices: dict[int, ForwardPlanEntry]
    ) -> list[tuple[UUID, list[UUID]]]:
        """The meeting itself, tap by tap: who came, the minute of each item, decisions,
        actions, and who left early. Returns the decisions that need ratification."""
        plan, r, sim = state.plan, self.rng, self.sim

        def tap(entry: dict[str, Any], *others: Any) -> None:
            sim.save(
                m, *others, answer={**entry_view(entry), "etag_version": m.version}, status=201
            )

        sim.now = max(sim.now, m.starts_at.astimezone(UTC)) + timedelta(minutes=r.randrange(6))
        m.open(sim.now)
        sim.save(m, answer=meeting_view(m))
        in_force = [s for s in state.seated if s.in_force_on(day)]
        arrivals: list[tuple[float, UUID, str, str, UUID | None]] = []
        for seat in in_force:
            subs = seat.current_substitutes()
            roll = r.random()
            if roll < 0.8 or seat.capacity != "member":
                if seat.capacity == "member" or roll < 0.7:
                    arrivals.append(
                        (r.uniform(-10, 20), seat.person_id, "present", seat.capacity, None)
                    )
            elif roll < 0.9 and subs:
                arrivals.append(
                    (r.uniform(-10, 20), subs[0]["person_id"], "present", "member", seat.person_id)
                )
            else:
                arrivals.append((-30, seat.person_id, "apologies", seat.capacity, None))
        for officer in state.officers:
            if r.random() < 0.8:
                arrivals.append((r.uniform(-10, 5), officer.id, "present", "officer", None))
        if r.random() < 0.1:
            guest = self.person(None)
            arrivals.append((r.uniform(0, 30), guest.id, "present", "guest", None))
        seen: list[UUID] = []
        present: list[UUID] = []
        for minutes, person_id, status, capacity, substitute_for in sorted(
            arrivals, key=lambda a: a[0]
        ):
            if person_id in seen or substitute_for in present:
                continue  # a substitute for two members, or for a member who came anyway
            seen.append(person_id)
            arrived = max(m.opened_at, m.starts_at + timedelta(minutes=minutes))  # type: ignore[type-var]
            sim.now = max(sim.now, arrived.astimezone(UTC))
            sim.tick(5, 25)
            entry = m.record_attendance(
                str(sim.uuid()), person_id, status, capacity, substitute_for,
                capacity == "guest", arrived,
                is_member=substitute_for is None and capacity == "member",
                is_named_substitute=substitute_for is not None,
            )  # fmt: skip
            tap(entry)
            if status == "present":
                present.append(person_id)
        owners = [p for p in present if self.people[p].org is not None] or present
        leaving = [p for p in present if r.random() < 0.12]
        to_agree = r.randint(*plan.actions)
        agenda = [i for i in m.agenda if i["kind"] not in ("minutes",)]
        per_item = [0] * len(agenda)
        for _ in range(to_agree):
            per_item[r.randrange(len(agenda))] += 1
        decided: list[tuple[UUID, list[UUID]]] = []
        declared = 0
        for n, item in enumerate(agenda):
            if item["kind"] != "matters_arising" and r.random() < 0.02:
                m.defer_item(item["id"], "Papers not ready", None)
                sim.save(m, answer=meeting_view(m))
                continue
            while declared < 3 and r.random() < 0.15 and present:
                declared += 1
                sim.tick(10, 40)
                tap(m.declare_interest(
                    str(sim.uuid()), r.choice(present), item["id"],
                    "A personal interest as a trustee of a body the item concerns",
                    r.random() < 0.3,
                ))  # fmt: skip
            for _ in range(max(1, int(r.gauss(NOTES_PER_ITEM, NOTES_PER_ITEM / 3)))):
                sim.tick(10, 40)
                tap(m.record_note(str(sim.uuid()), item["id"], self.text()))
            decided += self.decide(state, m, item, notices, present, day, tap)
            for _ in range(per_item[n]):
                sim.tick(20, 60)
                tap(*self.agree_action(state, m, item, owners, day))
            while leaving and r.random() < 0.3:
                who = leaving.pop()
                sim.tick(5, 20)
                tap(m.record_departure(str(sim.uuid()), who, sim.now))
        sim.tick(60, 180)
        m.close(sim.now)
        sim.save(m, answer=meeting_view(m))
        return decided

    def decide(
        self,
        state: BodyState,
        m: Meeting,
        item: dict[str, Any],
        notices: dict[int, ForwardPlanEntry],
        present: list[UUID],
        day: date,
        tap: Callable[..., None],
    ) -> list[tuple[UUID, list[UUID]]]:
        plan, r, sim = state.plan, self.rng, self.sim
        kind = item["kind"]
        if kind == "decision":
            method = "vote" if plan.method == "vote" and r.random() < 0.5 else "consensus"
        elif kind in ("performance", "information") and r.random() < 0.4:
            method = "noted"
        elif kind == "discussion" and r.random() < 0.2:
            method = "consensus"
        else:
            return []
        voters = len(present)
        votes = None
        if method == "vote":
            against = r.randrange(max(1, voters // 4))
            votes = {"for": voters - against, "against": against, "abstain": r.randrange(3)}
        referred_to = None
        if r.random() < 0.04 and plan.reports_to:
            referred_to = self.bodies[plan.reports_to]
        notice = next((e for e in notices.values() if e.id == item["forward_plan_id"]), None)
        within = r.random() < 0.95
        decision = {
            "text": f"Resolved: {r.choice(SAID).split(' ')[0]} {r.choice(TOPICS)}.",
            "method": method,
            "votes": votes,
            "within_delegated_authority": within,
            "referred_to": referred_to.body.id if referred_to else None,
            "requires_ratification": requires_ratification(
                method,
                within,
                plan.decision_notice_days,
                notice.notified_on if notice else None,
                m.starts_at,
            ),
        }
        sim.tick(20, 90)
        entry_id = str(sim.uuid())
        tap(m.record_decision(entry_id, item["id"], decision, plan.method))
        if referred_to is not None:
            referred_to.referrals.append((entry_id, day))
        if not decision["requires_ratification"]:
            return []
        parties = sorted(
            {
                s.organisation_id
                for s in state.seated
                if s.capacity == "member" and s.in_force_on(day) and s.organisation_id
            },
            key=str,
        )
        return [(UUID(entry_id), parties)]

    def agree_action(
        self, state: BodyState, m: Meeting, item: dict[str, Any], owners: list[UUID], day: date
    ) -> tuple[dict[str, Any], Action]:
        r, sim = self.rng, self.sim
        owner = self.people[r.choice(owners)]
        workplan_item = None
        if state.workplan is not None and r.random() < 0.3:
            workplan_item = r.choice(list(state.workplan.items.values()))
        fields = {
            "description": f"{r.choice(VERBS)} {r.choice(TOPICS)}",
            "owner_id": owner.id,
            "organisation_id": owner.org,
            "due_on": day + timedelta(days=r.choice((14, 28, 28, 42, 56, 84))),
            "theme": workplan_item["theme"] if workplan_item else None,
        }
        action_id = sim.uuid()
        entry = m.agree_action(str(sim.uuid()), action_id, item["id"], fields)
        action = Action(action_id, m.body_id, m.id, item["id"], **fields)
        if workplan_item is not None and state.workplan is not None:
            action.link_to_workplan(state.workplan.id, workplan_item["id"])
        state.actions += 1
        self.live_actions[action.id] = action
        sim.spawn(self.action_story(action, day))
        return {**entry, "status": "open"}, action

    def correct(self, m: Meeting) -> None:
        r, sim = self.rng, self.sim
        entries = [e for e in m.entries.values() if not e["retracted"]]
        roll = r.random()
        kind = "note" if roll < 0.5 else "decision" if roll < 0.7 else "action"
        candidates = [e for e in entries if e["kind"] == kind]
        if kind == "action":
            candidates = [e for e in candidates if e["action_id"] in self.live_actions]
        if not candidates:
            return
        entry = r.choice(candidates)
        answer = {"id": entry["id"], "etag_version": m.version + 1}
        if kind == "note":
            m.correct(entry["id"], "Wording", {"item_id": entry["item_id"], "text": self.text()})
            sim.save(m, answer=answer)
        elif kind == "decision":
            fields = ("item_id", "text", "method", "votes", "within_delegated_authority")
            replacement = {name: entry[name] for name in fields}
            replacement["text"] = entry["text"].replace("Resolved", "Resolved unanimously")
            replacement["referred_to"] = entry["referred_to"]
            replacement["requires_ratification"] = entry["requires_ratification"]
            m.correct(entry["id"], "As agreed at the next meeting", replacement)
            sim.save(m, answer=answer)
        else:
            action = self.live_actions[entry["action_id"]]
            if r.random() < 0.15:
                m.correct(entry["id"], "Recorded in error", None)
                action.retract_at_meeting("Recorded in error")
            else:
                fields = ("description", "owner_id", "organisation_id", "due_on", "theme")
                replacement = {name: entry[name] for name in fields}
                replacement["due_on"] = entry["due_on"] + timedelta(days=7)
                m.correct(entry["id"], "The date agreed was a week later", replacement)
                action.correct_at_meeting(replacement, "The date agreed was a week later")
            sim.save(m, action, answer=answer)

    # Between meetings ------------------------------------------------------------------------

    def action_story(self, action: Action, agreed: date) -> Story:
        """Progress notes every week or three, maybe a new due date or owner, then done,
        dropped, or (now and then) forgotten: left open."""
        r, sim = self.rng, self.sim
        roll = r.random()
        fate = "done" if roll < 0.8 else "dropped" if roll < 0.92 else "forgotten"
        due = action.due_on
        revisions = []
        if r.random() < 0.25:
            revisions.append(due - timedelta(days=r.randrange(1, 7)))
            due += timedelta(days=r.randrange(14, 43))
            if r.random() < 0.25:
                revisions.append(due - timedelta(days=r.randrange(1, 7)))
                due += timedelta(days=r.randrange(14, 43))
        if fate == "done":
            closes = max(agreed + timedelta(days=3), due + timedelta(days=int(r.gauss(-4, 10))))
        elif fate == "dropped":
            closes = agreed + timedelta(days=r.randrange(7, max(8, (due - agreed).days + 30)))
        else:
            closes = agreed + timedelta(days=r.randrange(30, 150))  # the last we hear of it
        steps: list[tuple[date, str]] = [(d, "revise") for d in revisions if d > agreed]
        progress_day = agreed + timedelta(days=r.randrange(5, 15))
        while progress_day < closes:
            steps.append((progress_day, "progress"))
            progress_day += timedelta(days=r.randrange(7, 22))
        if r.random() < 0.05:
            steps.append((agreed + (closes - agreed) / 2, "reassign"))
        if fate != "forgotten":
            steps.append((closes, fate))
        steps.sort(key=lambda s: s[0])
        total = sum(1 for _, kind in steps if kind == "progress")
        done = 0
        for day, kind in steps:
            yield at(day, r.randrange(8, 18), r.randrange(60))
            if action.status != OPEN:
                break  # retracted from the meeting's record meanwhile
            now = sim.now
            if kind == "progress":
                done += 1
                percent = None if r.random() < 0.25 else min(95, round(100 * done / (total + 1)))
                action.note_progress(self.text(), percent, now)
            elif kind == "revise":
                action.revise_due_date(
                    action.due_on + timedelta(days=r.randrange(14, 43)), "Waiting on partners", now
                )
            elif kind == "reassign":
                owner = self.rng.choice(list(self.people.values()))
                action.reassign(owner.id, owner.org, now)
            elif kind == "done":
                action.complete(r.choice((None, "Done; see the report to the next meeting")), now)
            else:
                action.drop("Overtaken by events", now)
            sim.save(action, answer=action_view(action, sim.day()))
        self.live_actions.pop(action.id, None)

    def ratification_story(self, decision_id: UUID, parties: list[UUID], decided: date) -> Story:
        r, sim = self.rng, self.sim
        yield at(decided + timedelta(days=r.randrange(7, 21)), 11)
        ratifications = Ratifications(decision_id, parties)
        sim.save(ratifications)
        day = self.sim.day()
        for org in r.sample(parties, len(parties)):
            day += timedelta(days=r.randrange(1, 20))
            yield at(day, 12)
            outcome = "ratified" if r.random() < 0.95 else "declined"
            ratifications.record(org, outcome, day)
            sim.save(
                ratifications,
                answer={"decision_id": decision_id, "organisation_id": org, "outcome": outcome},
            )

    def workplan_story(self, state: BodyState) -> Story:
        """A workplan every three years, its items' status reported every month or so."""
        plan, r, sim = state.plan, self.rng, self.sim
        day = START + timedelta(days=plan.from_day + 30)
        while True:
            yield at(day, 10)
            year = day.year
            workplan = Workplan(
                state.body.id, f"{plan.short_name} workplan {year}-{year + 3}", list(plan.themes)
            )
            sim.save(workplan, answer={"id": workplan.id, "version": 1}, status=201)
            for theme in plan.themes:
                for _ in range(r.randrange(4, 8)):
                    item = workplan.add_item(
                        str(sim.uuid()),
                        theme,
                        f"{r.choice(VERBS)} {r.choice(TOPICS)}",
                        self.orgs[r.choice(plan.orgs)],
                        day + timedelta(days=r.randrange(180, 1095)),
                    )
                    sim.save(
                        workplan, answer={**item, "etag_version": workplan.version}, status=201
                    )
            state.workplan = workplan
            ends = day + timedelta(days=1095)
            while day < ends - timedelta(days=30):
                day += timedelta(days=r.randrange(25, 40))
                yield at(day, 16)
                for item in list(workplan.items.values()):
                    if item["status"] == "done" or r.random() < 0.6:
                        continue
                    status = r.choices(("on_track", "at_risk", "off_track", "done"), (6, 2, 1, 1))[
                        0
                    ]
                    reported = workplan.report_status(item["id"], status, self.text(), sim.now)
                    sim.save(workplan, answer={**reported, "etag_version": workplan.version})
            day = ends


# The cached log -------------------------------------------------------------------------------


@dataclass
class Generated:
    """What a generated log holds (kept beside it as JSON)."""

    path: str
    version: str
    seed: int
    years: int
    start: str
    end: str  # the first day after the record: the tracker's "today"
    events: int
    seconds: float  # how long generating it took
    generated_at: str
    big_body_id: str
    big_body_name: str
    big_body_actions: int
    bodies: int
    meetings: int
    actions: int
    people: int
    by_topic: dict[str, int]
    reused: bool = False

    @property
    def end_day(self) -> date:
        return date.fromisoformat(self.end)


def _source_hash() -> str:
    """Of this file and of the code that shapes the events (the domain, idempotency
    records): when either changes, the log is generated again."""
    files = [Path(__file__), ROOT / "meetings" / "idempotency.py"]
    files += sorted((ROOT / "meetings" / "domain").glob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_path(years: int, seed: int = SEED, out_dir: Path = OUT) -> Path:
    return out_dir / f"county-{GENERATOR_VERSION}-seed{seed}-{years}y-{_source_hash()}.sqlite3"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def generate(
    path: Path, years: int = 10, seed: int = SEED, say: Callable[[str], None] = print
) -> Generated:
    """Simulate `years` of the county into a new event store at `path`."""
    _remove(path)
    began = time.perf_counter()
    end_day = date(START.year + years, START.month, START.day)
    app = MeetingsApplication(environment_for(f"sqlite:///{path}"))
    try:
        sim = Sim(app, random.Random(seed), at(end_day, 0))
        county = County(sim)
        with sim.installed():
            sim.spawn(county.founding())
            sim.run(lambda n: say(f"  {n:,} events ({time.perf_counter() - began:.0f} s)"))
    finally:
        app.close()
    seconds = time.perf_counter() - began
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        by_topic = dict(
            conn.execute(
                "SELECT topic, COUNT(*) FROM stored_events GROUP BY topic ORDER BY 2 DESC"
            ).fetchall()
        )
    conn.close()
    big = county.bodies[BIG_BODY]
    return Generated(
        path=str(path),
        version=GENERATOR_VERSION,
        seed=seed,
        years=years,
        start=START.isoformat(),
        end=end_day.isoformat(),
        events=sum(by_topic.values()),
        seconds=round(seconds, 1),
        generated_at=datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
        big_body_id=str(big.body.id),
        big_body_name=big.plan.name,
        big_body_actions=big.actions,
        bodies=len(county.bodies),
        meetings=sum(s.meetings for s in county.bodies.values()),
        actions=sum(s.actions for s in county.bodies.values()),
        people=len(county.people),
        by_topic=by_topic,
    )


def ensure(
    years: int = 10,
    *,
    seed: int = SEED,
    force: bool = False,
    out_dir: Path = OUT,
    in_subprocess: bool = True,
    say: Callable[[str], None] = print,
) -> Generated:
    """The cached log for these settings, generated first if it is missing. In a
    subprocess by default, so the caller's peak memory is not the generator's."""
    path = cache_path(years, seed, out_dir)
    meta = path.with_suffix(".json")
    if not force and path.exists() and meta.exists():
        generated = Generated(**json.loads(meta.read_text(encoding="utf-8")))
        generated.reused = True
        return generated
    if in_subprocess:
        command = [
            sys.executable,
            "-m",
            "bench.generate",
            "--years",
            str(years),
            "--seed",
            str(seed),
        ]
        command += ["--out-dir", str(out_dir), "--force"]
        subprocess.run(command, cwd=ROOT, check=True)
        return Generated(**json.loads(meta.read_text(encoding="utf-8")))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"county-*-seed{seed}-{years}y-*"):
        old.unlink(missing_ok=True)  # an older generator's log (and its -wal, -shm, .json)
    partial = path.with_suffix(".partial")
    generated = generate(partial, years, seed, say)
    os.replace(partial, path)
    generated.path = str(path)
    meta.write_text(json.dumps(asdict(generated), indent=1), encoding="utf-8")
    return generated


# The tracker's floor: one body's actions, alone ------------------------------------------------


def extract_body_actions(source: Path, dest: Path, body_id: UUID) -> int:
    """A fresh event store holding only what the tracker shows of one body: its actions
    (every event of each), the records the tracker's query joins (organisations, people,
    the body) and its meetings' agenda items. Returns how many events it holds."""
    _remove(dest)
    app = MeetingsApplication(environment_for(f"sqlite:///{dest}"))
    decode = app.mapper.transcoder.decode
    structure = (get_topic(Organisation.Registered), get_topic(Person.Registered))
    of_meetings = (get_topic(Meeting.Scheduled), get_topic(AgendaItemAdded))
    try:
        with sqlite3.connect(f"file:{source}?immutable=1", uri=True) as conn:
            actions, meetings = set(), set()
            for kept, topic in ((actions, Action.Agreed), (meetings, Meeting.Scheduled)):
                for originator_id, state in conn.execute(
                    "SELECT originator_id, state FROM stored_events WHERE topic = ?",
                    (get_topic(topic),),
                ):
                    if decode(state)["body_id"] == body_id:
                        kept.add(originator_id)
            actions.add(body_id.hex)  # the body's own events too
            rows = [
                StoredEvent(UUID(hex=originator_id), version, topic, state)
                for originator_id, version, topic, state in conn.execute(
                    "SELECT originator_id, originator_version, topic, state FROM stored_events"
                    " ORDER BY rowid"
                )
                if originator_id in actions
                or topic in structure
                or (originator_id in meetings and topic in of_meetings)
            ]
        conn.close()
        for n in range(0, len(rows), BATCH):
            app.recorder.insert_events(rows[n : n + BATCH])
    finally:
        app.close()
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out-dir", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="generate even if it is cached")
    args = parser.parse_args(argv)
    print(f"generating {args.years} years of the county (seed {args.seed})", flush=True)
    generated = ensure(
        args.years, seed=args.seed, force=args.force, out_dir=args.out_dir, in_subprocess=False
    )
    word = "reused" if generated.reused else "generated"
    print(
        f"{word} {generated.path}: {generated.events:,} events, {generated.meetings:,} meetings,"
        f" {generated.actions:,} actions ({generated.big_body_actions:,} of the"
        f" {generated.big_body_name}), in {generated.seconds:.0f} s"
        f" ({generated.events / generated.seconds:,.0f} events/s)",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
