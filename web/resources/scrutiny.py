"""Scrutiny reports: attendance, membership changes, decisions' authority, amendments."""

from __future__ import annotations

from flask_smorest import Blueprint

from web.resources.common import API_PREFIX

blp = Blueprint(
    "scrutiny",
    __name__,
    url_prefix=API_PREFIX,
    description="Scrutiny: the questions asked of the record after the fact",
)
