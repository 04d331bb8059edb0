"""What the structure's lists read as: organisations and people a page at a time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """A partner organisation as listed (no version: the list is not a read of one)."""

    id: str
    name: str
    sector: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person as listed: their name, organisation, email and job title as the directory
    holds them (no version: the list is not a read of one)."""

    id: str
    name: str
    organisation_id: str | None
    email: str | None
    job_title: str | None
