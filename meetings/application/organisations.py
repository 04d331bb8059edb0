"""Use cases for the partners: the organisations, and the people who work for them."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from meetings.application.commands import RegisterOrganisation, RegisterPerson
from meetings.application.dto import OrganisationView, PersonView
from meetings.application.dto.structure import OrganisationRow, PersonRow
from meetings.application.machinery import CoreApplication
from meetings.application.queries import structure as queries
from meetings.domain.organisation import Organisation
from meetings.domain.person import NAME_WITHHELD, Person
from meetings.infrastructure import person_keys


class OrganisationUseCases(CoreApplication):
    """Who the partners are: organisations, and people registered with their contact
    details kept under a key of their own."""

    def register_organisation(self, cmd: RegisterOrganisation) -> OrganisationView:
        return self._create(cmd, lambda: Organisation(cmd.name, cmd.sector), _organisation_view)

    def get_organisation(
        self, org_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> OrganisationView:
        return _organisation_view(
            self._get_as_at(Organisation, "organisation", org_id, version, as_at)
        )

    def list_organisations(self, page: int, page_size: int) -> tuple[list[OrganisationRow], int]:
        return queries.list_organisations(self, page, page_size)

    def register_person(self, cmd: RegisterPerson) -> PersonView:
        self._require(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        return self._create(cmd, lambda: self._new_person(cmd), self._person_view)

    def _new_person(self, cmd: RegisterPerson) -> Person:
        """Their contact details are stored only under a key of their own (erasure)."""
        if cmd.email is None:
            return Person(cmd.name, cmd.organisation_id, None, cmd.job_title)
        key = person_keys.new_key()
        contact = person_keys.seal(key, {"email": cmd.email})
        person = Person(cmd.name, cmd.organisation_id, None, cmd.job_title, contact)
        person_keys.keep_key(self.db, person.id, key)
        return person

    def get_person(
        self, person_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> PersonView:
        person = self._get_as_at(Person, "person", person_id, version, as_at)
        earlier = version is not None or as_at is not None
        # An erasure that withheld the name hides it in earlier versions too.
        if earlier and self._get(Person, "person", person_id).name == NAME_WITHHELD:
            person.name = NAME_WITHHELD
        return self._person_view(person)

    def list_people(self, q: str | None, page: int, page_size: int) -> tuple[list[PersonRow], int]:
        return queries.list_people(self, q, page, page_size)

    def _person_view(self, p: Person) -> PersonView:
        contact = getattr(p, "contact", None)
        email = person_keys.contact_of(self.db, p.id, contact).get("email") if contact else p.email
        return PersonView(
            id=p.id,
            name=p.name,
            organisation_id=p.organisation_id,
            email=email,
            job_title=p.job_title,
            version=p.version,
        )


def _organisation_view(org: Organisation) -> OrganisationView:
    return OrganisationView(id=org.id, name=org.name, sector=org.sector, version=org.version)
