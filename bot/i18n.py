"""Fluent catalogues (locales/<lang>/*.ftl) through aiogram-i18n; the user's locale per update.

Two deliberate departures from fluent.runtime's defaults, both in this module:

* **Placeable length.** fluent.runtime refuses to expand any single placeable longer than
  2500 characters (``resolver.MAX_PART_LENGTH``, a guard against untrusted catalogues that
  expand a few references into megabytes). Our catalogues are our own files, and every user
  value is already bounded — by the domain (a conclusion or a self-analysis: 3000 characters)
  and by Telegram (4096 per message). So the limit is raised to ``PLACEABLE_LIMIT``: enough for
  a whole Telegram message escaped for HTML (``&amp;`` is five characters for one) with its
  markup. Screens keep within Telegram's 4096 visible characters with
  ``handlers.formatting.fit``; a longer string parameter is still cut here, never refused.
* **Dates.** A calendar date passed as a parameter (domain errors carry raw dates) is shown
  in the reader's locale (``handlers.formatting.fmt_date``: ru 25.12.2026, en 25 Dec 2026).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram_i18n import I18nMiddleware
from aiogram_i18n.cores import FluentRuntimeCore
from aiogram_i18n.managers import BaseManager
from fluent.runtime import FluentBundle
from fluent.runtime import resolver as fluent_resolver

from domain.entities import Person
from handlers.formatting import TEXT_LIMIT, cut_html, for_locale

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("ru", "en")
#: the longest placeable Fluent expands: a 4096-character message, escaped, with its markup
PLACEABLE_LIMIT = 8 * TEXT_LIMIT


def allow_long_placeables() -> None:
    """Raise fluent.runtime's per-placeable limit (a module setting) to ``PLACEABLE_LIMIT``."""
    fluent_resolver.MAX_PART_LENGTH = max(fluent_resolver.MAX_PART_LENGTH, PLACEABLE_LIMIT)


allow_long_placeables()


def pick_locale(person: Person | None, user: User | None, default: str) -> str:
    """A chosen language wins; otherwise English for English Telegram clients, else default."""
    if person is not None and person.locale in SUPPORTED:
        return person.locale  # type: ignore[return-value]
    code = (user.language_code or "") if user else ""
    if code.startswith("en"):
        return "en"
    if code.startswith("ru"):
        return "ru"
    return default


class PersonLocaleManager(BaseManager):
    """Reads the locale from the person the user middleware loaded; storing is the domain's."""

    async def get_locale(self, event_from_user: User | None = None, **data: Any) -> str:
        return pick_locale(data.get("person"), event_from_user, self.default_locale or "ru")

    async def set_locale(self, locale: str, **data: Any) -> None:
        return None


#: compiled catalogues by (path, default locale, the files' names, times and sizes)
_COMPILED: dict[tuple[Any, ...], dict[str, FluentBundle]] = {}


class Core(FluentRuntimeCore):
    """aiogram-i18n's Fluent core; parameters prepared for the locale first (see above).

    Catalogues stay loaded for the life of the process: on SIGTERM the dispatcher's shutdown
    runs while updates may still be in flight, and unloading them there would end those
    updates (and their error handling) in ``KeyError: 'ru'``."""

    def find_locales(self) -> dict[str, FluentBundle]:
        """The compiled catalogues, parsed once per process and shared by every core made from
        the same unchanged files (a restart in the same process, the tests' thousand apps):
        parsing and compiling ~4 000 messages costs about half a second. A bundle is only read
        after it is compiled, so sharing it is safe; an edited file is parsed again."""
        files = sorted(LOCALES_DIR.glob("*/*.ftl"))
        key = (str(self.path), self.default_locale,
               tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        loaded = _COMPILED.get(key)
        if loaded is None:
            loaded = _COMPILED[key] = super().find_locales()
        return dict(loaded)

    def get(self, message_id: str, locale: str | None = None, /, **kwargs: Any) -> str:
        shown = self.get_locale(locale=locale)
        if not kwargs:  # a label: the same text every time (a catalogue page shows a dozen)
            key = (shown, message_id)
            text = self._labels.get(key)
            if text is None:
                text = self._labels[key] = super().get(message_id, locale)
            return text
        params = {name: _param(value, shown) for name, value in kwargs.items()}
        key = _key(shown, message_id, params)
        if key is None:
            return super().get(message_id, locale, **params)
        texts = self._texts
        text = texts.get(key)
        if text is None:
            text = super().get(message_id, locale, **params)
            if len(texts) >= TEXTS_KEPT:
                del texts[next(iter(texts))]  # the oldest
            texts[key] = text
        return text

    @functools.cached_property
    def _labels(self) -> dict[tuple[str, str], str]:
        """Messages without parameters, formatted once (the catalogues never change while
        they are loaded)."""
        return {}

    @functools.cached_property
    def _texts(self) -> dict[tuple[Any, ...], str]:
        """Messages formatted with parameters, by the parameters' values (``_key``): a
        catalogue page formats the same «мест: 12» for everyone, and Fluent's
        formatting (numbers through Babel) was a third of the page's cost."""
        return {}

    async def shutdown(self) -> None:
        return None


#: formatted messages kept (``Core._texts``); the oldest goes first
TEXTS_KEPT = 4096
#: parameter types formatted by their value alone — not a datetime: equal moments in two time
#: zones are equal, yet show different times
_BY_VALUE = (str, int, float)
_SHORT = 200  # a longer string parameter (a user's text) is formatted, not kept


def _key(locale: str, message_id: str, params: dict[str, Any]) -> tuple[Any, ...] | None:
    """What identifies a formatted message: its parameters' types and values, in order; None
    when a parameter is of another type or a long text (formatted every time)."""
    key: list[Any] = [locale, message_id]
    for name, value in params.items():
        if not isinstance(value, _BY_VALUE) or isinstance(value, str) and len(value) > _SHORT:
            return None
        key += (name, type(value), value)
    return tuple(key)


def _param(value: Any, locale: str) -> Any:
    value = for_locale(value, locale)
    if isinstance(value, str) and len(value) > PLACEABLE_LIMIT:
        return cut_html(value, TEXT_LIMIT)
    return value


def make_core(default_locale: str) -> FluentRuntimeCore:
    allow_long_placeables()
    core = Core(
        path=LOCALES_DIR / "{locale}",
        default_locale=default_locale,
        use_isolating=False,
        raise_key_error=True,
    )
    return core


class LocaleMiddleware(I18nMiddleware):
    """aiogram-i18n's middleware with the person's locale picked directly: its manager's
    getter copied the update's data twice per update to pass it as keyword arguments."""

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        locale = pick_locale(data.get("person"), data.get("event_from_user"),
                             self.manager.default_locale or "ru")
        with self.use_context(locale=locale, data=data):
            return await handler(event, data)


def make_i18n(default_locale: str) -> I18nMiddleware:
    return LocaleMiddleware(
        core=make_core(default_locale),
        manager=PersonLocaleManager(default_locale=default_locale),
        default_locale=default_locale,
    )
