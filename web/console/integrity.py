"""The record's integrity, for an auditor: the hash chain's head, and the whole chain
recomputed from the stored log on demand (the API's GET /audit/verify)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, render_template

from web.auth import require_auditor
from web.console.common import bp, signed_in
from web.console.report_pages import REPORTS
from web.context import meetings_app

#: The last check made from this page in this server process: when, by whom, the verdict.
_LAST_CHECK = "scrutiny_last_chain_check"


@bp.get(f"{REPORTS}/integrity")
def integrity() -> str:
    signed_in()
    require_auditor()
    return _integrity_page()


@bp.post(f"{REPORTS}/integrity")
def verify_chain() -> str:
    """Recompute the hash chain from the stored log now (GET /audit/verify)."""
    who = signed_in()
    require_auditor()
    verdict = meetings_app().get_log_verdict()
    current_app.extensions[_LAST_CHECK] = {
        "at": datetime.now(tz=UTC),
        "by": who.name,
        "verdict": verdict,
    }
    return _integrity_page(just_checked=True)


def _integrity_page(**just_checked: bool) -> str:
    position, digest = meetings_app().get_chain_head()
    return render_template(
        "console/scrutiny_integrity.html",
        position=position,
        digest=digest,
        last=current_app.extensions.get(_LAST_CHECK),
        **just_checked,
    )
