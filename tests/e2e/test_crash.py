"""kill -9 of the server under 8 concurrent clients that send every command with an
Idempotency-Key and retry it until it is answered: after a restart, every command that was
acknowledged (2xx) is in the log exactly once, none is there twice, and `meetings verify`
finds the chain whole. On the backend under test (SQLite, or PostgreSQL with its worker)."""

from __future__ import annotations

import collections
import json
import signal
import threading
import time
from dataclasses import dataclass, field
from uuid import uuid4

import requests

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for
from tests.e2e.conftest import Service, wait_until_serving

CLIENTS = 8
BEFORE_KILL = 4.0  # seconds of traffic before the kill
AFTER_RESTART = 3.0  # and after the restart
GIVE_UP = 40.0  # no command is retried for longer than this


@dataclass
class Tally:
    acknowledged: dict[str, str] = field(default_factory=dict)  # name -> id answered
    unanswered: set[str] = field(default_factory=set)  # sent, never answered 2xx
    refused: collections.Counter[int] = field(default_factory=collections.Counter)
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(url: str, token: str, n: int, stop: threading.Event, tally: Tally) -> None:
    session = requests.Session()
    count = 0
    while not stop.is_set():
        name = f"crash-{n}-{count}"
        count += 1
        key = str(uuid4())
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
        deadline = time.monotonic() + GIVE_UP
        answered = None
        while answered is None and time.monotonic() < deadline:
            try:
                reply = session.post(
                    f"{url}/api/v1/people", json={"name": name}, headers=headers, timeout=15
                )
            except requests.RequestException:
                reply = None
            if reply is not None and 200 <= reply.status_code < 300:
                answered = reply.json()["id"]
                break
            with tally.lock:
                tally.retries += 1
                if reply is not None:
                    tally.refused[reply.status_code] += 1
            session = requests.Session()  # the old connection may be to the dead process
            time.sleep(0.1)
        with tally.lock:
            if answered is None:
                tally.unanswered.add(name)
            else:
                tally.acknowledged[name] = answered


def _names_in_the_log(database_url: str) -> collections.Counter[str]:
    """How often each person's registration is in the log itself (not a read model)."""
    app = MeetingsApplication(environment_for(database_url))
    try:
        found: collections.Counter[str] = collections.Counter()
        for stored in app.list_stored_events():
            if stored.topic.endswith(":Person.Registered"):
                found[json.loads(stored.state)["name"]] += 1
        return found
    finally:
        app.close()


def test_kill_9_of_the_server_under_load_loses_and_duplicates_nothing(
    service: Service, database_url: str
) -> None:
    token = service.cli("token", "create", "--role", "admin").stdout.strip()
    server = service.processes[0]
    port = service.url.rsplit(":", 1)[1]
    tally, stop = Tally(), threading.Event()
    clients = [
        threading.Thread(target=_client, args=(service.url, token, n, stop, tally))
        for n in range(CLIENTS)
    ]
    for thread in clients:
        thread.start()
    try:
        time.sleep(BEFORE_KILL)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        time.sleep(0.5)
        restarted = service.start("serve", "--port", port)
        wait_until_serving(service.url, restarted)
        time.sleep(AFTER_RESTART)
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=GIVE_UP + 20)

    in_log = _names_in_the_log(database_url)
    acknowledged = tally.acknowledged
    lost = [name for name in acknowledged if in_log[name] == 0]
    duplicated = [name for name, times in in_log.items() if times > 1]
    print(
        f"crash test ({database_url.split(':', 1)[0]}): {len(acknowledged)} commands "
        f"acknowledged, {len(lost)} lost, {len(duplicated)} duplicated; {tally.retries} "
        f"retries ({dict(tally.refused)} answered, the rest unanswered), "
        f"{len(tally.unanswered)} never answered"
    )
    assert len(acknowledged) > 50, tally
    assert tally.retries > 0, "the kill interrupted nothing"
    assert lost == [] and duplicated == []
    assert all(in_log[name] <= 1 for name in tally.unanswered)
    assert set(tally.refused) <= {503}, tally.refused  # never a 500 on the way
    # Every acknowledged answer names the record that is in the log.
    auth = {"Authorization": f"Bearer {token}"}
    some = list(acknowledged.items())[:: max(1, len(acknowledged) // 20)]
    for name, person in some:
        shown = requests.get(f"{service.url}/api/v1/people/{person}", headers=auth, timeout=15)
        assert shown.status_code == 200 and shown.json()["name"] == name
    verified = service.cli("verify", check=False)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("OK: ")
