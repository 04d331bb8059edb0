"""MEETINGS_DATABASE_URL selects the store."""

from __future__ import annotations

import pytest

from meetings.infrastructure.settings import DatabaseUrlError, environment_for


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
