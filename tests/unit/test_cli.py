"""The `meetings` command's own contract, kept through the move from argparse to click:
every command and option listed with its description, -h as well as --help, usage errors
at exit 2 before anything is opened, and the settings read once and handed down."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from meetings import cli
from meetings.application import application_from_settings
from meetings.infrastructure.settings import Settings

#: Each command in the order `meetings --help` has always listed them, with its description.
COMMANDS = [
    ("serve", "serve the API and pages"),
    ("demo", "load the Buckinghamshire demo (idempotent)"),
    ("project", "run the projection worker (PostgreSQL)"),
    ("rebuild", "rebuild every read model from the log"),
    (
        "remind",
        "list (or, with MEETINGS_SMTP_HOST, email) each owner's overdue and due-soon actions",
    ),
    ("verify", "check the hash chain of the log; exit 1 at the first bad position"),
    ("export", "the event log, with its hash chain, to stdout"),
    ("backup", "a consistent copy of the record while it runs, with its chain head beside it"),
    ("restore", "restore a backup into an empty store, rebuild and verify it against its head"),
    (
        "archive",
        "a BagIt package of a body's meetings in a year: the log, and the minutes as PDF/A",
    ),
    (
        "erase-person",
        "erase a person's personal data (their key, emails held in the clear), recorded as an"
        " event; the chain still verifies",
    ),
    ("token", "create, list or revoke bearer tokens"),
]

#: Each command's options and arguments, and the descriptions argparse gave them.
OPTIONS = {
    ("serve",): ["--host", "--port", "--threads", "--workers", "threads per process"],
    ("remind",): ["--as-of DATE", "--within DAYS", "judge overdue as of this day"],
    ("verify",): ["--export FILE", "--head HASH", "the chain head kept elsewhere"],
    ("export",): ["--format", "jsonl"],
    ("backup",): ["FILE", "the backup file (FILE.manifest.json beside)"],
    ("restore",): ["FILE", "a file made by `meetings backup`"],
    ("archive",): ["--body ID", "--year YYYY", "DIR", "a new (or empty) directory for the bag"],
    ("erase-person",): ["ID", "--reason TEXT", "--redact-name", "the person's id"],
    ("token",): ["create", "link", "list", "revoke", "print a new bearer token"],
    ("token", "create"): ["--role", "--body ID", "--person ID", "--name", "--link", "clerk"],
    ("token", "link"): ["id"],
    ("token", "revoke"): ["id"],
}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database the command may open, which a refused command must not create."""
    path = tmp_path / "never-opened.sqlite3"
    monkeypatch.setenv("MEETINGS_DATABASE_URL", f"sqlite:///{path}")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_is_listed_in_its_old_order(
    capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    code, out, _ = run(capsys, flag)
    assert code == 0
    assert "MEETINGS_DATABASE_URL (default sqlite:///meetings.sqlite3)" in " ".join(out.split())
    listed = " ".join(out.split())
    positions = [listed.index(f" {name} {said}") for name, said in COMMANDS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("command", sorted(OPTIONS))
def test_each_command_shows_its_options_and_their_descriptions(
    capsys: pytest.CaptureFixture[str], store: Path, command: tuple[str, ...]
) -> None:
    code, out, _ = run(capsys, *command, "-h")
    assert code == 0
    for expected in OPTIONS[command]:
        assert expected in " ".join(out.split())
    assert not store.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "Usage: meetings"),
        (("bogus",), "bogus"),
        (("token",), "Usage: meetings token"),
        (("export", "--format", "csv"), "--format"),
        (("remind", "--as-of", "1 April"), "--as-of"),
        (("remind", "--within", "soon"), "--within"),
        (("serve", "--port", "x"), "--port"),
        (("archive", "/tmp/bag"), "--body"),
        (("archive", "--body", "b", "--year", "this", "/tmp/bag"), "--year"),
        (("token", "create", "--role", "boss"), "--role"),
        (("backup",), "FILE"),
    ],
)
def test_a_usage_error_exits_2_and_opens_nothing(
    capsys: pytest.CaptureFixture[str], store: Path, args: tuple[str, ...], says: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert says in out + err
    assert not store.exists()


def test_a_setting_the_command_cannot_work_with_stops_it_before_the_store_is_opened(
    capsys: pytest.CaptureFixture[str], store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGS_PROXY_HOPS", "99")
    code, out, err = run(capsys, "token", "list")
    assert code == 2 and out == ""
    assert err.startswith("meetings: MEETINGS_PROXY_HOPS must be a number from 0 to 10")
    assert not store.exists()


def test_a_database_url_it_cannot_use_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGS_DATABASE_URL", "mysql://db/meetings")
    code, _, err = run(capsys, "token", "list")
    assert code == 2
    assert err.startswith("meetings: cannot open the database: Unsupported database URL")


def test_the_settings_are_read_once_and_handed_to_the_application(
    capsys: pytest.CaptureFixture[str], store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEETINGS_READ_TIMEOUT", "3")
    monkeypatch.setenv("MEETINGS_BASE_URL", "https://meetings.example.gov.uk/")
    seen: list[Settings] = []

    def opened(settings: Settings) -> object:
        seen.append(settings)
        return application_from_settings(settings)

    monkeypatch.setattr(cli, "application_from_settings", opened)
    code, _, _ = run(capsys, "token", "create", "--role", "admin", "--link")
    assert code == 0 and store.exists()
    assert len(seen) == 1
    assert seen[0].read_timeout == 3.0
    assert seen[0].base_url == "https://meetings.example.gov.uk"
    code, out, _ = run(capsys, "token", "list")
    assert code == 0 and len(seen) == 2 and " admin " in out


def test_an_unknown_token_is_exit_1_and_said_on_stderr(
    capsys: pytest.CaptureFixture[str], store: Path
) -> None:
    code, out, err = run(capsys, "token", "revoke", "no-such-token")
    assert (code, out) == (1, "")
    assert err == "meetings: no active token with id no-such-token\n"


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "meetings.cli", "-h"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert "Usage: meetings [OPTIONS] COMMAND" in done.stdout
