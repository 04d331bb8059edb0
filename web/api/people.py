"""People, and every body they sat on."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import RegisterPerson
from meetings.application.dto import HistoryEntry, PersonView
from meetings.application.dto.structure import MembershipRow, PersonRow
from meetings.domain.person import Person
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, AsAtDateQuery, HistoryEntrySchema
from web.api.schemas.structure import MembershipRowOut, PeopleQuery, PersonIn, PersonOut
from web.auth import require_history_reader, require_reader
from web.context import meetings_app
from web.guards import clerk, guarded, reader

blp = Blueprint(
    "people",
    __name__,
    url_prefix=API_PREFIX,
    description="People who sit on bodies, substitute, attend and own actions",
)


@blp.route("/people")
class People(MethodView):
    @guarded(clerk("register people"))
    @blp.arguments(PersonIn)
    @blp.response(201, PersonOut)
    def post(self, body: dict[str, Any]) -> PersonView:
        """Register a person (admin or clerk)."""
        return tagged(meetings_app().register_person(RegisterPerson(**command(), **body)))

    @guarded(reader)
    @blp.arguments(PeopleQuery, location="query")
    @blp.response(200, PersonOut(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[PersonRow]:
        """List people by name; `q` narrows to names containing it."""
        require_reader()
        rows, count = meetings_app().list_people(
            args.get("q"), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = count
        return rows


@blp.route("/people/<uuid:person_id>")
class PersonResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, PersonOut)
    def get(self, args: dict[str, Any], person_id: UUID) -> PersonView:
        """A person, now or as they stood (`as_at`, `version`)."""
        require_reader()
        return tagged(meetings_app().get_person(person_id, **read_args(args)))


@blp.route("/people/<uuid:person_id>/memberships")
class PersonMemberships(MethodView):
    @guarded(reader)
    @blp.arguments(AsAtDateQuery, location="query")
    @blp.response(200, MembershipRowOut(many=True))
    def get(self, args: dict[str, Any], person_id: UUID) -> list[MembershipRow]:
        """Every membership the person held on a day (default today), on any body."""
        require_reader()
        return meetings_app().list_person_memberships(person_id, args.get("as_at"))


@blp.route("/people/<uuid:person_id>/history")
class PersonHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, person_id: UUID) -> list[HistoryEntry]:
        """Every event recorded for the person, with who and when."""
        require_history_reader()
        return meetings_app().get_history(Person, "person", person_id)
