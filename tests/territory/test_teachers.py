"""«Мои педагоги» through the real Dispatcher: filters, search in SQL (Cyrillic, any case),
paging, the teacher card and its actions, forged person ids, «Напомнить» once a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from domain.enums import Role
from handlers.territory.common import TerrCb
from storage.models import OutboxRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded, outbox
from tests.harness import Person
from tests.territory.kit import MUN_C, SCHOOL_C, T1, submitted_route, territory


async def open_people(p: Person) -> None:
    await p.send("/menu")
    await p.press("Координатор")
    await p.press("Мои педагоги")


def names(p: Person) -> list[str]:
    return [b for b, d in p.last.buttons() if d.startswith("ter:card:")]


async def test_filters_and_search(app, orgs) -> None:
    ids = await territory(app, orgs)
    p = Person(app, MUN_C)
    await open_people(p)
    assert "Найдено: <b>5</b>" in p.last.text
    assert names(p)[0].startswith("1. ✅ Алексеева")
    await p.press("Без диагностики")
    assert "Фильтр: Без диагностики. Найдено: <b>3</b>" in p.last.text
    assert not any("Алексеева" in n or "Ёлкина" in n for n in names(p))
    # a built ИОМ, submitted: «ждёт решения»; the others have none
    await submitted_route(app, ids["t1"])
    await p.press("ИОМ ждёт решения")
    assert [n.split(" · ")[0] for n in names(p)] == ["1. ✅ Алексеева Анна Петровна"]
    assert "на согласовании" in names(p)[0]
    await p.press("ИОМ не начат")
    assert "Найдено: <b>4</b>" in p.last.text
    await p.press("Нет часов в этом году")
    assert "Найдено: <b>5</b>" in p.last.text
    await p.press("Все")
    # search: any case, Cyrillic, ё
    await p.press("Найти по ФИО")
    await p.send("ЁЛКИНА")
    assert "Поиск: «ЁЛКИНА»" in p.last.text and "Найдено: <b>1</b>" in p.last.text
    assert "Ёлкина Дарья Олеговна" in names(p)[0]
    # the search stays while the filter changes; reset brings everyone back
    await p.press("Без диагностики")
    assert "Найдено: <b>0</b>" in p.last.text and "Никого не нашлось" in p.last.text
    await p.press("Сбросить")
    assert "Найдено: <b>3</b>" in p.last.text
    # bad input: wildcards are literal, an over-long query is refused and asked again
    await p.press("Найти по ФИО")
    await p.send("%")
    assert "Найдено: <b>0</b>" in p.last.text
    await p.press("Найти по ФИО")
    await p.send("а" * 101)
    assert "Слишком длинный запрос" in p.last.text
    await p.send("Борисова")
    assert "Найдено: <b>1</b>" in p.last.text


async def test_paging(app, orgs) -> None:
    await territory(app, orgs)
    for n in range(10):
        await onboarded(app, 720_000 + n, orgs["school1"], name=f"Учитель Номер {n:02d}")
    p = Person(app, SCHOOL_C)
    await open_people(p)
    assert "Найдено: <b>13</b>" in p.last.text
    assert len(names(p)) == 8
    await p.press("▶️")
    assert len(names(p)) == 5 and names(p)[0].startswith("9. ")
    # a forged page past the end shows the last one
    await p.press_data(TerrCb(a="list", org=orgs["school1"], page=99).pack())
    assert names(p)[0].startswith("9. ")


async def test_card_and_forged_people(app, orgs) -> None:
    ids = await territory(app, orgs)
    await submitted_route(app, ids["t1"])
    p = Person(app, SCHOOL_C)
    await open_people(p)
    await p.press("Алексеева")
    text = p.last.text
    assert "Карточка педагога" in text and "Алексеева Анна Петровна" in text
    assert "Диагностика</b> от" in text and "методические 47 %" in text
    assert "ИОМ</b>: на согласовании" in text
    assert "отправлен на согласование" in text  # the route's history
    # the review screen of the ИОМ is one press away
    await p.press("Открыть ИОМ")
    assert "Индивидуальный образовательный маршрут" in p.last.text
    # people outside the scope are refused, whatever the id
    for pid in (ids["t3"], ids["t_other"]):
        await p.press_data(TerrCb(a="card", org=orgs["school1"], id=pid).pack())
        assert p.alerts()[-1].startswith("⛔")
        await p.press_data(TerrCb(a="nudge", org=orgs["school1"], id=pid).pack())
        assert p.alerts()[-1].startswith("⛔")
    await p.press_data(TerrCb(a="card", org=orgs["school1"], id=999_999).pack())
    assert "Педагог не найден" in p.last.text
    assert not await outbox(app, "terr-notice-nudge")
    # the municipal coordinator reaches the same card
    m = Person(app, MUN_C)
    await m.send("/menu")
    await m.press_data(TerrCb(a="card", org=orgs["mun1"], id=ids["t1"]).pack())
    assert "Алексеева Анна Петровна" in m.last.text


async def test_nudge_once_a_day(app, orgs) -> None:
    ids = await territory(app, orgs)
    await onboarded(app, 730_001, orgs["school1"], name="Второй Координатор",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    p = Person(app, SCHOOL_C)
    await open_people(p)
    await p.press("Борисова")
    await p.press("Напомнить")
    assert "Напоминание отправлено" in p.last.text
    assert "Сегодня уже напомнили" in p.last.text
    assert not any("Напомнить" in b for b, _ in p.last.buttons())
    [row] = await outbox(app, "terr-notice-nudge")
    assert row.person_id == ids["t2"]
    # a forged second press, and another coordinator the same day: refused, nothing queued
    await p.press_data(TerrCb(a="nudge", org=orgs["school1"], id=ids["t2"]).pack())
    assert "уже напомнили" in p.alerts()[-1] or "уже напомнили" in p.last.text
    other = Person(app, 730_001)
    await other.send("/menu")
    await other.press_data(TerrCb(a="nudge", org=orgs["school1"], id=ids["t2"]).pack())
    assert len(await outbox(app, "terr-notice-nudge")) == 1
    # the next day it may go again
    TEST_CLOCK.advance(timedelta(days=1))
    await p.press_data(TerrCb(a="nudge", org=orgs["school1"], id=ids["t2"]).pack())
    assert len(await outbox(app, "terr-notice-nudge")) == 2
    # the teacher receives a polite text with buttons to their sections
    app.sender.per_chat_interval = 0.0
    await app.sender.run_once(budget=2)
    t = Person(app, 710_002)
    assert any("Координатор напоминает" in x for x in t.texts)
    assert any("ИОМ" in b for b, _ in t.last.buttons())
    async with app.sessions() as s:
        keys = (await s.scalars(select(OutboxRow.dedupe_key)
                                .where(OutboxRow.key == "terr-notice-nudge"))).all()
    assert len(set(keys)) == 2
    # nobody reminds themselves
    await p.press_data(TerrCb(a="nudge", org=orgs["school1"], id=ids["school_c"]).pack())
    assert "Себе напоминать" in (p.alerts()[-1] + p.last.text)
    assert T1  # the kit's ids stay importable


async def test_diagnosis_chart_from_the_card(app, orgs) -> None:
    from aiogram.methods import SendPhoto

    from domain import diagnosis as diag
    from domain.access import Actor
    from tests.conftest import run
    from tests.support.route import diagnose, now

    ids = await territory(app, orgs)
    await run(app, diag.unlock_retake, Actor(ids["admin"], is_config_admin=True), ids["t1"],
              now())
    await diagnose(app, ids["t1"], weak={})  # a second attempt: the chart compares the two
    p = Person(app, SCHOOL_C)
    await open_people(p)
    await p.press("Алексеева")
    await p.press("График диагностики")
    [photo] = [m for m in app.bot.session.of(SendPhoto) if int(m.chat_id) == SCHOOL_C]
    assert "Диагностика: Алексеева Анна Петровна" in photo.caption
    assert "серый пунктир" in photo.caption  # the previous attempt beside the latest
    assert "График выше" in p.last.text
    await p.press("К карточке педагога")
    assert "Карточка педагога" in p.last.text and "Алексеева Анна Петровна" in p.last.text
    # a teacher without a diagnosis: no button, and a forged press is explained
    await p.press("К списку")
    await p.press("Борисова")
    assert not any("График" in b for b, _ in p.last.buttons())
    await p.press_data(TerrCb(a="tchart", org=orgs["school1"], id=ids["t2"]).pack())
    assert "ещё нет пройденной диагностики" in p.last.text
    # forged ids outside the scope (another school, another municipality): refused, no photo
    for pid in (ids["t3"], ids["t_other"], 999_999):
        await p.press_data(TerrCb(a="tchart", org=orgs["school1"], id=pid).pack())
    assert p.alerts()[-2].startswith("⛔") and p.alerts()[-3].startswith("⛔")
    assert "Педагог не найден" in p.last.text
    assert len(app.bot.session.of(SendPhoto)) == 1
    # the municipal coordinator sees the chart of a teacher of the other school too
    m = Person(app, MUN_C)
    await m.send("/menu")
    await m.press_data(TerrCb(a="tchart", org=orgs["mun1"], id=ids["t3"]).pack())
    [photo] = [x for x in app.bot.session.of(SendPhoto) if int(x.chat_id) == MUN_C]
    assert "Ёлкина Дарья Олеговна" in photo.caption and "пунктир" not in photo.caption
