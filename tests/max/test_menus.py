"""Command menus by role in MAX (tests/test_command_menus.py for Telegram): MAX has one
command list per bot, so a MAX coordinator's taps set nothing per chat; /coordinator works."""

from __future__ import annotations

from aiogram.methods import SetMyCommands
from sqlalchemy import select

from domain.enums import Channel, Role
from storage.models import CommandMenuRow
from tests.conftest import onboarded

MAX_COORD = 710_003


async def test_max_users_get_no_chat_menu(make_app, orgs, fake_max) -> None:
    """MAX has one command list per bot: a MAX coordinator's tap sets nothing per chat."""
    from tests.max.user import MaxUser

    app = await make_app()
    await onboarded(app, MAX_COORD, orgs["school1"], name="Иванова Ольга Петровна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    user = MaxUser(app, fake_max, MAX_COORD)
    await user.send("/menu")
    await user.send("/coordinator")
    assert "Координатор" in fake_max.last(MAX_COORD).text
    assert app.bot.session.of(SetMyCommands) == []
    async with app.sessions() as s:
        assert (await s.scalars(select(CommandMenuRow))).all() == []
