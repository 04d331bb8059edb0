"""Who may do what: every rule that tests a principal's role, in one place.

Each rule is a small pure function of the principal (and of the facts the rule needs,
passed in: a body, the people who chair a meeting, an action's owner). The `check_*`
functions raise `NotAllowedError` with the message the API and the console show; the
`may_*` functions answer yes or no. `AccessPolicy` asks the same rules of the record (it
loads the meeting and its body, or the action, a rule needs): the use cases and
`web/guards.py` ask it as the application's `access_policy`. `web/auth.py`, `web/guards.py`,
the resources, the console screens and the use cases ask here, and nowhere else tests a role.

What a reader may *see* (confidential content) is decided in `disclosure.py`, which asks
`confidential_reach` here whose seat or grant reaches a body.

To check that no role is tested elsewhere:
`grep -rn "Role\\.\\(ADMIN\\|CLERK\\|CHAIR\\|SCRUTINY\\|MEMBER\\)" web meetings | grep -v access.py`
finds only the Role enum's labels (web/console/common.py) and `Role(...)` parsing, none of them
a test (the demo's token creation, demo/sign_ins.py, is outside the product).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, Literal
from uuid import UUID

from meetings.application.errors import NotAllowedError
from meetings.domain.action import Action
from meetings.domain.body import Body
from meetings.domain.meeting import Meeting
from meetings.domain.rules import london_date
from meetings.domain.values import Role
from meetings.infrastructure.tokens import Principal

#: The service's own tools (the demo's loader, the command line's reports): they read the
#: whole record, as an administrator does.
RECORD_TOOLS = Principal("record-tools", "the record's own tools", Role.ADMIN)

# Yes or no ---------------------------------------------------------------------------


def is_admin(who: Principal | None) -> bool:
    """An administrator: restructures the partnership, reads every body's record."""
    return who is not None and who.role is Role.ADMIN


def is_chair(who: Principal | None) -> bool:
    """A chair token (it speaks for one person, who chairs)."""
    return who is not None and who.role is Role.CHAIR


def is_clerk(who: Principal | None) -> bool:
    """A clerk token (of the bodies it is granted)."""
    return who is not None and who.role is Role.CLERK


def may_act_as_clerk(who: Principal | None) -> bool:
    """Admin, or a clerk of any body (e.g. to register a person who will attend)."""
    return who is not None and who.role in (Role.ADMIN, Role.CLERK)


def may_record(who: Principal | None, body_id: UUID) -> bool:
    """Admin, or a clerk granted this body: records its meetings, workplans, decisions."""
    return is_admin(who) or (who is not None and is_clerk(who) and body_id in who.bodies)


def clerks_for(who: Principal | None, body_id: UUID) -> bool:
    """A clerk granted this body (not admin)."""
    return who is not None and is_clerk(who) and body_id in who.bodies


def may_read_history(who: Principal | None, body_id: UUID | None = None) -> bool:
    """History is for admin, scrutiny, and clerks (of the body, when there is one)."""
    if who is None:
        return False
    if who.role in (Role.ADMIN, Role.SCRUTINY):
        return True
    return is_clerk(who) and (body_id is None or body_id in who.bodies)


def may_audit(who: Principal | None) -> bool:
    """The whole log and its chain: admin and scrutiny."""
    return who is not None and who.role in (Role.ADMIN, Role.SCRUTINY)


def may_read_scrutiny(who: Principal | None, body_id: UUID | None = None) -> bool:
    """Admin and scrutiny read every report; a body's clerks read the reports on it."""
    return may_audit(who) or (body_id is not None and clerks_for(who, body_id))


def may_name_substitutes(who: Principal | None, body_id: UUID) -> bool:
    """Named substitutes reach the secretariat: admin and the body's clerks record them."""
    return clerks_for(who, body_id) or is_admin(who)


def may_update_action(
    who: Principal | None, body_id: UUID, owner_id: UUID | None, owner_may: bool
) -> bool:
    """Admin and the body's clerks update actions; owners (when `owner_may`) report their
    own progress and completion."""
    if may_record(who, body_id):
        return True
    return owner_may and who is not None and who.person_id is not None and who.person_id == owner_id


def may_chair(who: Principal | None, chairs: Collection[UUID]) -> bool:
    """A chair token speaking for one of the people who chair the meeting."""
    return is_chair(who) and who is not None and who.person_id in chairs


def sees_every_body(who: Principal | None) -> bool:
    """Admin (and, for the console's lists, scrutiny): not limited to granted bodies."""
    return who is not None and not is_clerk(who)


def bodies_listed_for(who: Principal, bodies: Iterable[UUID]) -> set[UUID]:
    """Of these bodies, the ones a history reader's console lists: a clerk's own."""
    return {b for b in bodies if not is_clerk(who) or b in who.bodies}


def bodies_recorded_by(who: Principal, bodies: Iterable[UUID]) -> set[UUID]:
    """Of these bodies, the ones this principal records (the console's clerk cards)."""
    return {b for b in bodies if may_record(who, b)}


def console_home(who: Principal) -> Literal["clerk", "chair", "other"]:
    """Which console home a signed-in principal lands on."""
    if may_act_as_clerk(who):
        return "clerk"
    if is_chair(who):
        return "chair"
    return "other"


def confidential_reach(who: Principal | None) -> tuple[bool, frozenset[UUID], bool]:
    """Whose grant or seat reaches a body: (every body, the bodies granted, whether the
    bodies the principal's person sits on today count). Used by `disclosure.py`."""
    if who is None:
        return False, frozenset(), False
    if is_admin(who):
        return True, frozenset(), False
    granted = who.bodies if is_clerk(who) else frozenset()
    seated = who.person_id is not None and who.role in (Role.MEMBER, Role.CHAIR)
    return False, frozenset(granted), seated


def token_problem(role: Role, bodies: Collection[UUID], person: object | None) -> str | None:
    """What a new token of this role lacks, or None (the command line's `token create`)."""
    if role is Role.CLERK and not bodies:
        return "a clerk token needs at least one --body it records for"
    if role is Role.CHAIR and person is None:
        return "a chair token needs --person: the person who chairs"
    return None


# Refusals, with the words the API and the console show --------------------------------


def check_admin(who: Principal, doing: str) -> Principal:
    if not is_admin(who):
        raise NotAllowedError(f"Only an administrator may {doing}.")
    return who


def check_clerk(who: Principal, doing: str) -> Principal:
    if not may_act_as_clerk(who):
        raise NotAllowedError(f"Only an administrator or a clerk may {doing}.")
    return who


def check_recorder(who: Principal, body_id: UUID) -> Principal:
    if not may_record(who, body_id):
        raise NotAllowedError(
            "Only an administrator or a clerk of this body may record its meetings."
        )
    return who


def check_history_reader(who: Principal, body_id: UUID | None = None) -> Principal:
    if not may_read_history(who, body_id):
        raise NotAllowedError(
            "Only administrators, scrutiny and the body's clerks may read history."
        )
    return who


def check_auditor(who: Principal) -> Principal:
    if not may_audit(who):
        raise NotAllowedError("Only administrators and scrutiny may read the whole log.")
    return who


def check_scrutineer(who: Principal, body_id: UUID | None = None) -> Principal:
    if not may_read_scrutiny(who, body_id):
        raise NotAllowedError(
            "Only administrators and scrutiny may read this report"
            + (", and the clerks of the body it is about." if body_id else ".")
        )
    return who


def check_authority_reader(who: Principal, body_of_decision: UUID) -> Principal:
    """A decision's authority: admin and scrutiny, or a clerk of the deciding body (a
    principal who is neither is told the report is not theirs before the body is sought)."""
    if not is_clerk(who):
        check_scrutineer(who)
    return check_scrutineer(who, body_of_decision)


def check_substitute_recorder(who: Principal, body_id: UUID) -> Principal:
    if not may_name_substitutes(who, body_id):
        check_admin(who, "name substitutes for this body")
    return who


def check_action_updater(
    who: Principal, body_id: UUID, owner_id: UUID | None, owner_may: bool
) -> None:
    if not may_update_action(who, body_id, owner_id, owner_may):
        raise NotAllowedError(
            "Only an administrator or a clerk of the action's body may do this"
            + (", or the action's owner." if owner_may else ".")
        )


def check_chair(who: Principal, chairs: Collection[UUID], doing: str, of_minutes: bool) -> UUID:
    """The person a chair token speaks for, if they are among `chairs`."""
    if not may_chair(who, chairs) or who.person_id is None:
        whom = (
            "whoever was in the chair at the meeting"
            if of_minutes
            else "the chair or vice-chair in office on the day of the meeting (or the "
            "person recorded in the chair)"
        )
        raise NotAllowedError(f"Only {whom}, with their own chair token, may {doing}.")
    return who.person_id


def check_chair_token(who: Principal, message: str) -> None:
    """Only a chair token may go on (the console's agreeing of minutes)."""
    if not is_chair(who):
        raise NotAllowedError(message)


# The rules asked of the record ---------------------------------------------------------


def chairs_of_meeting(meeting: Meeting, body: Body, of_minutes: bool = False) -> set[UUID]:
    """Who chairs the meeting: the people recorded in the chair, and (for its agenda, or
    when nobody was recorded) the body's chair and vice-chair in office on its day."""
    recorded = {e["person_id"] for e in meeting.in_the_chair()}
    if of_minutes and recorded:
        return recorded
    day = london_date(meeting.starts_at)
    terms = [body.chair_on(role, day) for role in ("chair", "vice_chair")]
    return recorded | {t["person_id"] for t in terms if t}


class AccessPolicy:
    """The rules above, asked of the record: it loads what a rule needs (a meeting and
    its body, an action) through `load` (the application's loading of a record, which
    answers 404 for one that does not exist)."""

    def __init__(self, load: Callable[[type[Any], str, UUID], Any]) -> None:
        self._load = load

    def check_chair(
        self,
        who: Principal,
        meeting_id: UUID,
        doing: str = "agree the agenda",
        *,
        of_minutes: bool | None = None,
    ) -> UUID:
        """The person a chair token speaks for, if they may agree this meeting's papers.

        The agenda: the body's chair or vice-chair in office on the meeting's day (so
        where the chair rotates, the chair who will chair it). The minutes (`of_minutes`,
        by default when `doing` names them): whoever was in the chair at the meeting: the
        people recorded in the chair, or else the chair or vice-chair in office on its day.
        Anyone recorded in the chair may agree the agenda too."""
        of_minutes = "minutes" in doing if of_minutes is None else of_minutes
        return check_chair(who, self._chairs(meeting_id, of_minutes), doing, of_minutes)

    def may_chair(self, who: Principal | None, meeting_id: UUID, of_minutes: bool) -> bool:
        """Whether this person may agree the meeting's agenda (or, `of_minutes`, its
        minutes) as its chair: the rule of `check_chair`, answered yes or no."""
        return may_chair(who, self._chairs(meeting_id, of_minutes))

    def check_action_updater(self, who: Principal, action_id: UUID, owner_may: bool) -> None:
        """Admin and the body's clerks update actions; owners may report their own
        progress and completion (`owner_may`)."""
        action = self._load(Action, "action", action_id)
        check_action_updater(who, action.body_id, action.owner_id, owner_may)

    def _chairs(self, meeting_id: UUID, of_minutes: bool) -> set[UUID]:
        meeting = self._load(Meeting, "meeting", meeting_id)
        return chairs_of_meeting(meeting, self._load(Body, "body", meeting.body_id), of_minutes)
