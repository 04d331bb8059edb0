"""The service's settings: every MEETINGS_* variable, read once into one `Settings`, and the
event store a database URL names.

The command line and the web app build `Settings.from_environ(os.environ)` once, when they
start, and pass it down; nothing else reads the environment. A setting the service cannot
work with stops it starting, with a `SettingError` that names the variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar
from urllib.parse import ParseResult, parse_qs, unquote, urlparse
from uuid import uuid4

from meetings.infrastructure.signing import KEY_FILE, OLD_KEY_FILES

DEFAULT_DATABASE_URL = "sqlite:///meetings.sqlite3"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
#: The largest request body the service reads, in bytes (JSON and forms): 1 MiB.
DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024
#: Seconds a read waits for the projection worker to reach a write it must reflect.
DEFAULT_READ_TIMEOUT = 10.0
#: Days a sign-in link may be used in; minutes a console session lasts unused.
DEFAULT_LINK_DAYS = 7.0
DEFAULT_IDLE_MINUTES = 480.0
#: Failed sign-ins allowed from one address within the window, and the window in seconds.
DEFAULT_AUTH_FAILURES_ALLOWED = 10
DEFAULT_AUTH_FAILURE_WINDOW_SECONDS = 60.0

Number = TypeVar("Number", int, float)


class DatabaseUrlError(ValueError):
    pass


class SettingError(ValueError):
    """A setting in the environment that the service cannot work with."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where reminders are emailed through (MEETINGS_SMTP_*); none when no host is set."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False


@dataclass(frozen=True)
class Settings:
    """Every setting the service reads, with its documented default (docs/SETTINGS.md)."""

    database_url: str = DEFAULT_DATABASE_URL
    base_url: str = DEFAULT_BASE_URL
    proxy_hops: int = 0
    max_content_length: int = DEFAULT_MAX_CONTENT_LENGTH
    read_timeout: float = DEFAULT_READ_TIMEOUT
    signing_key_file: str | None = None
    signing_old_key_files: tuple[str, ...] = ()
    secret_key: str | None = None
    sign_in_link_days: float = DEFAULT_LINK_DAYS
    session_idle_minutes: float = DEFAULT_IDLE_MINUTES
    auth_failures_allowed: int = DEFAULT_AUTH_FAILURES_ALLOWED
    auth_failure_window_seconds: float = DEFAULT_AUTH_FAILURE_WINDOW_SECONDS
    smtp: SmtpSettings | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """The settings named by MEETINGS_* variables; an unset or empty one takes its default."""
        env = _Environ(environ)
        return cls(
            database_url=env.text("MEETINGS_DATABASE_URL") or DEFAULT_DATABASE_URL,
            base_url=_base_url(env.text("MEETINGS_BASE_URL") or DEFAULT_BASE_URL),
            proxy_hops=_proxy_hops(env.text("MEETINGS_PROXY_HOPS") or "0"),
            max_content_length=_max_content_length(env.text("MEETINGS_MAX_CONTENT_LENGTH")),
            read_timeout=env.positive("MEETINGS_READ_TIMEOUT", DEFAULT_READ_TIMEOUT, float),
            signing_key_file=env.text(KEY_FILE) or None,
            signing_old_key_files=tuple(
                p.strip() for p in env.text(OLD_KEY_FILES).split(os.pathsep) if p.strip()
            ),
            secret_key=env.text("MEETINGS_SECRET_KEY") or None,
            sign_in_link_days=env.positive("MEETINGS_SIGN_IN_LINK_DAYS", DEFAULT_LINK_DAYS, float),
            session_idle_minutes=env.positive(
                "MEETINGS_SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES, float
            ),
            auth_failures_allowed=env.positive(
                "MEETINGS_AUTH_FAILURES_ALLOWED", DEFAULT_AUTH_FAILURES_ALLOWED, int
            ),
            auth_failure_window_seconds=env.positive(
                "MEETINGS_AUTH_FAILURE_WINDOW_SECONDS", DEFAULT_AUTH_FAILURE_WINDOW_SECONDS, float
            ),
            smtp=_smtp(env),
        )

    @property
    def sign_in_link_lifetime(self) -> timedelta:
        return timedelta(days=self.sign_in_link_days)

    def signing_environment(self) -> dict[str, str]:
        """The signing key files, as the application's environment names them."""
        env = {KEY_FILE: self.signing_key_file} if self.signing_key_file else {}
        if self.signing_old_key_files:
            env[OLD_KEY_FILES] = os.pathsep.join(self.signing_old_key_files)
        return env

    def application_environment(self) -> dict[str, str]:
        """The application's environment: the event store, the read timeout, the keys."""
        env = environment_for(self.database_url)
        env["MEETINGS_READ_TIMEOUT"] = str(self.read_timeout)
        return env | self.signing_environment()


class _Environ:
    """Reads of one environment, each naming its variable when the value will not do."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ

    def text(self, name: str) -> str:
        return self.environ.get(name, "").strip()

    def positive(self, name: str, default: Number, kind: Callable[[str], Number]) -> Number:
        """A number more than 0, or the default when unset."""
        raw = self.text(name)
        if not raw:
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise SettingError(f"{name} must be a number, not {raw!r}") from None
        if value <= 0:
            raise SettingError(f"{name} must be more than 0, not {raw!r}")
        return value


def _base_url(url: str) -> str:
    """The service's canonical address, without a trailing slash: every absolute link the
    service gives out starts with it, never with the request's Host."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingError(f"MEETINGS_BASE_URL must be http(s)://host[:port][/path], not {url!r}")
    return url.rstrip("/")


def _proxy_hops(raw: str) -> int:
    """How many reverse proxies stand in front of the service: only then are their
    X-Forwarded-For/-Proto/-Host/-Prefix headers believed."""
    if not raw.isdigit() or int(raw) > 10:
        raise SettingError(f"MEETINGS_PROXY_HOPS must be a number from 0 to 10, not {raw!r}")
    return int(raw)


def _max_content_length(raw: str) -> int:
    """Bytes, or 1 MiB: a larger body is refused (413) from its Content-Length, before it
    is read, by the app and by the server in front of it."""
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


def _smtp(env: _Environ) -> SmtpSettings | None:
    host = env.text("MEETINGS_SMTP_HOST")
    if not host:
        return None
    return SmtpSettings(
        host=host,
        port=env.positive("MEETINGS_SMTP_PORT", 25, int),
        sender=env.text("MEETINGS_SMTP_FROM") or "meetings@localhost",
        user=env.text("MEETINGS_SMTP_USER") or None,
        password=env.environ.get("MEETINGS_SMTP_PASSWORD") or None,
        starttls=env.text("MEETINGS_SMTP_STARTTLS").lower() in ("1", "y", "yes", "true"),
    )


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


def _postgres(parsed: ParseResult) -> dict[str, str]:
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


def is_postgres(env: Mapping[str, str]) -> bool:
    return env.get("PERSISTENCE_MODULE") == "eventsourcing.postgres"
