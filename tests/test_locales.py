"""Every message key exists in both locales, and every key the code names exists."""

from __future__ import annotations

import re
from pathlib import Path

from fluent.syntax import FluentParser, FluentSerializer, ast

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"


def keys(locale: str) -> dict[str, set[str]]:
    """message id → the variables it uses, over every .ftl file of the locale."""
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES / locale).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            assert not isinstance(entry, ast.Junk), f"{path.name}: {entry.content[:80]!r}"
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{entry.id.name} defined twice in {locale}"
                text = FluentSerializer().serialize_entry(entry)
                found[entry.id.name] = set(re.findall(r"\{\s*\$([a-z_]+)", text))
    return found


def test_same_keys_and_variables_in_ru_and_en() -> None:
    ru, en = keys("ru"), keys("en")
    assert sorted(set(ru) - set(en)) == [], "missing in en"
    assert sorted(set(en) - set(ru)) == [], "missing in ru"
    differ = {k for k in ru if ru[k] != en[k]}
    assert not differ, f"variables differ: {sorted(differ)}"


def test_every_key_named_in_code_exists() -> None:
    ru = keys("ru")
    literal = re.compile(r"""(?:get|DomainError|Error|Denied|NotFound|notice=|intro=|key=)\(?\s*["']([a-z][a-z0-9_-]+-[a-z0-9_-]+)["']""")
    missing = set()
    for folder in ("handlers", "domain", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in literal.findall(path.read_text(encoding="utf-8")):
                if key not in ru:
                    missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def test_every_enum_value_has_a_label() -> None:
    from domain.enums import Category, Position, Role, Status, Subject

    ru = keys("ru")
    for prefix, enum in [("position", Position), ("subject", Subject), ("category", Category),
                         ("status", Status), ("role", Role)]:
        for value in enum:
            assert f"{prefix}-{value.value}" in ru
    from handlers.keyboards import COMMANDS, TEACHER_MENU

    for item in TEACHER_MENU:
        assert f"menu-{item}" in ru
    for command in COMMANDS:
        assert f"cmd-{command}" in ru


def test_every_key_named_in_code_exists_in_both_locales_and_fstring_families_too() -> None:
    """Literal keys in ru and en alike; a key built as f"route-group-{g}" needs at least one
    message of that family in each locale (the enum tests above check the members)."""
    locales = {name: keys(name) for name in ("ru", "en")}
    literal = re.compile(r"""(?:get|DomainError|Error|Denied|NotFound|notice=|intro=|key=)\(?\s*["']([a-z][a-z0-9_-]+-[a-z0-9_-]+)["']""")
    family = re.compile(r"""\bget\(\s*f["']([a-z][a-z0-9_-]*-)\{""")
    missing = set()
    for folder in ("handlers", "domain", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            for name, found in locales.items():
                for key in literal.findall(source):
                    if key not in found:
                        missing.add(f"{name} {path.relative_to(ROOT)}: {key}")
                for prefix in family.findall(source):
                    if not any(k.startswith(prefix) for k in found):
                        missing.add(f"{name} {path.relative_to(ROOT)}: {prefix}*")
    assert not missing, sorted(missing)
