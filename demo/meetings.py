"""A year of the demo family's meetings, April 2025 to March 2026, and one still to come.

Every meeting is recorded through the application's use cases, in the order a clerk would:
the forward plan and the draft agenda first, then on the day the chair's agreement, the
circulation, the session (attendance with the real times, declarations, notes, decisions,
actions, deferrals), the close, and afterwards any correction. Nothing here is random.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from uuid import UUID
from zoneinfo import ZoneInfo

from demo.family import (
    CADEX_LA_GROUP,
    CADEX_PARTNERSHIP_GROUP,
    RECORDED_BY,
    Family,
    day,
)
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAction,
    AgreeAgenda,
    CancelMeeting,
    CloseMeeting,
    CorrectEntry,
    DeclareInterest,
    DeferItem,
    NotifyForthcomingDecision,
    OpenMeeting,
    PostponeMeeting,
    PublishAgenda,
    RecordAttendance,
    RecordDecision,
    RecordDeparture,
    RecordNote,
    ScheduleMeeting,
    TakeChair,
)
from meetings.domain.rules import in_term

LONDON = ZoneInfo("Europe/London")


def _at(year: int, month: int, day_of_month: int, hour: int, minute: int = 0) -> datetime:
    """A time of the demo as written, moved (with its date) to fit the day it is loaded."""
    return datetime.combine(day(year, month, day_of_month), time(hour, minute), tzinfo=LONDON)


# What a meeting is made of ---------------------------------------------------------------


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


class Turnout(NamedTuple):
    """Who of the members did not simply arrive at the start and stay to the end."""

    apologies: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    substitutes: tuple[tuple[str, str], ...] = ()
    late: tuple[tuple[str, int], ...] = ()
    leaves: tuple[tuple[str, int], ...] = ()


def _roll(people: Sequence[str], turnout: Turnout, capacity: str = "member") -> list[Attend]:
    rows: list[Attend] = []
    for person in people:
        rows.extend(_attend(person, turnout, capacity))
    return rows


def _attend(person: str, t: Turnout, capacity: str) -> list[Attend]:
    substitutes = dict(t.substitutes)
    if person in substitutes:
        return [
            Attend(person, "apologies", capacity),
            Attend(substitutes[person], capacity=capacity, substitute_for=person),
        ]
    if person in t.apologies:
        return [Attend(person, "apologies", capacity)]
    if person in t.absent:
        return [Attend(person, "absent", capacity)]
    return [Attend(person, capacity=capacity, **_times(person, t))]


def _times(person: str, t: Turnout) -> dict[str, Any]:
    return {"arrives": dict(t.late).get(person, 0), "leaves": dict(t.leaves).get(person)}


def _in(capacity: str, *people: str) -> list[Attend]:
    return [Attend(p, capacity=capacity, admitted_by_chair=capacity == "guest") for p in people]


# Themes of the Sustainable Community Strategy --------------------------------------------

CYP = "Children and Young People"
ADULTS = "Adults and Older People"
HEALTH = "Public Health and Wellbeing"
SAFER = "Safer and Stronger Communities"
ECONOMY = "Economy and Environment"
CROSS = "Cross-cutting"

# The BSP Board: quarterly --------------------------------------------------------------

BOARD_VENUE = "Mezzanine Room 2, County Hall, Walton Street, Aylesbury"
#: The Board's members after the Wycombe leadership changed hands in May 2025.
BOARD_MEMBERS = (
    "bcc_leader",
    "avdc_leader",
    "cdc_leader",
    "sbdc_leader",
    "wdc_new_leader",
    "bcc_cm_children",
    "bcc_cm_adults",
    "public_health",
    "bcc_cm_safer",
    "bep_ce",
    "balc_chair",
    "pct_chair",
    "tvpa_member",
    "bfa_chair",
    "vi_ce",
    "enc_director",
    "business_rep",
    "seeda_rep",
    "lsc_rep",
)
BOARD_ADVISERS = ("bcc_ce", "avdc_ce", "cdc_ce", "sbdc_ce", "wdc_ce")


def _board_roll(
    turnout: Turnout, *, officers: Sequence[str], guests: Sequence[str] = ()
) -> tuple[Attend, ...]:
    return (
        *_roll(BOARD_MEMBERS, turnout),
        *_roll(BOARD_ADVISERS, turnout, "adviser"),
        *_roll(("gose_rep",), turnout, "observer"),
        *_in("officer", *officers),
        *_in("guest", *guests),
    )


def _minutes(last: str, arising: str) -> tuple[Note, Note]:
    return (
        Note("minutes", f"The minutes of the meeting of {last} were agreed as a correct record."),
        Note("matters_arising", arising),
    )


def _ig_report(day: str) -> Item:
    return Item(
        "ig",
        "Report from the Implementation Group",
        "information",
        "bcc_ce",
        (f"Implementation Group: summary of the meeting of {day}",),
    )


BOARD_JUNE = Sitting(
    "board",
    _at(2025, 6, 12, 10),
    (
        _ig_report("20 May 2025"),
        Item(
            "scs",
            "Sustainable Community Strategy 2026-2036: consultation draft",
            "decision",
            "bcc_commissioning",
            ("SCS 2026-2036 consultation draft", "Consultation plan and timetable"),
            notice_days=21,
        ),
        Item(
            "reward",
            "LAA Reward Grant: allocation of the pooled fund",
            "decision",
            "bcc_ce",
            ("Reward Grant: proposed allocation by theme",),
        ),
        Item(
            "performance",
            "LAA performance report: quarter 4, 2024/25",
            "performance",
            "bcc_commissioning",
            ("LAA performance exceptions report, Q4 2024/25",),
        ),
        Item(
            "greenbelt",
            "Green Belt and the Local Development Frameworks: the districts' approach",
            "discussion",
            "cdc_planning",
        ),
    ),
    BOARD_VENUE,
    _board_roll(
        Turnout(
            apologies=("seeda_rep", "lsc_rep"),
            substitutes=(("wdc_new_leader", "wdc_deputy"),),
            late=(("business_rep", 20),),
            leaves=(("tvpa_member", 95),),
        ),
        officers=("bcc_commissioning", "bcc_economy"),
        guests=("cdc_planning",),
    ),
    (
        Interest(
            "business_rep",
            "reward",
            "Bucks Business First has bid for Reward Grant funding for its skills brokerage.",
            withdrew=True,
        ),
        Interest(
            "vi_ce",
            "reward",
            "Voluntary Impact receives grant funding from the County Council.",
        ),
        Note(
            "ig",
            "Dr Crayford reported that the Implementation Group had agreed its workplan by"
            " theme and would report to the Board on an exceptions basis each quarter.",
        ),
        Decision("ig", "The Board noted the report from the Implementation Group.", "noted"),
        Note(
            "scs",
            "Members welcomed the draft. The Sustainable Comunity Strategy should reach the"
            " parish and town councils through BALC, and young people through the Youth"
            " Parliament.",
            label="scs-typo",
        ),
        Decision(
            "scs",
            "The Board approved the consultation draft of the Sustainable Community Strategy"
            " 2026-2036 for consultation from 1 July to 30 September 2025.",
        ),
        Act(
            "scs",
            "Send the consultation draft to every partner's cabinet or board, and to the"
            " parish and town councils through BALC",
            "bcc_commissioning",
            day(2025, 7, 11),
            CROSS,
        ),
        Act(
            "scs",
            "Hold two consultation events with the voluntary and community sector",
            "vi_ce",
            day(2025, 9, 15),
            CROSS,
        ),
        Note(
            "reward",
            "Mrs Stanmore left the room for this item. Members asked that the allocation"
            " favour the two themes with red-rated indicators.",
        ),
        Decision(
            "reward",
            "The Board agreed to advise the County Council, as Accountable Body, to allocate"
            " the first tranche of LAA Reward Grant (GBP 1.2m) across the five themes in the"
            " proportions set out in the paper, subject to ratification by the partners.",
        ),
        Act(
            "reward",
            "Write to the partner organisations seeking ratification of the Reward Grant"
            " allocation",
            "bcc_ce",
            day(2025, 8, 29),
            CROSS,
            label="ratify",
        ),
        Act(
            "reward",
            "Write to the partner organisations seeking ratification of the Reward Grant"
            " allocation",
            "bcc_ce",
            day(2025, 8, 29),
            CROSS,
            label="ratify-twice",
        ),
        Decision("performance", "The Board noted the performance report for quarter 4.", "noted"),
        Act(
            "performance",
            "Report on the red-rated indicator NI 117 (16-18 year olds not in education,"
            " employment or training) to the September Board",
            "bcc_children",
            day(2025, 9, 1),
            CYP,
        ),
        Note(
            "greenbelt",
            "Dr Hatherley, admitted by the Chairman, set out the districts' joint evidence on"
            " the Green Belt. Members asked for a joint view on infrastructure funding.",
        ),
        Act(
            "greenbelt",
            "Bring a joint districts' paper on infrastructure funding to the December Board",
            "cdc_planning",
            day(2025, 11, 28),
            ECONOMY,
        ),
    ),
    (
        Fix(
            "scs-typo",
            "Typing error: 'Comunity' for 'Community'.",
            {
                "text": "Members welcomed the draft. The Sustainable Community Strategy should"
                " reach the parish and town councils through BALC, and young people through the"
                " Youth Parliament."
            },
        ),
        Fix("ratify-twice", "The same action was recorded twice in error."),
    ),
    length=150,
)

_SHARED_SERVICES_REASON = (
    "Contains staffing proposals not yet consulted on with the staff and trade unions of the"
    " partner councils."
)

BOARD_SEPTEMBER = Sitting(
    "board",
    _at(2025, 9, 11, 10),
    (
        _ig_report("15 July 2025"),
        Item(
            "consultation",
            "Sustainable Community Strategy: early findings of the consultation",
            "information",
            "bcc_commissioning",
        ),
        Item(
            "place",
            "Total Place pilot: a joint bid to Government",
            "decision",
            "bcc_ce",
            ("Total Place: outline bid",),
            notice_days=14,
        ),
        Item(
            "shared",
            "Shared services: business case for a joint revenues and benefits service",
            "decision",
            "avdc_ce",
            ("Joint revenues and benefits: outline business case",),
            _SHARED_SERVICES_REASON,
            notice_days=7,
        ),
        Item(
            "performance",
            "LAA performance report: quarter 1, 2025/26",
            "performance",
            "bcc_commissioning",
        ),
    ),
    BOARD_VENUE,
    _board_roll(
        Turnout(
            apologies=("balc_chair", "bfa_chair", "sbdc_ce"),
            substitutes=(("cdc_leader", "cdc_deputy"),),
            late=(("pct_chair", 35),),
            leaves=(("seeda_rep", 80), ("bep_ce", 110)),
        ),
        officers=("bcc_commissioning",),
    ),
    (
        Interest(
            "wdc_new_leader",
            "shared",
            "A close family member works in Wycombe's revenues and benefits service.",
            withdrew=True,
        ),
        *_minutes(
            "12 June 2025",
            "All the partners have ratified the Reward Grant allocation except the Police"
            " Authority, which meets on 25 September.",
        ),
        Decision("ig", "The Board noted the report from the Implementation Group.", "noted"),
        Note(
            "consultation",
            "Over 900 responses so far; the strongest themes are transport, affordable"
            " housing and activities for young people.",
        ),
        Decision("consultation", "The Board noted the early findings.", "noted"),
        Decision(
            "place",
            "The Board endorsed a joint Total Place bid covering services for older people,"
            " led by the County Council and the PCT.",
        ),
        Act(
            "place",
            "Submit the Total Place bid to Government Office",
            "bcc_ce",
            day(2025, 10, 17),
            ADULTS,
        ),
        Note(
            "shared",
            "Mr Kestle presented the business case. Savings of about GBP 1.1m a year are"
            " expected from the third year; the councils' staff have not yet been consulted.",
        ),
        Decision(
            "shared",
            "The Board supported the business case for a joint revenues and benefits service"
            " for the four district councils; committing staff and budgets is for each council.",
            within_delegated_authority=False,
        ),
        Act(
            "shared",
            "Take the business case to each district council's cabinet for decision",
            "avdc_ce",
            day(2025, 12, 19),
            CROSS,
            "AVDC",
        ),
        Decision("performance", "The Board noted the performance report for quarter 1.", "noted"),
        Act(
            "performance",
            "Agree a recovery plan for NI 192 (household waste recycled) with the Waste"
            " Partnership",
            "bcc_economy",
            day(2025, 11, 28),
            ECONOMY,
        ),
    ),
    length=140,
)

BOARD_DECEMBER = Sitting(
    "board",
    _at(2025, 12, 11, 10),
    (
        _ig_report("18 November 2025"),
        Item(
            "adopt",
            "Sustainable Community Strategy 2026-2036: final text for adoption",
            "decision",
            "bcc_commissioning",
            ("SCS 2026-2036: final text", "Consultation report"),
            notice_days=28,
        ),
        Item(
            "infrastructure",
            "Infrastructure funding: the districts' joint paper",
            "discussion",
            "cdc_planning",
            ("Infrastructure funding in Buckinghamshire",),
        ),
        Item(
            "budgets",
            "Partners' budget pressures in 2026/27 and the LAA",
            "discussion",
            "bcc_ce",
            confidential_reason="Draft budget figures of partner organisations, not yet published.",
        ),
        Item(
            "performance",
            "LAA performance report: quarter 2, 2025/26",
            "performance",
            "bcc_commissioning",
        ),
    ),
    BOARD_VENUE,
    _board_roll(
        Turnout(
            apologies=("lsc_rep", "enc_director", "avdc_ce"),
            absent=("seeda_rep",),
            substitutes=(("sbdc_leader", "sbdc_deputy"),),
            late=(("tvpa_member", 15),),
            leaves=(("pct_chair", 100),),
        ),
        officers=("bcc_commissioning", "cdc_planning"),
    ),
    (
        Interest(
            "balc_chair",
            "infrastructure",
            "Chairman of a parish council with a pending bid for developer contributions.",
        ),
        *_minutes(
            "11 September 2025",
            "Government Office has shortlisted the Total Place bid; a decision is expected in"
            " January.",
        ),
        Decision("ig", "The Board noted the report from the Implementation Group.", "noted"),
        Decision(
            "adopt",
            "The Board adopted the Sustainable Community Strategy 2026-2036 and commended it to"
            " the partners for endorsement.",
        ),
        Act(
            "adopt",
            "Publish the adopted Strategy and a summary for residents",
            "bcc_commissioning",
            day(2026, 1, 30),
            CROSS,
        ),
        Note(
            "infrastructure",
            "Members agreed that a county-wide infrastructure delivery plan is needed before"
            " the next round of growth funding.",
        ),
        Act(
            "infrastructure",
            "Draft an infrastructure delivery plan with the districts and SEEDA",
            "bcc_economy",
            day(2026, 6, 30),
            ECONOMY,
        ),
        Note(
            "budgets",
            "Partners shared their draft savings targets and agreed to protect the LAA"
            " stretch targets where they can.",
        ),
        Decision("performance", "The Board noted the performance report for quarter 2.", "noted"),
    ),
    length=135,
)

BOARD_MARCH = Sitting(
    "board",
    _at(2026, 3, 12, 10),
    (
        _ig_report("20 January 2026"),
        Item(
            "refresh",
            "LAA refresh 2026/27: targets for negotiation with Government",
            "decision",
            "bcc_commissioning",
            ("LAA 2026/27: proposed targets",),
            notice_days=10,
        ),
        Item(
            "review",
            "Review of governance after twelve months: decision-making",
            "decision",
            "bcc_ce",
            ("Fit for Purpose: twelve-month review",),
            notice_days=35,
        ),
        Item(
            "older",
            "Joint commissioning strategy for older people",
            "decision",
            "bcc_cm_adults",
        ),
        Item(
            "performance",
            "LAA performance report: quarter 3, 2025/26",
            "performance",
            "bcc_commissioning",
        ),
    ),
    BOARD_VENUE,
    _board_roll(
        Turnout(
            apologies=("tvpa_member", "business_rep"),
            substitutes=(("avdc_leader", "avdc_deputy"), ("vi_ce", "vi_officer")),
            late=(("lsc_rep", 25),),
            leaves=(("bcc_cm_safer", 90),),
        ),
        officers=("bcc_commissioning", "bcc_adults"),
    ),
    (
        Interest(
            "pct_chair",
            "older",
            "The PCT is a joint commissioner and provider of some of the services.",
        ),
        *_minutes(
            "11 December 2025",
            "All four district cabinets have agreed the joint revenues and benefits business case.",
        ),
        Decision("ig", "The Board noted the report from the Implementation Group.", "noted"),
        Decision(
            "refresh",
            "The Board agreed the proposed LAA targets for 2026/27 as the basis for"
            " negotiation with Government Office.",
        ),
        Act(
            "refresh",
            "Negotiate the 2026/27 targets with Government Office and report the outcome",
            "bcc_commissioning",
            day(2026, 5, 29),
            CROSS,
        ),
        Decision(
            "review",
            "The Board agreed to add the decision-making rules (consensus, ten days' notice,"
            " ratification outside delegated authority) to its terms of reference from"
            " 1 April 2026.",
        ),
        Act(
            "review",
            "Review the Board's membership and decision-making after a further year",
            "bcc_ce",
            day(2027, 3, 31),
            CROSS,
        ),
        Note(
            "older",
            "The paper came too late for the forward plan; members agreed to take it so that"
            " the tender can start in April.",
        ),
        Decision(
            "older",
            "The Board endorsed the joint commissioning strategy for older people.",
        ),
        Act(
            "older",
            "Start the joint tender for extra-care housing and reablement services",
            "bcc_adults",
            day(2027, 1, 29),
            ADULTS,
        ),
        Decision("performance", "The Board noted the performance report for quarter 3.", "noted"),
    ),
    length=150,
)

BOARD_NEXT = Sitting(
    "board",
    _at(2027, 1, 14, 10),
    (
        _ig_report("17 November 2026"),
        Item(
            "refresh",
            "LAA refresh 2027/28: priorities",
            "decision",
            "bcc_commissioning",
            notice_days=56,
        ),
        Item("conference", "BSP Conference 2027: arrangements", "information", "bcc_ce"),
    ),
    BOARD_VENUE,
    draft_only=True,
)

# CADEX: monthly, alternating between its two groups -------------------------------------

#: CADEX meets as its Local Authority Group and its Partnership Group in turn. Each group is
#: a body of its own in the demo family, with its own members (the Partnership Group adds
#: health, police and fire), so each meeting is scheduled on the group that met and the
#: attendance rules check that group's membership. The chair is CADEX's: the council chief
#: executive whose three-month rotating term covers the day, who also hosts the meeting.
CADEX_GROUPS = ("cadex_la", "cadex_partnership")
#: The group each CADEX meeting summons, by the kind of meeting it is.
CADEX_SUMMONS = {"cadex_la": CADEX_LA_GROUP, "cadex_partnership": CADEX_PARTNERSHIP_GROUP}
CHAIRED_BY = {"cadex_la": "cadex", "cadex_partnership": "cadex"}
CADEX_LA = ("bcc_ce", "avdc_ce", "cdc_ce", "sbdc_ce", "wdc_ce")
CADEX_PARTNERS = (*CADEX_LA, "pct_ce", "bcu_commander", "cfo")
HOST_VENUES = {
    "bcc_ce": "Chief Executive's Meeting Room, County Hall, Aylesbury",
    "avdc_ce": "The Gateway, Gatehouse Road, Aylesbury",
    "cdc_ce": "King George V House, King George V Road, Amersham",
    "sbdc_ce": "Capswood, Oxford Road, Denham",
    "wdc_ce": "Council Offices, Queen Victoria Road, High Wycombe",
}


class CadexMonth(NamedTuple):
    """The month's main business: an item, what came of it, and who does what next."""

    day: date
    topic: str
    outcome: str
    action: str
    owner: str
    theme: str
    apologies: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    record: tuple[Entry, ...] = ()
    postponed: Postponement | None = None


_RESILIENCE = Item(
    "resilience",
    "Joint emergency planning: a shared resilience team",
    "decision",
    "cfo",
    ("Shared resilience team: options",),
)

CADEX_MONTHS = (
    CadexMonth(
        day(2025, 4, 9),
        "Shared services programme 2025/26",
        "CADEX agreed the programme's five workstreams and their lead chief executives.",
        "Circulate the shared services programme plan to the district leaders",
        "avdc_ce",
        CROSS,
    ),
    CadexMonth(
        day(2025, 5, 14),
        "Joint strategic needs assessment: partners' contributions",
        "CADEX agreed that each partner would name an analyst to the JSNA steering group.",
        "Name analysts to the JSNA steering group",
        "pct_ce",
        HEALTH,
        ("cfo",),
    ),
    CadexMonth(
        day(2025, 6, 11),
        "Comprehensive Area Assessment: preparing the evidence",
        "CADEX agreed a single evidence log for the county, kept by the County Council.",
        "Set up the shared evidence log for the Comprehensive Area Assessment",
        "bcc_ce",
        CROSS,
    ),
    CadexMonth(
        day(2025, 7, 9),
        "Night-time economy in High Wycombe and Aylesbury",
        "CADEX agreed a joint licensing and policing approach for the summer.",
        "Agree the summer enforcement rota with the licensing teams",
        "bcu_commander",
        SAFER,
        ("sbdc_ce",),
    ),
    CadexMonth(
        day(2025, 8, 13),
        "Gypsy and Traveller sites: joint assessment",
        "CADEX agreed to commission one county-wide accommodation assessment.",
        "Commission the joint Gypsy and Traveller accommodation assessment",
        "cdc_ce",
        SAFER,
        ("wdc_ce",),
    ),
    CadexMonth(
        day(2025, 9, 10),
        "Winter pressures: hospital discharge",
        "CADEX agreed to pool reablement capacity over the winter.",
        "Report weekly delayed-discharge figures to the chief executives",
        "pct_ce",
        ADULTS,
        ("cfo",),
        items=(_RESILIENCE,),
        record=(
            Defer(
                "resilience",
                "The Chief Fire Officer sent apologies and the options need the fire"
                " service's view.",
            ),
        ),
    ),
    CadexMonth(
        day(2025, 10, 8),
        "Council budgets 2026/27: shared pressures",
        "CADEX agreed to share savings proposals that affect other partners by November.",
        "Collate the councils' savings proposals that affect partners",
        "cdc_ce",
        CROSS,
    ),
    CadexMonth(
        day(2025, 11, 12),
        "Community safety: the strategic assessment",
        "CADEX noted the strategic assessment and its four priorities.",
        "Brief the district community safety partnerships on the priorities",
        "bcu_commander",
        SAFER,
        record=(
            Decision(
                "resilience",
                "CADEX agreed in principle to a shared resilience team hosted by the fire"
                " service, subject to a business case.",
            ),
            Act(
                "resilience",
                "Prepare the business case for a shared resilience team",
                "cfo",
                day(2026, 2, 27),
                SAFER,
            ),
        ),
        postponed=Postponement(
            "Most of the chief executives are called to the regional leaders' summit that day.",
            _at(2025, 11, 19, 9, 30),
        ),
    ),
    CadexMonth(
        day(2025, 12, 10),
        "Waste: the joint municipal waste strategy",
        "CADEX agreed to recommend the revised strategy to the councils' cabinets.",
        "Take the revised waste strategy to the councils' cabinets",
        "wdc_ce",
        ECONOMY,
        ("bcc_ce",),
    ),
    CadexMonth(
        day(2026, 1, 14),
        "Safeguarding: the serious case review action plan",
        "CADEX agreed that every partner will report progress on its actions quarterly.",
        "Report each partner's progress on the serious case review actions",
        "sbdc_ce",
        CYP,
    ),
    CadexMonth(
        day(2026, 2, 11),
        "Broadband in rural Buckinghamshire",
        "CADEX agreed to seek SEEDA funding for a joint rural broadband scheme.",
        "Prepare a bid to SEEDA for the rural broadband scheme",
        "avdc_ce",
        ECONOMY,
        ("cdc_ce",),
    ),
    CadexMonth(
        day(2026, 3, 11),
        "Emergency planning: the Thames flood exercise",
        "CADEX noted the lessons of the exercise and agreed the improvement plan.",
        "Complete the flood exercise improvement plan",
        "cfo",
        SAFER,
        ("pct_ce",),
    ),
)


def _cadex_sitting(n: int, month: CadexMonth) -> Sitting:
    group = CADEX_GROUPS[n % 2]
    members = CADEX_PARTNERS if group == "cadex_partnership" else CADEX_LA
    start = datetime.combine(month.day, time(9, 30), LONDON)
    return Sitting(
        "cadex",
        start,
        _cadex_items(month),
        attendance=(
            *_roll(members, Turnout(apologies=month.apologies)),
            *_in("officer", "bcc_commissioning"),
        ),
        record=_cadex_record(month),
        length=150 if group == "cadex_partnership" else 105,
        postponed=month.postponed,
        groups=(CADEX_SUMMONS[group],),
    )


def _cadex_items(month: CadexMonth) -> tuple[Item, ...]:
    return (
        Item("board", "BSP Board: forward agenda and papers", "discussion", "bcc_commissioning"),
        Item("topic", month.topic, "decision", month.owner),
        *month.items,
    )


def _cadex_record(month: CadexMonth) -> tuple[Entry, ...]:
    return (
        Note("minutes", "The minutes of the last meeting were agreed as a correct record."),
        Note("board", "The chief executives reviewed the Board's forward plan and papers."),
        Decision("topic", month.outcome),
        Act("topic", month.action, month.owner, month.day + timedelta(days=42), month.theme),
        *month.record,
    )


# The BSP Implementation Group: every two months -------------------------------------------

IG_VENUE = "Committee Room 1, County Hall, Aylesbury"
IG_MEMBERS = (
    "bcc_ce",
    "bcc_children",
    "bcc_commissioning",
    "bcc_adults",
    "public_health",
    "bcc_economy",
    "bep_ce",
    "cdc_planning",
    "bcc_safer",
    "bcu_commander",
    "avdc_ce",
    "cdc_ce",
    "sbdc_ce",
    "wdc_ce",
    "pct_reform",
    "fire_safety",
    "vi_officer",
    "enc_officer",
    "gose_rep",
)


class IgCycle(NamedTuple):
    day: date
    topic: str
    decision: str | None
    #: (theme, owner, description, due)
    actions: tuple[tuple[str, str, str, date], ...]
    turnout: Turnout = Turnout()


IG_CYCLES = (
    IgCycle(
        day(2025, 5, 20),
        "The Implementation Group's workplan by theme",
        "The Group agreed its workplan for 2025/26, one section for each theme.",
        (
            (CYP, "bcc_children", "Set milestones for the NEET reduction plan", day(2025, 7, 1)),
            (HEALTH, "public_health", "Agree the smoking-cessation trajectory", day(2025, 7, 1)),
            (ECONOMY, "bep_ce", "Map the county's skills brokerage services", day(2025, 9, 1)),
        ),
        Turnout(apologies=("gose_rep",)),
    ),
    IgCycle(
        day(2025, 7, 15),
        "Reward Grant: project proposals from the themes",
        "The Group recommended six projects to the Board for Reward Grant funding.",
        (
            (SAFER, "bcc_safer", "Launch the anti-social behaviour pilot", day(2025, 10, 31)),
            (ADULTS, "bcc_adults", "Scope the falls-prevention project", day(2025, 9, 12)),
            (CROSS, "bcc_commissioning", "Publish the Reward Grant criteria", day(2025, 8, 1)),
        ),
        Turnout(apologies=("bep_ce", "fire_safety"), leaves=(("bcu_commander", 60),)),
    ),
    IgCycle(
        day(2025, 9, 16),
        "Performance management framework for the themes",
        None,
        (
            (
                CROSS,
                "bcc_commissioning",
                "Issue the quarterly reporting template",
                day(2025, 10, 3),
            ),
            (CYP, "bcc_children", "Report progress on teenage pregnancy", day(2025, 11, 14)),
            (
                ECONOMY,
                "cdc_planning",
                "Report on affordable housing completions",
                day(2025, 11, 14),
            ),
            (HEALTH, "pct_reform", "Report on adult obesity services", day(2025, 11, 14)),
        ),
        Turnout(apologies=("avdc_ce",), late=(("vi_officer", 20),)),
    ),
    IgCycle(
        day(2025, 11, 18),
        "The LAA refresh: emerging priorities",
        "The Group agreed the emerging priorities for the 2026/27 refresh.",
        (
            (
                SAFER,
                "bcu_commander",
                "Propose the 2026/27 crime reduction targets",
                day(2026, 1, 9),
            ),
            (ADULTS, "bcc_adults", "Propose the independent-living targets", day(2026, 1, 9)),
        ),
        Turnout(apologies=("enc_officer", "sbdc_ce")),
    ),
    IgCycle(
        day(2026, 1, 20),
        "Workplan progress: mid-year review",
        None,
        (
            (ECONOMY, "bcc_economy", "Recover the recycling indicator (NI 192)", day(2026, 3, 31)),
            (CYP, "bcc_children", "Extend the NEET pilot to Wycombe", day(2026, 6, 30)),
            (HEALTH, "public_health", "Evaluate the smoking-cessation campaign", day(2026, 4, 30)),
        ),
        Turnout(apologies=("gose_rep",), leaves=(("pct_reform", 75),)),
    ),
    IgCycle(
        day(2026, 3, 17),
        "Workplan 2026/27",
        "The Group agreed the 2026/27 workplan and asked each theme for a delivery plan.",
        (
            (CROSS, "bcc_commissioning", "Publish the 2026/27 workplan", day(2026, 4, 30)),
            (SAFER, "bcc_safer", "Deliver the 2026/27 community safety plan", day(2027, 3, 31)),
            (ADULTS, "bcc_adults", "Deliver the older people's strategy", day(2027, 3, 31)),
        ),
        Turnout(apologies=("cdc_ce",), late=(("bep_ce", 30),)),
    ),
)


def _ig_sitting(cycle: IgCycle) -> Sitting:
    start = datetime.combine(cycle.day, time(14), LONDON)
    return Sitting(
        "implementation",
        start,
        (
            Item("performance", "LAA performance by exception", "performance", "bcc_commissioning"),
            Item("workplan", "Workplan progress by theme", "discussion", "bcc_commissioning"),
            Item("topic", cycle.topic, "decision" if cycle.decision else "discussion", "bcc_ce"),
        ),
        IG_VENUE,
        tuple(_roll(IG_MEMBERS, cycle.turnout)),
        _ig_record(cycle),
    )


def _ig_record(cycle: IgCycle) -> tuple[Entry, ...]:
    outcome: Entry = (
        Decision("topic", cycle.decision)
        if cycle.decision
        else Note("topic", f"The Group discussed: {cycle.topic.lower()}.")
    )
    return (
        Note("minutes", "The minutes of the last meeting were agreed as a correct record."),
        Note("matters_arising", "Open actions were reviewed against the action tracker."),
        Decision("performance", "The Group noted the exceptions report.", "noted"),
        Note("workplan", "Each theme lead reported progress against the workplan."),
        *(Act("workplan", what, owner, due, theme) for theme, owner, what, due in cycle.actions),
        outcome,
    )


# Safer & Stronger Bucks: one meeting held, one cancelled ----------------------------------

SAFER_VENUE = "Council Chamber, Council Offices, Queen Victoria Road, High Wycombe"
SAFER_MEMBERS = (
    "bcc_cm_safer",
    "bcc_safer",
    "bcu_commander",
    "fire_safety",
    "tvpa_member",
    "wdc_ce",
)

SAFER_JULY = Sitting(
    "safer",
    _at(2025, 7, 3, 18),
    (
        Item(
            "assessment",
            "Community safety strategic assessment: terms of reference",
            "decision",
            "bcc_safer",
        ),
        Item("asb", "Anti-social behaviour: LAA indicator NI 17", "performance", "bcu_commander"),
        Item(
            "fire", "Home fire safety checks in older people's homes", "information", "fire_safety"
        ),
    ),
    SAFER_VENUE,
    (
        *_roll(SAFER_MEMBERS, Turnout(apologies=("tvpa_member",), late=(("wdc_ce", 15),))),
        *_in("officer", "vi_officer"),
    ),
    (
        Decision(
            "assessment",
            "The partnership agreed the terms of reference of the strategic assessment.",
        ),
        Act(
            "assessment",
            "Complete the strategic assessment for the autumn meeting",
            "bcc_safer",
            day(2025, 9, 30),
            SAFER,
        ),
        Note("asb", "Perceptions of anti-social behaviour are improving in all four districts."),
        Decision("asb", "The partnership noted the performance report.", "noted"),
        Decision(
            "asb",
            "The partnership agreed to fund a dispersal-order pilot in High Wycombe town centre.",
            votes=(
                ("bcc_cm_safer", "for"),
                ("bcc_safer", "for"),
                ("bcu_commander", "for"),
                ("fire_safety", "abstain"),
                ("wdc_ce", "against"),
            ),
            minute=60,
        ),
        Act(
            "asb",
            "Name a lead officer for the dispersal-order pilot",
            None,
            day(2025, 8, 15),
            SAFER,
            "TVP",
        ),
        Act(
            "fire",
            "Share addresses of vulnerable older residents with the fire service",
            "fire_safety",
            day(2025, 10, 31),
            SAFER,
            "BFRS",
        ),
    ),
    length=110,
)

SAFER_OCTOBER = Sitting(
    "safer",
    _at(2025, 10, 9, 18),
    (Item("assessment", "Community safety strategic assessment 2025", "decision", "bcc_safer"),),
    SAFER_VENUE,
    cancelled="The strategic assessment, the only substantive business, will not be ready until"
    " November; it will be taken at the next meeting.",
)


CONFERENCE_NOVEMBER = Sitting(
    "conference",
    _at(2025, 11, 20, 10),
    (
        Item(
            "state",
            "The state of the county: a facilitated discussion",
            "discussion",
            "bcc_ce",
        ),
        Item("priorities", "Priorities for the Sustainable Community Strategy", "discussion"),
    ),
    "The Oculus, Gatehouse Road, Aylesbury",
    (
        *_in("observer", "avdc_leader", "vi_ce", "enc_director", "balc_chair", "business_rep"),
        *_in("officer", "bcc_commissioning"),
    ),
    (
        Note("state", "Some 120 partners discussed the state of the county in six groups."),
        Note(
            "priorities",
            "The Conference asked the Board to give more weight to rural transport and skills.",
        ),
        Decision(
            "priorities", "The Conference's views were noted for the Board.", "noted", minute=150
        ),
    ),
    length=180,
    # "The Conference will be chaired by the Chairman of the BSP Board or his nominee."
    in_the_chair="bcc_deputy",
)


def sittings() -> list[Sitting]:
    """Every demo meeting, in the order they were (or will be) held."""
    every = [
        BOARD_JUNE,
        BOARD_SEPTEMBER,
        BOARD_DECEMBER,
        BOARD_MARCH,
        BOARD_NEXT,
        *(_cadex_sitting(n, month) for n, month in enumerate(CADEX_MONTHS)),
        *(_ig_sitting(cycle) for cycle in IG_CYCLES),
        SAFER_JULY,
        SAFER_OCTOBER,
        CONFERENCE_NOVEMBER,
    ]
    return sorted(every, key=lambda s: s.held_at)


# Recording -------------------------------------------------------------------------------


def load_meetings(app: MeetingsApplication, family: Family) -> int:
    """Record the demo family's meetings; the number of meetings scheduled."""
    clerk = Clerk(app, family)
    plans = sittings()
    drafted = [clerk.draft(plan) for plan in plans]
    for plan, meeting in zip(plans, drafted, strict=True):
        clerk.hold(plan, meeting)
    from demo.minutes import take_minutes_forward

    take_minutes_forward(app, drafted, clerk.chair)
    return len(drafted)


@dataclass
class Drafted:
    """A scheduled meeting: its id, and its agenda items' ids by key."""

    id: UUID
    body: str
    starts_at: datetime
    items: dict[str, str] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    #: Who was recorded in the chair, when not the body's chair.
    chaired_by: UUID | None = None
    opened_at: datetime | None = None


class Clerk:
    """Records the meetings through the use cases, as the body's clerk would."""

    def __init__(self, app: MeetingsApplication, family: Family) -> None:
        self.app = app
        self.family = family
        self.keys = {person_id: key for key, person_id in family.people.items()}
        self.drafted: list[Drafted] = []

    def person(self, key: str | None) -> UUID | None:
        return None if key is None else self.family.people[key]

    def chair(self, body: str, day: date) -> UUID:
        """The chair whose term covers the day (for a CADEX group, CADEX's chair)."""
        body_id = self.family.bodies[CHAIRED_BY.get(body, body)]
        return next(
            term.person_id
            for term in self.app.list_chairs(body_id)
            if term.role == "chair" and in_term(day, term.starts_on, term.ends_on)
        )

    # Before the day ------------------------------------------------------------------

    def draft(self, plan: Sitting) -> Drafted:
        """Schedule the meeting and draft its agenda, with notice on the forward plan."""
        venue = plan.venue or HOST_VENUES[self.keys[self.chair(plan.body, plan.starts_at.date())]]
        answer = self.app.schedule_meeting(
            ScheduleMeeting(
                body_id=self.family.bodies[plan.body],
                starts_at=plan.starts_at,
                venue=venue,
                groups=list(plan.groups) or None,
                recorded_by=RECORDED_BY,
            )
        )
        meeting = Drafted(answer["id"], plan.body, plan.starts_at, groups=plan.groups)
        self.add_standing_items(meeting)
        for item in plan.items:
            meeting.items[item.key] = self.add_item(meeting, item)
        self.drafted.append(meeting)
        return meeting

    def add_standing_items(self, meeting: Drafted) -> None:
        """The minutes and matters arising, known by their kinds."""
        answer = self.app.add_standing_items(
            AddStandingItems(meeting_id=meeting.id, recorded_by=RECORDED_BY)
        )
        for item in answer["agenda"]:
            meeting.items[item["kind"]] = str(item["id"])

    def add_item(self, meeting: Drafted, item: Item) -> str:
        answer = self.app.add_agenda_item(
            AddAgendaItem(
                meeting_id=meeting.id,
                title=item.title,
                kind=item.kind,
                presenter_id=self.person(item.presenter),
                confidential=item.confidential_reason is not None,
                confidential_reason=item.confidential_reason,
                papers=[{"title": title} for title in item.papers],
                forward_plan_id=self.notify(meeting, item),
                recorded_by=RECORDED_BY,
            )
        )
        return str(answer["id"])

    def notify(self, meeting: Drafted, item: Item) -> UUID | None:
        if item.notice_days is None:
            return None
        answer = self.app.notify_forthcoming_decision(
            NotifyForthcomingDecision(
                body_id=self.family.bodies[meeting.body],
                subject=item.title,
                notified_on=meeting.starts_at.date() - timedelta(days=item.notice_days),
                meeting_id=meeting.id,
                recorded_by=RECORDED_BY,
            )
        )
        return UUID(str(answer["id"]))

    # On the day ----------------------------------------------------------------------

    def hold(self, plan: Sitting, meeting: Drafted) -> None:
        """Everything after the draft agenda: agreement, circulation, session, close."""
        if plan.draft_only:
            return
        if plan.cancelled:
            self.app.cancel_meeting(
                CancelMeeting(meeting_id=meeting.id, reason=plan.cancelled, recorded_by=RECORDED_BY)
            )
            return
        self.circulate(plan, meeting)
        if plan.postponed:
            self.postpone(meeting, plan.postponed)
        self.sit(plan, meeting)
        for fix in plan.fixes:
            self.fix(meeting, fix)

    def circulate(self, plan: Sitting, meeting: Drafted) -> None:
        """The chair on the day agrees the agenda (or the nominee recorded in the chair);
        then it goes out."""
        chair = self.chair(plan.body, plan.starts_at.date())
        if plan.in_the_chair:
            chair = self.family.people[plan.in_the_chair]
            self.app.take_chair(
                TakeChair(
                    meeting_id=meeting.id,
                    person_id=chair,
                    at=plan.starts_at,
                    recorded_by=RECORDED_BY,
                )
            )
            meeting.chaired_by = chair
        agreed, published = plan.starts_at - timedelta(days=12), plan.starts_at - timedelta(days=9)
        self.app.agree_agenda(
            AgreeAgenda(meeting_id=meeting.id, person_id=chair, at=agreed, recorded_by=RECORDED_BY)
        )
        self.app.publish_agenda(
            PublishAgenda(meeting_id=meeting.id, at=published, recorded_by=RECORDED_BY)
        )

    def postpone(self, meeting: Drafted, postponement: Postponement) -> None:
        """Moved to a new date after the agenda went out, so it goes out again."""
        self.app.postpone_meeting(
            PostponeMeeting(
                meeting_id=meeting.id,
                reason=postponement.reason,
                starts_at=postponement.to,
                recorded_by=RECORDED_BY,
            )
        )
        meeting.starts_at = postponement.to
        self.app.publish_agenda(
            PublishAgenda(
                meeting_id=meeting.id,
                at=postponement.to - timedelta(days=7),
                recorded_by=RECORDED_BY,
            )
        )

    def sit(self, plan: Sitting, meeting: Drafted) -> None:
        opened = plan.held_at
        meeting.opened_at = opened
        self.app.open_meeting(
            OpenMeeting(meeting_id=meeting.id, at=opened, recorded_by=RECORDED_BY)
        )
        for row in plan.attendance:
            self.attend(meeting, row, opened)
        for entry in plan.record:
            self.enter(meeting, entry)
        for row in plan.attendance:
            if row.leaves is not None:
                self.leave(meeting, row, opened)
        closed = opened + timedelta(minutes=plan.length)
        self.app.close_meeting(
            CloseMeeting(meeting_id=meeting.id, at=closed, recorded_by=RECORDED_BY)
        )

    def attend(self, meeting: Drafted, row: Attend, opened: datetime) -> None:
        self.app.record_attendance(
            RecordAttendance(
                meeting_id=meeting.id,
                person_id=self.family.people[row.person],
                status=row.status,
                capacity=row.capacity,
                substitute_for=self.person(row.substitute_for),
                admitted_by_chair=row.admitted_by_chair,
                at=opened + timedelta(minutes=row.arrives),
                recorded_by=RECORDED_BY,
            )
        )

    def leave(self, meeting: Drafted, row: Attend, opened: datetime) -> None:
        assert row.leaves is not None
        self.app.record_departure(
            RecordDeparture(
                meeting_id=meeting.id,
                person_id=self.family.people[row.person],
                at=opened + timedelta(minutes=row.leaves),
                recorded_by=RECORDED_BY,
            )
        )

    def enter(self, meeting: Drafted, entry: Entry) -> None:
        match entry:
            case Note():
                self.note(meeting, entry)
            case Decision():
                self.decide(meeting, entry)
            case Act():
                self.act(meeting, entry)
            case Interest():
                self.declare(meeting, entry)
            case Defer():
                self.defer(meeting, entry)

    def note(self, meeting: Drafted, note: Note) -> None:
        answer = self.app.record_note(
            RecordNote(
                meeting_id=meeting.id,
                item_id=meeting.items[note.item],
                text=note.text,
                recorded_by=RECORDED_BY,
            )
        )
        if note.label:
            meeting.entries[note.label] = str(answer["id"])

    def decide(self, meeting: Drafted, decision: Decision) -> None:
        assert meeting.opened_at is not None
        self.app.record_decision(
            RecordDecision(
                meeting_id=meeting.id,
                item_id=meeting.items[decision.item],
                text=decision.text,
                method="vote" if decision.votes else decision.method,
                within_delegated_authority=decision.within_delegated_authority,
                votes_by_member=[
                    {"person_id": self.family.people[person], "vote": vote}
                    for person, vote in decision.votes
                ]
                or None,
                at=meeting.opened_at + timedelta(minutes=decision.minute),
                recorded_by=RECORDED_BY,
            )
        )

    def act(self, meeting: Drafted, act: Act) -> None:
        answer = self.app.agree_action(
            AgreeAction(
                meeting_id=meeting.id,
                item_id=meeting.items[act.item],
                description=act.description,
                owner_id=self.person(act.owner),
                due_on=act.due_on,
                organisation_id=self.family.organisations.get(act.organisation or ""),
                theme=act.theme,
                recorded_by=RECORDED_BY,
            )
        )
        if act.label:
            meeting.entries[act.label] = str(answer["entry_id"])

    def declare(self, meeting: Drafted, interest: Interest) -> None:
        self.app.declare_interest(
            DeclareInterest(
                meeting_id=meeting.id,
                person_id=self.family.people[interest.person],
                item_id=meeting.items[interest.item],
                interest=interest.interest,
                withdrew=interest.withdrew,
                recorded_by=RECORDED_BY,
            )
        )

    def defer(self, meeting: Drafted, defer: Defer) -> None:
        """To the body's next meeting summoning the same groups, where the item joins the
        agenda under the same key."""
        target = min(
            (
                d
                for d in self.drafted
                if d.body == meeting.body
                and d.groups == meeting.groups
                and d.starts_at > meeting.starts_at
            ),
            key=lambda d: d.starts_at,
        )
        self.app.defer_item(
            DeferItem(
                meeting_id=meeting.id,
                item_id=meeting.items[defer.item],
                reason=defer.reason,
                to_meeting_id=target.id,
                recorded_by=RECORDED_BY,
            )
        )
        agenda = self.app.get_meeting(target.id).agenda
        carried = next(i for i in agenda if i["deferred_from"] == meeting.id)
        target.items[defer.item] = str(carried["id"])

    # Afterwards ----------------------------------------------------------------------

    def fix(self, meeting: Drafted, fix: Fix) -> None:
        self.app.correct_entry(
            CorrectEntry(
                meeting_id=meeting.id,
                entry_id=meeting.entries[fix.label],
                reason=fix.reason,
                replacement=None if fix.replacement is None else dict(fix.replacement),
                recorded_by=RECORDED_BY,
            )
        )
