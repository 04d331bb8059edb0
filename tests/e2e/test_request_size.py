"""Hostile bodies: one larger than the limit is refused from its Content-Length, before
the token or the body is read, by the app (413 problem+json) and by the server in front
of it (waitress answers at once instead of spooling up to a gigabyte to disk)."""

from __future__ import annotations

import io
import os
import socket
import time
from pathlib import Path

import pytest

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import DEFAULT_MAX_CONTENT_LENGTH, environment_for
from tests.e2e.conftest import Service, free_port, wait_until_serving
from web import create_app

FIFTY_MIB = 50 * 1024 * 1024


class _Watched(io.BytesIO):
    """A request body that remembers whether anyone read it."""

    def __init__(self) -> None:
        super().__init__(b'{"name": "' + b"x" * 4096)
        self.reads = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        return super().read(size)

    def readline(self, size: int | None = -1) -> bytes:
        self.reads += 1
        return super().readline(size)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self.reads += 1
        return super().readinto(buffer)


@pytest.fixture
def client(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = MeetingsApplication(environment_for(f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    yield create_app(app).test_client()
    app.close()


@pytest.mark.parametrize("token", [None, "mtg_not-a-real-token"])
def test_a_50_mib_body_is_refused_before_the_token_or_the_body_is_read(
    client, token: str | None
) -> None:  # type: ignore[no-untyped-def]
    body = _Watched()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    answer = client.post(
        "/api/v1/bodies",
        input_stream=body,
        headers=headers,
        environ_overrides={"CONTENT_LENGTH": str(FIFTY_MIB)},  # as the client declared it
    )
    assert answer.status_code == 413, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    assert str(DEFAULT_MAX_CONTENT_LENGTH) in answer.get_json()["detail"]
    assert body.reads == 0


def test_a_body_within_the_limit_with_a_bad_token_is_refused_unread(client) -> None:  # type: ignore[no-untyped-def]
    body = _Watched()
    answer = client.post(
        "/api/v1/bodies",
        input_stream=body,
        headers={
            "Content-Length": "1000",
            "Content-Type": "application/json",
            "Authorization": "Bearer mtg_not-a-real-token",
        },
    )
    assert answer.status_code == 401
    assert body.reads == 0


def test_the_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGS_MAX_CONTENT_LENGTH", "4096")
    app = MeetingsApplication(environment_for(f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    try:
        client = create_app(app).test_client()
        answer = client.post("/api/v1/bodies", data="x" * 5000, content_type="application/json")
        assert answer.status_code == 413
        assert "at most 4096 bytes" in answer.get_json()["detail"]
    finally:
        app.close()


def test_the_server_refuses_a_50_mib_body_at_once(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MEETINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    svc = Service(url=f"http://127.0.0.1:{port}", env=env, logs=tmp_path)
    server = svc.start("serve", "--port", str(port))
    try:
        wait_until_serving(svc.url, server)
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /api/v1/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\n"
                + f"Content-Length: {FIFTY_MIB}\r\n\r\n".encode()
                + b'{"name": "'
            )
            first = conn.recv(200)
        assert first.startswith(b"HTTP/1.1 413"), first
        assert time.monotonic() - started < 5
    finally:
        svc.print_logs()
        server.terminate()
        server.wait(timeout=15)


def test_the_openapi_document_names_the_store_and_size_answers(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/api/v1/bodies"]["post"]["responses"]
    get = spec["paths"]["/api/v1/bodies"]["get"]["responses"]
    assert {"413", "503", "507"} <= set(post)
    assert "503" in get and "507" not in get and "413" not in get
    assert "Retry-After" in get["503"]["headers"]
    assert post["507"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
