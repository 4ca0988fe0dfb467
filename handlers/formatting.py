"""Text for Telegram messages, shared by the screens (handlers) and the sender (bot/render.py).

* ``esc``: user- and organisation-supplied text goes into HTML messages escaped;
* ``fmt_date``/``fmt_moment``/``fmt_span``/``fmt_number``: values for the reader's locale
  through Babel (CLDR) — ru ``25.12.2026``, en ``25 Dec 2026``; ru ``1,5``, en ``1.5`` — the one
  formatter for every screen, notice and file (never ``strftime`` or ``replace(".", ",")``);
* ``fit``: a screen with long user texts (an ИОМ conclusion, a self-analysis, a comment)
  stays within Telegram's 4096 characters — the longest texts are shortened with «…»,
  the rest of the screen (headings, buttons' context) is kept;
* ``cut_html``: the last resort for any text — cut at the limit without breaking a tag
  or an entity, open tags closed.

Telegram counts a message's length after parsing the HTML, in UTF-16 code units
(``visible_length``): ``&lt;`` is one character, ``<b>`` none.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

#: Telegram's limit for a message's text, in UTF-16 code units after entity parsing
TEXT_LIMIT = 4096
#: … and for a document's or photo's caption
CAPTION_LIMIT = 1024
ELLIPSIS = "…"
_TAG = re.compile(r"<[^>]*>")
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);")


def esc(value: Any) -> str:
    """Text for an HTML message: ``<``, ``>`` and ``&`` as entities."""
    return html.escape(str(value), quote=False)


# ---- values for a locale ----------------------------------------------------------------------


#: our locales as CLDR (Babel) knows them, with the date format each shows
_CLDR = {"ru": ("ru", "short"), "en": ("en_GB", "medium")}  # 25.12.2026 / 25 Dec 2026
_NUMBER = "0.##########"  # no grouping, no exponent, no trailing zeros


def _cldr(locale: str | None) -> tuple[str, str]:
    return _CLDR.get((locale or "ru")[:2], _CLDR["ru"])


@functools.lru_cache(maxsize=8)
def _babel(cldr: str) -> Locale:
    """The parsed locale: Babel parses a locale given by name on every call."""
    return Locale.parse(cldr)


def fmt_date(value: date, locale: str) -> str:
    """ru «25.12.2026», en «25 Dec 2026»."""
    cldr, width = _cldr(locale)
    return dates.format_date(value, width, locale=_babel(cldr))


def fmt_time(value: datetime | time, locale: str) -> str:
    """«10:00» (24-hour in both locales)."""
    return dates.format_time(value, "short", locale=_babel(_cldr(locale)[0]))


def fmt_day_month(value: datetime | date, locale: str) -> str:
    """ru «25.12», en «25 Dec» (a list line, where the year goes without saying)."""
    cldr = _cldr(locale)[0]
    pattern = _skeleton("dMM" if cldr == "ru" else "dMMM", cldr)
    return dates.format_datetime(value, pattern, locale=_babel(cldr))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=32)
def _skeleton(skeleton: str, cldr: str) -> Any:
    """The pattern ``dates.format_skeleton`` would find for a skeleton: found once (matching a
    skeleton is the slowest part of formatting a catalogue page), the same answer after."""
    options = _babel(cldr).datetime_skeletons
    if skeleton not in options:
        skeleton = dates.match_skeleton(skeleton, options) or skeleton
    return options[skeleton]


def fmt_moment(value: datetime, tz: ZoneInfo, locale: str) -> str:
    """ru «25.12.2026 10:00», en «25 Dec 2026, 10:00», in the configured time zone."""
    local = value.astimezone(tz)
    sep = " " if _cldr(locale)[0] == "ru" else ", "
    return f"{fmt_date(local.date(), locale)}{sep}{fmt_time(local, locale)}"


def fmt_span(start: datetime, end: datetime, tz: ZoneInfo, locale: str) -> str:
    """25.12.2026 10:00–13:00 (the end's date only when it is another day)."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    tail = fmt_time(b, locale) if a.date() == b.date() else fmt_moment(b, tz, locale)
    return f"{fmt_moment(a, tz, locale)}–{tail}"


def fmt_number(value: Decimal | float, locale: str) -> str:
    """1.5 → ru «1,5», en «1.5»; 6.0 → «6» (no grouping, exponent or trailing zeros)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return numbers.format_decimal(number, format=_NUMBER, locale=_babel(_cldr(locale)[0]))


def for_locale(value: Any, locale: str) -> Any:
    """A message parameter as the reader's locale shows it: a calendar date becomes text
    (domain errors carry raw dates); everything else is left to the message."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return fmt_date(value, locale)
    return value


# ---- lengths ----------------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_length(text: str) -> int:
    """The length Telegram counts: tags removed, entities decoded, in UTF-16 code units."""
    return utf16_length(html.unescape(_TAG.sub("", text)))


def shorten(text: str, size: int) -> str:
    """Plain text in at most ``size`` UTF-16 units, with «…» when cut (at a word if near)."""
    if utf16_length(text) <= size:
        return text
    keep = max(size - len(ELLIPSIS), 0)
    cut = text[:keep]
    while utf16_length(cut) > keep:  # astral characters count twice
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space > keep - 40 and space > 0:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def cut_html(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` (HTML) within ``limit`` visible characters: cut with «…», never inside a tag
    or an entity, every tag left open closed again."""
    if visible_length(text) <= limit:
        return text
    budget = limit - len(ELLIPSIS)
    out: list[str] = []
    stack: list[str] = []
    used = i = 0
    while i < len(text):
        m = _TOKEN.match(text, i) if text[i] in "<&" else None
        if m and m.group(0).startswith("<"):
            closing, name = m.group(1), m.group(2).lower()
            if closing:
                if stack and stack[-1] == name:
                    stack.pop()
            else:
                stack.append(name)
            out.append(m.group(0))
            i = m.end()
            continue
        piece = m.group(0) if m else text[i]
        width = utf16_length(html.unescape(piece))
        if used + width > budget:
            break
        out.append(piece)
        used += width
        i = m.end() if m else i + 1
    return "".join(out).rstrip() + ELLIPSIS + "".join(f"</{name}>" for name in reversed(stack))


# ---- a screen within the limit ------------------------------------------------------------


def fit(render: Callable[..., str], /, *, limit: int = TEXT_LIMIT, **texts: str | None) -> str:
    """The screen ``render(**escaped texts)`` within ``limit`` visible characters.

    ``texts`` are the screen's long user-supplied texts, raw (unescaped); ``render`` receives
    them escaped (``None`` stays ``None``) and returns the whole message. While the message is
    too long the longest text is shortened by the excess, with «…»; if the rest of the screen
    alone is too long, the message is cut (``cut_html``). One helper for every card::

        text = fit(lambda conclusion: card(..., conclusion), conclusion=route.conclusion)
    """
    current = dict(texts)

    def draw() -> str:
        return render(**{k: esc(v) if v is not None else None for k, v in current.items()})

    text = draw()
    for _ in range(2 * len(current) + 2):
        over = visible_length(text) - limit
        if over <= 0:
            return text
        name = max((k for k, v in current.items() if v), default=None,
                   key=lambda k: utf16_length(current[k] or ""))
        if name is None:
            break
        value = current[name] or ""
        size = utf16_length(value)
        if size <= len(ELLIPSIS) + 1:
            break
        current[name] = shorten(value, max(size - over, len(ELLIPSIS) + 1))
        text = draw()
    return cut_html(text, limit)


__all__ = ["CAPTION_LIMIT", "ELLIPSIS", "TEXT_LIMIT", "cut_html", "esc", "fit", "fmt_date",
           "fmt_number", "for_locale", "shorten", "utf16_length", "visible_length"]
