"""The application: `MeetingsApplication` (the use cases, in `app.py`), and the two policies
every use case, page, feed and export asks: `access.py` (who may do what) and
`disclosure.py` (what a given reader may see of the record).

`MeetingsApplication` is loaded on first use (PEP 562), so that the use-case modules may
import `meetings.application.access` and `meetings.application.disclosure` whichever of
them is imported first, without an import cycle through this package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meetings.application.app import (
        STARTUP_ATTEMPTS as STARTUP_ATTEMPTS,
    )
    from meetings.application.app import (
        MeetingsApplication as MeetingsApplication,
    )
    from meetings.application.app import (
        application_from_settings as application_from_settings,
    )

__all__ = ["STARTUP_ATTEMPTS", "MeetingsApplication", "application_from_settings"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("meetings.application.app"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
