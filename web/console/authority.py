"""On whose authority a decision was taken, as a page that prints on A4 with its CSV: the
body, the meeting, who was in the chair, the quorum, delegated authority, notice and
ratification, the members in the room and any corrections.

Who may read it is the API's rule (`web.api.scrutiny`): a clerk of the deciding body, or
admin and scrutiny."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from meetings.application import access
from meetings.infrastructure.tokens import Principal
from web.auth import require_scrutineer
from web.console.common import signed_in
from web.console.report_pages import Report, facts, page_and_csv
from web.console.scrutiny_common import Table, when
from web.context import meetings_app


def _authority_reader(decision_id: UUID) -> Principal:
    """The API's rule: a clerk of the deciding body, or admin and scrutiny."""
    who = signed_in()
    if not access.is_clerk(who):
        require_scrutineer()
    return access.check_authority_reader(who, meetings_app().get_body_of_decision(decision_id))


@page_and_csv(
    "/decisions/<uuid:decision_id>/authority",
    "authority_page",
    "authority_csv",
    "authority.csv",
    _authority_reader,
)
def authority(decision_id: UUID) -> Report:
    who = _authority_reader(decision_id)
    r = meetings_app().get_decision_authority(str(decision_id), who)
    tables = [_facts_of(r), _members_present(r)]
    rat = r["ratification"]
    if rat.get("ratifications"):
        ratified = Table("Ratifications", ("Organisation", "Outcome", "On"))
        for o in rat["ratifications"]:
            ratified.add(
                (o.get("organisation_name"), str(o.get("outcome") or o.get("status")), o.get("on"))
            )
        tables.append(ratified)
    if r.get("corrections"):
        fixed = Table("Corrections", ("Reason", "Recorded"))
        for c in r["corrections"]:
            fixed.add((str(c.get("reason")), c.get("at") or c.get("recorded_at")))
        tables.append(fixed)
    back = (f"/console/scrutiny/decisions/{decision_id}", "the decision")
    return Report("The authority of a decision", tables, back=back)


def _facts_of(r: dict[str, Any]) -> Table:
    d, q, rat = r["decision"], r["quorum"], r["ratification"]
    chair = r.get("in_the_chair") or {}
    tor = r.get("terms_of_reference") or {}
    return facts(
        "On whose authority",
        [
            ("Decision", d["text"]),
            ("Body", r["body"]["name"]),
            ("Meeting", r["meeting"]["starts_at"]),
            ("Item", f"{d.get('item_number')}. {d.get('item_title')}"),
            ("How decided", str(d.get("method") or "—")),
            ("In the chair", f"{chair.get('person_name') or 'not recorded'}"),
            (
                "Quorum",
                f"{q.get('members_present')} members present, {q.get('required')} needed: "
                + ("quorate" if q.get("quorate") else "NOT quorate"),
            ),
            ("Within delegated authority", d.get("within_delegated_authority")),
            ("Notice and ratification", rat.get("reason") or "—"),
            ("Ratification", str(rat.get("status"))),
            ("Decision notice (days)", str(rat.get("decision_notice_days") or "none required")),
            ("Referred to", d.get("referred_to_name")),
            (
                "Terms of reference",
                f"adopted {when(tor.get('adopted_on'))}" if tor else "none adopted",
            ),
            ("Recorded by", f"{r['recorded_by']}, {when(r['recorded_at'])}"),
        ],
    )


def _members_present(r: dict[str, Any]) -> Table:
    present = Table("Members in the room", ("Member", "In place of"))
    for p in r["members_present"]:
        present.add((p["person_name"], p.get("substitute_for_name")))
    return present
