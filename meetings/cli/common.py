"""What every command shares: the settings read once, the record opened and closed, and a
refusal printed as `meetings: <why>` with its exit code."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

import click

from meetings.infrastructure.settings import DatabaseUrlError, SettingError, Settings
from meetings.infrastructure.signing import SigningKeyError

if TYPE_CHECKING:
    from meetings.application import MeetingsApplication

#: Every command answers -h as well as --help, as it always has.
CONTEXT = {"help_option_names": ["-h", "--help"]}


class Refused(click.ClickException):
    """The command will not do it as asked: `meetings: <why>` on stderr, exit 2 (usage)."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"meetings: {self.message}", err=True)


class Failed(Refused):
    """What the command was to do did not check out or was not there: exit 1."""

    exit_code = 1


class Session:
    """One run of the command: its settings (read from the environment once, when first
    needed) and the way it opens the record."""

    def __init__(self, open_application: Callable[[Settings], MeetingsApplication]) -> None:
        self._open = open_application

    @cached_property
    def settings(self) -> Settings:
        try:
            return Settings.from_environ(os.environ)
        except SettingError as error:
            raise Refused(str(error)) from None

    @contextmanager
    def application(self) -> Iterator[MeetingsApplication]:
        """The record, open for the command and closed after it, whatever happens."""
        try:
            app = self._open(self.settings)
        except (DatabaseUrlError, OSError) as error:
            raise Refused(f"cannot open the database: {error}") from None
        except SigningKeyError as error:
            raise Refused(str(error)) from None
        try:
            yield app
        finally:
            app.close()


pass_session = click.make_pass_decorator(Session)


class OrderedGroup(click.Group):
    """Lists its commands in the order they were added, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def command(name: str, summary: str, more: str = "") -> Callable[[Callable[..., Any]], Any]:
    """A command whose one-line summary is shown whole in the list of commands."""
    return click.command(name, help=f"{summary}\n\n{more}" if more else summary, short_help=summary)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """An option's day, written YYYY-MM-DD (as `date.fromisoformat` reads it)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"invalid fromisoformat value: {value!r}") from None
