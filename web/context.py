"""Where the running application object lives: in the Flask app, never at module level."""

from __future__ import annotations

from flask import current_app

from meetings.application import MeetingsApplication


def meetings_app() -> MeetingsApplication:
    app: MeetingsApplication = current_app.extensions["meetings"]
    return app
