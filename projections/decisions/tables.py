"""The decisions register's tables, and the handlers that fold decisions, corrections of
them, referrals taken up and ratifications into them."""

from __future__ import annotations

from meetings.domain.meeting.agenda_items import ReferralTakenUp
from meetings.domain.meeting.record import DecisionRecorded, EntryCorrected
from meetings.domain.ratification import Ratifications
from meetings.infrastructure.sql import Tx
from projections.base import ReadModel, text

decisions = ReadModel(
    "decisions",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_decisions (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL,"
        " item_id TEXT NOT NULL, text TEXT NOT NULL, method TEXT NOT NULL,"
        " within_delegated_authority INTEGER NOT NULL, requires_ratification INTEGER NOT NULL,"
        " referred_to TEXT, retracted INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_referrals (item_id TEXT PRIMARY KEY,"
        " meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL)",
        # Since December 2026: the further bodies a matter is referred to, and the further
        # referred decisions an item takes up (the first of each stays where it was).
        "CREATE TABLE IF NOT EXISTS rm_decision_referrals (decision_id TEXT NOT NULL,"
        " body_id TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_item_referrals (item_id TEXT NOT NULL,"
        " meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_ratification_parties (id TEXT PRIMARY KEY,"
        " decision_id TEXT NOT NULL, parties INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_ratifications (decision_id TEXT NOT NULL,"
        " organisation_id TEXT NOT NULL, outcome TEXT NOT NULL, on_date TEXT NOT NULL)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_decisions_by_meeting ON rm_decisions (meeting_id)",
        "CREATE INDEX IF NOT EXISTS rm_decisions_by_referral ON rm_decisions (referred_to)",
        "CREATE INDEX IF NOT EXISTS rm_referrals_by_decision ON rm_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_decision_referrals_by_body"
        " ON rm_decision_referrals (body_id)",
        "CREATE INDEX IF NOT EXISTS rm_decision_referrals_by_decision"
        " ON rm_decision_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_item_referrals_by_decision"
        " ON rm_item_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_item_referrals_by_item ON rm_item_referrals (item_id)",
        "CREATE INDEX IF NOT EXISTS rm_ratification_parties_by_decision"
        " ON rm_ratification_parties (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_ratifications_by_decision ON rm_ratifications (decision_id)",
    ],
)

_CORRECTABLE = (
    "item_id",
    "text",
    "method",
    "within_delegated_authority",
    "requires_ratification",
    "referred_to",
)


@decisions.handles(DecisionRecorded)
def _decided(tx: Tx, e: DecisionRecorded) -> None:
    tx.execute(
        "INSERT INTO rm_decisions (id, meeting_id, item_id, text, method,"
        " within_delegated_authority, requires_ratification, referred_to, retracted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (
            e.entry_id,
            text(e.originator_id),
            e.item_id,
            e.text,
            e.method,
            int(e.within_delegated_authority),
            int(e.requires_ratification),
            text(e.referred_to),
        ),
    )
    for body_id in e.also_referred_to or []:
        tx.execute(
            "INSERT INTO rm_decision_referrals (decision_id, body_id) VALUES (?, ?)",
            (e.entry_id, text(body_id)),
        )


@decisions.handles(EntryCorrected)
def _corrected(tx: Tx, e: EntryCorrected) -> None:
    """Corrections of other kinds of entry find no decision row and change nothing."""
    if e.replacement is None:
        tx.execute("UPDATE rm_decisions SET retracted = 1 WHERE id = ?", (e.entry_id,))
        return
    for column in _CORRECTABLE:
        if column in e.replacement:
            value = e.replacement[column]
            value = int(value) if isinstance(value, bool) else text(value)
            tx.execute(f"UPDATE rm_decisions SET {column} = ? WHERE id = ?", (value, e.entry_id))


@decisions.handles(ReferralTakenUp)
def _taken_up(tx: Tx, e: ReferralTakenUp) -> None:
    taken = tx.scalar("SELECT COUNT(*) AS n FROM rm_referrals WHERE item_id = ?", (e.item_id,))
    table = "rm_item_referrals" if taken else "rm_referrals"
    tx.execute(
        f"INSERT INTO {table} (item_id, meeting_id, decision_id) VALUES (?, ?, ?)",
        (e.item_id, text(e.originator_id), e.decision_id),
    )


@decisions.handles(Ratifications.Opened)
def _opened(tx: Tx, e: Ratifications.Opened) -> None:
    tx.execute(
        "INSERT INTO rm_ratification_parties (id, decision_id, parties) VALUES (?, ?, ?)",
        (text(e.originator_id), text(e.decision_id), len(e.parties)),
    )


@decisions.handles(Ratifications.Recorded)
def _ratified(tx: Tx, e: Ratifications.Recorded) -> None:
    decision_id = tx.scalar(
        "SELECT decision_id FROM rm_ratification_parties WHERE id = ?", (text(e.originator_id),)
    )
    tx.execute(
        "INSERT INTO rm_ratifications (decision_id, organisation_id, outcome, on_date)"
        " VALUES (?, ?, ?, ?)",
        (decision_id, text(e.organisation_id), e.outcome, text(e.on)),
    )
