"""The read path: every question the web layer (pages, feeds, console, API resources) asks
of the record that is not a use case of `MeetingsApplication`. These functions are the only
place the web layer's reads touch the read models (`projections`), the application's
database, projector, mapper or recorder; `web/` calls them and nothing underneath.

- `public.py`: what the published pages and the calendar and Atom feeds read.
- `records.py`: a record as it stands, when an event was recorded, and the database the
  service's own small tables (failed sign-ins) live in.
"""

from meetings.infrastructure.sql import Database, Row

__all__ = ["Database", "Row"]
