"""`meetings remind`: each owner's overdue and due-soon actions, listed and emailed."""

from __future__ import annotations

import email
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.e2e.conftest import Service, free_port


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def inbox() -> Any:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def test_reminders_list_overdue_actions_by_owner_and_email_them(
    service: Service, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    service.cli("demo")
    listed = service.cli("remind", "--as-of", "2025-09-01", "--within", "30")
    assert "OVERDUE" in listed.stdout and "Dear " in listed.stdout
    owners = listed.stdout.count("== ")
    service.env.update(
        MEETINGS_SMTP_HOST="127.0.0.1",
        MEETINGS_SMTP_PORT=str(port),
        MEETINGS_SMTP_FROM="clerk@bucks.example",
    )
    sent = service.cli("remind", "--as-of", "2025-09-01", "--within", "30")
    assert f"Emailed {owners} reminder(s)" in sent.stderr
    assert len(handler.messages) == owners
    first = handler.messages[0]
    assert first["From"] == "clerk@bucks.example" and "@" in first["To"]
    assert "overdue action(s)" in first.get_payload()


def test_reminders_as_of_a_day_before_anything_was_due_list_nobody(service: Service) -> None:
    service.cli("demo")
    quiet = service.cli("remind", "--as-of", "2025-01-01", "--within", "1")
    assert quiet.stdout == ""
    assert "0 owner(s)" in quiet.stderr
