"""Erasure that keeps the chain: `meetings erase-person` destroys a person's key, redacts in
place the rows that held their email in the clear, records both as `Person.Erased`, and
the chain still verifies (the redaction explained); their email is then gone from every
surface, after a rebuild and in a backup taken afterwards. On the backend under test."""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from meetings import cli
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AgreeAction,
    EstablishBody,
    OpenMeeting,
    RegisterPerson,
    ScheduleMeeting,
)
from meetings.domain.base import recording_as
from meetings.domain.person import NAME_WITHHELD, Person
from meetings.domain.values import Role
from meetings.infrastructure.settings import environment_for
from meetings.infrastructure.signing import KEY_FILE
from tests.conftest import BACKEND
from tests.keeping.test_backup_restore import Store, store
from web import create_app

OLD_EMAIL = "olu.old@example.org"
NEW_EMAIL = "ann.new@example.org"
KEPT_EMAIL = "kay.kept@example.org"
STARTS = datetime(2026, 1, 20, 10, tzinfo=UTC)


@pytest.fixture(params=["unsealed", "sealed"])
def source(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    """A store (links of version 1, or sealed links of version 2), the CLI pointed at it."""
    for name in [KEY_FILE, "MEETINGS_SIGNING_KEY"]:
        monkeypatch.delenv(name, raising=False)
    if request.param == "sealed":
        key = tmp_path / "signing.key"
        key.write_text(base64.b64encode(secrets.token_bytes(48)).decode())
        monkeypatch.setenv(KEY_FILE, str(key))
    with store(BACKEND, tmp_path) as s:
        monkeypatch.setenv("MEETINGS_DATABASE_URL", s.url)
        if request.param == "unsealed":
            yield s
            return
        sealed = _keyed(s.url)  # the store's own app goes on projecting (PostgreSQL)
        try:
            yield Store(sealed, s.url)
        finally:
            sealed.close()


def _keyed(url: str) -> MeetingsApplication:
    """The store as the service opens it (with the signing key, when there is one)."""
    env = environment_for(url)
    if os.environ.get(KEY_FILE):
        env[KEY_FILE] = os.environ[KEY_FILE]
    return MeetingsApplication(env)


def _settle(app: MeetingsApplication) -> None:
    if app.postgres:
        app.projector.wait_for(app.recorder.max_notification_id() or 0, 20)
    else:
        app.projector.catch_up()


def _people(app: MeetingsApplication) -> dict[str, UUID]:
    """An old registration (email in the clear, as the first releases stored it), a new one
    (email under the person's key) and one that is not erased; each owns an open action."""
    with recording_as("clerk"):
        old = Person("Olu Old", None, OLD_EMAIL, None)
        app.save(old)
    # Through the API with an Idempotency-Key: its stored answer tells the email too.
    _, admin = app.tokens.create(Role.ADMIN)
    answer = (
        create_app(app)
        .test_client()
        .post(
            "/api/v1/people",
            json={"name": "Ann New", "email": NEW_EMAIL},
            headers={"Authorization": f"Bearer {admin}", "Idempotency-Key": "ann-1"},
        )
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    new = UUID(answer.get_json()["id"])
    kept = app.register_person(RegisterPerson(name="Kay Kept", email=KEPT_EMAIL)).id
    body = app.establish_body(EstablishBody(name="Partnership", short_name="P", kind="lsp")).id
    meeting = UUID(str(app.schedule_meeting(ScheduleMeeting(body_id=body, starts_at=STARTS))["id"]))
    item = str(
        app.add_agenda_item(AddAgendaItem(meeting_id=meeting, title="Skills", kind="discussion"))[
            "id"
        ]
    )
    app.open_meeting(OpenMeeting(meeting_id=meeting, at=STARTS))
    for owner in (old.id, new, kept):
        app.agree_action(
            AgreeAction(
                meeting_id=meeting,
                item_id=item,
                description=f"Task of {owner}",
                owner_id=owner,
                due_on=date(2026, 3, 1),
            )
        )
    _settle(app)
    return {"old": old.id, "new": new, "kept": kept}


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _everything(app: MeetingsApplication, capsys: pytest.CaptureFixture[str]) -> str:
    """Every surface a person's email could be read from, as one text."""
    client = create_app(app).test_client()
    _, scrutiny = app.tokens.create(Role.SCRUTINY)
    _, admin = app.tokens.create(Role.ADMIN)
    texts = []
    for token in (scrutiny, admin):
        auth = {"Authorization": f"Bearer {token}"}
        for path in ("/api/v1/people?page_size=100", "/api/v1/events?limit=1000"):
            answer = client.get(path, headers=auth)
            assert answer.status_code == 200, answer.get_data(as_text=True)
            texts.append(answer.get_data(as_text=True))
    for row in app.db.all("SELECT id FROM rm_people"):
        for query in ("", "?version=1"):
            answer = client.get(f"/api/v1/people/{row['id']}{query}")
            texts.append(answer.get_data(as_text=True))
    code, exported, _ = _cli(capsys, "export")
    assert code == 0
    texts.append(exported)
    for line in exported.splitlines():
        texts.append(base64.b64decode(json.loads(line)["stored"]).decode())
    texts.append(json.dumps(app.list_reminders(date(2026, 3, 3), date(2026, 3, 17)), default=str))
    texts.append(json.dumps(app.db.all("SELECT * FROM rm_people")))
    return "\n".join(texts)


def test_an_erased_persons_email_is_gone_everywhere_and_the_chain_still_verifies(
    source: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    app = source.app
    people = _people(app)
    before = _everything(app, capsys)
    assert OLD_EMAIL in before and NEW_EMAIL in before and KEPT_EMAIL in before

    code, out, err = _cli(capsys, "erase-person", str(people["old"]), "--reason", "Request 17")
    assert code == 0, err
    assert "1 stored row(s) redacted in place" in out
    code, out, err = _cli(
        capsys, "erase-person", str(people["new"]), "--reason", "Request 18", "--redact-name"
    )
    assert code == 0, err
    # No row of theirs held it in the clear, but the answer stored for the retried request.
    assert "1 stored row(s) redacted" in out and "name is withheld" in out
    _settle(app)

    old_position = app.get_position_of(people["old"], 1)
    erased_at = app.get_position_of(people["old"], 2)
    code, out, _ = _cli(capsys, "verify")
    assert code == 0, out
    assert (
        f"EXPLAINED: position {old_position}: redacted by the erasure recorded at position"
        f" {erased_at}: Request 17"
    ) in out
    verdict = app.get_log_verdict()
    assert verdict.ok and len(verdict.explained) == 2, verdict
    _, scrutiny = app.tokens.create(Role.SCRUTINY)
    checked = (
        create_app(app)
        .test_client()
        .get("/api/v1/audit/verify", headers={"Authorization": f"Bearer {scrutiny}"})
    )
    assert checked.status_code == 200 and checked.get_json()["ok"] is True
    # An export of the erased log verifies offline too, with the same explanation.
    code, exported, _ = _cli(capsys, "export")
    export = tmp_path / "log.jsonl"
    export.write_text(exported)
    code, out, _ = _cli(capsys, "verify", "--export", str(export))
    assert code == 0 and f"position {old_position}: redacted" in out, out

    code, _, err = _cli(capsys, "rebuild")
    assert code == 0, err
    _settle(app)
    after = _everything(app, capsys)
    assert OLD_EMAIL not in after and NEW_EMAIL not in after
    assert KEPT_EMAIL in after  # nobody else's details are touched
    assert app.get_person(people["old"]).email is None
    assert app.get_person(people["kept"]).email == KEPT_EMAIL
    owners = app.list_reminders(date(2026, 3, 3), date(2026, 3, 17))
    assert owners[str(people["old"])][0].owner_email is None
    assert owners[str(people["kept"])][0].owner_email == KEPT_EMAIL
    # The name withheld in every read, and at every version; the stored events keep it.
    assert app.get_person(people["new"]).name == NAME_WITHHELD
    assert app.get_person(people["new"], version=1).name == NAME_WITHHELD
    names = {r["id"]: r["name"] for r in app.db.all("SELECT id, name FROM rm_people")}
    assert names[str(people["new"])] == NAME_WITHHELD
    assert "Ann New" in exported  # the log as stored keeps the name

    # A backup taken afterwards, restored: no email of theirs, the chain still verifies.
    backup = tmp_path / "after.backup"
    assert cli.main(["backup", str(backup)]) == 0
    with store(BACKEND, tmp_path) as target:
        monkeypatch.setenv("MEETINGS_DATABASE_URL", target.url)
        assert cli.main(["restore", str(backup)]) == 0
        capsys.readouterr()
        _settle(target.app)
        keyed = _keyed(target.url)
        try:
            assert keyed.get_log_verdict().ok
        finally:
            keyed.close()
        text = _everything(target.app, capsys)
        assert OLD_EMAIL not in text and NEW_EMAIL not in text and KEPT_EMAIL in text


def test_a_row_changed_without_a_recorded_erasure_still_fails(
    source: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    app = source.app
    people = _people(app)
    assert _cli(capsys, "erase-person", str(people["old"]), "--reason", "Request 17")[0] == 0
    _settle(app)
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    column = "notification_id" if app.postgres else "rowid"
    for who in ("kept", "old"):  # a row never erased, and the erased row changed again
        position = app.get_position_of(people[who], 1)
        state = app.db.scalar(f"SELECT state FROM {table} WHERE {column} = ?", (position,))
        changed = bytes(state).replace(b'"job_title":null', b'"job_title":"Forged"')
        assert changed != bytes(state)
        with app.db.transaction() as tx:
            tx.execute(f"UPDATE {table} SET state = ? WHERE {column} = ?", (changed, position))
        code, out, _ = _cli(capsys, "verify")
        assert code == 1 and f"fails the hash chain at position {position}" in out, out
        with app.db.transaction() as tx:
            tx.execute(f"UPDATE {table} SET state = ? WHERE {column} = ?", (state, position))
    assert _cli(capsys, "verify")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reason", "Request 17"], "there is no person with id"),
        (["--reason", "  "], "an erasure needs a reason"),
        ([], "an erasure needs a reason"),
    ],
)
def test_an_unknown_person_or_no_reason_is_refused_and_nothing_changes(
    source: Store, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    app = source.app
    people = _people(app)
    target = str(uuid4()) if "there is no" in message else str(people["old"])
    end = app.recorder.max_notification_id()
    keys = app.db.all("SELECT * FROM person_keys ORDER BY person_id")
    code, _, err = _cli(capsys, "erase-person", target, *args)
    assert code == 2 and message in err, err
    assert app.recorder.max_notification_id() == end
    assert app.db.all("SELECT * FROM person_keys ORDER BY person_id") == keys
    assert app.get_person(people["old"]).email == OLD_EMAIL
    code, _, err = _cli(capsys, "erase-person", "not-an-id", "--reason", "x")
    assert code == 2 and "is not an id" in err
