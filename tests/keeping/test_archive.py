"""`meetings archive`: a BagIt package of a body's year that validates, whose log verifies
offline, whose minutes are PDF/A on A4 with fonts embedded and confidential items withheld;
and `GET /api/v1/meetings/{id}/minutes.pdf`, the same PDF served."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import bagit
import pypdf
import pytest
from flask.testing import FlaskClient

from demo import load_demo
from meetings import cli
from meetings.application import MeetingsApplication
from meetings.application.dto.meetings import MeetingRow
from meetings.domain.rules import LONDON
from meetings.infrastructure.archive import ArchiveError, write_archive
from tests.conftest import application_for_tests
from web.pages.archived import published_minutes_reader

BOARD = "Bucks Strategic Partnership Board"


class Demo:
    def __init__(self, app: MeetingsApplication) -> None:
        self.app = app
        from web import create_app

        self.client: FlaskClient = create_app(app).test_client()
        self.read = published_minutes_reader(app)
        bodies, _ = app.list_bodies(1, 100)
        self.bodies = {b.name: UUID(b.id) for b in bodies}
        self.board = self.bodies[BOARD]
        self.meetings = app.list_meetings(self.board)
        # The demo's dates move with the day it is loaded: archive the year of the Board's
        # published minutes that withhold a confidential item.
        published = [m for m in self.meetings if m.minutes_status == "published"]
        withheld = [m for m in published if confidential_titles(self, m.id)]
        assert withheld, "the demo publishes Board minutes with a confidential item"
        self.year = _year(withheld[0].starts_at)

    def in_year(self, year: int) -> list[MeetingRow]:
        return [m for m in self.meetings if _year(m.starts_at) == year]

    def published(self, year: int) -> list[MeetingRow]:
        return [m for m in self.in_year(year) if m.minutes_status == "published"]


def _year(starts_at: Any) -> int:
    moment = starts_at if isinstance(starts_at, datetime) else datetime.fromisoformat(starts_at)
    return moment.astimezone(LONDON).year


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with application_for_tests() as app:
        load_demo(app)
        yield Demo(app)


@pytest.fixture(scope="module")
def bag_dir(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("archive") / f"board-{demo.year}"
    summary = write_archive(demo.app, demo.board, demo.year, target, demo.read)
    assert summary.published_minutes == len(demo.published(demo.year)) > 0
    return target


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def confidential_titles(demo: Demo, meeting_id: Any) -> list[str]:
    meeting = demo.app.get_meeting(UUID(str(meeting_id)))
    return [str(i["title"]) for i in meeting.agenda if i["confidential"]]


def test_the_bag_validates_and_holds_the_year(demo: Demo, bag_dir: Path) -> None:
    bag = bagit.Bag(str(bag_dir))
    bag.validate()  # every checksum, both algorithms, and the payload's size (Oxum)
    assert set(bag.algorithms) == {"sha256", "sha512"}
    payload = {Path(p).name for p in bag.payload_files()}
    assert {"README.txt", "log.jsonl", "events.jsonl"} <= payload
    for m in demo.published(demo.year):
        for suffix in ("pdf", "html", "ocd.json"):
            assert any(n.endswith(f"{m.id}.{suffix}") for n in payload), (m.id, suffix)
    unpublished = [m for m in demo.in_year(demo.year) if m.minutes_status != "published"]
    for m in unpublished:
        assert not any(str(m.id) in n for n in payload)
    info = bag.info
    position, head = str(info["Chain-Head"]).split(":")
    assert (int(position), head) <= demo.app.get_chain_head()
    assert info["External-Identifier"] == f"{demo.board}/{demo.year}"


def test_the_events_are_the_body_years_lines_of_the_log(demo: Demo, bag_dir: Path) -> None:
    log = (bag_dir / "data" / "log.jsonl").read_text().splitlines()
    events = (bag_dir / "data" / "events.jsonl").read_text().splitlines()
    assert set(events) <= set(log)
    ours = {str(m.id) for m in demo.in_year(demo.year)}
    kinds = set()
    for line in map(json.loads, events):
        kinds.add(line["topic"].split(":")[0])
        assert line["hash"] and line["prev_hash"] and line["stored"]
        if line["topic"].startswith("meetings.domain.meeting:"):
            assert line["aggregate_id"] in ours
    assert kinds == {"meetings.domain.meeting", "meetings.domain.action"}
    meetings_seen = {
        json.loads(line)["aggregate_id"]
        for line in events
        if json.loads(line)["topic"].startswith("meetings.domain.meeting:")
    }
    assert meetings_seen == ours


def test_the_log_verifies_offline_against_the_head_in_the_bag(
    bag_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = bagit.Bag(str(bag_dir)).info["Chain-Head"]
    log = str(bag_dir / "data" / "log.jsonl")
    assert cli.main(["verify", "--export", log, "--head", str(head)]) == 0
    assert "OK:" in capsys.readouterr().out
    readme = (bag_dir / "data" / "README.txt").read_text()
    assert f"meetings verify --export data/log.jsonl --head {head}" in readme


def test_a_changed_byte_fails_the_bag_and_the_chain(
    bag_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(bag_dir, copy)
    pdf = next((copy / "data" / "minutes").glob("*.pdf"))
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x20
    pdf.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()

    log = copy / "data" / "log.jsonl"
    lines = log.read_text().splitlines()
    tenth = json.loads(lines[9])
    tenth["stored"] = tenth["stored"][:-8] + (
        "AAAAAAA=" if tenth["stored"][-8:] != "AAAAAAA=" else "BBBBBBB="
    )
    lines[9] = json.dumps(tenth, separators=(",", ":"))
    log.write_text("\n".join(lines) + "\n")
    assert cli.main(["verify", "--export", str(log)]) == 1
    assert f"at position {tenth['position']}" in capsys.readouterr().out


def test_the_minutes_are_pdf_a_on_a4_with_fonts_embedded(demo: Demo, bag_dir: Path) -> None:
    for m in demo.published(demo.year):
        pdf = next((bag_dir / "data" / "minutes").glob(f"*{m.id}.pdf")).read_bytes()
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
                595,
                842,
            )  # A4 in points
        xmp = reader.xmp_metadata
        assert xmp is not None
        rdf = xmp.rdf_root.toxml()
        assert 'pdfaid:part="2"' in rdf and 'pdfaid:conformance="B"' in rdf
        for page in reader.pages:
            fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
            for ref in fonts.values():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                described = descendants[0].get_object() if descendants else font
                descriptor = described["/FontDescriptor"].get_object()
                assert any(k.startswith("/FontFile") for k in descriptor), font["/BaseFont"]
        text = pdf_text(pdf)
        assert BOARD in text and "Present" in text
        for title in confidential_titles(demo, m.id):
            assert title not in text.replace("\n", " ")


def test_a_board_meeting_with_a_confidential_item_is_in_the_year(demo: Demo) -> None:
    """The withholding checks above are about something: the year has such an item."""
    assert any(confidential_titles(demo, m.id) for m in demo.published(demo.year))


def test_the_pdf_is_served_beside_the_standalone_minutes(demo: Demo) -> None:
    withheld = next(m for m in demo.published(demo.year) if confidential_titles(demo, m.id))
    response = demo.client.get(f"/api/v1/meetings/{withheld.id}/minutes.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.get_data())
    assert "Confidential item" in text
    for title in confidential_titles(demo, withheld.id):
        assert title not in text.replace("\n", " ")
    html = demo.client.get(f"/meetings/{withheld.id}/minutes.html").get_data(as_text=True)
    assert "Confidential item" in html


def test_no_pdf_of_minutes_that_are_not_published(demo: Demo) -> None:
    unpublished = next(m for m in demo.meetings if m.minutes_status != "published")
    for meeting_id in (unpublished.id, uuid4()):
        response = demo.client.get(f"/api/v1/meetings/{meeting_id}/minutes.pdf")
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 404
    closed = [n for n, b in demo.bodies.items() if not demo.app.get_open_to_public(b)]
    for name in closed:
        for m in demo.app.list_meetings(demo.bodies[name]):
            response = demo.client.get(f"/api/v1/meetings/{m.id}/minutes.pdf")
            assert response.status_code == 404, name
    assert demo.client.get("/api/v1/meetings/not-an-id/minutes.pdf").status_code == 404


def test_the_openapi_document_names_the_pdf(demo: Demo) -> None:
    spec = demo.client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/meetings/{meeting_id}/minutes.pdf"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert "404" in operation["responses"]


def test_archive_refuses_bad_input_and_writes_nothing(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "something.txt").write_text("kept")
    with pytest.raises(ArchiveError, match="not an empty directory"):
        write_archive(demo.app, demo.board, demo.year, full, demo.read)
    assert [p.name for p in full.iterdir()] == ["something.txt"]
    with pytest.raises(ArchiveError, match="no body"):
        write_archive(demo.app, uuid4(), demo.year, tmp_path / "a", demo.read)
    with pytest.raises(ArchiveError, match="no meetings in 1999"):
        write_archive(demo.app, demo.board, 1999, tmp_path / "b", demo.read)
    with pytest.raises(ArchiveError, match="no directory"):
        write_archive(demo.app, demo.board, demo.year, tmp_path / "absent" / "c", demo.read)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_archive_command(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command's own answers: its refusals exit 2 and say why (the bag itself is
    tested above through the same function)."""
    monkeypatch.setattr(cli, "application_from_settings", lambda settings: _Unclosed(demo.app))
    assert (
        cli.main(["archive", "--body", "nope", "--year", str(demo.year), str(tmp_path / "x")]) == 2
    )
    assert "is not an id" in capsys.readouterr().err
    assert (
        cli.main(["archive", "--body", str(uuid4()), "--year", str(demo.year), str(tmp_path / "x")])
        == 2
    )
    assert "no body" in capsys.readouterr().err
    target = tmp_path / "board"
    assert (
        cli.main(["archive", "--body", str(demo.board), "--year", str(demo.year), str(target)]) == 0
    )
    assert "published minutes" in capsys.readouterr().out
    bagit.Bag(str(target)).validate()


class _Unclosed:
    """The module's application, lent to the command, which closes what it opens."""

    def __init__(self, app: MeetingsApplication) -> None:
        self._app = app

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)

    def close(self) -> None:
        pass


def test_without_its_pdf_library_the_server_says_so(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    from collections import OrderedDict

    from meetings.infrastructure import archive

    monkeypatch.setattr(archive, "_cache", OrderedDict())
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if Pango were missing
    published = demo.published(demo.year)[0]
    response = demo.client.get(f"/api/v1/meetings/{published.id}/minutes.pdf")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "Pango" in response.get_json()["detail"]
