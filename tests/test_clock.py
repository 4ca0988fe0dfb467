"""One clock: only domain/clock.py (and the tests' own clock) may read the wall clock. Every
handler, job and service takes the time it is given, so the suite can freeze it at any date."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"domain/clock.py", "tests/clock.py"}
FOLDERS = ("bot", "handlers", "domain", "storage", "tests")


def _wall_clock_reads(tree: ast.AST, *, epoch_ok: bool = False) -> list[tuple[int, str]]:
    """Calls that read today's date or time. ``epoch_ok`` allows ``time.time()``: the outbox's
    pacing timer is epoch seconds by design (shared by processes on several hosts), and its
    tests start their fake timer from it; it never becomes a date a rule sees."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            name = f"{f.value.id}.{f.attr}"
            if name in {"datetime.now", "datetime.utcnow", "date.today", "datetime.today"} or (
                name == "time.time" and not epoch_ok
            ):
                found.append((node.lineno, name))
        elif isinstance(f, ast.Name) and f.id == "utcnow":
            found.append((node.lineno, "utcnow"))
    return found


def test_nothing_reads_the_wall_clock_but_the_clock() -> None:
    offenders = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel in ALLOWED or "/migrations/" in rel:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for line, name in _wall_clock_reads(tree, epoch_ok=folder == "tests"):
                offenders.append(f"{rel}:{line} {name}()")
    assert offenders == [], "read the injected clock instead:\n" + "\n".join(offenders)


def test_the_check_finds_a_wall_clock_read() -> None:
    tree = ast.parse("from datetime import datetime, UTC\nx = datetime.now(UTC)\n")
    assert _wall_clock_reads(tree) == [(2, "datetime.now")]
