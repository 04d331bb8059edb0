"""Sign-in links for people: where they point (MEETINGS_BASE_URL), how long they last
(MEETINGS_SIGN_IN_LINK_DAYS), and the standing token a named person signs in with."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from meetings.domain.values import Role
from meetings.infrastructure.settings import Settings
from meetings.infrastructure.tokens import SignIns

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication


def sign_in_url(app: MeetingsApplication, settings: Settings, token_id: str) -> str:
    """A new one-time sign-in URL for the holder of a token."""
    secret = SignIns(app.tokens).create_link(token_id, settings.sign_in_link_lifetime)
    return f"{settings.base_url}/sign-in/{secret}"


def standing_token(
    app: MeetingsApplication, name: str, role: Role, bodies: list[UUID], person: UUID | None
) -> str:
    """The id of the unrevoked token of this name and role, made the first time and reused after."""
    for row in app.tokens.list():
        if row["name"] == name and row["role"] == role.value and row["revoked_at"] is None:
            return str(row["id"])
    token_id, _ = app.tokens.create(role, name, bodies, person)
    return token_id
