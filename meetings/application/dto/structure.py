"""What the structure's lists read as: organisations and people a page at a time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """A partner organisation as listed (no version: the list is not a read of one)."""

    id: str
    name: str
    sector: str
