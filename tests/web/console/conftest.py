"""Console fixtures: test clients signed in as the body's clerk and as its chair."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.console_support import sign_in


@dataclass
class Signed:
    """A test client with a session, and the CSRF token its forms carry."""

    client: FlaskClient
    csrf: str

    def post(self, path: str, data: dict[str, str] | None = None, **kwargs: object) -> object:
        return self.client.post(path, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)


@pytest.fixture
def clerk_browser(client: FlaskClient, clerk: str) -> Signed:
    return Signed(client, sign_in(client, clerk))


@pytest.fixture
def chair_browser(client: FlaskClient, body_chair: str) -> Signed:
    other = client.application.test_client()
    return Signed(other, sign_in(other, body_chair))
