"""The partnership family as a clerk and an auditor meet it, through the use cases."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AdoptTermsOfReference,
    AppointChair,
    AppointMember,
    EndMembership,
    EstablishBody,
    NameSubstitute,
    RegisterOrganisation,
    RegisterPerson,
    ReviseBodyRules,
    WithdrawSubstitute,
)
from meetings.application.errors import VersionMismatchError
from meetings.domain.body import Body
from meetings.domain.errors import (
    ChairTermOverlapError,
    InvalidFieldError,
    NotFoundError,
    UnknownReferenceError,
)
from meetings.domain.membership import Membership


def _person(app: MeetingsApplication, name: str, org: object = None) -> object:
    return app.register_person(RegisterPerson(name=name, organisation_id=org)).id  # type: ignore[arg-type]


def _board(app: MeetingsApplication, **rules: object) -> object:
    return app.establish_body(
        EstablishBody(name="BSP Board", short_name="BSP Board", kind="board", **rules)  # type: ignore[arg-type]
    ).id


def _seat(
    app,
    body,
    person,
    seat="Leader of Wycombe DC",
    capacity="member",
    starts_on=date(2025, 4, 1),
    ends_on=None,
):  # type: ignore[no-untyped-def]
    return app.appoint_member(
        AppointMember(
            body_id=body,
            person_id=person,
            seat=seat,
            capacity=capacity,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    ).id


def _seats_on(app, body, day):  # type: ignore[no-untyped-def]
    return {(m.seat, m.person_name) for m in app.list_body_memberships(body, day)}


def test_a_seat_changing_hands_shows_each_holder_in_their_own_term(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    old, new = _person(app, "Cllr Old"), _person(app, "Cllr New")
    first = _seat(app, board, old)
    app.end_membership(
        EndMembership(
            body_id=board,
            membership_id=first,  # type: ignore[arg-type]
            ends_on=date(2025, 5, 20),
            reason="Election",
        )
    )
    _seat(app, board, new, starts_on=date(2025, 5, 21))
    seat = "Leader of Wycombe DC"
    assert _seats_on(app, board, date(2025, 3, 31)) == set()
    assert _seats_on(app, board, date(2025, 5, 20)) == {(seat, "Cllr Old")}
    assert _seats_on(app, board, date(2025, 5, 21)) == {(seat, "Cllr New")}
    assert _seats_on(app, board, date(2030, 1, 1)) == {(seat, "Cllr New")}


def test_capacities_are_kept_and_members_listed_first(app: MeetingsApplication) -> None:
    board = _board(app)
    _seat(app, board, _person(app, "Gov Office Rep"), "Government Office", "observer")
    _seat(app, board, _person(app, "Chief Exec"), "Chief Executive, BCC", "adviser")
    _seat(app, board, _person(app, "Leader"), "Leader, BCC", "member")
    _seat(app, board, _person(app, "Co-opted"), "Youth representative", "co_opted")
    capacities = [m.capacity for m in app.list_body_memberships(board, date(2025, 6, 1))]
    assert capacities == ["member", "co_opted", "adviser", "observer"]


def test_named_substitutes_show_as_at_the_day_they_were_named(app: MeetingsApplication) -> None:
    board = _board(app)
    membership = _seat(app, board, _person(app, "Leader"))
    deputy = _person(app, "Deputy Leader")
    app.name_substitute(
        NameSubstitute(
            body_id=board,
            membership_id=membership,  # type: ignore[arg-type]
            person_id=deputy,
            named_on=date(2025, 4, 10),
        )
    )
    app.withdraw_substitute(
        WithdrawSubstitute(
            body_id=board,
            membership_id=membership,  # type: ignore[arg-type]
            person_id=deputy,
            withdrawn_on=date(2025, 9, 1),
        )
    )

    def subs(day: date) -> list[str]:
        [row] = app.list_body_memberships(board, day)  # type: ignore[arg-type]
        return [s.person_name for s in row.substitutes]

    assert subs(date(2025, 4, 9)) == []
    assert subs(date(2025, 4, 10)) == ["Deputy Leader"]
    assert subs(date(2025, 9, 1)) == []


def test_a_person_on_several_bodies(app: MeetingsApplication) -> None:
    board = _board(app)
    cadex = app.establish_body(
        EstablishBody(name="CADEX", short_name="CADEX", kind="officers", reports_to=board)
    ).id  # type: ignore[arg-type]
    chief = _person(app, "Chief Executive")
    _seat(app, board, chief, "Chief Executive, BCC", "adviser")
    _seat(app, cadex, chief, "Chief Executive, BCC", "member", starts_on=date(2025, 6, 1))
    rows = app.list_person_memberships(chief, date(2025, 7, 1))  # type: ignore[arg-type]
    assert {(r.body_name, r.capacity) for r in rows} == {
        ("BSP Board", "adviser"),
        ("CADEX", "member"),
    }
    assert len(app.list_person_memberships(chief, date(2025, 5, 1))) == 1  # type: ignore[arg-type]


def test_terms_of_reference_versions_are_all_kept(app: MeetingsApplication) -> None:
    board = _board(app)
    for text, day in (("Draft agreement", date(2025, 4, 1)), ("Revised", date(2026, 4, 1))):
        app.adopt_terms_of_reference(
            AdoptTermsOfReference(
                body_id=board,
                text=text,  # type: ignore[arg-type]
                adopted_on=day,
            )
        )
    versions = app.list_terms_of_reference(board)  # type: ignore[arg-type]
    assert [(t.version, t.text) for t in versions] == [(1, "Draft agreement"), (2, "Revised")]
    in_force = app.get_body(board).terms_of_reference  # type: ignore[arg-type]
    assert in_force is not None and in_force.version == 2


def test_body_as_at_a_version_and_a_moment(app: MeetingsApplication) -> None:
    board = _board(app, quorum=6)
    before = datetime.now(tz=UTC)
    app.revise_body_rules(ReviseBodyRules(body_id=board, changes={"quorum": 8}))  # type: ignore[arg-type]
    assert app.get_body(board).quorum == 8  # type: ignore[arg-type]
    assert app.get_body(board, version=1).quorum == 6  # type: ignore[arg-type]
    assert app.get_body(board, as_at=before).quorum == 6  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        app.get_body(board, version=9)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        app.get_body(board, as_at=before - timedelta(days=1))  # type: ignore[arg-type]


def test_history_shows_who_recorded_what_and_when(app: MeetingsApplication) -> None:
    board = app.establish_body(
        EstablishBody(name="Board", short_name="B", kind="board", recorded_by="Ada (admin)")
    ).id
    app.revise_body_rules(
        ReviseBodyRules(body_id=board, changes={"quorum": 5}, recorded_by="Bea (admin)")
    )
    history = app.get_history(Body, "body", board)
    assert [(h.version, h.type, h.recorded_by) for h in history] == [
        (1, "Body.Established", "Ada (admin)"),
        (2, "Body.RulesRevised", "Bea (admin)"),
    ]
    assert history[1].data == {"changes": {"quorum": 5}}
    assert history[0].recorded_at <= history[1].recorded_at


def test_a_chair_and_vice_chair_with_terms(app: MeetingsApplication) -> None:
    board = _board(app)
    leader, deputy = _person(app, "Leader"), _person(app, "Deputy")
    app.appoint_chair(
        AppointChair(
            body_id=board,
            person_id=leader,
            role="chair",  # type: ignore[arg-type]
            starts_on=date(2025, 4, 1),
        )
    )
    app.appoint_chair(
        AppointChair(
            body_id=board,
            person_id=deputy,
            role="vice_chair",  # type: ignore[arg-type]
            starts_on=date(2025, 4, 1),
        )
    )
    body = app.get_body(board)  # type: ignore[arg-type]
    assert body.chair is not None and body.chair.person_name == "Leader"
    assert body.vice_chair is not None and body.vice_chair.person_name == "Deputy"
    with pytest.raises(ChairTermOverlapError):
        app.appoint_chair(
            AppointChair(
                body_id=board,
                person_id=deputy,
                role="chair",  # type: ignore[arg-type]
                starts_on=date(2026, 1, 1),
            )
        )


def test_references_to_unknown_records_are_refused_and_record_nothing(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    before = app.recorder.max_notification_id()
    with pytest.raises(UnknownReferenceError) as raised:
        _seat(app, board, uuid4())
    assert raised.value.field == "person_id"
    with pytest.raises(UnknownReferenceError):
        app.establish_body(
            EstablishBody(name="X", short_name="X", kind="board", reports_to=uuid4())
        )
    with pytest.raises(UnknownReferenceError):
        app.register_person(RegisterPerson(name="X", organisation_id=uuid4()))
    with pytest.raises(NotFoundError):
        _seat(app, uuid4(), _person(app, "Someone"))
    with pytest.raises(InvalidFieldError):
        _seat(
            app, board, _person(app, "Other"), starts_on=date(2025, 5, 1), ends_on=date(2025, 4, 1)
        )
    assert app.recorder.max_notification_id() == (before or 0) + 2  # only the two people


def test_a_membership_of_another_body_is_not_found_under_this_one(
    app: MeetingsApplication,
) -> None:
    board = _board(app)
    other = app.establish_body(EstablishBody(name="CADEX", short_name="CADEX", kind="officers")).id
    membership = _seat(app, board, _person(app, "Leader"))
    with pytest.raises(NotFoundError):
        app.get_membership(other, membership)  # type: ignore[arg-type]


def test_a_stale_expected_version_is_refused(app: MeetingsApplication) -> None:
    board = _board(app)
    app.revise_body_rules(
        ReviseBodyRules(
            body_id=board,
            changes={"quorum": 5},  # type: ignore[arg-type]
            expected_version=1,
        )
    )
    with pytest.raises(VersionMismatchError):
        app.revise_body_rules(
            ReviseBodyRules(
                body_id=board,
                changes={"quorum": 7},  # type: ignore[arg-type]
                expected_version=1,
            )
        )
    assert app.get_body(board).quorum == 5  # type: ignore[arg-type]


def test_concurrent_commands_on_one_record_all_succeed(app: MeetingsApplication) -> None:
    board = _board(app)
    membership = _seat(app, board, _person(app, "Leader"))
    deputies = [_person(app, f"Deputy {i}") for i in range(6)]
    errors: list[BaseException] = []

    def name(person: object) -> None:
        try:
            app.name_substitute(
                NameSubstitute(
                    body_id=board,
                    membership_id=membership,  # type: ignore[arg-type]
                    person_id=person,
                )
            )  # type: ignore[arg-type]
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=name, args=(d,)) for d in deputies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    view = app.get_membership(board, membership)  # type: ignore[arg-type]
    assert len(view.substitutes) == 6 and view.version == 7


def test_rebuilding_the_read_models_gives_the_same_answers(app: MeetingsApplication) -> None:
    board = _board(app)
    org = app.register_organisation(RegisterOrganisation(name="TVP", sector="public")).id
    _seat(app, board, _person(app, "Police rep", org), "Police Authority")
    before = app.list_body_memberships(board, date(2025, 6, 1))  # type: ignore[arg-type]
    app.projector.reset()
    app.projector.catch_up()
    assert app.list_body_memberships(board, date(2025, 6, 1)) == before  # type: ignore[arg-type]
    assert (
        app.get_history(Membership, "membership", UUID(before[0].id))[0].type == "Membership.Began"
    )
