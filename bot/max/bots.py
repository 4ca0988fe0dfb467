"""The MAX bot as aiogram sees it, and conversation keys kept apart from Telegram's."""


from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey

from domain.enums import Channel

#: the aiogram-side id of the MAX bot (no Telegram bot has id 1)
MAX_BOT_ID = 1


class MaxBot(Bot):
    channel = Channel.MAX


def channel_of(bot: Any) -> Channel:
    """The messenger a bot serves (Telegram unless it is a ``MaxBot``)."""
    return getattr(bot, "channel", Channel.TELEGRAM)


def make_max_bot(token: str, api_url: str, *, ca_file: str | None = None,
                 session: Any = None, **session_kwargs: Any) -> MaxBot:
    from bot.max.session import MaxSession

    session = session or MaxSession(token, api_url, ca_file=ca_file, **session_kwargs)
    return MaxBot(
        token=f"{MAX_BOT_ID}:max-adapter",
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


class ChannelKeys(DefaultKeyBuilder):
    """Conversation keys: Telegram's as before; a MAX user's under their own prefix, so a
    MAX user whose numeric id equals a Telegram user's never shares a conversation."""

    def build(self, key: StorageKey, part: Any = None) -> str:
        built = super().build(key, part)
        return f"max:{built}" if key.bot_id == MAX_BOT_ID else built
