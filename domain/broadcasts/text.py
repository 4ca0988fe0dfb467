"""Length of a Telegram HTML text as Telegram counts it (after parsing, in UTF-16 units)."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def visible_length(text: str) -> int:
    return len(plain(text).encode("utf-16-le")) // 2
