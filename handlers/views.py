"""Small rendering helpers shared by the feature routers."""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.entities import Org, Profile
from domain.errors import DomainError
from domain.events import Session
from domain.ports import UnitOfWork
from handlers import formatting
from handlers.formatting import cut_html, esc, fit  # noqa: F401 (the screens' helpers)


#: while set, the messages sent are not screens: the tidy chat (bot/tidy.py) leaves their
#: buttons alone (a broadcast's preview shows the buttons its recipients will get)
KEEP_BUTTONS: ContextVar[bool] = ContextVar("keep_buttons", default=False)


@contextlib.contextmanager
def keeping_buttons() -> Iterator[None]:
    token = KEEP_BUTTONS.set(True)
    try:
        yield
    finally:
        KEEP_BUTTONS.reset(token)


@dataclass
class FeatureCtx:
    """What a feature's screens need, gathered once per update."""

    event: Message | CallbackQuery
    state: FSMContext
    i18n: I18nContext
    uow: UnitOfWork
    actor: Actor
    tz: ZoneInfo

    @property
    def now(self) -> datetime:
        return self.uow.clock.now()

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()

    @property
    def locale(self) -> str:
        return self.i18n.locale

    def t(self, key: str, **params: object) -> str:
        return self.i18n.get(key, **params)

    def date(self, value: datetime | None) -> str:
        return fmt_date(value, self.tz, self.locale)


# Screens' shorthands over handlers/formatting.py (Babel): a moment in the configured time zone,
# for the reader's locale; «—» for nothing.


def fmt_dt(value: datetime | None, tz: ZoneInfo, locale: str) -> str:
    """ru 24.11.2026 10:30, en 24 Nov 2026, 10:30."""
    return formatting.fmt_moment(value, tz, locale) if value else "—"


def fmt_date(value: datetime | None, tz: ZoneInfo, locale: str) -> str:
    return formatting.fmt_date(value.astimezone(tz).date(), locale) if value else "—"


def fmt_sessions(sessions: Iterable[Session], tz: ZoneInfo, locale: str) -> str:
    """25.12.2026 10:00–13:00; 26.12.2026 10:00–13:00."""
    return "; ".join(formatting.fmt_span(s.starts_at, s.ends_at, tz, locale)
                     for s in sorted(sessions, key=lambda s: s.starts_at))


def fmt_hours(value: float, locale: str) -> str:
    """Academic hours: 1.5 → ru «1,5», en «1.5»; 6.0 → «6»."""
    return formatting.fmt_number(value, locale)


async def show(
    event: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    new: bool = False,
) -> None:
    """Edit the message a button belongs to; send a new one in answer to typed text."""
    if isinstance(event, CallbackQuery):
        message = event.message
        if not new and isinstance(message, Message):
            try:
                await message.edit_text(text, reply_markup=markup)
                return
            except TelegramBadRequest as exc:
                if "not modified" in str(exc):
                    return
        if message is not None:
            await event.bot.send_message(message.chat.id, text, reply_markup=markup)  # type: ignore[union-attr]
        return
    await event.answer(text, reply_markup=markup)


async def show_screen(event: Message | CallbackQuery, lines: list[str],
                      markup: InlineKeyboardMarkup | None, notice: str | None = None) -> None:
    """A screen of paragraphs (what just happened, ``notice``, above them), cut to fit one
    message."""
    await show(event, cut_html("\n\n".join([notice, *lines] if notice else lines)), markup)


async def fresh_screen(query: CallbackQuery, state: FSMContext) -> None:
    """A screen opened from a button: the spinner stops and any form in progress is left."""
    await ack(query)
    await state.clear()


async def ack(event: Message | CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a callback query so the button stops spinning (no-op for messages)."""
    if isinstance(event, CallbackQuery):
        with contextlib.suppress(TelegramBadRequest):
            await event.answer(text, show_alert=alert)


def label(i18n: I18nContext, prefix: str, value: Any) -> str:
    return i18n.get(f"{prefix}-{value}")


def profile_summary(
    i18n: I18nContext, profile: Profile, orgs: dict[int, Org]
) -> str:
    dash = "—"
    school = orgs.get(profile.school_id) if profile.school_id else None
    mun = orgs.get(profile.municipality_id) if profile.municipality_id else None
    subjects = ", ".join(label(i18n, "subject", s) for s in profile.subjects) or dash
    statuses = ", ".join(label(i18n, "status", s) for s in profile.statuses) or dash
    return i18n.get(
        "profile-summary",
        name=esc(profile.full_name) if profile.full_name else dash,
        municipality=esc(mun.name) if mun else dash,
        school=esc(school.name) if school else (i18n.get("profile-no-school") if mun else dash),
        position=label(i18n, "position", profile.position.value) if profile.position else dash,
        subjects=subjects,
        years=i18n.get("years-count", n=profile.experience_years)
        if profile.experience_years is not None
        else dash,
        category=label(i18n, "category", profile.category.value) if profile.category else dash,
        statuses=statuses,
        education=label(i18n, "education", profile.education.value)
        if profile.education else dash,
    )


def error_html(i18n: I18nContext, err: DomainError) -> str:
    """An error's text for an HTML message: text parameters (what someone typed, an
    organisation's name, a file name) are escaped."""
    return i18n.get(err.key, **escaped_params(err.params))


def error_plain(i18n: I18nContext, err: DomainError) -> str:
    """An error's text for an alert (plain text: nothing to escape)."""
    return i18n.get(err.key, **err.params)


def escaped_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: esc(v) if isinstance(v, str) else v for k, v in params.items()}
