"""A demonstration record: the Buckinghamshire partnership family and a year of its meetings.

The organisations and bodies follow the Bucks Strategic Partnership's "Fit for Purpose
Governance Framework"; the people are fictional; the meetings are in `demo.meetings`.
Everything is recorded through the application's commands, as a clerk would record it, and
only once: loading again when the BSP Board already exists records nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AdoptTermsOfReference,
    AppointChair,
    AppointMember,
    EndBody,
    EndMembership,
    EstablishBody,
    NameSubstitute,
    RegisterOrganisation,
    RegisterPerson,
    ReviseBodyRules,
)
from meetings.domain.rules import london_today

RECORDED_BY = "demo loader"
#: The day the demo's record was written as of: a year of meetings just ended, one to come.
WRITTEN_AS_OF = date(2026, 4, 1)


def weeks_since_written(today: date) -> timedelta:
    """How far the demo's dates move so that its year of meetings ends just before the day
    it is loaded: whole weeks (meetings keep their weekdays), never backwards."""
    return timedelta(weeks=max(0, (today - WRITTEN_AS_OF).days // 7))


def _as_of() -> date:
    """The day the demo is dated for: today, unless MEETINGS_DEMO_AS_OF names a day (the
    tests read the demo as written)."""
    given = os.environ.get("MEETINGS_DEMO_AS_OF")
    return date.fromisoformat(given) if given else london_today()


#: The day the demo is dated for, and how far every date of it moves (worked out once, when
#: it is loaded).
AS_OF = _as_of()
SHIFT = weeks_since_written(AS_OF)


def day(year: int, month: int, day_of_month: int) -> date:
    """A date of the demo as written, moved to fit the day it is loaded (`SHIFT`)."""
    return date(year, month, day_of_month) + SHIFT


#: The body whose presence means the demo is already loaded.
MARKER_SHORT_NAME = "BSP Board"
#: When the demo's memberships and chair terms begin.
START = day(2025, 4, 1)


@dataclass(frozen=True)
class DemoSummary:
    """What one call of `load_demo` recorded (all zero when it was already loaded)."""

    organisations: int
    people: int
    bodies: int
    memberships: int
    meetings: int = 0
    already_loaded: bool = False

    def __str__(self) -> str:
        """What was loaded, as a sentence (the command line prints it)."""
        if self.already_loaded:
            return "the demo partnership family was already loaded, so nothing was recorded."
        moved = SHIFT.days // 7
        dated = (
            f", its dates moved {moved} weeks on from {WRITTEN_AS_OF:%-d %B %Y} so that its "
            "year of meetings ends just before today"
            if moved
            else ""
        )
        return (
            f"{self.organisations} organisations, {self.people} people, {self.bodies} bodies, "
            f"{self.memberships} memberships and {self.meetings} meetings{dated}."
        )


@dataclass(frozen=True)
class Family:
    """The ids of the family's records, by their keys in this module."""

    organisations: dict[str, UUID]
    people: dict[str, UUID]
    bodies: dict[str, UUID]


# Organisations -------------------------------------------------------------------------


class _Org(NamedTuple):
    key: str
    name: str
    sector: str


ORGANISATIONS: tuple[_Org, ...] = (
    _Org("BCC", "Buckinghamshire County Council", "public"),
    _Org("AVDC", "Aylesbury Vale District Council", "public"),
    _Org("CDC", "Chiltern District Council", "public"),
    _Org("SBDC", "South Bucks District Council", "public"),
    _Org("WDC", "Wycombe District Council", "public"),
    _Org("PCT", "Buckinghamshire Primary Care Trust", "public"),
    _Org("TVP", "Thames Valley Police", "public"),
    _Org("TVPA", "Thames Valley Police Authority", "public"),
    _Org("BFA", "Bucks Fire Authority", "public"),
    _Org("BFRS", "Bucks Fire and Rescue Service", "public"),
    _Org("VI", "Voluntary Impact", "voluntary"),
    _Org("ENC", "Encompass", "voluntary"),
    _Org("BALC", "Buckinghamshire Association of Local Councils", "other"),
    _Org("BBF", "Bucks Business First", "business"),
    _Org("SEEDA", "South East England Development Agency", "public"),
    _Org("LSC", "Learning + Skills Council", "public"),
    _Org("GOSE", "Government Office for the South East", "public"),
    _Org("BEP", "Bucks Economic Partnership", "business"),
)

# People (fictional) --------------------------------------------------------------------


class _Person(NamedTuple):
    key: str
    name: str
    org: str
    job_title: str


PEOPLE: tuple[_Person, ...] = (
    _Person("bcc_leader", "Cllr Margaret Ashdown", "BCC", "Leader of the Council"),
    _Person("bcc_deputy", "Cllr Peter Hollins", "BCC", "Deputy Leader of the Council"),
    _Person("bcc_ce", "Dr Helen Crayford", "BCC", "Chief Executive"),
    _Person("bcc_children", "Sarah Penhaligon", "BCC", "Director of Children's Services"),
    _Person(
        "bcc_commissioning",
        "Anil Rajput",
        "BCC",
        "Divisional Director, Business Improvement & Commissioning",
    ),
    _Person("bcc_adults", "Gordon Felwell", "BCC", "Director of Adult Social Services"),
    _Person("bcc_economy", "Claire Montague", "BCC", "Strategic Director, Economy & Environment"),
    _Person(
        "bcc_safer", "Owen Tredgold", "BCC", "Strategic Director, Safer and Stronger Communities"
    ),
    _Person(
        "bcc_cm_children", "Cllr Frances Waddell", "BCC", "Cabinet Member for Children's Services"
    ),
    _Person("bcc_cm_adults", "Cllr Hugh Danvers", "BCC", "Cabinet Member for Adult Social Care"),
    _Person("bcc_cm_safer", "Cllr Jeremy Oakhurst", "BCC", "Cabinet Member for Community Safety"),
    _Person("avdc_leader", "Cllr Richard Pemberton", "AVDC", "Leader of the Council"),
    _Person("avdc_deputy", "Cllr Susan Okafor", "AVDC", "Deputy Leader of the Council"),
    _Person("avdc_ce", "Andrew Kestle", "AVDC", "Chief Executive"),
    _Person("cdc_leader", "Cllr Elizabeth Marchbank", "CDC", "Leader of the Council"),
    _Person("cdc_deputy", "Cllr Tom Whitcombe", "CDC", "Deputy Leader of the Council"),
    _Person("cdc_ce", "Jonathan Reeve", "CDC", "Chief Executive"),
    _Person("cdc_planning", "Dr Mark Hatherley", "CDC", "Director of Planning & Environment"),
    _Person("sbdc_leader", "Cllr Graham Stokeley", "SBDC", "Leader of the Council"),
    _Person("sbdc_deputy", "Cllr Anne Belling", "SBDC", "Deputy Leader of the Council"),
    _Person("sbdc_ce", "Patricia Woodlow", "SBDC", "Chief Executive"),
    _Person("wdc_leader", "Cllr David Farrant", "WDC", "Leader of the Council"),
    _Person("wdc_new_leader", "Cllr Katherine Blyth", "WDC", "Leader of the Council"),
    _Person("wdc_deputy", "Cllr Imran Sadiq", "WDC", "Deputy Leader of the Council"),
    _Person("wdc_ce", "Martin Gosforth", "WDC", "Chief Executive"),
    _Person("pct_chair", "Brian Castleford", "PCT", "Chairman of the PCT Board"),
    _Person("pct_ce", "Dr Alison Treharne", "PCT", "Chief Executive"),
    _Person("pct_reform", "Lucy Ormerod", "PCT", "Director of System Reform"),
    _Person("public_health", "Dr Fiona Larkspur", "PCT", "Director of Public Health (PCT/BCC)"),
    _Person(
        "bcu_commander", "Chief Superintendent Ian Mallory", "TVP", "Buckinghamshire BCU Commander"
    ),
    _Person("tvpa_member", "Geoffrey Lindqvist", "TVPA", "Member of the Police Authority"),
    _Person("bfa_chair", "Cllr Roger Denholm", "BFA", "Chairman of the Fire Authority"),
    _Person("cfo", "Colin Bramwell", "BFRS", "Chief Fire Officer"),
    _Person("fire_safety", "Julia Pryce", "BFRS", "Head of Community Safety"),
    _Person("vi_ce", "Rachel Goodhew", "VI", "Chief Executive"),
    _Person("vi_officer", "Kevin Ashworth", "VI", "Partnerships Manager"),
    _Person("enc_director", "Simon Thackeray", "ENC", "Director"),
    _Person("enc_officer", "Priya Naidoo", "ENC", "Policy Officer"),
    _Person("balc_chair", "Cllr Dennis Fairweather", "BALC", "Chairman"),
    _Person("business_rep", "Philippa Stanmore", "BBF", "Chief Executive"),
    _Person("seeda_rep", "Nicholas Varley", "SEEDA", "Area Manager, Buckinghamshire"),
    _Person("lsc_rep", "Hannah Corbridge", "LSC", "Local Director"),
    _Person("gose_rep", "Edward Linton", "GOSE", "Locality Manager"),
    _Person("bep_ce", "Victoria Ellery", "BEP", "Chief Executive"),
)

# Bodies ----------------------------------------------------------------------------------


class _Body(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    reports_to: str | None
    cadence: str
    purpose: str
    decision_method: str = "consensus"
    quorum: int | None = None
    agenda_notice_working_days: int = 5
    decision_notice_days: int | None = None
    open_to_public: bool = False
    replaces: tuple[str, ...] = ()


_THEMATIC_CADENCE = "at least quarterly"

#: In the order they are established: a body's reporting line and what it replaces come first.
BODIES: tuple[_Body, ...] = (
    _Body(
        "steering",
        "BSP Steering Group",
        "BSP SG",
        "board",
        None,
        "quarterly",
        "Steered the Bucks Strategic Partnership before the Fit for Purpose review.",
    ),
    _Body(
        "funders",
        "Principal Funders Group",
        "PFG",
        "board",
        None,
        "quarterly",
        "Brought together the principal funders of partnership activity in Buckinghamshire.",
        decision_method="vote",
    ),
    _Body(
        "laa_board",
        "LAA Programme Board",
        "LAA PB",
        "executive",
        None,
        "every two months",
        "Oversaw the programme of the Local Area Agreement.",
    ),
    _Body(
        "conference",
        "BSP Conference",
        "BSP Conference",
        "conference",
        None,
        "annually",
        "To ensure that all the main interest groups in Buckinghamshire have a voice in the"
        " partnership and can exert an influence on issues important to them.",
        open_to_public=True,
    ),
    _Body(
        "board",
        "Bucks Strategic Partnership Board",
        MARKER_SHORT_NAME,
        "board",
        None,
        "quarterly",
        "The overarching partnership of partnerships for Buckinghamshire: setting strategy"
        " and charting the long-term future of the County.",
        quorum=6,
        decision_notice_days=10,
        open_to_public=True,
        replaces=("steering", "funders"),
    ),
    _Body(
        "implementation",
        "BSP Implementation Group",
        "BSP IG",
        "executive",
        "board",
        "every two months",
        "To coordinate the development and delivery of the SCS and the LAA on behalf of the"
        " BSP Board.",
        replaces=("laa_board",),
    ),
    _Body(
        "cadex",
        "CADEX",
        "CADEX",
        "officers",
        "board",
        "monthly",
        "Chief executives' group: develops the strategic agenda for the public sector in"
        " Buckinghamshire and manages the BSP Board's agenda.",
    ),
    _Body(
        "cadex_la",
        "CADEX Local Authority Group",
        "CADEX LA",
        "sub_group",
        "cadex",
        "every two months, alternating with the Partnership Group",
        "CADEX meeting of the chief executives of the County and District Councils, until"
        " CADEX met as one committee with two groups.",
    ),
    _Body(
        "cadex_partnership",
        "CADEX Partnership Group",
        "CADEX Partners",
        "sub_group",
        "cadex",
        "every two months, alternating with the Local Authority Group",
        "CADEX meeting of the council chief executives with the PCT, police and fire service,"
        " until CADEX met as one committee with two groups.",
    ),
    _Body(
        "cypt",
        "Children and Young People's Trust",
        "CYPT",
        "thematic",
        "board",
        _THEMATIC_CADENCE,
        "Statutory partnership leading on outcomes for children and young people.",
    ),
    _Body(
        "adults",
        "Adult Commissioners partnership",
        "ACP",
        "thematic",
        "board",
        _THEMATIC_CADENCE,
        "Joint commissioning of services for adults.",
    ),
    _Body(
        "health",
        "Public Health Strategy Group",
        "PHSG",
        "thematic",
        "board",
        _THEMATIC_CADENCE,
        "Leads the Public Health & Wellbeing theme.",
    ),
    _Body(
        "safer",
        "Safer & Stronger Bucks partnership",
        "SSB",
        "thematic",
        "board",
        _THEMATIC_CADENCE,
        "Statutory partnership for community safety and stronger communities.",
        decision_method="vote",
        open_to_public=True,
    ),
    _Body(
        "economy",
        "Economy & Environment Coordination Group",
        "EECG",
        "thematic",
        "board",
        _THEMATIC_CADENCE,
        "Coordinates the Economy & Environment theme of the SCS and LAA.",
    ),
)

# Terms of reference (text from the governance framework) ---------------------------------

_BOARD_TOR = "\n".join(
    (
        "BSP Board Partnership Agreement",
        "",
        "1. Purpose",
        "The Bucks Strategic Partnership Board will be the overarching partnership of partnerships"
        " for Buckinghamshire. Its focus will be on setting strategy and charting the long-term"
        " future of the County.",
        "",
        "2. Terms of Reference",
        "- To provide a voice to promote Buckinghamshire at regional and national level",
        "- To clarify the strategic issues and priorities for Buckinghamshire and its residents in"
        " light of the deliberations of the Conference; to secure a shared strategic view and"
        " establish the longer term vision for Buckinghamshire",
        "- To oversee the development of the Buckinghamshire Sustainable Community Strategy and the"
        " refresh of the Local Area Agreement, and to influence the operational plans of partners"
        " to support the achievement of both",
        "- To receive summary reports on the performance of the LAA and SCS so as to allow it to"
        " hold to account the Implementation Group, Thematic partnerships and partner agencies in"
        " relation to the delivery of shared objectives.",
        "- To maintain an overview of partnership activity, ensuring that relevant links are made"
        " between the District LSPs and other thematic and geographically-based partnerships and"
        " that cross cutting issues are reflected in their work",
        "- To advise Buckinghamshire County Council on the distribution of any centrally pooled"
        " Government funding and Reward Grant monies, allocated to the County Council as"
        " Accountable Body for the LAA/LPSA",
        "- While recognising organisational autonomy, to encourage partner agencies to deploy"
        " resources in the most cost effective way to achieve the LAA outcomes and associated"
        " targets.",
        "- To actively discuss and resolve conflicts between priorities, issues and between"
        " partners",
        "",
        "The Board will not discharge the functions of any of the Partners and nor will the power"
        " to do so be delegated.",
    )
)

_BOARD_TOR_REVISED = "\n".join(
    (
        _BOARD_TOR,
        "",
        "3. Decision Making (added on review after the first 12 months)",
        "- It is expected that decisions will be reached by consensus.",
        "- Decisions within the terms of reference will not normally be subject to ratification by"
        " partner organisations, provided that at least 10 days notice of forthcoming decisions"
        " had been given.",
        "- Where decisions are not within the delegated authority of the Board members, these will"
        " be subject to ratification by constituent bodies.",
        "- No voting arrangements are in place. This will be kept under review.",
    )
)

_CADEX_TOR = "\n".join(
    (
        "CADEX Terms of Reference (June 2006)",
        "",
        "Role",
        "- Contribute to the development of the strategic agenda for the public sector in"
        " Buckinghamshire",
        "- Support the political process",
        "- Manage the partnership arena (including shared services)",
        "- Network and share information and good practice",
        "- Represent Buckinghamshire local authorities in local, regional and national networks",
        "",
        "Membership",
        "Local Authority Group: Chief Executives of the County and District Councils",
        "Partnership Group: Chief Executives of the County and District Councils; Chief Executive,"
        " Primary Care Trust (on behalf of all PCTs); BCU Commander, Thames Valley Police; Chief"
        " Fire Officer, Bucks Fire and Rescue",
        "",
        "Meeting Arrangements",
        "Meetings will take place on a monthly basis and will alternate between the local"
        " authority group and the partnership group.",
        "The Chairmanship rotates between the local authority Chief Executives, with each Chief"
        " Executive chairing and hosting three consecutive meetings.",
        "Agendas shall be circulated one week in advance of the meeting.",
    )
)

_CONFERENCE_TOR = "\n".join(
    (
        "Role",
        "- To connect strategic interests and local interests",
        "- To inform (but not decide) priorities of the SCS and as a part of that the LAA",
        "- To act as a channel of communication with communities of place and interest",
        "- To hold the BSP Board to account for delivery of the SCS and LAA",
        "Operation: meet annually; a facilitated discussion on the state of the county.",
        "The Conference will be chaired by the Chairman of the BSP Board or his nominee.",
    )
)

_IMPLEMENTATION_TOR = "\n".join(
    (
        "Role",
        "- To coordinate the development and delivery of the SCS and the LAA on behalf of the BSP"
        " Board",
        "- To performance manage the SCS, LAA and National Indicator set, on an exceptions basis",
        "- To report to the BSP Board on the achievements towards the delivery of the SCS and LAA",
        "- To take operational decisions particularly about issues spanning more than one theme",
        "- To make links between countywide priorities and the work of the thematic partnerships",
        "Operation: meet every two months.",
    )
)

_THEMATIC_TOR = "\n".join(
    (
        "Responsibilities of a thematic partnership of the BSP",
        "- Analysis of the needs in the context of the theme",
        "- Strategy development and prioritisation in light of these needs",
        "- Planning of delivery to meet these needs and priorities",
        "- Joint commissioning of services and/or negotiation with partner agencies",
        "- Co-ordinate delivery of the relevant elements of the SCS, and LAA",
        "- Monitoring and performance management against the theme plans",
        "- Making sure partnership working is effective and proposing changes where problems occur",
    )
)

_SUPERSEDED = "Superseded by the Fit for Purpose Governance Framework; kept for the record."

#: Each body's terms of reference, oldest version first.
TERMS_OF_REFERENCE: dict[str, tuple[tuple[date, str], ...]] = {
    "steering": ((day(2006, 4, 1), f"BSP Steering Group. {_SUPERSEDED}"),),
    "funders": ((day(2006, 4, 1), f"Principal Funders Group. {_SUPERSEDED}"),),
    "laa_board": ((day(2006, 4, 1), f"LAA Programme Board. {_SUPERSEDED}"),),
    "conference": ((START, _CONFERENCE_TOR),),
    "board": ((START, _BOARD_TOR), (day(2026, 4, 1), _BOARD_TOR_REVISED)),
    "implementation": ((START, _IMPLEMENTATION_TOR),),
    "cadex": ((day(2006, 6, 1), _CADEX_TOR),),
    "cadex_la": ((day(2006, 6, 1), _CADEX_TOR),),
    "cadex_partnership": ((day(2006, 6, 1), _CADEX_TOR),),
    "cypt": ((START, _THEMATIC_TOR),),
    "adults": ((START, _THEMATIC_TOR),),
    "health": ((START, _THEMATIC_TOR),),
    "safer": ((START, _THEMATIC_TOR),),
    "economy": ((START, _THEMATIC_TOR),),
}

# Memberships -----------------------------------------------------------------------------


class _Seat(NamedTuple):
    body: str
    seat: str
    person: str
    capacity: str = "member"
    groups: tuple[str, ...] = ()


#: CADEX's two groups: its meetings alternate between them (CADEX terms of reference).
CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP = "Local Authority Group", "Partnership Group"
#: The two sub-groups CADEX met as before: wound up the day before the demo's year began.
CADEX_FORMER_GROUPS = ("cadex_la", "cadex_partnership")


_COUNCILS = (
    ("BCC", "Buckinghamshire County Council"),
    ("AVDC", "Aylesbury Vale District Council"),
    ("CDC", "Chiltern District Council"),
    ("SBDC", "South Bucks District Council"),
    ("WDC", "Wycombe District Council"),
)


def _council_seats(body: str, role: str, key: str, capacity: str = "member") -> list[_Seat]:
    """One seat per council, e.g. 'Leader of Chiltern District Council'."""
    return [
        _Seat(body, f"{role} of {name}", f"{org.lower()}_{key}", capacity)
        for org, name in _COUNCILS
    ]


def _seats(body: str, *rows: tuple[str, str]) -> list[_Seat]:
    return [_Seat(body, seat, person) for seat, person in rows]


_BOARD_SEATS = [
    *_council_seats("board", "Leader", "leader"),
    *_seats(
        "board",
        ("Chairman of the Children and Young People's Trust", "bcc_cm_children"),
        ("Chairman of the Adult Commissioners partnership", "bcc_cm_adults"),
        ("Chairman of the Public Health Strategy Group", "public_health"),
        ("Chairman of the Safer & Stronger Bucks partnership", "bcc_cm_safer"),
        ("Chairman of the Economy & Environment Coordination Group", "bep_ce"),
        ("Buckinghamshire Association of Local Councils", "balc_chair"),
        ("Buckinghamshire Primary Care Trust Board representative", "pct_chair"),
        ("Thames Valley Police Authority representative", "tvpa_member"),
        ("Bucks Fire Authority representative", "bfa_chair"),
        ("A representative of Voluntary Impact", "vi_ce"),
        ("A representative of Encompass", "enc_director"),
        ("A representative of the Business community", "business_rep"),
        ("South East England Development Agency", "seeda_rep"),
        ("Learning + Skills Council", "lsc_rep"),
    ),
    *_council_seats("board", "Chief Executive", "ce", "adviser"),
    _Seat("board", "Government Office for the South East", "gose_rep", "observer"),
]

_IMPLEMENTATION_SEATS = _seats(
    "implementation",
    ("Chief Executive of Buckinghamshire County Council (accountable body)", "bcc_ce"),
    ("LAA lead: Children and Young People", "bcc_children"),
    ("LAA lead: Business Improvement & Commissioning", "bcc_commissioning"),
    ("LAA lead: Adults", "bcc_adults"),
    ("LAA lead: Public Health", "public_health"),
    ("LAA lead: Economy & Environment (County Council)", "bcc_economy"),
    ("LAA lead: Economy & Environment (Bucks Economic Partnership)", "bep_ce"),
    ("LAA lead: Economy & Environment (Districts)", "cdc_planning"),
    ("LAA lead: Safer and Stronger Communities (County Council)", "bcc_safer"),
    ("LAA lead: Safer and Stronger Communities (Police)", "bcu_commander"),
    ("Representative of Aylesbury Vale District Council", "avdc_ce"),
    ("Representative of Chiltern District Council", "cdc_ce"),
    ("Representative of South Bucks District Council", "sbdc_ce"),
    ("Representative of Wycombe District Council", "wdc_ce"),
    ("Director of System Reform, Bucks PCT", "pct_reform"),
    ("Head of Community Safety, Fire Service", "fire_safety"),
    ("Representative of Voluntary Impact", "vi_officer"),
    ("Representative of Encompass", "enc_officer"),
    ("Representative of the Government Office South East", "gose_rep"),
)

_CADEX_PARTNERS = (
    ("Chief Executive, Primary Care Trust", "pct_ce"),
    ("BCU Commander, Thames Valley Police", "bcu_commander"),
    ("Chief Fire Officer, Bucks Fire and Rescue", "cfo"),
)

#: A handful of members for each thematic partnership: (seat, person).
_THEMATIC_MEMBERS: dict[str, tuple[tuple[str, str], ...]] = {
    "cypt": (
        ("Chairman", "bcc_cm_children"),
        ("Director of Children's Services", "bcc_children"),
        ("Police", "bcu_commander"),
        ("Health", "pct_reform"),
        ("Voluntary and community sector", "vi_officer"),
    ),
    "adults": (
        ("Chairman", "bcc_cm_adults"),
        ("Director of Adult Social Services", "bcc_adults"),
        ("Health commissioning", "pct_reform"),
        ("Commissioning", "bcc_commissioning"),
        ("Voluntary and community sector", "enc_officer"),
    ),
    "health": (
        ("Chairman", "public_health"),
        ("Primary Care Trust", "pct_ce"),
        ("Adult social care", "bcc_adults"),
        ("District councils", "sbdc_ce"),
        ("Voluntary and community sector", "vi_officer"),
    ),
    "safer": (
        ("Chairman", "bcc_cm_safer"),
        ("County Council", "bcc_safer"),
        ("Police", "bcu_commander"),
        ("Fire and Rescue", "fire_safety"),
        ("Police Authority", "tvpa_member"),
        ("District councils", "wdc_ce"),
    ),
    "economy": (
        ("Chairman", "bep_ce"),
        ("County Council", "bcc_economy"),
        ("District councils", "cdc_planning"),
        ("SEEDA", "seeda_rep"),
        ("Learning + Skills Council", "lsc_rep"),
        ("Business community", "business_rep"),
    ),
}

#: Every seat filled from START.
SEATS: tuple[_Seat, ...] = (
    *_BOARD_SEATS,
    *_IMPLEMENTATION_SEATS,
    *(
        seat._replace(groups=(CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP))
        for seat in _council_seats("cadex", "Chief Executive", "ce")
    ),
    *(
        seat._replace(groups=(CADEX_PARTNERSHIP_GROUP,))
        for seat in _seats("cadex", *_CADEX_PARTNERS)
    ),
    *(seat for body, rows in _THEMATIC_MEMBERS.items() for seat in _seats(body, *rows)),
)

#: Named substitutes on the Board: (seat, substitute).
SUBSTITUTES: tuple[tuple[str, str], ...] = (
    ("Leader of Buckinghamshire County Council", "bcc_deputy"),
    ("Leader of Aylesbury Vale District Council", "avdc_deputy"),
    ("Leader of Chiltern District Council", "cdc_deputy"),
    ("Leader of South Bucks District Council", "sbdc_deputy"),
    ("Leader of Wycombe District Council", "wdc_deputy"),
    ("A representative of Voluntary Impact", "vi_officer"),
    ("A representative of Encompass", "enc_officer"),
    ("Buckinghamshire Primary Care Trust Board representative", "pct_ce"),
)

#: The Board seat that changes hands after the district's leadership election.
SEAT_CHANGE_SEAT = "Leader of Wycombe District Council"
SEAT_CHANGE_ENDS = day(2025, 5, 20)
SEAT_CHANGE_REASON = "Stood down as Leader of Wycombe District Council"
SEAT_CHANGE_NEW_PERSON = "wdc_new_leader"
SEAT_CHANGE_SUBSTITUTE = "wdc_deputy"

# Chairs ----------------------------------------------------------------------------------

#: Standing chairs and vice-chairs: (body, person, role), all from START.
CHAIRS: tuple[tuple[str, str, str], ...] = (
    ("board", "bcc_leader", "chair"),
    ("board", "avdc_leader", "vice_chair"),
    ("conference", "bcc_leader", "chair"),
    ("implementation", "bcc_ce", "chair"),
    ("cypt", "bcc_cm_children", "chair"),
    ("adults", "bcc_cm_adults", "chair"),
    ("health", "public_health", "chair"),
    ("safer", "bcc_cm_safer", "chair"),
    ("economy", "bep_ce", "chair"),
)

#: CADEX's chair rotates among the council chief executives, three monthly meetings each.
CADEX_ROTATION: tuple[str, ...] = ("bcc_ce", "avdc_ce", "cdc_ce", "sbdc_ce", "wdc_ce")
CADEX_ROTATION_TERMS = 7

# Loading ---------------------------------------------------------------------------------


def load_demo(app: MeetingsApplication) -> DemoSummary:
    """Record the Buckinghamshire partnership family and a year of its meetings, unless the
    family is already there."""
    # Imported here: the meetings build on this module's records and constants.
    from demo.meetings import load_meetings
    from demo.workplan import draw_up_workplan

    if is_loaded(app):
        return DemoSummary(0, 0, 0, 0, already_loaded=True)
    orgs = _register_organisations(app)
    people = _register_people(app, orgs)
    bodies = _establish_bodies(app)
    _cadex_as_one_committee(app, bodies)
    _adopt_terms_of_reference(app, bodies)
    seats = _appoint_members(app, bodies, people)
    _name_substitutes(app, bodies["board"], seats, people)
    _change_seat(app, bodies["board"], seats, people)
    _appoint_chairs(app, bodies, people)
    meetings = load_meetings(app, Family(orgs, people, bodies))
    draw_up_workplan(app, bodies["implementation"])
    return DemoSummary(len(orgs), len(people), len(bodies), len(SEATS) + 1, meetings)


def _cadex_as_one_committee(app: MeetingsApplication, bodies: dict[str, UUID]) -> None:
    """CADEX meets as one committee whose meetings summon its Local Authority Group or its
    Partnership Group in turn; the two sub-groups it met as before are wound up."""
    app.revise_body_rules(
        ReviseBodyRules(
            body_id=bodies["cadex"],
            changes={"groups": [CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP]},
            recorded_by=RECORDED_BY,
        )
    )
    for key in CADEX_FORMER_GROUPS:
        app.end_body(
            EndBody(
                body_id=bodies[key],
                ends_on=START - timedelta(days=1),
                reason="CADEX meets as one committee with two groups",
                recorded_by=RECORDED_BY,
            )
        )


def is_loaded(app: MeetingsApplication) -> bool:
    rows, _ = app.list_bodies(1, 1000)
    return any(row["short_name"] == MARKER_SHORT_NAME for row in rows)


def _register_organisations(app: MeetingsApplication) -> dict[str, UUID]:
    return {
        org.key: app.register_organisation(
            RegisterOrganisation(name=org.name, sector=org.sector, recorded_by=RECORDED_BY)
        ).id
        for org in ORGANISATIONS
    }


def _register_people(app: MeetingsApplication, orgs: dict[str, UUID]) -> dict[str, UUID]:
    return {
        p.key: app.register_person(
            RegisterPerson(
                name=p.name,
                organisation_id=orgs[p.org],
                job_title=p.job_title,
                email=_email(p.name),
                recorded_by=RECORDED_BY,
            )
        ).id
        for p in PEOPLE
    }


def _email(name: str) -> str:
    """A fictional address from the last two words of a name: 'jane.doe@example.org'."""
    first, last = name.split()[-2:]
    return f"{first.lower()}.{last.lower()}@example.org"


def _establish_bodies(app: MeetingsApplication) -> dict[str, UUID]:
    ids: dict[str, UUID] = {}
    for b in BODIES:
        ids[b.key] = app.establish_body(
            EstablishBody(
                name=b.name,
                short_name=b.short_name,
                kind=b.kind,
                reports_to=ids[b.reports_to] if b.reports_to else None,
                decision_method=b.decision_method,
                quorum=b.quorum,
                agenda_notice_working_days=b.agenda_notice_working_days,
                decision_notice_days=b.decision_notice_days,
                open_to_public=b.open_to_public,
                replaces=[ids[key] for key in b.replaces],
                purpose=b.purpose,
                cadence=b.cadence,
                recorded_by=RECORDED_BY,
            )
        ).id
    return ids


def _adopt_terms_of_reference(app: MeetingsApplication, bodies: dict[str, UUID]) -> None:
    for key, versions in TERMS_OF_REFERENCE.items():
        for adopted_on, text in versions:
            app.adopt_terms_of_reference(
                AdoptTermsOfReference(
                    body_id=bodies[key], text=text, adopted_on=adopted_on, recorded_by=RECORDED_BY
                )
            )


def _appoint(
    app: MeetingsApplication,
    body_id: UUID,
    person_id: UUID,
    seat: str,
    capacity: str,
    starts_on: date,
    groups: tuple[str, ...] = (),
) -> UUID:
    return app.appoint_member(
        AppointMember(
            body_id=body_id,
            person_id=person_id,
            seat=seat,
            capacity=capacity,
            starts_on=starts_on,
            groups=list(groups) or None,
            recorded_by=RECORDED_BY,
        )
    ).id


def _appoint_members(
    app: MeetingsApplication, bodies: dict[str, UUID], people: dict[str, UUID]
) -> dict[tuple[str, str], UUID]:
    """Fill every seat from START; the memberships by (body key, seat)."""
    return {
        (s.body, s.seat): _appoint(
            app, bodies[s.body], people[s.person], s.seat, s.capacity, START, s.groups
        )
        for s in SEATS
    }


def _name_substitute(
    app: MeetingsApplication, body_id: UUID, membership_id: UUID, person_id: UUID, named_on: date
) -> None:
    app.name_substitute(
        NameSubstitute(
            body_id=body_id,
            membership_id=membership_id,
            person_id=person_id,
            named_on=named_on,
            recorded_by=RECORDED_BY,
        )
    )


def _name_substitutes(
    app: MeetingsApplication,
    board: UUID,
    seats: dict[tuple[str, str], UUID],
    people: dict[str, UUID],
) -> None:
    for seat, substitute in SUBSTITUTES:
        _name_substitute(app, board, seats["board", seat], people[substitute], START)


def _change_seat(
    app: MeetingsApplication,
    board: UUID,
    seats: dict[tuple[str, str], UUID],
    people: dict[str, UUID],
) -> None:
    """The Wycombe leader stands down; the new leader takes the same seat the next day."""
    app.end_membership(
        EndMembership(
            body_id=board,
            membership_id=seats["board", SEAT_CHANGE_SEAT],
            ends_on=SEAT_CHANGE_ENDS,
            reason=SEAT_CHANGE_REASON,
            recorded_by=RECORDED_BY,
        )
    )
    starts_on = SEAT_CHANGE_ENDS + timedelta(days=1)
    new_id = _appoint(
        app, board, people[SEAT_CHANGE_NEW_PERSON], SEAT_CHANGE_SEAT, "member", starts_on
    )
    _name_substitute(app, board, new_id, people[SEAT_CHANGE_SUBSTITUTE], starts_on)


def _appoint_chair(
    app: MeetingsApplication,
    body_id: UUID,
    person_id: UUID,
    role: str,
    starts_on: date,
    ends_on: date | None = None,
) -> None:
    app.appoint_chair(
        AppointChair(
            body_id=body_id,
            person_id=person_id,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=RECORDED_BY,
        )
    )


def _appoint_chairs(
    app: MeetingsApplication, bodies: dict[str, UUID], people: dict[str, UUID]
) -> None:
    for body, person, role in CHAIRS:
        _appoint_chair(app, bodies[body], people[person], role, START)
    for starts_on, ends_on, person in cadex_rotation():
        _appoint_chair(app, bodies["cadex"], people[person], "chair", starts_on, ends_on)


def cadex_rotation() -> list[tuple[date, date, str]]:
    """Consecutive three-month chair terms from START: (starts_on, ends_on, person key)."""
    terms = []
    written = START - SHIFT  # months are counted on the dates as written, then moved
    for n in range(CADEX_ROTATION_TERMS):
        starts_on = _add_months(written, 3 * n) + SHIFT
        ends_on = _add_months(written, 3 * (n + 1)) - timedelta(days=1) + SHIFT
        terms.append((starts_on, ends_on, CADEX_ROTATION[n % len(CADEX_ROTATION)]))
    return terms


def _add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (the demo only uses the 1st)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)
