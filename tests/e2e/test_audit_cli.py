"""`meetings verify` and `meetings export` as an auditor runs them, against a database
someone has tampered with behind the service's back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.application import MeetingsApplication
from meetings.infrastructure.settings import environment_for
from tests.e2e.conftest import Service


def meetings(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEETINGS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "meetings.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def tamper(url: str, statement: str) -> None:
    """Change the stored log with SQL, as someone with access to the database could."""
    app = MeetingsApplication(environment_for(url))
    try:
        table = app.recorder.events_table_name  # type: ignore[attr-defined]
        pos = "notification_id" if app.postgres else "rowid"
        with app.db.transaction() as tx:
            tx.execute(statement.format(table=table, pos=pos))
    finally:
        app.close()


@pytest.fixture
def demo(service: Service, database_url: str) -> str:
    """The demo loaded through the running service's database (with its worker)."""
    service.cli("demo")
    return database_url


def test_verify_passes_then_names_the_first_changed_event(demo: str) -> None:
    good = meetings(demo, "verify")
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("OK: ") and "check out" in good.stdout
    tamper(demo, "DELETE FROM {table} WHERE {pos} = 500")
    bad = meetings(demo, "verify")
    assert bad.returncode == 1
    assert "TAMPERED" in bad.stdout and "at position 500:" in bad.stdout
    assert "missing" in bad.stdout


def test_an_export_verifies_offline_and_a_kept_head_is_checked(demo: str, tmp_path: Path) -> None:
    export = meetings(demo, "export", "--format", "jsonl")
    assert export.returncode == 0, export.stderr
    lines = export.stdout.splitlines()
    assert len(lines) > 1000
    last = json.loads(lines[-1])
    path = tmp_path / "log.jsonl"
    path.write_text(export.stdout)
    # Offline: a database URL that cannot be opened proves the database is not used.
    offline = "sqlite:////nonexistent/dir/db.sqlite3"
    head = f"{last['position']}:{last['hash']}"
    ok = meetings(offline, "verify", "--export", str(path), "--head", head)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert meetings(offline, "verify", "--export", "-", stdin=export.stdout).returncode == 0
    wrong_head = meetings(offline, "verify", "--export", str(path), "--head", "f" * 64)
    assert wrong_head.returncode == 1 and "kept elsewhere" in wrong_head.stdout
    changed = json.loads(lines[99])
    changed["stored"] = changed["stored"].replace("A", "B", 1)
    lines[99] = json.dumps(changed)
    path.write_text("\n".join(lines))
    bad = meetings(offline, "verify", "--export", str(path))
    assert bad.returncode == 1 and f"position {changed['position']}:" in bad.stdout
    path.write_text("this is not an export\n")
    refused = meetings(offline, "verify", "--export", str(path))
    assert refused.returncode == 2 and "line 1" in refused.stderr
