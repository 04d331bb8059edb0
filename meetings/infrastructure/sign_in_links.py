"""Sign-in links for people: where they point (MEETINGS_BASE_URL), how long they last
(MEETINGS_SIGN_IN_LINK_DAYS), and the demo's clerk and chair."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from meetings.domain.values import Role
from meetings.infrastructure.tokens import SignIns
from meetings.infrastructure.settings import base_url

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication

#: Days a sign-in link may be used in, unless MEETINGS_SIGN_IN_LINK_DAYS says otherwise.
DEFAULT_LINK_DAYS = 7.0
DEMO_CLERK = "Demo clerk (CADEX secretariat)"


def positive_setting(name: str, default: float) -> float:
    """A number more than 0 from the environment, or the default when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be more than 0, not {raw!r}")
    return value


def link_lifetime() -> timedelta:
    return timedelta(days=positive_setting("MEETINGS_SIGN_IN_LINK_DAYS", DEFAULT_LINK_DAYS))


def sign_in_url(app: MeetingsApplication, token_id: str) -> str:
    """A new one-time sign-in URL for the holder of a token."""
    secret = SignIns(app.tokens).create_link(token_id, link_lifetime())
    return f"{base_url()}/sign-in/{secret}"


@dataclass(frozen=True)
class DemoSignIn:
    who: str
    does: str
    url: str


def demo_sign_ins(app: MeetingsApplication) -> list[DemoSignIn]:
    """Links for the demo's clerk (of the BSP Board and every other demo body) and for
    the BSP Board's chair; the tokens are made the first time and reused after."""
    bodies, _ = app.list_bodies(1, 1000)
    board = next(b for b in bodies if b["short_name"] == "BSP Board")
    clerk_id = _token(app, DEMO_CLERK, Role.CLERK, [UUID(str(b["id"])) for b in bodies], None)
    links = [
        DemoSignIn(
            DEMO_CLERK,
            "prepares, records and closes the meetings of every demo body",
            sign_in_url(app, clerk_id),
        )
    ]
    chair = app.get_body(UUID(str(board["id"]))).chair
    if chair is not None:
        chair_id = _token(app, chair.person_name, Role.CHAIR, [], chair.person_id)
        links.append(
            DemoSignIn(
                f"{chair.person_name}, chair of the BSP Board",
                "agrees the Board's agendas and draft minutes",
                sign_in_url(app, chair_id),
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
