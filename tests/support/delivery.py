"""Updates as Telegram delivers them through the webhook or long polling (with
``telegram_delivery``, so a repeat is skipped: bot/redelivery.py)."""

from __future__ import annotations

from typing import Any

from aiogram.types import Chat, Message, Update, User

from bot.redelivery import DELIVERY
from tests.clock import TEST_CLOCK


def start(update_id: int, user_id: int) -> Update:
    """``/start`` from a person new to the bot."""
    user = User(id=user_id, is_bot=False, first_name="Анна", language_code="ru")
    return Update(update_id=update_id, message=Message(
        message_id=update_id, date=TEST_CLOCK.now(), chat=Chat(id=user_id, type="private"),
        from_user=user, text="/start"))


async def deliver(app: Any, update: Update, from_telegram: bool = True) -> None:
    """As the webhook and long polling feed an update from Telegram."""
    await app.dp.feed_update(app.bot, update, **({DELIVERY: True} if from_telegram else {}))
