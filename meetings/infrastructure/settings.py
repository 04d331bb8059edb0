"""Turn MEETINGS_DATABASE_URL into the eventsourcing environment it selects."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlparse
from uuid import uuid4

DEFAULT_DATABASE_URL = "sqlite:///meetings.sqlite3"


class DatabaseUrlError(ValueError):
    pass


class SettingError(ValueError):
    """A setting in the environment that the service cannot work with."""


def database_url() -> str:
    return os.environ.get("MEETINGS_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    """The service's canonical address (MEETINGS_BASE_URL), without a trailing slash: every
    absolute link the service gives out starts with it, never with the request's Host."""
    url = os.environ.get("MEETINGS_BASE_URL", "").strip() or DEFAULT_BASE_URL
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingError(f"MEETINGS_BASE_URL must be http(s)://host[:port][/path], not {url!r}")
    return url.rstrip("/")


def proxy_hops() -> int:
    """How many reverse proxies stand in front of the service (MEETINGS_PROXY_HOPS, default
    0): only then are their X-Forwarded-For/-Proto/-Host/-Prefix headers believed."""
    raw = os.environ.get("MEETINGS_PROXY_HOPS", "").strip() or "0"
    if not raw.isdigit() or int(raw) > 10:
        raise SettingError(f"MEETINGS_PROXY_HOPS must be a number from 0 to 10, not {raw!r}")
    return int(raw)


def environment_for(url: str) -> dict[str, str]:
    """The settings for the event store named by `url` (sqlite:///PATH or postgresql://...)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return _sqlite(parsed.path)
    if parsed.scheme in ("postgresql", "postgres"):
        return _postgres(parsed)
    raise DatabaseUrlError(
        f"Unsupported database URL {url!r}: use sqlite:///PATH or postgresql://user:pass@host/db"
    )


def _sqlite(path: str) -> dict[str, str]:
    # urlparse keeps the leading slash: sqlite:///x.db -> "/x.db" (relative), sqlite:////x -> "//x"
    name = path[1:] if path.startswith("/") else path
    if not name:
        raise DatabaseUrlError("The SQLite URL needs a file: sqlite:///meetings.sqlite3")
    if name == ":memory:":
        name = f"file:meetings-{uuid4().hex}?mode=memory&cache=shared"
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": name,
        "SQLITE_LOCK_TIMEOUT": "30",
    }


def _postgres(parsed: object) -> dict[str, str]:
    from urllib.parse import ParseResult

    assert isinstance(parsed, ParseResult)
    query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    dbname = parsed.path.lstrip("/")
    if not dbname:
        raise DatabaseUrlError("The PostgreSQL URL needs a database name: postgresql://host/db")
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": query.get("host") or parsed.hostname or "localhost",
        "POSTGRES_PORT": str(parsed.port or query.get("port") or 5432),
        "POSTGRES_USER": unquote(parsed.username or "") or "postgres",
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ""),
        "POSTGRES_POOL_SIZE": query.get("pool_size", "4"),
        "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", "12"),
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "30",
    }


def is_postgres(env: dict[str, str]) -> bool:
    return env.get("PERSISTENCE_MODULE") == "eventsourcing.postgres"


#: The largest request body the service reads, in bytes (JSON and forms): 1 MiB.
DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024


def max_content_length() -> int:
    """MEETINGS_MAX_CONTENT_LENGTH (bytes), or 1 MiB: a larger body is refused (413) from
    its Content-Length, before it is read, by the app and by the server in front of it."""
    raw = os.environ.get("MEETINGS_MAX_CONTENT_LENGTH", "").strip()
    if not raw:
        return DEFAULT_MAX_CONTENT_LENGTH
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(
            f"MEETINGS_MAX_CONTENT_LENGTH must be a whole number of bytes, not {raw!r}"
        ) from None
    if value < 1024:
        raise SettingError(f"MEETINGS_MAX_CONTENT_LENGTH must be at least 1024, not {raw!r}")
    return value
