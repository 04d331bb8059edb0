"""The access policy as one table: each "who may" rule, for each kind of principal.

A change to who may do what changes one row here (and the permissions matrix over HTTP,
tests/web/test_permissions_matrix.py, shows the same rules at the edge)."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

import pytest

from meetings.application import access
from meetings.application.errors import NotAllowedError
from meetings.domain.values import Role
from meetings.infrastructure.tokens import Principal

BODY = uuid4()  # the body a rule is about
OTHER = uuid4()  # another body
OWNER = uuid4()  # the person who owns an action, or chairs a meeting
SOMEONE = uuid4()  # a person who does neither


def _who(
    role: Role, bodies: frozenset[UUID] = frozenset(), person: UUID | None = None
) -> Principal:
    return Principal("t" * 12, role.value, role, bodies, person)


READERS: dict[str, Principal | None] = {
    "public": None,
    "admin": _who(Role.ADMIN),
    "clerk of the body": _who(Role.CLERK, frozenset({BODY})),
    "clerk of another body": _who(Role.CLERK, frozenset({OTHER})),
    "scrutiny": _who(Role.SCRUTINY),
    "chair (the owner)": _who(Role.CHAIR, person=OWNER),
    "chair (someone else)": _who(Role.CHAIR, person=SOMEONE),
    "member (the owner)": _who(Role.MEMBER, person=OWNER),
    "member (someone else)": _who(Role.MEMBER, person=SOMEONE),
}

RULES: dict[str, Callable[[Principal | None], bool]] = {
    "is an administrator": access.is_admin,
    "acts as a clerk of any body": access.may_act_as_clerk,
    "records the body": lambda w: access.may_record(w, BODY),
    "reads history (any)": access.may_read_history,
    "reads the body's history": lambda w: access.may_read_history(w, BODY),
    "audits the whole log": access.may_audit,
    "reads scrutiny reports (any body)": access.may_read_scrutiny,
    "reads scrutiny reports on the body": lambda w: access.may_read_scrutiny(w, BODY),
    "names substitutes on the body": lambda w: access.may_name_substitutes(w, BODY),
    "updates the body's action (clerk rule)": lambda w: access.may_update_action(
        w, BODY, OWNER, False
    ),
    "reports progress on an action (owner may)": lambda w: access.may_update_action(
        w, BODY, OWNER, True
    ),
    "agrees papers as the meeting's chair": lambda w: access.may_chair(w, {OWNER}),
}

# One column per reader, in the order of READERS.
TABLE: dict[str, str] = {
    #                                            pub adm clB clO scr chO chX meO meX
    "is an administrator": "                      .   Y   .   .   .   .   .   .   .",
    "acts as a clerk of any body": "              .   Y   Y   Y   .   .   .   .   .",
    "records the body": "                         .   Y   Y   .   .   .   .   .   .",
    "reads history (any)": "                      .   Y   Y   Y   Y   .   .   .   .",
    "reads the body's history": "                 .   Y   Y   .   Y   .   .   .   .",
    "audits the whole log": "                     .   Y   .   .   Y   .   .   .   .",
    "reads scrutiny reports (any body)": "        .   Y   .   .   Y   .   .   .   .",
    "reads scrutiny reports on the body": "       .   Y   Y   .   Y   .   .   .   .",
    "names substitutes on the body": "            .   Y   Y   .   .   .   .   .   .",
    "updates the body's action (clerk rule)": "   .   Y   Y   .   .   .   .   .   .",
    "reports progress on an action (owner may)": ".  Y   Y   .   .   Y   .   Y   .",
    "agrees papers as the meeting's chair": "     .   .   .   .   .   Y   .   .   .",
}


def _cases() -> list[tuple[str, str, bool]]:
    cases = []
    for rule, row in TABLE.items():
        marks = row.split()
        assert len(marks) == len(READERS), rule
        for reader, mark in zip(READERS, marks, strict=True):
            cases.append((rule, reader, mark == "Y"))
    return cases


def test_every_rule_has_a_row() -> None:
    assert set(TABLE) == set(RULES)


@pytest.mark.parametrize(("rule", "reader", "expected"), _cases())
def test_who_may(rule: str, reader: str, expected: bool) -> None:
    assert RULES[rule](READERS[reader]) is expected


@pytest.mark.parametrize(
    ("reader", "home"),
    [
        ("admin", "clerk"),
        ("clerk of the body", "clerk"),
        ("chair (the owner)", "chair"),
        ("scrutiny", "other"),
        ("member (the owner)", "other"),
    ],
)
def test_console_home(reader: str, home: str) -> None:
    who = READERS[reader]
    assert who is not None
    assert access.console_home(who) == home


def test_console_lists_a_clerks_own_bodies_and_every_body_to_others() -> None:
    clerk, scrutiny = READERS["clerk of the body"], READERS["scrutiny"]
    assert clerk is not None and scrutiny is not None
    assert access.bodies_listed_for(clerk, [BODY, OTHER]) == {BODY}
    assert access.bodies_listed_for(scrutiny, [BODY, OTHER]) == {BODY, OTHER}
    assert access.bodies_recorded_by(clerk, [BODY, OTHER]) == {BODY}
    assert not access.sees_every_body(clerk) and access.sees_every_body(scrutiny)


@pytest.mark.parametrize(
    ("role", "bodies", "person", "problem"),
    [
        (Role.CLERK, [], None, "a clerk token needs at least one --body it records for"),
        (Role.CLERK, [BODY], None, None),
        (Role.CHAIR, [], None, "a chair token needs --person: the person who chairs"),
        (Role.CHAIR, [], OWNER, None),
        (Role.ADMIN, [], None, None),
    ],
)
def test_what_a_new_token_needs(
    role: Role, bodies: list[UUID], person: UUID | None, problem: str | None
) -> None:
    assert access.token_problem(role, bodies, person) == problem


def _refusal(check: Callable[[], object]) -> str:
    with pytest.raises(NotAllowedError) as refused:
        check()
    return str(refused.value)


def test_refusals_say_who_may() -> None:
    member = READERS["member (someone else)"]
    clerk = READERS["clerk of another body"]
    assert member is not None and clerk is not None
    assert _refusal(lambda: access.check_admin(member, "do it")) == (
        "Only an administrator may do it."
    )
    assert _refusal(lambda: access.check_clerk(member, "do it")) == (
        "Only an administrator or a clerk may do it."
    )
    assert _refusal(lambda: access.check_recorder(clerk, BODY)) == (
        "Only an administrator or a clerk of this body may record its meetings."
    )
    assert _refusal(lambda: access.check_history_reader(member, BODY)) == (
        "Only administrators, scrutiny and the body's clerks may read history."
    )
    assert _refusal(lambda: access.check_auditor(clerk)) == (
        "Only administrators and scrutiny may read the whole log."
    )
    assert _refusal(lambda: access.check_scrutineer(clerk, BODY)) == (
        "Only administrators and scrutiny may read this report, and the clerks of the body "
        "it is about."
    )
    assert _refusal(lambda: access.check_scrutineer(clerk)) == (
        "Only administrators and scrutiny may read this report."
    )
    assert _refusal(lambda: access.check_substitute_recorder(clerk, BODY)) == (
        "Only an administrator may name substitutes for this body."
    )
    assert _refusal(lambda: access.check_action_updater(member, BODY, OWNER, True)) == (
        "Only an administrator or a clerk of the action's body may do this, or the action's owner."
    )
    assert _refusal(lambda: access.check_chair(member, {OWNER}, "agree the minutes", True)) == (
        "Only whoever was in the chair at the meeting, with their own chair token, may agree "
        "the minutes."
    )


def test_a_chair_agrees_as_the_person_they_speak_for() -> None:
    chair = READERS["chair (the owner)"]
    assert chair is not None
    assert access.check_chair(chair, {OWNER}, "agree the agenda", False) == OWNER
