"""Command menus by role (issue 15): a coordinator's own chat gets /coordinator in its menu
button, an admin's /admin, in the person's language; a teacher keeps the bot's default menu;
a lost role gives the default back; Telegram is asked once, not on every tap; the commands
themselves open the sections and refuse people without the role."""

from __future__ import annotations

from aiogram.methods import DeleteMyCommands, SetMyCommands
from aiogram.types import BotCommandScopeChat
from sqlalchemy import select

from domain.enums import Channel, Role
from storage.models import CommandMenuRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person

COORD, TEACHER = 710_001, 710_002


def menus_for(app, chat_id: int) -> list[SetMyCommands]:
    return [c for c in app.bot.session.of(SetMyCommands)
            if isinstance(c.scope, BotCommandScopeChat) and c.scope.chat_id == chat_id]


async def stored(app) -> dict[int, str]:
    async with app.sessions() as s:
        return {r.person_id: r.menu for r in (await s.scalars(select(CommandMenuRow))).all()}


async def test_a_coordinator_gets_their_menu_once_and_a_teacher_keeps_the_default(
        make_app, orgs) -> None:
    app = await make_app()
    coord_id = await onboarded(app, COORD, orgs["school1"], name="Иванова Ольга Петровна",
                               roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    await onboarded(app, TEACHER, orgs["school1"])
    coord, teacher = Person(app, COORD), Person(app, TEACHER)
    await coord.send("/menu")
    await coord.send("/menu")
    await teacher.send("/menu")
    [menu] = menus_for(app, COORD)  # once, not on every tap
    commands = {c.command: c.description for c in menu.commands}
    assert "coordinator" in commands and "admin" not in commands
    assert commands["coordinator"].startswith("Раздел координатора")
    assert commands["groupiom"].startswith("Групповые ИОМ")  # a school's coordinator
    assert {"start", "menu", "profile", "cancel"} <= set(commands)
    assert menus_for(app, TEACHER) == [] and app.bot.session.of(DeleteMyCommands) == []
    assert await stored(app) == {coord_id: "coordinator,school:ru"}

    await coord.send("/coordinator")
    assert "Координатор" in coord.last.text
    await teacher.send("/coordinator")  # not theirs: refused kindly, with a way back
    assert "Координатор" not in teacher.last.text
    assert teacher.last.buttons(), teacher.last.text
    await teacher.send("/admin")
    assert "Администрирование" not in teacher.last.text

    # a restart: what was set is known from the database, Telegram is not asked again
    app2 = await make_app()
    await Person(app2, COORD).send("/menu")
    assert menus_for(app2, COORD) == []


async def test_a_lost_role_gives_the_default_back_and_a_language_change_resets_it(
        make_app, orgs) -> None:
    app = await make_app(people_cache=False)
    coord_id = await onboarded(app, COORD, orgs["school1"], name="Иванова Ольга Петровна",
                               roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    coord = Person(app, COORD)
    await coord.send("/menu")
    assert len(menus_for(app, COORD)) == 1

    async with app.sessions() as s:  # the role is taken away (by an admin, elsewhere)
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        await uow.people.remove_grant(coord_id, Role.SCHOOL_COORDINATOR, orgs["school1"])
        await uow.commit()
    app2 = await make_app(people_cache=False)  # another process, or this one after a while
    await Person(app2, COORD).send("/menu")
    [deleted] = app2.bot.session.of(DeleteMyCommands)
    assert isinstance(deleted.scope, BotCommandScopeChat) and deleted.scope.chat_id == COORD
    assert await stored(app2) == {}


async def test_an_admin_gets_admin_commands_in_english(make_app, orgs) -> None:
    app = await make_app()
    await onboarded(app, COORD, orgs["school1"], name="Иванова Ольга Петровна",
                    roles=[(Role.ADMIN, None)])
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        person = await uow.people.get_by_external(Channel.TELEGRAM, str(COORD))
        await uow.people.set_locale(person.id, "en")
        await uow.commit()
    admin = Person(app, COORD)
    await admin.send("/menu")
    [menu] = menus_for(app, COORD)
    commands = {c.command: c.description for c in menu.commands}
    assert commands["admin"].startswith("Administration") and "coordinator" not in commands
    await admin.send("/admin")
    assert "Admin" in admin.last.text


async def test_a_coordinator_who_erases_their_data_gets_a_clean_goodbye(make_app, orgs) -> None:
    """/forgetme erases the person in the update itself: the menu is not set again for a person
    who no longer exists (here what was set is not in memory — another process, or a while
    later — so it is read from the database: erased with the person), and the goodbye is not
    spoiled by an error."""
    from bot.commands import CommandMenus

    app = await make_app()
    await onboarded(app, COORD, orgs["school1"], name="Иванова Ольга Петровна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    coord = Person(app, COORD)
    await coord.send("/menu")
    await coord.send("/forgetme")
    assert len(menus_for(app, COORD)) == 1
    [menus] = [m for m in app.dp.update.outer_middleware._middlewares  # noqa: SLF001
               if isinstance(m, CommandMenus)]
    menus._known.clear()  # noqa: SLF001
    await coord.press("Да, удалить")
    assert "Что-то пошло не так" not in coord.last.text and "удален" in coord.last.text
    assert len(menus_for(app, COORD)) == 1 and await stored(app) == {}
