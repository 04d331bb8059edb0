"""The demo's records as data: `family.toml` (organisations, people, bodies, terms of
reference, memberships, chairs), `meetings.toml` (a year of meetings as they happened) and
`workplan.toml`. Dates are as written; the loader moves them (`demo.dates`)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def read(name: str) -> dict[str, Any]:
    """One of the data files, parsed (read once)."""
    return tomllib.loads(files(__package__).joinpath(f"{name}.toml").read_text("utf-8"))
