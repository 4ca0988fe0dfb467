"""Invite links for every messenger the bot runs in: Telegram's ``https://t.me/<bot>?start=``
and MAX's ``https://max.ru/<bot>?start=`` (dev.max.ru/help/deeplinks: the payload, up to 128
characters, arrives in the ``bot_started`` update; bot/max turns it into ``/start <code>``)."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.utils.deep_linking import create_start_link

log = logging.getLogger(__name__)


def max_link(username: str, code: str) -> str:
    return f"https://max.ru/{username}?start={code}"


async def start_links(bot: Bot, code: str, *, telegram_bot: Bot | None = None,
                      max_bot: Bot | None = None, settings: Any = None) -> str:
    """Both links, one a line (only the messengers that are on); ``bot`` is the bot of the
    update (Telegram's or MAX's)."""
    from bot.max.bots import channel_of
    from domain.enums import Channel

    tg = telegram_bot if telegram_bot is not None else (
        bot if channel_of(bot) is Channel.TELEGRAM else None)
    mx = max_bot if max_bot is not None else (bot if channel_of(bot) is Channel.MAX else None)
    links: list[str] = []
    tg_name = getattr(settings, "bot_username", None)
    if tg is not None and tg_name:
        links.append(f"https://t.me/{tg_name}?start={code}")
    elif tg is not None:
        links.append(await create_start_link(tg, code))
    if mx is not None:
        name = getattr(settings, "max_bot_username", None)
        if not name:
            try:
                name = (await mx.me()).username
            except Exception:  # MAX unreachable: the Telegram link still works
                log.warning("max: cannot learn the bot's nick for an invite link")
        if name:
            links.append(max_link(name, code))
    return "\n".join(links)
