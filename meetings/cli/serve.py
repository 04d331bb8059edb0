"""Running the service: `serve` (waitress in one process, or several processes under
gunicorn), and the read models' `project` and `rebuild`."""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

import click

from meetings.cli.common import Refused, Session, command, pass_session

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication
    from meetings.infrastructure.settings import Settings


@command("serve", "serve the API and pages")
@click.option("--host", default="127.0.0.1", metavar="HOST")
@click.option("--port", type=int, default=8000, metavar="PORT")
@click.option("--threads", type=int, default=8, metavar="THREADS", help="threads per process")
@click.option(
    "--workers",
    type=int,
    default=1,
    metavar="WORKERS",
    help="server processes (more than 1: gunicorn; on PostgreSQL, run `meetings project` too)",
)
@pass_session
def serve(session: Session, host: str, port: int, threads: int, workers: int) -> int:
    with session.application() as app:
        if workers < 1 or threads < 1:
            raise Refused("--workers and --threads must be at least 1.")
        if workers == 1:
            serve_one(app, session.settings, host, port, threads)
            return 0
        # Each process opens its own connections after the fork: close this one's first.
        app.close()
        serve_many(session.settings, host, port, workers, threads)
        return 0


def serve_one(
    app: MeetingsApplication, settings: Settings, host: str, port: int, threads: int
) -> None:
    """One process with several threads (waitress): the embedded default."""
    import waitress

    from web import create_app

    _announce(host, port, "1 process")
    waitress.serve(
        create_app(app, settings),
        host=host,
        port=port,
        threads=threads,
        ident="meetings",
        # A body over the limit is refused from its Content-Length, not read and spooled
        # to disk first (waitress's own default is 1 GiB).
        max_request_body_size=settings.max_content_length,
    )


def serve_many(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
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

            return create_app(settings=settings)

    _announce(host, port, f"{workers} processes")
    Server().run()


def _announce(host: str, port: int, how: str) -> None:
    print(
        f"Serving on http://{host}:{port}/ with {how} (API docs at /api/v1/docs)",
        file=sys.stderr,
    )


@command("project", "run the projection worker (PostgreSQL)")
@pass_session
def project(session: Session) -> int:
    with session.application() as app:
        if not app.postgres:
            done = app.projector.catch_up()
            print(
                f"On SQLite the read models are projected in-process; caught up {done} events.",
                file=sys.stderr,
            )
            return 0
        from projections.worker import run_worker

        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        print(
            f"Projecting from position {app.projector.position()}; Ctrl-C to stop.",
            file=sys.stderr,
        )
        run_worker(app, stop)
        return 0


@command("rebuild", "rebuild every read model from the log")
@pass_session
def rebuild(session: Session) -> int:
    from rich.progress import Progress

    with session.application() as app:
        total = app.recorder.max_notification_id() or 0
        app.projector.reset()
        with Progress(transient=False) as progress:
            task = progress.add_task("Rebuilding read models", total=total)
            done = app.projector.catch_up(progress=lambda n: progress.advance(task, n))
        print(f"Rebuilt every read model from {done} events.", file=sys.stderr)
        return 0
