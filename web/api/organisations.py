"""Partner organisations."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import RegisterOrganisation
from meetings.application.dto import HistoryEntry, OrganisationView
from meetings.application.dto.structure import OrganisationRow
from meetings.domain.organisation import Organisation
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, HistoryEntrySchema
from web.api.schemas.structure import OrganisationIn, OrganisationOut
from web.auth import require_history_reader, require_reader
from web.context import meetings_app
from web.guards import admin, guarded, reader

blp = Blueprint(
    "organisations",
    __name__,
    url_prefix=API_PREFIX,
    description="Partner organisations and their sectors",
)


@blp.route("/organisations")
class Organisations(MethodView):
    @guarded(admin("register organisations"))
    @blp.arguments(OrganisationIn)
    @blp.response(201, OrganisationOut)
    def post(self, body: dict[str, Any]) -> OrganisationView:
        """Register a partner organisation (admin)."""
        return tagged(
            meetings_app().register_organisation(RegisterOrganisation(**command(), **body))
        )

    @blp.response(200, OrganisationOut(many=True))
    @guarded(reader)
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, pagination_parameters: Any) -> list[OrganisationRow]:
        """List organisations by name."""
        require_reader()
        rows, count = meetings_app().list_organisations(
            pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = count
        return rows


@blp.route("/organisations/<uuid:org_id>")
class OrganisationResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, OrganisationOut)
    def get(self, args: dict[str, Any], org_id: UUID) -> OrganisationView:
        """An organisation, now or as it stood (`as_at`, `version`)."""
        require_reader()
        return tagged(meetings_app().get_organisation(org_id, **read_args(args)))


@blp.route("/organisations/<uuid:org_id>/history")
class OrganisationHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, org_id: UUID) -> list[HistoryEntry]:
        """Every event recorded for the organisation, with who and when."""
        require_history_reader()
        return meetings_app().get_history(Organisation, "organisation", org_id)
