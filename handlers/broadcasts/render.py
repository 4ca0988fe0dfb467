"""One rendering path for a broadcast: the sender's preview and every recipient's message
are built and sent by the same functions, so the preview is exactly what people get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.broadcasts import NAME_PLACEHOLDERS, ButtonKind, Content, MediaKind, first_name
from domain.files import FileUnavailable
from domain.notifications import OpenMenu, Section
from handlers.callbacks import BcMsgCb
from handlers.files import REFUSED, FileRelay, Media, Prepared
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


async def send(bot: Bot, chat_id: int | str, r: Rendered, paid: bool = False,
               media: Media | None = None) -> Message:
    """``media``: what to send for the file in this messenger (its copy, or bytes to upload)."""
    extra: dict[str, Any] = {"allow_paid_broadcast": True} if paid else {}
    file = media if media is not None else r.file_id
    if r.media_kind is MediaKind.PHOTO and file:
        return await bot.send_photo(chat_id, file, caption=r.text or None,
                                    reply_markup=r.markup, **extra)
    if r.media_kind is MediaKind.DOCUMENT and file:
        return await bot.send_document(chat_id, file, caption=r.text or None,
                                       reply_markup=r.markup, **extra)
    return await bot.send_message(chat_id, r.text, reply_markup=r.markup, **extra)


# ---- a recipient in the other messenger (the outbox) ----------------------------------------


@dataclass(slots=True)
class Outgoing:
    """A broadcast made ready for one recipient's bot: the file as that messenger knows it
    (domain/files: copied once, reused), or the text with a line saying the attachment could
    not be delivered. ``note`` says why, for the outbox row."""

    rendered: Rendered
    prepared: Prepared | None
    fallback: Rendered
    note: str | None = None


def without_file(r: Rendered, line: str) -> Rendered:
    """The message without its attachment, and a line that says so: the news still arrives."""
    return Rendered(f"{r.text}\n\n{line}" if r.text else line, None, None, r.markup)


async def for_bot(files: FileRelay, bot: Bot, r: Rendered, locale: str,
                  translate: Translate) -> Outgoing:
    """Raises ``CopyBusy`` while another sender is still copying the file."""
    fallback = without_file(r, translate("bc-media-undelivered", locale))
    if not r.file_id or r.media_kind is None:
        return Outgoing(r, None, r)
    name = "photo.jpg" if r.media_kind is MediaKind.PHOTO else None
    try:
        prepared = await files.prepare(bot, r.file_id, name)
    except FileUnavailable as exc:
        return Outgoing(fallback, None, fallback, f"attachment not delivered: {exc.params}")
    return Outgoing(r, prepared, fallback)


async def deliver(bot: Bot, chat_id: int | str, out: Outgoing, paid: bool = False) -> Message:
    """Send it; a copy the messenger refuses → the text with the line (nothing was sent)."""
    prepared = out.prepared
    if prepared is None:
        return await send(bot, chat_id, out.rendered, paid)
    try:
        message = await send(bot, chat_id, out.rendered, paid, media=prepared.media)
    except REFUSED as exc:
        if prepared.media == out.rendered.file_id:  # its own messenger refused its own id
            raise
        await prepared.refused(exc)
        out.note = f"attachment refused: {exc}"[:300]
        return await send(bot, chat_id, out.fallback, paid)
    except BaseException:
        await prepared.aborted()
        raise
    await prepared.sent(message)
    return message
