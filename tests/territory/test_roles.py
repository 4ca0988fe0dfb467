"""Roles without the shell: who holds which role in a scope; an admin finds a person (SQL
search) and grants or revokes a role with a scope; forged attempts are refused."""

from __future__ import annotations

from domain.enums import Role
from handlers.territory.common import TerrCb
from tests.conftest import ADMIN_ID
from tests.harness import Person
from tests.territory.kit import MUN_C, SCHOOL_C, territory
from tests.support.route import person


async def test_admin_grants_and_revokes(app, orgs) -> None:
    ids = await territory(app, orgs)
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press_data(TerrCb(a="dash", org=orgs["school1"]).pack())
    await admin.press("Роли")
    assert "Роли: МАОУ СОШ № 01" in admin.last.text
    assert "Завучева Ирина — Координатор школы (МАОУ СОШ № 01)" in admin.last.text
    await admin.press("Найти человека")
    await admin.send("БОРИСОВА")
    assert "Найдено: 1" in admin.last.text
    await admin.press("Борисова Вера Ивановна")
    assert "Педагог — МАОУ СОШ № 01" in admin.last.text
    await admin.press("Координатор школы · МАОУ СОШ № 01")
    assert "Роль выдана" in admin.last.text
    grants = {(g.role, g.org_id) for g in (await person(app, ids["t2"])).grants}
    assert (Role.SCHOOL_COORDINATOR, orgs["school1"]) in grants
    # the new coordinator sees their school at once
    t2 = Person(app, 710_002)
    await t2.send("/menu")
    await t2.press("Координатор")
    await t2.press("Моя территория")
    assert "МАОУ СОШ № 01" in t2.last.text
    await admin.press("Отозвать: Координатор школы")
    assert "Роль отозвана" in admin.last.text
    grants = {(g.role, g.org_id) for g in (await person(app, ids["t2"])).grants}
    assert (Role.SCHOOL_COORDINATOR, orgs["school1"]) not in grants
    # a role at an org of the wrong kind is refused
    await admin.press_data(TerrCb(a="rgrant", org=orgs["school1"], id=ids["t2"],
                                  f="regional_coordinator").pack())
    assert (Role.REGIONAL_COORDINATOR, orgs["school1"]) not in {
        (g.role, g.org_id) for g in (await person(app, ids["t2"])).grants}


async def test_coordinators_see_but_cannot_change(app, orgs) -> None:
    ids = await territory(app, orgs)
    m = Person(app, MUN_C)
    await m.send("/menu")
    await m.press("Координатор")
    await m.press("Моя территория")
    await m.press("Роли")
    text = m.last.text
    assert "Завучева Ирина — Координатор школы (МАОУ СОШ № 01)" in text
    assert "Чужой Олег — Координатор школы (МАОУ СОШ № 02)" in text
    assert not any("Найти" in b for b, _ in m.last.buttons())
    for forged in (TerrCb(a="rfind", org=orgs["mun1"]),
                   TerrCb(a="rgrant", org=orgs["mun1"], id=ids["t1"],
                          f="municipal_coordinator"),
                   TerrCb(a="rrevoke", org=orgs["school1"], id=ids["school_c"],
                          f="school_coordinator"),
                   TerrCb(a="rperson", org=orgs["mun1"], id=ids["t1"])):
        await m.press_data(forged.pack())
        assert "недоступно" in m.alerts()[-1]
    grants = {(g.role, g.org_id) for g in (await person(app, ids["school_c"])).grants}
    assert (Role.SCHOOL_COORDINATOR, orgs["school1"]) in grants
    # a school coordinator cannot list another school's roles
    s = Person(app, SCHOOL_C)
    await s.send("/menu")
    await s.press_data(TerrCb(a="roles", org=orgs["school2"]).pack())
    assert s.alerts()[-1].startswith("⛔")
