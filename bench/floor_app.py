"""The floors: bare Flask apps that insert each POSTed JSON body as a row in SQLite
(`create_floor_app`) or PostgreSQL (`create_pg_floor_app`).

It does what any JSON-over-HTTP write must do, and nothing more: parse the body, open a
transaction, insert one row, commit, answer 201 with JSON. SQLite is in WAL mode, as the
event store's is, with one connection per server thread and a commit per request. The
real application is compared against this in the same run (see bench/run.py).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from flask import Flask, request

FLOOR_PATH = "/floor/records"


def create_floor_app(db_path: str) -> Flask:
    """The floor app, writing to the SQLite file at `db_path` (created if missing)."""
    local = threading.local()

    def connection() -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            # Auto-commit mode with explicit BEGIN/COMMIT, as the event store does.
            conn = sqlite3.connect(db_path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            local.conn = conn
        return conn

    setup = sqlite3.connect(db_path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute(
        "CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
        " created_at TEXT NOT NULL)"
    )
    setup.close()

    app = Flask(__name__)

    @app.post(FLOOR_PATH)
    def insert() -> tuple[dict[str, Any], int]:
        body = request.get_json()
        row_id = str(uuid4())
        created_at = datetime.now(tz=UTC).isoformat()
        conn = connection()
        conn.execute("BEGIN")
        try:
            conn.execute(
                "INSERT INTO records (id, body, created_at) VALUES (?, ?, ?)",
                (row_id, json.dumps(body), created_at),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return {"id": row_id, "created_at": created_at, **body}, 201

    return app


def create_pg_floor_app(url: str, schema: str) -> Flask:
    """The same floor on PostgreSQL (psycopg 3): a table in `schema` (created if missing)
    of the database at `url`, one connection per server thread, a transaction per request
    (the INSERT opens it, `commit` ends it)."""
    import psycopg
    from psycopg import sql

    local = threading.local()
    table = sql.Identifier(schema, "records")

    def connection() -> Any:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = psycopg.connect(url)
            local.conn = conn
        return conn

    with psycopg.connect(url, autocommit=True) as setup:
        setup.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        setup.execute(
            sql.SQL(
                "CREATE TABLE IF NOT EXISTS {} (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
                " created_at TEXT NOT NULL)"
            ).format(table)
        )
    insert_sql = sql.SQL("INSERT INTO {} (id, body, created_at) VALUES (%s, %s, %s)").format(table)

    app = Flask(__name__)

    @app.post(FLOOR_PATH)
    def insert() -> tuple[dict[str, Any], int]:
        body = request.get_json()
        row_id = str(uuid4())
        created_at = datetime.now(tz=UTC).isoformat()
        conn = connection()
        try:
            conn.execute(insert_sql, (row_id, json.dumps(body), created_at))
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        return {"id": row_id, "created_at": created_at, **body}, 201

    return app
