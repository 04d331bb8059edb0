"""scripts/pg-test-server: two runs on one machine get a server each (their own folder
and port), and stopping one leaves the other running."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import psycopg
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pg-test-server"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEETINGS_PG_")}
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120
    )


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            return conn.execute("SELECT 1").fetchone() == (1,)
    except psycopg.OperationalError:
        return False


def test_two_runs_get_their_own_servers_and_stop_only_their_own() -> None:
    if not list(Path("/usr/lib/postgresql").glob("*/bin")) and not os.environ.get("CI"):
        pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql")
    first, second = _run("start"), _run("start")
    folders = []
    try:
        for started in (first, second):
            assert started.returncode == 0, started.stderr
            folders.append(re.search(r"stop it with: \S+ stop (\S+)\)", started.stderr)[1])  # type: ignore[index]
        one, other = first.stdout.strip(), second.stdout.strip()
        assert one.startswith("postgresql://") and other.startswith("postgresql://")
        assert one != other and folders[0] != folders[1]
        assert _answers(one) and _answers(other)
        stopped = _run("stop", folders[0])
        assert stopped.returncode == 0, stopped.stderr
        assert not _answers(one)
        assert _answers(other)  # the other run's server is untouched
        assert not Path(folders[0]).exists()
    finally:
        for folder in folders:
            _run("stop", folder)
    assert not _answers(other)
    assert _run("stop").returncode == 2  # which server? it must be told
