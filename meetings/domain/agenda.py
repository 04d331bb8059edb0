"""The agenda of a meeting and what may be recorded against its items, as pure checks: a
confidential item says why it is withheld; the chair agrees an agenda that has items,
and it is published only once agreed; a deferred item takes no decision; a vote needs
its counts and a body that votes; a recorded vote names members in the room, once each;
an action has an owner; a retracted entry is not corrected again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from meetings.domain.attendance import Entries, attendance_rows
from meetings.domain.errors import (
    CorrectionRuleError,
    DecisionRuleError,
    InvalidFieldError,
    MeetingStatusError,
    NotFoundError,
    UnknownReferenceError,
)
from meetings.domain.rules import members_in_the_room
from meetings.domain.values import HowDecided

#: An item of the agenda, as the meeting's state keeps it.
Item = dict[str, Any]


def find_item(agenda: list[Item], item_id: str) -> Item:
    """The item of this agenda with that id (an unknown one is not found)."""
    for item in agenda:
        if item["id"] == item_id:
            return item
    raise NotFoundError("agenda item of this meeting", item_id)


def require_item(agenda: list[Item], item_id: str, field: str = "item_id") -> Item:
    """An item named in the body of a request: unknown is an invalid field (422)."""
    try:
        return find_item(agenda, item_id)
    except NotFoundError:
        raise UnknownReferenceError(field, "agenda item of this meeting", item_id) from None


def check_new_item(confidential: bool, confidential_reason: str | None) -> None:
    if confidential and not confidential_reason:
        raise InvalidFieldError(
            "confidential_reason", "A confidential item needs the reason it is withheld."
        )


def check_order(agenda: list[Item], item_ids: list[str]) -> None:
    """A new order names every item of the agenda exactly once."""
    if sorted(item_ids) != sorted(i["id"] for i in agenda):
        raise InvalidFieldError("item_ids", "Give every item of the agenda exactly once.")


def check_agreeable(agenda: list[Item]) -> None:
    if not agenda:
        raise MeetingStatusError("The agenda has no items yet: add them before agreeing.")


def check_publishable(agenda_agreed: dict[str, Any] | None) -> None:
    if agenda_agreed is None:
        raise MeetingStatusError(
            "The chair has not agreed the agenda (or it changed since): "
            "ask the chair to agree it before publishing."
        )


def check_deferrable(item: Item) -> None:
    if item["status"] != "listed":
        raise MeetingStatusError("That item has already been deferred.")


def check_moment(opened_at: datetime | None, at: datetime | None) -> None:
    """Something recorded in session happened after the meeting opened."""
    if at is not None and opened_at is not None and at < opened_at:
        raise InvalidFieldError(
            "at", "That is before the meeting opened: give a time during the meeting."
        )


def check_decision(
    item: Item, decision: dict[str, Any], body_method: str, entries: Entries
) -> None:
    """A decision on a listed item, by a method the body has, with counts only for a vote;
    a recorded (named) vote is checked against who was in the room (from `entries`)."""
    if item["status"] != "listed":
        raise DecisionRuleError("That item was deferred: nothing can be decided on it here.")
    vote = decision["method"] == HowDecided.VOTE
    if vote and body_method != HowDecided.VOTE:
        raise DecisionRuleError(
            "This body decides by consensus and has no voting arrangements: record the "
            "decision as consensus (or noted)."
        )
    if vote and not decision.get("votes"):
        raise InvalidFieldError("votes", "A vote needs its counts: for, against, abstain.")
    if not vote and decision.get("votes"):
        raise InvalidFieldError("votes", "Vote counts go only with the method vote.")
    named = decision.get("votes_by_member")
    if named:
        at = decision.get("at") or datetime.max.replace(tzinfo=UTC)
        check_named_vote(named, members_in_the_room(attendance_rows(entries), at))


def check_named_vote(named: list[dict[str, Any]], here: set[Any]) -> None:
    """Everyone named in a recorded vote votes once, and was in the room as a member."""
    seen: set[Any] = set()
    for n, v in enumerate(named):
        if v["person_id"] in seen:
            raise InvalidFieldError(
                f"votes_by_member.{n}.person_id", "Each member votes once in a recorded vote."
            )
        seen.add(v["person_id"])
        if v["person_id"] not in here:
            raise DecisionRuleError(
                f"Vote {n + 1} of the recorded vote is by someone not recorded as present as a "
                "member (or substitute) when the decision was taken: only members in the "
                "room vote. Record their attendance first, or correct it."
            )


def check_action_owner(fields: dict[str, Any]) -> None:
    """An action is owned by a person, or by a partner organisation that names one later."""
    if fields.get("owner_id") is None and fields.get("organisation_id") is None:
        raise InvalidFieldError(
            "owner_id",
            "An action needs an owner: a person (owner_id), or a partner organisation "
            "(organisation_id) that names one later.",
        )


def check_correctable(entry: dict[str, Any]) -> None:
    if entry["retracted"]:
        raise CorrectionRuleError("That entry was already retracted.")
