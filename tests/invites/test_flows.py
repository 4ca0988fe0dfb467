"""Invite links: creation inside one's scope, opening them, refusals, forged callbacks."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from domain.access import Actor
from domain.entities import RoleGrant
from domain.enums import Channel, Role
from domain.errors import AccessDenied
from domain.invites import create_invite, redeem
from storage.models import InviteRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import db, onboarded
from tests.harness import BOT_USERNAME, Person

NOW = TEST_CLOCK.now()


async def make_invite(app, role: Role, org_id: int | None, uses: int | None = None) -> str:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        invite = await create_invite(uow, None, role, org_id, TEST_CLOCK.now(), uses=uses)
        await uow.commit()
        return invite.code


async def roles_of(app, user_id: int) -> set[tuple[Role, int | None]]:
    uow = await db(app)
    person = await uow.people.get_by_external(Channel.TELEGRAM, str(user_id))
    await uow.session.close()
    return {(g.role, g.org_id) for g in person.grants} if person else set()


async def test_school_invite_fills_school_and_skips_steps(app, orgs) -> None:
    code = await make_invite(app, Role.TEACHER, orgs["school5"])
    p = Person(app, 700_001)
    await p.send(f"/start {code}")
    assert "Вас приглашают" in p.last.text and "МАОУ СОШ № 05" in p.last.text
    await p.press("Согласен")
    assert any("Приглашение принято" in t for t in p.texts)
    assert "Шаг 1 из 6" in p.last.text  # municipality and school are already known
    assert "6 шагов" in p.last.text and "8 шагов" not in p.last.text  # the intro agrees
    await p.send("Кузнецова Ольга Игоревна")
    assert "должность" in p.last.text
    await p.press("Учитель", exact=True)
    await p.press("История")
    await p.press("Готово")
    await p.send("3")
    await p.press("Без категории")
    await p.press("Готово")
    assert "МАОУ СОШ № 05" in p.last.text
    await p.press("Всё верно")
    assert (Role.TEACHER, orgs["school5"]) in await roles_of(app, 700_001)


async def test_coordinator_invite_grants_role_and_menu(app, orgs) -> None:
    code = await make_invite(app, Role.MUNICIPAL_COORDINATOR, orgs["mun1"])
    p = Person(app, 700_002)
    await p.send(f"/start {code}")
    await p.press("Согласен")
    assert (Role.MUNICIPAL_COORDINATOR, orgs["mun1"]) in await roles_of(app, 700_002)
    await p.send("Смирнов Андрей Викторович")
    # a municipal methodist need not belong to a school
    await p.press("Не работаю в школе")
    await p.press("Методист")
    await p.press("Не веду предмет")
    await p.press("Готово")
    await p.send("20")
    await p.press("Высшая")
    await p.press("Готово")
    await p.press("Всё верно")
    assert "📋 Координатор" in [b for b, _ in p.last.buttons()]
    assert await roles_of(app, 700_002) == {(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])}


async def test_unknown_expired_used_up_codes(app, orgs) -> None:
    p = Person(app, 700_003)
    await p.send("/start nosuchcode")
    assert any("не найдена" in t for t in p.texts)
    assert "152-ФЗ" in p.last.text  # and the person can still go on
    code = await make_invite(app, Role.TEACHER, orgs["school1"])
    async with app.sessions() as s, s.begin():
        await s.execute(update(InviteRow).values(expires_at=NOW - timedelta(days=1)))
    await p.send(f"/start {code}")
    assert any("истёк" in t for t in p.texts)
    one = await make_invite(app, Role.TEACHER, orgs["school2"], uses=1)
    first, second = Person(app, 700_004), Person(app, 700_005)
    for person in (first, second):
        await person.send(f"/start {one}")
    await first.press("Согласен")
    assert any("Приглашение принято" in t for t in first.texts)
    await second.press("Согласен")  # the only seat went to the first person meanwhile
    assert any("максимальное число" in t for t in second.texts)
    assert "Шаг 1 из 8" in second.last.text  # onboarding goes on without the invite


async def test_coordinator_creates_invite_inside_scope_only(app, orgs) -> None:
    await onboarded(app, 700_010, orgs["school1"],
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    c = Person(app, 700_010)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Пригласить")
    labels = [b for b, _ in c.last.buttons()]
    assert "Педагог" in labels and "Координатор школы" in labels
    assert "Координатор муниципалитета" not in labels and "Администратор" not in labels
    await c.press("Педагог")
    assert [b for b, _ in c.last.buttons()][0] == "МАОУ СОШ № 01"  # only their own school
    # a forged scope: another school
    await c.press_data(f"is:{orgs['school2']}")
    assert any("вне вашей зоны" in a for a in c.alerts())
    await c.press("МАОУ СОШ № 01")
    assert f"https://t.me/{BOT_USERNAME}?start=" in c.last.text
    async with app.sessions() as s:
        invite = (await s.scalars(select(InviteRow))).one()
    assert invite.org_id == orgs["school1"] and invite.role == "teacher"
    # forged role above their own
    await c.press_data("ir:municipal_coordinator")
    assert any("не можете приглашать" in a for a in c.alerts())


async def test_revoke_own_invite_and_refuse_others(app, orgs) -> None:
    await onboarded(app, 700_020, orgs["school1"],
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    await onboarded(app, 700_021, orgs["other_school"],
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["other_school"])])
    c, stranger = Person(app, 700_020), Person(app, 700_021)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Пригласить")
    await c.press("Педагог")
    await c.press("МАОУ СОШ № 01")
    async with app.sessions() as s:
        invite_id = (await s.scalars(select(InviteRow.id))).one()
    await stranger.send("/menu")
    await stranger.press_data(f"iv:{invite_id}")
    assert any("недоступно" in a for a in stranger.alerts())
    async with app.sessions() as s:
        assert (await s.get(InviteRow, invite_id)).revoked_at is None
    await c.press("Мои приглашения")
    await c.press("Отозвать №1")
    assert "Действующих приглашений нет" in c.last.text
    async with app.sessions() as s:
        assert (await s.get(InviteRow, invite_id)).revoked_at is not None


async def test_admin_from_config_sees_administration(app, orgs) -> None:
    from tests.conftest import ADMIN_ID

    await onboarded(app, ADMIN_ID, None)
    a = Person(app, ADMIN_ID)
    await a.send("/menu")
    await a.press("Администрирование")
    await a.press("Пригласить")
    await a.press("Региональный куратор")
    await a.press("Тестовая область")
    assert "t.me" in a.last.text


async def test_domain_refuses_invites_outside_scope(app, orgs) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        coordinator = await uow.people.create(Channel.TELEGRAM, "2", NOW)
        actor = Actor(coordinator.id, (RoleGrant(Role.SCHOOL_COORDINATOR, orgs["school1"]),))
        for role, org in [(Role.TEACHER, orgs["school2"]), (Role.ADMIN, None),
                          (Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]:
            try:
                await create_invite(uow, actor, role, org, NOW)
            except AccessDenied:
                continue
            raise AssertionError(f"{role} at {org} should be refused")
        invite = await create_invite(uow, actor, Role.TEACHER, orgs["school1"], NOW)
        person = await uow.people.create(Channel.TELEGRAM, "1", NOW)
        result = await redeem(uow, person, invite.code, NOW)
        assert result.scope_org_id == orgs["school1"]


async def test_onboarded_teacher_opening_an_invite_gets_the_role_at_once(app, orgs) -> None:
    await onboarded(app, 700_030, orgs["school1"])
    code = await make_invite(app, Role.SCHOOL_COORDINATOR, orgs["school1"])
    p = Person(app, 700_030)
    await p.send(f"/start {code}")
    assert any("Приглашение принято" in t for t in p.texts)
    assert "📋 Координатор" in [b for b, _ in p.last.buttons()]
    assert (Role.SCHOOL_COORDINATOR, orgs["school1"]) in await roles_of(app, 700_030)
    await p.send(f"/start {code}")  # opening it again does not use another seat
    async with app.sessions() as s:
        assert (await s.scalars(select(InviteRow.uses))).one() == 1


async def municipal_coordinator_at_scope(app, orgs, user_id: int) -> Person:
    """A coordinator of the first municipality (11 schools: two pages) choosing the scope of a
    teacher invite."""
    await onboarded(app, user_id, orgs["school1"],
                    roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    c = Person(app, user_id)
    await c.send("/menu")
    await open_scope(c)
    return c


async def open_scope(c: Person) -> None:
    """From the main menu to the scope of a teacher invite."""
    await c.press("Координатор")
    await c.press("Пригласить")
    await c.press("Педагог")


async def test_scope_search_pages_finds_and_refuses_forged_scopes(app, orgs) -> None:
    c = await municipal_coordinator_at_scope(app, orgs, 700_040)
    labels = [b for b, _ in c.last.buttons()]
    assert labels[:8] == [f"МАОУ СОШ № {n:02d}" for n in range(1, 9)]
    assert "1 / 2" in labels and "Любая школа: Городской округ Тестовый" in labels
    await c.press("▶️")
    labels = [b for b, _ in c.last.buttons()]
    assert labels[:3] == ["МАОУ СОШ № 09", "МАОУ СОШ № 10", "МАОУ СОШ № 11"]
    assert "2 / 2" in labels
    await c.press_data("p:99")  # a forged page past the end: the last one
    assert [b for b, _ in c.last.buttons()][0] == "МАОУ СОШ № 09"
    await c.send_photo()  # not a search: the same step, with what to do
    assert "кнопкой" in c.last.text and "Для какой организации" in c.last.text
    await c.send("соШ   № 05")  # typed text searches, any case and spacing
    assert "Поиск «соШ № 05»: найдена 1 организация" in c.last.text
    assert [b for b, _ in c.last.buttons()][0] == "МАОУ СОШ № 05"
    await c.send("Заречная")  # another municipality's school is outside the scope
    assert "ничего не найдено" in c.last.text and "Попробуйте другое слово" in c.last.text
    await c.press("Сбросить поиск")
    assert "Поиск" not in c.last.text and "1 / 2" in [b for b, _ in c.last.buttons()]
    await c.press_data(f"is:{orgs['other_school']}")  # a forged scope
    assert any("вне вашей зоны" in a for a in c.alerts())
    assert "вне вашей зоны" in c.last.text and "Для какой организации" in c.last.text
    async with app.sessions() as s:
        assert (await s.scalars(select(InviteRow))).all() == []
    await c.press("Любая школа")
    assert "t.me" in c.last.text and "Городской округ Тестовый" in c.last.text
    async with app.sessions() as s:
        invite = (await s.scalars(select(InviteRow))).one()
    assert invite.org_id == orgs["mun1"] and invite.role == "teacher"
    await c.press_data(f"is:{orgs['school3']}")  # the old scope message: the form is over
    assert c.alerts()[-1].startswith("Эта кнопка уже неактуальна")
    async with app.sessions() as s:
        assert len((await s.scalars(select(InviteRow))).all()) == 1


async def test_scope_back_cancel_and_restart(make_app, orgs) -> None:
    first = await make_app()
    c = await municipal_coordinator_at_scope(first, orgs, 700_050)
    await c.press("Назад")
    assert "Кого пригласить?" in c.last.text
    await c.send("05")  # the search is over: no longer a query
    assert "Поиск" not in c.last.text
    await open_scope(c)
    await c.press("Отмена")
    assert "Главное меню" in c.last.text
    await open_scope(c)
    await c.send("/cancel")
    assert "Главное меню" in c.last.text
    await open_scope(c)
    await c.send("05")
    second = await make_app()  # the process restarted: new Dispatcher, same database
    c2 = Person(second, 700_050)
    c2.tg.messages[c2.chat.id] = list(c.tg.messages[c.chat.id])  # the phone keeps its messages
    await c2.send("07")  # the search goes on
    assert "Поиск «07»" in c2.last.text
    await c2.press("МАОУ СОШ № 07")
    assert "t.me" in c2.last.text
    async with second.sessions() as s:
        invite = (await s.scalars(select(InviteRow))).one()
    assert invite.org_id == orgs["school7"]
