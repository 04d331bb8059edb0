"""MEETINGS_DATABASE_URL selects the store; every MEETINGS_* setting is read once into one
frozen `Settings`, with its documented default (docs/SETTINGS.md)."""

from __future__ import annotations

import os
from dataclasses import FrozenInstanceError
from datetime import timedelta

import pytest

from meetings.infrastructure.settings import (
    DatabaseUrlError,
    SettingError,
    Settings,
    SmtpSettings,
    environment_for,
)
from meetings.infrastructure.signing import KEY_FILE, OLD_KEY_FILES


def test_sqlite_urls_name_a_file() -> None:
    assert environment_for("sqlite:///meetings.sqlite3")["SQLITE_DBNAME"] == "meetings.sqlite3"
    assert environment_for("sqlite:////var/lib/m.db")["SQLITE_DBNAME"] == "/var/lib/m.db"
    assert "mode=memory" in environment_for("sqlite:///:memory:")["SQLITE_DBNAME"]


def test_postgres_url_gives_every_setting() -> None:
    env = environment_for("postgresql://clerk:s%40cret@db.local:6543/meetings?schema=bucks")
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("clerk", "s@cret")
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.local", "6543")
    assert (env["POSTGRES_DBNAME"], env["POSTGRES_SCHEMA"]) == ("meetings", "bucks")
    assert "POSTGRES_ENABLE_DB_FUNCTIONS" not in env


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://", "postgresql://host/"])
def test_unusable_urls_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        environment_for(url)


# One settings object ------------------------------------------------------------------

ALL = {
    "MEETINGS_DATABASE_URL": "postgresql://clerk@db.local/meetings",
    "MEETINGS_BASE_URL": "https://meetings.example.gov.uk/",
    "MEETINGS_PROXY_HOPS": "1",
    "MEETINGS_MAX_CONTENT_LENGTH": "4096",
    "MEETINGS_READ_TIMEOUT": "2.5",
    "MEETINGS_SIGNING_KEY_FILE": "/etc/meetings/signing.key",
    "MEETINGS_SIGNING_OLD_KEY_FILES": "/etc/meetings/2025.key:/etc/meetings/2024.key",
    "MEETINGS_SECRET_KEY": "kept outside the database",
    "MEETINGS_SIGN_IN_LINK_DAYS": "2",
    "MEETINGS_SESSION_IDLE_MINUTES": "30",
    "MEETINGS_AUTH_FAILURES_ALLOWED": "3",
    "MEETINGS_AUTH_FAILURE_WINDOW_SECONDS": "5",
    "MEETINGS_SMTP_HOST": "smtp.example",
    "MEETINGS_SMTP_PORT": "587",
    "MEETINGS_SMTP_FROM": "clerk@example.gov.uk",
    "MEETINGS_SMTP_USER": "clerk",
    "MEETINGS_SMTP_PASSWORD": "s3cret",
    "MEETINGS_SMTP_STARTTLS": "yes",
}


def test_an_empty_environment_gives_every_documented_default() -> None:
    settings = Settings.from_environ({})
    assert settings == Settings()
    assert settings.database_url == "sqlite:///meetings.sqlite3"
    assert settings.base_url == "http://127.0.0.1:8000"
    assert (settings.proxy_hops, settings.max_content_length) == (0, 1024 * 1024)
    assert (settings.read_timeout, settings.sign_in_link_days) == (10.0, 7.0)
    assert settings.session_idle_minutes == 480.0
    assert (settings.auth_failures_allowed, settings.auth_failure_window_seconds) == (10, 60.0)
    assert settings.signing_key_file is None and settings.signing_old_key_files == ()
    assert settings.secret_key is None and settings.smtp is None
    assert settings.sign_in_link_lifetime == timedelta(days=7)


def test_empty_variables_take_their_defaults_too() -> None:
    assert Settings.from_environ(dict.fromkeys(ALL, " ")) == Settings()


def test_every_variable_reaches_its_setting() -> None:
    settings = Settings.from_environ(ALL)
    assert settings.database_url == "postgresql://clerk@db.local/meetings"
    assert settings.base_url == "https://meetings.example.gov.uk"
    assert (settings.proxy_hops, settings.max_content_length, settings.read_timeout) == (
        1,
        4096,
        2.5,
    )
    assert settings.signing_key_file == "/etc/meetings/signing.key"
    assert settings.signing_old_key_files == ("/etc/meetings/2025.key", "/etc/meetings/2024.key")
    assert settings.secret_key == "kept outside the database"
    assert settings.sign_in_link_lifetime == timedelta(days=2)
    assert settings.session_idle_minutes == 30.0
    assert (settings.auth_failures_allowed, settings.auth_failure_window_seconds) == (3, 5.0)
    assert settings.smtp == SmtpSettings(
        "smtp.example", 587, "clerk@example.gov.uk", "clerk", "s3cret", starttls=True
    )


def test_smtp_without_more_than_a_host_takes_its_defaults() -> None:
    smtp = Settings.from_environ({"MEETINGS_SMTP_HOST": "localhost"}).smtp
    assert smtp == SmtpSettings("localhost", 25, "meetings@localhost")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MEETINGS_BASE_URL", "meetings.example"),
        ("MEETINGS_PROXY_HOPS", "11"),
        ("MEETINGS_MAX_CONTENT_LENGTH", "1023"),
        ("MEETINGS_MAX_CONTENT_LENGTH", "1 MiB"),
        ("MEETINGS_READ_TIMEOUT", "0"),
        ("MEETINGS_SIGN_IN_LINK_DAYS", "a week"),
        ("MEETINGS_SESSION_IDLE_MINUTES", "-5"),
        ("MEETINGS_AUTH_FAILURES_ALLOWED", "2.5"),
        ("MEETINGS_AUTH_FAILURE_WINDOW_SECONDS", "0"),
        ("MEETINGS_SMTP_PORT", "smtp"),
    ],
)
def test_a_value_the_service_cannot_work_with_is_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingError, match=name):
        Settings.from_environ({"MEETINGS_SMTP_HOST": "localhost", name: value})


def test_the_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(FrozenInstanceError):
        settings.base_url = "https://elsewhere.example"  # type: ignore[misc]


def test_the_application_environment_names_the_store_the_timeout_and_the_keys() -> None:
    env = Settings.from_environ(ALL).application_environment()
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert env["POSTGRES_DBNAME"] == "meetings"
    assert env["MEETINGS_READ_TIMEOUT"] == "2.5"
    assert env[KEY_FILE] == "/etc/meetings/signing.key"
    assert env[OLD_KEY_FILES] == os.pathsep.join(
        ("/etc/meetings/2025.key", "/etc/meetings/2024.key")
    )
    plain = Settings.from_environ({}).application_environment()
    assert plain["SQLITE_DBNAME"] == "meetings.sqlite3"
    assert KEY_FILE not in plain and OLD_KEY_FILES not in plain


def test_an_unusable_database_url_is_refused_when_the_store_is_opened() -> None:
    settings = Settings.from_environ({"MEETINGS_DATABASE_URL": "mysql://x/y"})
    with pytest.raises(DatabaseUrlError):
        settings.application_environment()
