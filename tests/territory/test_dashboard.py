"""«Моя территория» through the real Dispatcher: what each role sees, drill-down into units,
forged org ids refused, charts sent as images, a restart in the middle."""

from __future__ import annotations

from aiogram.methods import SendDocument, SendPhoto

from domain import diagnosis as diag
from domain.access import Actor
from handlers.territory.common import TerrCb
from tests.conftest import ADMIN_ID, run
from tests.harness import Person
from tests.territory.kit import MUN_C, REG_C, SCHOOL_C, T1, territory
from tests.support.route import diagnose, now


async def open_territory(p: Person) -> None:
    await p.send("/menu")
    await p.press("Координатор")
    await p.press("Моя территория")


async def test_school_coordinator_sees_their_school(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, SCHOOL_C)
    await open_territory(p)
    text = p.last.text
    assert "МАОУ СОШ № 01" in text and "(школа)" in text
    # t1, t2 and the coordinator; one of three diagnosed; the weak answers are methodological
    assert "Педагогов в боте: <b>3</b>" in text
    assert "Диагностику прошли <b>33 %</b>" in text
    assert "чаще всего дефицит — <b>методические компетенции</b>" in text
    assert "методические 1" in text and "предметные 0" in text
    assert "Формирующее оценивание" in text  # the frequent indicators
    assert "нет ИОМ 3" in text
    assert "Часы за 2" in text and "2 0" not in text  # the year is not grouped as a number
    labels = [b for b, _ in p.last.buttons()]
    assert not any("пед., диагн." in b for b in labels)  # a school has no units inside
    assert not any(b.startswith("⬆️") for b in labels)  # the municipality is not theirs


async def test_forged_orgs_are_refused(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, SCHOOL_C)
    await open_territory(p)
    for org in (orgs["school2"], orgs["mun1"], orgs["region"]):
        for action in ("dash", "charts", "xlsx", "list", "search"):
            await p.press_data(TerrCb(a=action, org=org).pack())
            assert p.alerts()[-1].startswith("⛔"), (org, action)
    assert not any("МАОУ СОШ № 02" in t or "(муниципалитет)" in t or "(регион)" in t
                   for t in p.texts)
    assert not app.bot.session.of(SendDocument)
    await p.press_data(TerrCb(a="dash", org=999_999).pack())
    assert "Такой организации нет" in p.last.text
    assert not app.bot.session.of(SendPhoto)
    # a teacher without a coordinator role is refused the section altogether
    t = Person(app, T1)
    await t.send("/menu")
    await t.press_data(TerrCb(a="home").pack())
    assert "недоступно" in t.alerts()[-1]
    await t.press_data(TerrCb(a="dash", org=orgs["school1"]).pack())
    assert "недоступно" in t.alerts()[-1]


async def test_municipal_drill_down_and_back(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, MUN_C)
    await open_territory(p)
    text = p.last.text
    assert "Городской округ Тестовый" in text and "(муниципалитет)" in text
    # school 1: t1, t2, the coordinator; school 2: t3 and its coordinator (the municipal
    # coordinator has no school and is not counted)
    assert "Педагогов в боте: <b>5</b>" in text
    assert "Диагностику прошли <b>40 %</b>" in text
    assert "<b>Школы</b> (11)" in text
    labels = [b for b, _ in p.last.buttons()]
    assert "МАОУ СОШ № 01 — 3 пед., диагн. 33 %" in labels
    assert "МАОУ СОШ № 02 — 2 пед., диагн. 50 %" in labels
    assert any(b == "▶️" for b in labels)  # 11 schools: two pages
    await p.press("▶️")
    assert "МАОУ СОШ № 09 — 0 пед., диагн. 0 %" in [b for b, _ in p.last.buttons()]
    await p.press("◀️", exact=True)
    await p.press("МАОУ СОШ № 02")
    assert "Педагогов в боте: <b>2</b>" in p.last.text
    assert "Диагностику прошли <b>50 %</b>" in p.last.text
    assert "Дефициты" not in p.last.text or "методические 0" in p.last.text
    await p.press("⬆️")
    assert "(муниципалитет)" in p.last.text
    # the other municipality is out of scope
    await p.press_data(TerrCb(a="dash", org=orgs["mun2"]).pack())
    assert p.alerts()[-1].startswith("⛔")
    await p.press_data(TerrCb(a="dash", org=orgs["other_school"]).pack())
    assert p.alerts()[-1].startswith("⛔")


async def test_region_and_admin(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, REG_C)
    await open_territory(p)
    text = p.last.text
    assert "Тестовая область" in text and "(регион)" in text
    assert "Педагогов в боте: <b>6</b>" in text  # the other municipality's teacher too
    assert "Диагностику прошли <b>50 %</b>" in text
    labels = [b for b, _ in p.last.buttons()]
    assert "Заречный район — 1 пед., диагн. 100 %" in labels
    await p.press("Заречный район")
    assert "Педагогов в боте: <b>1</b>" in p.last.text
    await p.press("МКОУ Заречная СОШ")
    assert "(школа)" in p.last.text
    await p.press("⬆️")
    await p.press("⬆️")
    assert "(регион)" in p.last.text

    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Администрирование")
    await admin.press("Моя территория")
    assert "Тестовая область" in admin.last.text and "(регион)" in admin.last.text


async def test_repeat_diagnosis_shows_the_change(app, orgs) -> None:
    ids = await territory(app, orgs)
    admin = Actor(ids["admin"], is_config_admin=True)
    await run(app, diag.unlock_retake, admin, ids["t1"], now())
    await diagnose(app, ids["t1"], weak={})  # everything at 3 now: better
    p = Person(app, SCHOOL_C)
    await open_territory(p)
    assert "Повторная диагностика: 1, результат вырос у 1" in p.last.text
    assert "Диагностику прошли <b>33 %</b>" in p.last.text  # still one person, not two


async def test_charts_are_images(app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, MUN_C)
    await open_territory(p)
    await p.press("Графики")
    photos = [m for m in app.bot.session.of(SendPhoto) if int(m.chat_id) == MUN_C]
    assert len(photos) == 3  # groups against the region, ИОМ statuses, schools compared
    assert "в сравнении с уровнем выше" in photos[0].caption
    assert photos[0].photo.data.startswith(b"\x89PNG")
    await p.press("К показателям")
    assert "(муниципалитет)" in p.last.text


async def test_restart_keeps_working(app, make_app, orgs) -> None:
    await territory(app, orgs)
    p = Person(app, MUN_C)
    await open_territory(p)
    app2 = await make_app()
    p2 = Person(app2, MUN_C)
    p2.tg.messages[MUN_C] = list(p.tg.messages[MUN_C])
    await p2.press("МАОУ СОШ № 01")
    assert "Педагогов в боте: <b>3</b>" in p2.last.text
