"""The bounds every API request is held to, before a resource reads it: a page number no
higher than MAX_PAGE (in every paged list, and said so in the OpenAPI document), and a
JSON body that names no field twice."""

from __future__ import annotations

import json
from typing import Any

import flask_smorest.pagination
import marshmallow as ma
from flask import Flask, Response, request

from web.errors import problem

#: The highest page any list gives out: far past any real list, and low enough that the
#: offset it asks of the database (page times page size) never overflows it.
MAX_PAGE = 1_000_000


def _bounded_pagination_schema(
    def_page: int, def_page_size: int, def_max_page_size: int
) -> type[ma.Schema]:
    """flask-smorest's pagination query (?page=&page_size=), with `page` bounded above as
    well as below, so `?page=9223372036854775807` is a 422 like `?page=0`, and the OpenAPI
    document says so."""

    class PaginationParametersSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        page = ma.fields.Integer(
            load_default=def_page, validate=ma.validate.Range(min=1, max=MAX_PAGE)
        )
        page_size = ma.fields.Integer(
            load_default=def_page_size,
            validate=ma.validate.Range(min=1, max=def_max_page_size),
        )

        @ma.post_load
        def make_paginator(self, data: dict[str, int], **kwargs: Any) -> Any:
            return flask_smorest.pagination.PaginationParameters(**data)

    return PaginationParametersSchema


# Every paged list is declared after this module is imported (each resource imports
# web.api.common, which imports it, before its routes), so all of them get the bounded page.
flask_smorest.pagination._pagination_parameters_schema_factory = _bounded_pagination_schema


class DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen[key] = value
    return seen


def _refuse_duplicate_keys() -> Response | None:
    """A JSON body that names a field twice is ambiguous (which one counts?): 400, before
    anything reads it. Runs after the token and the guard have been checked."""
    if not request.is_json or not request.content_length:
        return None
    try:
        json.loads(request.get_data(cache=True), object_pairs_hook=_no_duplicate_keys)
    except DuplicateKeyError as error:
        return problem(
            400,
            f"The request body gives the field {error.key!r} more than once.",
            {error.key: ["Given more than once."]},
        )
    except (ValueError, RecursionError):
        return None  # not JSON at all: the parser that reads it says so
    return None


def register(app: Flask) -> None:
    app.before_request(_refuse_duplicate_keys)
