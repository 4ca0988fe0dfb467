"""Command menus by role: a coordinator's or an admin's own chat gets a menu with their
commands (/coordinator, /admin) beside the bot's default one; a teacher keeps the default.

Set lazily, after an update of the person has been handled and committed: what the person
should see (their roles, their language) is compared with what was last set for their chat
(``command_menus``; no row: the default) and Telegram is asked only when it differs — a new
coordinator gets the menu on their next tap, one who lost the role gets the default back, and
grants made anywhere (the chat, the CLI, another process) are covered. What was read is kept in
memory for ``ttl`` seconds, so a teacher's tap costs nothing here. Telegram only: MAX has one
command list per bot."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import BotCommand, BotCommandScopeChat, TelegramObject, User
from sqlalchemy import delete, select

from bot.i18n import pick_locale
from domain.access import Actor
from domain.entities import Person
from handlers.keyboards import command_menu, commands_of
from storage.models import CommandMenuRow, PersonRow
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
RETRY_AFTER = 300.0  # seconds before a chat whose menu Telegram refused is tried again


class CommandMenus(BaseMiddleware):
    def __init__(self, translate: Callable[..., str], default_locale: str,
                 ttl: float = 600.0, size: int = 50_000) -> None:
        self.translate = translate
        self.default_locale = default_locale
        self.ttl = ttl
        self.size = size
        self._known: dict[int, tuple[float, str]] = {}  # person id → (when read, menu key)
        self._refused: dict[int, float] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]
                       ) -> Any:
        result = await handler(event, data)
        person: Person | None = data.get("person")
        user: User | None = data.get("event_from_user")
        bot: Bot | None = data.get("bot")
        uow: SqlUnitOfWork | None = data.get("uow")
        if (person is None or user is None or bot is None or uow is None
                or not person.is_onboarded or getattr(bot, "channel", "telegram") != "telegram"):
            return result
        try:
            await self._sync(bot, uow, person, user, data.get("actor"))
        except Exception:  # a menu is a convenience: never the reason an update fails
            log.warning("commands: the menu of person %s was not set", person.id, exc_info=True)
            self._refused[person.id] = time.monotonic()
            await uow.session.rollback()  # the update's own work is committed already
        return result

    def key(self, actor: Actor | None, locale: str) -> str:
        menu = command_menu(actor)
        return f"{','.join(menu)}:{locale}" if menu else ""

    async def _sync(self, bot: Bot, uow: SqlUnitOfWork, person: Person, user: User,
                    actor: Actor | None) -> None:
        now = time.monotonic()
        refused = self._refused.get(person.id)
        if refused is not None and now - refused < RETRY_AFTER:
            return
        locale = pick_locale(person, user, self.default_locale)
        wanted = self.key(actor, locale)
        known = self._known.get(person.id)
        if known is None or now - known[0] > self.ttl:
            row = await uow.session.get(CommandMenuRow, person.id)
            known = (now, row.menu if row else "")
            self._remember(person.id, known)
        if known[1] == wanted:
            return
        if await uow.session.scalar(select(PersonRow.id).where(PersonRow.id == person.id)) is None:
            return  # erased by this very update (/forgetme)
        scope = BotCommandScopeChat(chat_id=user.id)
        if wanted:
            commands = [BotCommand(command=c, description=self.translate(f"cmd-{c}", locale))
                        for c in commands_of(command_menu(actor))]
            await bot.set_my_commands(commands, scope=scope)
            row = await uow.session.get(CommandMenuRow, person.id)
            if row is None:
                uow.session.add(CommandMenuRow(person_id=person.id, menu=wanted,
                                               set_at=uow.clock.now()))
            else:
                row.menu, row.set_at = wanted, uow.clock.now()
        else:
            await bot.delete_my_commands(scope=scope)
            await uow.session.execute(
                delete(CommandMenuRow).where(CommandMenuRow.person_id == person.id))
        await uow.session.flush()
        self._remember(person.id, (now, wanted))
        self._refused.pop(person.id, None)

    def _remember(self, person_id: int, value: tuple[float, str]) -> None:
        if len(self._known) >= self.size and person_id not in self._known:
            self._known.pop(next(iter(self._known)))
        self._known[person_id] = value


__all__ = ["CommandMenus"]
