"""`meetings demo`: the Buckinghamshire partnership family, loaded once, and sign-in links
for its clerk and the BSP Board's chair."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from meetings.cli.common import Session, command, pass_session

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication
    from meetings.infrastructure.settings import Settings


@command("demo", "load the Buckinghamshire demo (idempotent)")
@pass_session
def demo(session: Session) -> int:
    from demo import load_demo

    with session.application() as app:
        summary = load_demo(app)
        if summary.already_loaded:
            print(
                "The demo partnership family is already loaded; nothing recorded.",
                file=sys.stderr,
            )
        else:
            print(f"Loaded the Buckinghamshire demo: {summary}", file=sys.stderr)
        _print_demo_sign_ins(app, session.settings)
        return 0


def _print_demo_sign_ins(app: MeetingsApplication, settings: Settings) -> None:
    """Sign-in links for the demo's clerk and the BSP Board's chair, as sentences."""
    from demo.sign_ins import demo_sign_ins
    from meetings.application.errors import ProjectionLagError

    try:
        links = demo_sign_ins(app, settings)
    except ProjectionLagError:
        print(
            "Sign-in links for the console need the projection worker: start "
            "meetings project, then run meetings demo again to print them.",
            file=sys.stderr,
        )
        return
    print("\nTo use the console, start the server (meetings serve) and open a link:")
    for link in links:
        print(f"- As {link.who}, who {link.does}, open\n  {link.url}")
    print(
        "Each link works once: open it, press Sign in, and you are in the console. "
        "Run meetings demo again for fresh links."
    )
