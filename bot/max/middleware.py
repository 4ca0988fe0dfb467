"""Before a MAX update is handled: the download URLs of the files it brought are written to the
database (bot.max.convert.FileRegistry), so a file first opened in Telegram after a restart can
still be fetched from MAX."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.max.convert import FileRegistry

log = logging.getLogger("marshrut.max")


class KeepFileUrls(BaseMiddleware):
    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        files = getattr(getattr(data.get("bot"), "session", None), "files", None)
        if isinstance(files, FileRegistry) and files.pending:
            try:
                await files.keep()
            except Exception as exc:  # noqa: BLE001 — the URL stays in memory; the update goes on
                log.warning("max: file URLs not kept (%s); they last until a restart",
                            type(exc).__name__)
        return await handler(event, data)
