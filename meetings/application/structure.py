"""Use cases for the partnership family: organisations and people (`organisations.py`),
the bodies they form (`bodies.py`), and who sat on them, when (`memberships.py`)."""

from __future__ import annotations

from meetings.application.bodies import BodyUseCases
from meetings.application.memberships import MembershipUseCases
from meetings.application.organisations import OrganisationUseCases


class StructureUseCases(MembershipUseCases, BodyUseCases, OrganisationUseCases):
    """Who the partners are, which bodies they form, and who sat where, when."""
