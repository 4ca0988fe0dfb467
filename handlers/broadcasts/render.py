"""One rendering path for a broadcast: the sender's preview and every recipient's message
are built and sent by the same functions, so the preview is exactly what people get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.broadcasts import NAME_PLACEHOLDERS, ButtonKind, Content, MediaKind, first_name
from domain.notifications import OpenMenu, Section
from handlers.callbacks import BcMsgCb
from handlers.formatting import esc

Translate = Callable[..., str]


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    media_kind: MediaKind | None
    file_id: str | None
    markup: InlineKeyboardMarkup | None


def personalise(html: str, full_name: str | None, fallback: str) -> str:
    """Placeholders become the recipient's first name, escaped (a name is user text)."""
    if not any(p in html for p in NAME_PLACEHOLDERS):
        return html
    name = esc(first_name(full_name) or fallback)
    for placeholder in NAME_PLACEHOLDERS:
        html = html.replace(placeholder, name)
    return html


def render(content: Content, broadcast_id: int, full_name: str | None, locale: str,
           translate: Translate) -> Rendered:
    from bot.render import target_button

    text = personalise(content.html, full_name, translate("bc-name-fallback", locale))
    rows: list[list[InlineKeyboardButton]] = []
    for b in content.buttons:
        if b.kind is ButtonKind.REGISTER:
            rows.append([InlineKeyboardButton(
                text=translate("bc-btn-register", locale),
                callback_data=BcMsgCb(a="reg", id=int(b.value)).pack())])
        else:
            label, data = target_button(OpenMenu(Section(str(b.value))))
            rows.append([InlineKeyboardButton(text=translate(label, locale),
                                              callback_data=data.pack())])
    rows.append([InlineKeyboardButton(text=translate("bc-btn-optout", locale),
                                      callback_data=BcMsgCb(a="off", id=broadcast_id).pack())])
    return Rendered(text, content.media_kind, content.media_file_id,
                    InlineKeyboardMarkup(inline_keyboard=rows))


async def send(bot: Bot, chat_id: int | str, r: Rendered, paid: bool = False) -> Message:
    extra: dict[str, Any] = {"allow_paid_broadcast": True} if paid else {}
    if r.media_kind is MediaKind.PHOTO and r.file_id:
        return await bot.send_photo(chat_id, r.file_id, caption=r.text or None,
                                    reply_markup=r.markup, **extra)
    if r.media_kind is MediaKind.DOCUMENT and r.file_id:
        return await bot.send_document(chat_id, r.file_id, caption=r.text or None,
                                       reply_markup=r.markup, **extra)
    return await bot.send_message(chat_id, r.text, reply_markup=r.markup, **extra)
