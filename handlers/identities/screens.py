"""``/link`` gives a one-time code and the other messenger's link; ``/link <code>`` or the
link itself (``/start link-<code>``) in the other messenger attaches that account to the
same person (domain/identities)."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message
from aiogram_i18n import I18nContext

from domain import identities
from domain.entities import Person
from domain.enums import Channel
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers.routing import Routes
from handlers.views import error_html, esc, fmt_dt

router = Routes("identities")


async def _complete(message: Message, i18n: I18nContext, uow: UnitOfWork, code: str,
                    channel: Channel) -> None:
    try:
        await identities.complete_link(uow, code, channel, str(message.from_user.id),  # type: ignore[union-attr]
                                       uow.clock.now())
    except DomainError as err:
        await uow.rollback()
        await message.answer("⚠️ " + error_html(i18n, err))
        return
    await uow.commit()
    await message.answer(i18n.get("link-done"))


@router.message(CommandStart(deep_link=True, magic=F.args.startswith(identities.PREFIX)))
async def start_with_link(message: Message, command: CommandObject, i18n: I18nContext,
                          uow: UnitOfWork, channel: Channel = Channel.TELEGRAM) -> None:
    await _complete(message, i18n, uow, command.args or "", channel)


@router.message(Command("link"))
async def link(message: Message, command: CommandObject, i18n: I18nContext, uow: UnitOfWork,
               person: Person | None, channel: Channel = Channel.TELEGRAM,
               invite_links: dict[str, Any] | None = None, tz: Any = None) -> None:
    if command.args:
        await _complete(message, i18n, uow, command.args, channel)
        return
    try:
        code, expires = await identities.start_link(uow, person, uow.clock.now())
    except DomainError as err:
        await message.answer("⚠️ " + error_html(i18n, err))
        return
    await uow.commit()
    other = _other_link(channel, identities.PREFIX + code, invite_links or {})
    await message.answer(i18n.get(
        "link-code", code=esc(code), until=fmt_dt(expires, tz, i18n.locale),
        link=other or "—"))


def _other_link(channel: Channel, payload: str, links: dict[str, Any]) -> str | None:
    """The deep link of the other messenger, when it is on and its name is known."""
    settings = links.get("settings")
    if channel is Channel.TELEGRAM and links.get("max_bot") is not None:
        name = getattr(settings, "max_bot_username", None)
        return f"https://max.ru/{name}?start={payload}" if name else None
    if channel is Channel.MAX:
        name = getattr(settings, "bot_username", None)
        return f"https://t.me/{name}?start={payload}" if name else None
    return None
