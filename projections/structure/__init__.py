"""The partnership family as tables: organisations, people, bodies, memberships over time.

`tables` holds the read model (its tables and the handlers that fill them); `memberships`
and `directory` read it.
"""

from projections.structure.directory import (
    list_bodies,
    list_organisations,
    list_people,
    names,
)
from projections.structure.memberships import (
    membership_groups,
    memberships_of_body,
    memberships_of_person,
    overlapping_seat,
    seated_members,
)
from projections.structure.tables import structure

__all__ = [
    "list_bodies",
    "list_organisations",
    "list_people",
    "membership_groups",
    "memberships_of_body",
    "memberships_of_person",
    "names",
    "overlapping_seat",
    "seated_members",
    "structure",
]
