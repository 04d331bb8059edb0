"""What the application refuses besides the rules of the record (those are
`meetings.domain.errors`): who is asking (not signed in, or too many failed sign-ins from
one address), whether they may (the access policy), the version of the record they saw
(If-Match), and the read side not yet caught up. `web/errors.py` maps each class to an
HTTP status once."""

from __future__ import annotations

from meetings.domain.errors import MeetingsError


class NotAuthenticatedError(MeetingsError):
    """No valid token, or none where one is needed."""


class NotAllowedError(MeetingsError):
    """The access policy refuses: the principal may not do this (`access.py`)."""


class TooManyFailedSignInsError(MeetingsError):
    """Too many bad tokens from one address: it must wait before trying again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many failed sign-ins from your address: wait {retry_after} seconds and try again."
        )
        self.retry_after = retry_after


class VersionMismatchError(MeetingsError):
    """The client's If-Match names a version the aggregate has moved on from."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(
            f"The record has changed since you loaded it (you had version {expected}, "
            f"it is now at version {actual}): reload it and try again."
        )
        self.expected = expected
        self.actual = actual


class ProjectionLagError(MeetingsError):
    """Reads wait for the projection worker; it did not catch up in time."""
