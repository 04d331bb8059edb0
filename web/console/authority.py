"""On whose authority a decision was taken, as a page that prints on A4 with its CSV: the
body, the meeting, who was in the chair, the quorum, delegated authority, notice and
ratification, the members in the room and any corrections.

Who may read it is the API's rule (`web.api.scrutiny`): a clerk of the deciding body, or
admin and scrutiny."""

from __future__ import annotations

from uuid import UUID

from meetings.application import access
from meetings.application.dto.authority import DecisionAuthorityReport
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
    rat = r.ratification
    if rat.ratifications:
        ratified = Table("Ratifications", ("Organisation", "Outcome", "On"))
        for o in rat.ratifications:
            ratified.add(
                (o.get("organisation_name"), str(o.get("outcome") or o.get("status")), o.get("on"))
            )
        tables.append(ratified)
    if r.corrections:
        fixed = Table("Corrections", ("Reason", "Recorded"))
        for c in r.corrections:
            fixed.add((str(c.reason), c.recorded_at))
        tables.append(fixed)
    back = (f"/console/scrutiny/decisions/{decision_id}", "the decision")
    return Report("The authority of a decision", tables, back=back)


def _facts_of(r: DecisionAuthorityReport) -> Table:
    d, q, rat = r.decision, r.quorum, r.ratification
    chair = r.in_the_chair
    tor = r.terms_of_reference
    return facts(
        "On whose authority",
        [
            ("Decision", d.text),
            ("Body", r.body.name),
            ("Meeting", r.meeting.starts_at),
            ("Item", f"{d.item_number}. {d.item_title}"),
            ("How decided", str(d.method or "—")),
            ("In the chair", f"{(chair.person_name if chair else None) or 'not recorded'}"),
            (
                "Quorum",
                f"{q.members_present} members present, {q.required} needed: "
                + ("quorate" if q.quorate else "NOT quorate"),
            ),
            ("Within delegated authority", d.within_delegated_authority),
            ("Notice and ratification", rat.reason or "—"),
            ("Ratification", str(rat.status)),
            ("Decision notice (days)", str(rat.decision_notice_days or "none required")),
            ("Referred to", d.referred_to_name),
            (
                "Terms of reference",
                f"adopted {when(tor.adopted_on)}" if tor else "none adopted",
            ),
            ("Recorded by", f"{r.recorded_by}, {when(r.recorded_at)}"),
        ],
    )


def _members_present(r: DecisionAuthorityReport) -> Table:
    present = Table("Members in the room", ("Member", "In place of"))
    for p in r.members_present:
        present.add((p.person_name, p.substitute_for_name))
    return present
