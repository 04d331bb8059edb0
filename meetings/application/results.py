"""A command's result kept as data, so a retried request gets the very same result again:
a result (a view, a dict, a list of them) becomes plain data the store's transcoder keeps
(ids, dates and times it keeps itself), and comes back as the same values, of the same
types, for the caller to present exactly as it presented the first.

A view is kept with its class's topic. A key is answered again for a day only, so a view
class moved by a release is found by its old topic through `register_topic` for that day;
if not (or if its fields no longer fit the class), its fields come back as a dict, which a
schema presents the same way."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from eventsourcing.utils import TopicError, get_topic, resolve_topic

#: The key naming a view's class (its topic); the view's fields sit beside it.
VIEW = "_view_"
#: The key naming an enumeration's class, with its value under "value".
CHOICE = "_choice_"
#: The key holding a tuple's items.
TUPLE = "_tuple_"
#: Only classes of these packages are made again from a stored result.
OWN = ("meetings.",)


def as_data(result: Any) -> Any:
    """The result as data: dicts, lists, and values the store's transcoder keeps."""
    if is_dataclass(result) and not isinstance(result, type):
        kept = {f.name: as_data(getattr(result, f.name)) for f in fields(result)}
        return {VIEW: get_topic(type(result)), **kept}
    if isinstance(result, Enum):
        return {CHOICE: get_topic(type(result)), "value": result.value}
    if isinstance(result, tuple):
        return {TUPLE: [as_data(item) for item in result]}
    if isinstance(result, list):
        return [as_data(item) for item in result]
    if isinstance(result, dict):
        if not all(isinstance(key, str) for key in result):
            raise TypeError("a result kept as data names its fields by strings")
        return {key: as_data(value) for key, value in result.items()}
    return result


def from_data(data: Any) -> Any:
    """The result again, as `as_data` found it."""
    if isinstance(data, list):
        return [from_data(item) for item in data]
    if not isinstance(data, dict):
        return data
    if VIEW in data:
        return _view(data)
    if CHOICE in data:
        choice = _own_class(data[CHOICE])
        if choice is None or not issubclass(choice, Enum):
            return {key: from_data(value) for key, value in data.items()}
        return choice(data["value"])
    if TUPLE in data:
        return tuple(from_data(item) for item in data[TUPLE])
    return {key: from_data(value) for key, value in data.items()}


def _view(data: dict[str, Any]) -> Any:
    kept = {key: from_data(value) for key, value in data.items() if key != VIEW}
    cls = _own_class(data[VIEW])
    if cls is None or not is_dataclass(cls):
        return kept
    try:
        view = cls(**{f.name: kept[f.name] for f in fields(cls) if f.init and f.name in kept})
    except TypeError:
        return kept
    for f in fields(cls):
        if not f.init and f.name in kept:
            object.__setattr__(view, f.name, kept[f.name])
    return view


def _own_class(topic: Any) -> type | None:
    """The class a topic names, only if it is one of this service's own: a stored result is
    never a reason to import, or call, anything else."""
    if not isinstance(topic, str) or not topic.startswith(OWN):
        return None
    try:
        found = resolve_topic(topic)
    except TopicError:
        return None
    return found if isinstance(found, type) else None
