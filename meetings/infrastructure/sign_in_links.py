"""Sign-in links for people: where they point (MEETINGS_BASE_URL), how long they last
(MEETINGS_SIGN_IN_LINK_DAYS), and the demo's clerk and chair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from meetings.domain.values import Role
from meetings.infrastructure.settings import Settings
from meetings.infrastructure.tokens import SignIns

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication

DEMO_CLERK = "Demo clerk (CADEX secretariat)"


def sign_in_url(app: MeetingsApplication, settings: Settings, token_id: str) -> str:
    """A new one-time sign-in URL for the holder of a token."""
    secret = SignIns(app.tokens).create_link(token_id, settings.sign_in_link_lifetime)
    return f"{settings.base_url}/sign-in/{secret}"


@dataclass(frozen=True)
class DemoSignIn:
    who: str
    does: str
    url: str


def demo_sign_ins(app: MeetingsApplication, settings: Settings) -> list[DemoSignIn]:
    """Links for the demo's clerk (of the BSP Board and every other demo body) and for
    the BSP Board's chair; the tokens are made the first time and reused after."""
    bodies, _ = app.list_bodies(1, 1000)
    board = next(b for b in bodies if b["short_name"] == "BSP Board")
    clerk_id = _token(app, DEMO_CLERK, Role.CLERK, [UUID(str(b["id"])) for b in bodies], None)
    links = [
        DemoSignIn(
            DEMO_CLERK,
            "prepares, records and closes the meetings of every demo body",
            sign_in_url(app, settings, clerk_id),
        )
    ]
    chair = app.get_body(UUID(str(board["id"]))).chair
    if chair is not None:
        chair_id = _token(app, chair.person_name, Role.CHAIR, [], chair.person_id)
        links.append(
            DemoSignIn(
                f"{chair.person_name}, chair of the BSP Board",
                "agrees the Board's agendas and draft minutes",
                sign_in_url(app, settings, chair_id),
            )
        )
    return links


def _token(
    app: MeetingsApplication, name: str, role: Role, bodies: list[UUID], person: UUID | None
) -> str:
    for row in app.tokens.list():
        if row["name"] == name and row["role"] == role.value and row["revoked_at"] is None:
            return str(row["id"])
    token_id, _ = app.tokens.create(role, name, bodies, person)
    return token_id
