"""`meetings token`: bearer tokens created (or a one-time sign-in link to the console instead),
listed without their secrets, and revoked."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING
from uuid import UUID

import click

from meetings.application import access
from meetings.cli.common import (
    CONTEXT,
    Failed,
    OrderedGroup,
    Refused,
    Session,
    command,
    pass_session,
)
from meetings.domain.body import Body
from meetings.domain.person import Person
from meetings.domain.values import Role

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication


@click.group(
    "token",
    cls=OrderedGroup,
    context_settings=CONTEXT,
    help="create, list or revoke bearer tokens",
    short_help="create, list or revoke bearer tokens",
)
def token() -> None:
    pass


@command("create", "print a new bearer token")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option(
    "--body",
    "bodies",
    multiple=True,
    metavar="ID",
    help="a body a clerk records for (repeat for several)",
)
@click.option("--person", metavar="ID", help="the person a chair or member token is")
@click.option("--name", metavar="NAME", help="who holds the token, as recorded on their events")
@click.option(
    "--link",
    is_flag=True,
    help="print a one-time sign-in link to the console (under MEETINGS_BASE_URL) instead",
)
@pass_session
def create(
    session: Session,
    role: str,
    bodies: tuple[str, ...],
    person: str | None,
    name: str | None,
    link: bool,
) -> int:
    with session.application() as app:
        body_ids = [_existing(app, Body, "body", b) for b in bodies]
        person_id = _existing(app, Person, "person", person) if person else None
        problem = access.token_problem(Role(role), body_ids, person_id)
        if problem is not None:
            raise Refused(problem)
        token_id, secret = app.tokens.create(Role(role), name, body_ids, person_id)
        if link:
            from meetings.infrastructure.sign_in_links import sign_in_url

            print(sign_in_url(app, session.settings, token_id))
            print("Open it in a browser and press Sign in; it works once.", file=sys.stderr)
            return 0
        print(secret)
        return 0


def _existing(
    app: MeetingsApplication, cls: type[Body] | type[Person], kind: str, raw: str
) -> UUID:
    try:
        ident = UUID(raw)
    except ValueError:
        raise Refused(f"{raw!r} is not an id") from None
    if not app.exists(cls, ident):
        raise Refused(f"there is no {kind} with id {raw}")
    return ident


@command("link", "print a new one-time sign-in link for a token")
@click.argument("token_id", metavar="id")
@pass_session
def link(session: Session, token_id: str) -> int:
    from meetings.infrastructure.sign_in_links import sign_in_url

    with session.application() as app:
        if app.tokens.get(token_id) is None:
            raise Failed(f"no active token with id {token_id}")
        print(sign_in_url(app, session.settings, token_id))
        return 0


@command("list", "list tokens (never their secrets)")
@pass_session
def list_tokens(session: Session) -> int:
    with session.application() as app:
        for row in app.tokens.list():
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
            bodies = ",".join(row["bodies"]) or "-"
            print(
                f"{row['id']}  {row['role']:<8} {state:<40} bodies={bodies} "
                f"person={row['person_id'] or '-'}  {row['name']}"
            )
        return 0


@command("revoke", "revoke a token at once")
@click.argument("token_id", metavar="id")
@pass_session
def revoke(session: Session, token_id: str) -> int:
    with session.application() as app:
        if not app.tokens.revoke(token_id):
            raise Failed(f"no active token with id {token_id}")
        print(f"Revoked token {token_id}.", file=sys.stderr)
        return 0


for one in (create, link, list_tokens, revoke):
    token.add_command(one)
