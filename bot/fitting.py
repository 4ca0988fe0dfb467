"""The last guard before the Bot API: no text or caption longer than Telegram accepts.

Screens keep themselves within the limits (``handlers.formatting.fit`` shortens the long user
texts of a card); this request middleware catches whatever still slips through — a screen
nobody expected to grow — and cuts it (HTML-safely, with «…») instead of letting Telegram
refuse the message and the user see nothing. Each cut is logged: it points at a screen that
should fit itself.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import (
    EditMessageCaption,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import Response, TelegramType

from handlers.formatting import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    cut_html,
    shorten,
    utf16_length,
    visible_length,
)

log = logging.getLogger("marshrut.fitting")

_TEXTS = (SendMessage, EditMessageText)
_CAPTIONS = (SendDocument, SendPhoto, EditMessageCaption)


def _html(bot: Bot, method: Any) -> bool:
    mode = method.parse_mode
    if isinstance(mode, Default):
        mode = bot.default[mode.name]
    return mode is not None and str(getattr(mode, "value", mode)).lower() == "html"


def fitted(text: str, limit: int, html: bool) -> str | None:
    """``text`` cut to ``limit`` when it is longer, else None."""
    if html:
        return cut_html(text, limit) if visible_length(text) > limit else None
    return shorten(text, limit) if utf16_length(text) > limit else None


class FitToTelegram(BaseRequestMiddleware):
    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        if isinstance(method, _TEXTS) and method.text:
            cut = fitted(method.text, TEXT_LIMIT, _html(bot, method))
            if cut is not None:
                log.warning("%s: text of %d characters cut to fit Telegram",
                            type(method).__name__, len(method.text))
                method.text = cut
        elif isinstance(method, _CAPTIONS) and getattr(method, "caption", None):
            cut = fitted(method.caption, CAPTION_LIMIT, _html(bot, method))  # type: ignore[arg-type]
            if cut is not None:
                log.warning("%s: caption cut to fit Telegram", type(method).__name__)
                method.caption = cut  # type: ignore[union-attr]
        return await make_request(bot, method)
