"""The console's home: for a clerk, their bodies and what is waiting on whom; for a
chair, only what they act on; for anyone else, what they can do here."""

from __future__ import annotations

from flask import render_template

from web.console.common import bp, signed_in


@bp.get("/console")
def home() -> str:
    who = signed_in()
    return render_template("console/home.html", who=who)
