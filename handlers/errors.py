"""The central error handler: a short apology and a way back; the log gets the context."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from aiogram import Router
from aiogram.types import ErrorEvent, InlineKeyboardMarkup

from domain.errors import DomainError
from handlers.callbacks import MenuCb
from handlers.keyboards import button

log = logging.getLogger("marshrut.errors")
router = Router(name="errors")


@router.errors()
async def on_error(event: ErrorEvent, **data: Any) -> bool:
    update = event.update
    user = None
    inner = update.message or update.callback_query
    if inner is not None and inner.from_user is not None:
        user = inner.from_user.id
    if isinstance(event.exception, DomainError):
        log.info("refused update %s for user %s: %s", update.update_id, user, event.exception)
    else:
        log.error(
            "update %s from user %s failed: %s",
            update.update_id, user, update.model_dump_json(exclude_none=True)[:2000],
            exc_info=event.exception,
        )
    i18n = data.get("i18n")
    core = data.get("i18n_core")
    locale = i18n.locale if i18n else None

    def t(key: str, **kw: Any) -> str:
        if i18n is not None:
            return i18n.get(key, **kw)
        return core.get(key, locale, **kw) if core else key

    if isinstance(event.exception, DomainError):
        text = t(event.exception.key, **event.exception.params)
    else:
        text = t("error-internal")
    markup = InlineKeyboardMarkup(inline_keyboard=[[button(t("btn-menu"), MenuCb(to="home").pack())]])
    bot = data.get("bot")
    with contextlib.suppress(Exception):
        if update.callback_query is not None:
            with contextlib.suppress(Exception):
                await update.callback_query.answer(text[:190], show_alert=True)
            chat = update.callback_query.message.chat.id if update.callback_query.message else user
            if chat is not None and bot is not None:
                await bot.send_message(chat, text, reply_markup=markup)
        elif update.message is not None and bot is not None:
            await bot.send_message(update.message.chat.id, text, reply_markup=markup)
    return True
