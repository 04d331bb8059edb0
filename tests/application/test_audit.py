"""The hash chain over the log: every stored event linked in order; a changed, removed or
reordered event is found at its position, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import io
import json
from itertools import pairwise
from typing import Any

import pytest

from meetings.application import MeetingsApplication
from meetings.application.access import RECORD_TOOLS
from meetings.application.commands import RegisterOrganisation, RegisterPerson
from meetings.infrastructure import audit


def _record(app: MeetingsApplication, n: int = 12) -> None:
    org = app.register_organisation(
        RegisterOrganisation(name="Thames Valley Police", sector="public")
    )
    for i in range(n - 1):
        app.register_person(RegisterPerson(name=f"Officer {i}", organisation_id=org.id))


def _sql(app: MeetingsApplication, statement: str, *params: Any) -> None:
    """Change the stored log behind the service's back, as someone with database access
    could: `{table}` and `{pos}` stand for the events table and its position column."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    pos = "notification_id" if app.postgres else "rowid"
    with app.db.transaction() as tx:
        tx.execute(statement.format(table=table, pos=pos), params)


def _rename(app: MeetingsApplication, position: int, old: str, new: str) -> None:
    """Rewrite a name inside a stored event, keeping it a valid record."""
    if app.postgres:
        state = "convert_to(replace(convert_from(state, 'UTF8'), ?, ?), 'UTF8')"
    else:
        state = "CAST(REPLACE(CAST(state AS TEXT), ?, ?) AS BLOB)"
    _sql(app, f"UPDATE {{table}} SET state = {state} WHERE {{pos}} = ?", old, new, position)


def test_every_event_is_chained_in_log_order(app: MeetingsApplication) -> None:
    _record(app)
    verdict = app.get_log_verdict()
    assert verdict.ok and verdict.checked == 12 and verdict.first_bad_position is None
    events = app.list_events(after=0, limit=100, who=RECORD_TOOLS)
    assert [e.position for e in events] == list(range(1, 13))
    assert events[0].prev_hash == audit.GENESIS
    for before, after in pairwise(events):
        assert after.prev_hash == before.hash
    assert app.get_chain_head() == (12, events[-1].hash)
    assert events[1].type == "Person.Registered"
    assert events[1].data["name"] == "Officer 0"


def test_a_changed_event_is_found_at_its_position(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    _rename(app, 6, "Officer 4", "Officer 5")
    verdict = app.get_log_verdict()
    assert not verdict.ok and verdict.first_bad_position == 6 and verdict.checked == 5


def test_an_unreadable_event_is_found_and_the_log_still_reads(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    _sql(app, "UPDATE {table} SET state = ? WHERE {pos} = 5", b'{"name": "Someone else"}')
    verdict = app.get_log_verdict()
    assert not verdict.ok and verdict.first_bad_position == 5 and verdict.checked == 4
    # The log still reads: the changed record shows as unreadable, not as an error.
    assert app.list_events(after=4, limit=1, who=RECORD_TOOLS)[0].position == 5


def test_a_removed_event_is_found_at_its_position(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    _sql(app, "DELETE FROM {table} WHERE {pos} = 7")
    verdict = app.get_log_verdict()
    assert not verdict.ok and verdict.first_bad_position == 7


def test_the_last_event_removed_is_found(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    _sql(app, "DELETE FROM {table} WHERE {pos} = 12")
    verdict = app.get_log_verdict()
    assert not verdict.ok and verdict.first_bad_position == 12


def test_two_events_swapped_are_found_at_the_first(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    for a, b in ((3, -1), (9, 3), (-1, 9)):
        _sql(app, "UPDATE {table} SET {pos} = ? WHERE {pos} = ?", b, a)
    verdict = app.get_log_verdict()
    assert not verdict.ok and verdict.first_bad_position == 3


def test_a_rebuild_never_rechains_a_changed_log(app: MeetingsApplication) -> None:
    _record(app)
    app.get_log_verdict()
    _rename(app, 2, "Officer 0", "Officer Rewritten")
    app.projector.reset()
    app.projector.catch_up()
    assert app.get_log_verdict().first_bad_position == 2
    assert app.list_events(after=1, limit=1, who=RECORD_TOOLS)[0].data["name"] == (
        "Officer Rewritten"
    )


def test_a_head_kept_elsewhere_must_stay_on_the_chain(app: MeetingsApplication) -> None:
    _record(app)
    position, head = app.get_chain_head()
    _record(app, 3)
    assert app.get_log_verdict(f"{position}:{head}").anchor_found is True
    assert app.get_log_verdict(head).anchor_found is True
    assert app.get_log_verdict("0" * 64).anchor_found is False
    assert app.get_log_verdict().anchor_found is None


def test_an_export_verifies_offline_and_a_changed_export_does_not(
    app: MeetingsApplication,
) -> None:
    _record(app)
    lines = [json.dumps(line) for line in app.list_log_export()]
    assert len(lines) == 12
    pairs = list(audit.read_export(io.StringIO("\n".join(lines))))
    assert audit.verify((e for e, _ in pairs), (link for _, link in pairs)).ok
    changed = json.loads(lines[6])
    changed["stored"] = changed["stored"][:-4] + "AAAA"
    lines[6] = json.dumps(changed)
    pairs = list(audit.read_export(io.StringIO("\n".join(lines))))
    verdict = audit.verify((e for e, _ in pairs), (link for _, link in pairs))
    assert not verdict.ok and verdict.first_bad_position == 7


def test_an_export_that_is_not_one_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="line 1 of the export"):
        list(audit.read_export(io.StringIO("not json\n")))
