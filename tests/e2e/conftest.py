"""The service as users run it: `meetings` processes against a real database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.conftest import BACKEND


@dataclass
class Service:
    url: str
    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "meetings.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"meetings {' '.join(args)} failed: {result.stderr}")
        return result

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{len(self.processes)}-{args[0]}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "meetings.cli", *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def print_logs(self) -> None:
        """Shown by pytest when a test fails: what each process said."""
        for log in sorted(self.logs.glob("*.log")):
            print(f"----- {log.name}\n{log.read_text()[-4000:]}")

    def api(self, path: str) -> str:
        return f"{self.url}/api/v1{path}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            if requests.get(f"{url}/api/v1/openapi.json", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still starting up
            time.sleep(0.1)
    raise AssertionError("server did not start")


@pytest.fixture
def service(database_url: str, tmp_path: Path) -> Iterator[Service]:
    """`meetings serve`, plus `meetings project` on PostgreSQL, as separate processes."""
    env = {**os.environ, "MEETINGS_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    port = free_port()
    svc = Service(url=f"http://127.0.0.1:{port}", env=env, logs=tmp_path)
    svc.cli("rebuild")  # creates the tables before several processes race to
    server = svc.start("serve", "--port", str(port))
    if BACKEND == "postgres":
        svc.start("project")
    try:
        wait_until_serving(svc.url, server)
        yield svc
    finally:
        svc.print_logs()
    for process in svc.processes:
        process.terminate()
    for process in svc.processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
