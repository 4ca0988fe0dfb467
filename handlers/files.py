"""Files people sent (evidence, diplomas, meeting notes), shown to someone else — possibly in the
other messenger.

A stored file id is a messenger's own handle: Telegram's ids mean nothing to MAX and MAX's
attachment tokens nothing to Telegram. MAX's ids carry the prefix ``max:``
(bot/max/convert.py), so the id says where the file lives. A viewer in the same messenger gets
the file by its id, as before; a viewer in the other one gets the bytes, downloaded through the
bot of the messenger the file came from and uploaded through the viewer's. When that messenger
is switched off, or no longer has the file, the viewer hears so (``file-unavailable``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from aiogram import Bot
from aiogram.types import BufferedInputFile, InputFile

from domain.errors import DomainError

log = logging.getLogger(__name__)

MAX_PREFIX = "max:"
#: what a relayed file may weigh (the Telegram Bot API downloads at most 20 MB)
RELAY_LIMIT = 20 * 1024 * 1024


def file_channel(file_id: str) -> str:
    return "max" if file_id.startswith(MAX_PREFIX) else "telegram"


def bot_channel(bot: Bot) -> str:
    return str(getattr(bot, "channel", "telegram"))


async def sendable(bot: Bot, file_id: str, bots: Mapping[str, Bot],
                   filename: str | None = None) -> str | InputFile:
    """What ``bot`` can send for ``file_id``: the id itself in its own messenger, else the
    file's bytes from the messenger it came from."""
    source = file_channel(file_id)
    if source == bot_channel(bot):
        return file_id
    origin = bots.get(source)
    if origin is None:
        raise DomainError("file-unavailable")
    try:
        data = await origin.download(file_id)
    except Exception as exc:  # noqa: BLE001 — gone, too big, or the messenger is unreachable
        log.warning("a %s file could not be relayed to %s: %s", source, bot_channel(bot),
                    type(exc).__name__)
        raise DomainError("file-unavailable") from None
    content = data.getvalue() if data is not None else b""  # type: ignore[attr-defined]
    if not content or len(content) > RELAY_LIMIT:
        raise DomainError("file-unavailable")
    return BufferedInputFile(content, filename=filename or "file")


async def send_file(bot: Bot, chat_id: int, file_id: str, bots: Mapping[str, Bot], *,
                    filename: str | None = None, caption: str | None = None) -> None:
    """Send a stored file to ``chat_id`` through ``bot``, relaying it between messengers."""
    document = await sendable(bot, file_id, bots, filename)
    await bot.send_document(chat_id, document, caption=caption)
