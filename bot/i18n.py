"""Fluent catalogues (locales/<lang>/*.ftl) through aiogram-i18n; the user's locale per update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiogram.types import User
from aiogram_i18n import I18nMiddleware
from aiogram_i18n.cores import FluentRuntimeCore
from aiogram_i18n.managers import BaseManager

from domain.entities import Person

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("ru", "en")


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


class _Core(FluentRuntimeCore):
    """Catalogues stay loaded for the life of the process: on SIGTERM the dispatcher's
    shutdown runs while updates may still be in flight, and unloading them there would end
    those updates (and their error handling) in ``KeyError: 'ru'``."""

    async def shutdown(self) -> None:
        return None


def make_core(default_locale: str) -> FluentRuntimeCore:
    core = _Core(
        path=LOCALES_DIR / "{locale}",
        default_locale=default_locale,
        use_isolating=False,
        raise_key_error=True,
    )
    return core


def make_i18n(default_locale: str) -> I18nMiddleware:
    return I18nMiddleware(
        core=make_core(default_locale),
        manager=PersonLocaleManager(default_locale=default_locale),
        default_locale=default_locale,
    )
