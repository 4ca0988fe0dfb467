"""What the outbox sends to one recipient: a notification rendered in their language
(bot/render.py), or a broadcast (handlers.broadcasts.render) whose photo or file is brought to
the recipient's messenger through the copy cache (handlers.files.FileRelay), through the bot of
the person's channel (bot/outbox.py sends it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render import NoticeRenderer

Translate = Callable[..., str]
Request = Callable[[], Awaitable[Any]]


class Composer:
    def __init__(self, bots: dict[str, Bot], sessions: async_sessionmaker[AsyncSession],
                 translate: Translate, default_locale: str, tz: ZoneInfo, *,
                 paid_broadcast: bool = False, files: Any = None) -> None:
        #: channel → its bot (the sender's own dict: the same object)
        self.bots = bots
        self.sessions = sessions
        self.translate = translate
        #: dates in notifications are shown in this zone (the app passes settings.tz)
        self.renderer = NoticeRenderer(translate, tz)
        self.default_locale = default_locale
        #: send with Telegram's allow_paid_broadcast (the rate above 30/s is paid)
        self.paid_broadcast = paid_broadcast
        #: a broadcast's file for a recipient in the other messenger: copied once through
        #: handlers.files.FileRelay (the copy cache), or left out with a line saying so
        self.files = files
        #: broadcasts' contents (fixed once a broadcast starts), by id
        self._broadcasts: dict[int, Any] = {}
        #: message id → its broadcast made ready for the recipient's bot (handlers.broadcasts)
        self._outgoing: dict[int, Any] = {}

    async def _broadcast_content(self, broadcast_id: int) -> Any:
        if broadcast_id not in self._broadcasts:
            from storage.broadcasts.repo import SqlBroadcasts

            async with self.sessions() as s:
                found = await SqlBroadcasts(s).get(broadcast_id)
            if found is None:
                raise LookupError(f"broadcast {broadcast_id} is gone")
            self._broadcasts[broadcast_id] = found.content
        return self._broadcasts[broadcast_id]

    async def prepare(self, item: Any) -> Request:
        """The request that delivers the message (bot.outbox.Claimed), rendered for its
        recipient. Raises ``CopyBusy`` while another sender copies a broadcast's file to this
        messenger; after it, ``done(item.id)`` must be called whatever happens."""
        bot = self.bots.get(item.channel)
        if bot is None:
            raise LookupError(f"no bot for the channel {item.channel!r} (is it switched off?)")
        paid = self.paid_broadcast and item.channel == "telegram"  # Telegram's own feature
        extra: dict[str, Any] = {"allow_paid_broadcast": True} if paid else {}
        locale = item.locale or self.default_locale
        if item.broadcast_id is not None:  # a broadcast: handlers.broadcasts.render
            from handlers.broadcasts import render as bc

            content = await self._broadcast_content(item.broadcast_id)
            rendered = bc.render(content, item.broadcast_id, item.full_name, locale,
                                 self.translate)
            if self.files is None:
                return lambda: bc.send(bot, item.chat_id, rendered, paid)
            out = self._outgoing[item.id] = await bc.for_bot(self.files, bot, rendered, locale,
                                                             self.translate)
            return lambda: bc.deliver(bot, item.chat_id, out, paid)
        notice = self.renderer.render(item.key, locale, item.params, item.buttons)
        return lambda: bot.send_message(item.chat_id, notice.text, reply_markup=notice.markup,
                                        **extra)

    def note(self, message_id: int) -> str | None:
        """What the recipient's message says of its file, if it went without it."""
        out = self._outgoing.get(message_id)
        return out.note if out is not None and out.note else None

    async def done(self, message_id: int) -> None:
        """The message is sent or given up: a file copy this sender claimed and did not send
        is freed for the next one."""
        out = self._outgoing.pop(message_id, None)
        if out is not None and out.prepared is not None:
            await out.prepared.aborted()
