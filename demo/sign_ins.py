"""Sign-in links for the demo's clerk (of the BSP Board and every other demo body) and for
the BSP Board's chair, printed by `meetings demo`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from meetings.infrastructure.settings import Settings
from meetings.infrastructure.sign_in_links import sign_in_url, standing_token

DEMO_CLERK = "Demo clerk (CADEX secretariat)"


@dataclass(frozen=True)
class DemoSignIn:
    who: str
    does: str
    url: str


def demo_sign_ins(app: MeetingsApplication, settings: Settings) -> list[DemoSignIn]:
    """Links for the demo's clerk (of the BSP Board and every other demo body) and for
    the BSP Board's chair; the tokens are made the first time and reused after."""
    bodies, _ = app.list_bodies(1, 1000)
    board = next(b for b in bodies if b.short_name == "BSP Board")
    every_body = [UUID(b.id) for b in bodies]
    clerk_id = standing_token(app, DEMO_CLERK, Role.CLERK, every_body, None)
    links = [
        DemoSignIn(
            DEMO_CLERK,
            "prepares, records and closes the meetings of every demo body",
            sign_in_url(app, settings, clerk_id),
        )
    ]
    chair = app.get_body(UUID(board.id)).chair
    if chair is not None:
        chair_id = standing_token(app, chair.person_name, Role.CHAIR, [], chair.person_id)
        links.append(
            DemoSignIn(
                f"{chair.person_name}, chair of the BSP Board",
                "agrees the Board's agendas and draft minutes",
                sign_in_url(app, settings, chair_id),
            )
        )
    return links
