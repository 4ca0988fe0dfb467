"""People's names as the database searches them: ``people.name_key`` is the name casefolded
with its spaces collapsed (SQLite's lower() knows only ASCII letters), and a part of a name
becomes a LIKE pattern over it with the wildcards a user typed taken literally."""

from __future__ import annotations


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def name_pattern(query: str) -> str:
    """A LIKE pattern for a part of a name, over ``name_key`` (wildcards typed are literal)."""
    key = name_key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{key}%"
