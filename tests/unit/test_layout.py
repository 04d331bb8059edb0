"""The shape the code keeps (issue 11): the write side never imports the web (only the
command line, which starts it, does); no view, page, feed or export decides what a reader
sees (the application's queries take the reader and ask the disclosure policy); and only
the access policy tests a principal's role."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules(folder: str) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted((ROOT / folder).rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.Module) -> set[str]:
    """Every module a file imports (at the top or inside a function)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _where(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_write_side_never_imports_the_web_except_the_command_line() -> None:
    offenders = [
        _where(path)
        for path, tree in _modules("meetings")
        if "cli" not in path.relative_to(ROOT / "meetings").parts
        and any(name == "web" or name.startswith("web.") for name in _imported(tree))
    ]
    assert offenders == []


def test_no_view_page_feed_or_export_asks_the_disclosure_policy() -> None:
    """What a reader sees is decided by the queries, given the reader; the web only passes
    who is asking."""
    offenders = [
        _where(path)
        for path, tree in _modules("web")
        if any(name.startswith("meetings.application.disclosure") for name in _imported(tree))
    ]
    assert offenders == []


def test_only_the_access_policy_tests_a_role() -> None:
    """No comparison against a principal's `.role` outside `access.py`."""
    offenders = []
    for folder in ("meetings", "web"):
        for path, tree in _modules(folder):
            if path.name == "access.py" and path.parent.name == "application":
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Attribute) and side.attr == "role"
                    for side in (node.left, *node.comparators)
                ):
                    offenders.append(f"{_where(path)}:{node.lineno}")
    assert offenders == []


def test_the_application_no_longer_answers_who_may_or_what_is_seen_as_methods() -> None:
    """`check_chair`, `may_chair_meeting`, `may_see_confidential` and `check_action_updater`
    are the access policy's and the queries' business, not the application's methods."""
    from meetings.application import MeetingsApplication

    gone = ("check_chair", "may_chair_meeting", "may_see_confidential", "check_action_updater")
    assert [name for name in gone if hasattr(MeetingsApplication, name)] == []
