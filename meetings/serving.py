"""Serving the app: waitress in one process, or several processes under gunicorn."""

from __future__ import annotations

import sys
from typing import Any

from meetings.infrastructure.settings import max_content_length


def serve_one(app: Any, host: str, port: int, threads: int) -> None:
    """One process with several threads (waitress): the embedded default."""
    import waitress

    from web import create_app

    _announce(host, port, "1 process")
    waitress.serve(
        create_app(app),
        host=host,
        port=port,
        threads=threads,
        ident="meetings",
        # A body over the limit is refused from its Content-Length, not read and spooled
        # to disk first (waitress's own default is 1 GiB).
        max_request_body_size=max_content_length(),
    )


def serve_many(host: str, port: int, workers: int, threads: int) -> None:
    """Several processes (gunicorn, threaded workers), each with its own application and
    database connections, opened after the fork. On PostgreSQL run `meetings project`
    beside them: every process waits for it, so each reads its own and the others' writes."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "proc_name": "meetings",
                "graceful_timeout": 10,
                "errorlog": "-",
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from web import create_app

            return create_app()

    _announce(host, port, f"{workers} processes")
    Server().run()


def _announce(host: str, port: int, how: str) -> None:
    print(
        f"Serving on http://{host}:{port}/ with {how} (API docs at /api/v1/docs)",
        file=sys.stderr,
    )
