"""A tidy chat (issue 15): when a new screen replaces the one before it, the old message
loses its buttons. Done once, here, for every feature: the bot's request middleware sees each
message sent or edited in answer to an update, remembers the chat's last screen (a message
with inline buttons) and strips the keyboard of the one it replaces.

Only messages sent while an update of the same private chat is handled count as screens:
notifications the outbox delivers (a seat offer, a reminder) keep their buttons until the
person acts on them. The memory is per process (a bounded map, chat → message id): after a
restart the first new screen leaves the previous one as it was, and its buttons still work
(the handlers re-check everything a button carries).
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import EditMessageReplyMarkup, EditMessageText, SendMessage, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import Chat, InlineKeyboardMarkup, Message, TelegramObject

from handlers.views import KEEP_BUTTONS

log = logging.getLogger(__name__)

#: the private chat whose update is being handled now (None outside updates)
_current_chat: ContextVar[int | None] = ContextVar("tidy_chat", default=None)

#: chats remembered at most (the oldest are forgotten first)
MEMORY = 100_000


class ScreenChat(BaseMiddleware):
    """Outer update middleware: marks the update's private chat for ``TidyChat``."""

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        chat = data.get("event_chat")
        chat_id = chat.id if isinstance(chat, Chat) and chat.type == "private" else None
        token = _current_chat.set(chat_id)
        try:
            return await handler(event, data)
        finally:
            _current_chat.reset(token)


class TidyChat(BaseRequestMiddleware):
    def __init__(self, memory: int = MEMORY) -> None:
        self.memory = memory
        self.last: OrderedDict[int, int] = OrderedDict()

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        result = await make_request(bot, method)
        chat_id = _current_chat.get()
        if chat_id is None or KEEP_BUTTONS.get() or not isinstance(
                method, (SendMessage, EditMessageText)):
            return result
        if not isinstance(method.reply_markup, InlineKeyboardMarkup):
            return result
        with contextlib.suppress(ValueError, TypeError):
            if method.chat_id is None or int(method.chat_id) != chat_id:
                return result
        if isinstance(method, SendMessage):
            message_id = result.message_id if isinstance(result, Message) else None
        else:
            message_id = method.message_id
        if message_id is None:
            return result
        previous = self.last.pop(chat_id, None)
        self.last[chat_id] = message_id
        while len(self.last) > self.memory:
            self.last.popitem(last=False)
        if previous is not None and previous != message_id:
            try:  # gone, too old or already bare: nothing to tidy
                await bot(EditMessageReplyMarkup(chat_id=chat_id, message_id=previous,
                                                 reply_markup=None))
            except TelegramAPIError as exc:
                log.debug("old screen %s in chat %s kept its buttons: %s", previous, chat_id,
                          exc)
        return result
