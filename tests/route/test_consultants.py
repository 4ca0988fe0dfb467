"""«Консультационные часы»: the consultant is found among all the school's people (issue 15) —
a paged list with mentors first, typed text searches by a part of the name (ё as е), the
search survives a restart; «Ввести ФИО вручную» takes somebody not in the bot; a forged
person of another school, a forged page and somebody else's row are refused."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery
from sqlalchemy import select

from domain.enums import Role
from handlers.route import RtCb
from storage.route.models import RouteActivityRow, RoutePlanRow
from tests.harness import Person
from tests.support.route import TEACHER, TEACHER2, diagnose, onboarded, world

#: ten more people of school 1: nine «Учителева …» (one of them a mentor) and «Ёлкина»
MORE = 650_100


def popups(calls) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


def people(p: Person) -> list[str]:
    return [b for b, _ in p.last.buttons() if b[:2] in ("👤 ", "🎓 ")]


async def consult_rows(app) -> list[RouteActivityRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteActivityRow)
                                     .where(RouteActivityRow.hours.is_not(None)))).all())


async def setup(app, orgs) -> tuple[dict[str, int], Person, int]:
    w = await world(app, orgs)
    for n in range(1, 10):
        roles = [(Role.MENTOR, orgs["school1"])] if n == 7 else None
        w[f"u{n}"] = await onboarded(app, MORE + n, orgs["school1"],
                                     name=f"Учителева Вера {n:02d}", roles=roles)
    w["yo"] = await onboarded(app, MORE + 10, orgs["school1"], name="Ёлкина Мария Ивановна")
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    async with app.sessions() as s:
        row_id = (await s.scalars(select(RoutePlanRow.id).order_by(RoutePlanRow.position))
                  ).first()
    await t.press("1. ")
    await t.press("Часы консультаций")
    await t.press("2", exact=True)
    await t.press("наставник")
    return w, t, row_id


async def test_the_whole_school_paged_mentors_first_and_searched(app, orgs, make_app) -> None:
    w, t, row_id = await setup(app, orgs)
    # 12 people of the school besides the teacher (coordinator, Козлова, nine, Ёлкина)
    first = people(t)
    assert len(first) == 8 and first[0] == "🎓 Учителева Вера 07"  # the mentor first
    assert "1 / 2" in str(t.last.buttons()) and "Ввести ФИО вручную" in str(t.last.buttons())
    await t.press("▶️")
    second = people(t)
    assert len(second) == 4 and not set(first) & set(second)
    assert not [n for n in first + second if "Чужой" in n or "Петрова" in n]
    # a forged page number far away shows the last page, not an error
    await t.press_data(RtCb(a="consg", id=row_id, x="999").pack())
    assert people(t) == second

    # typed text searches (any case, ё as е); the search survives a restart
    await t.send("елкина")
    assert "найден 1 человек" in t.last.text and people(t) == ["👤 Ёлкина Мария Ивановна"]
    app2 = await make_app()
    t2 = Person(app2, TEACHER)
    await t2.send("учителева")
    assert "найдено 9 человек" in t2.last.text and len(people(t2)) == 8
    await t2.press("▶️")
    assert people(t2) == ["👤 Учителева Вера 09"]
    await t2.press("Сбросить поиск")
    assert "Поиск" not in t2.last.text and len(people(t2)) == 8
    await t2.send("Ёлкина")
    await t2.press("👤 Ёлкина")
    assert "Добавлено: 2 ч консультаций, Ёлкина Мария Ивановна" in t2.last.text
    [added] = await consult_rows(app2)
    assert (added.consultant_id, added.hours, added.form) == (w["yo"], 2.0, "mentor")


async def test_typed_name_forged_person_and_somebody_elses_row(app, orgs) -> None:
    w, t, row_id = await setup(app, orgs)
    # a person of another school, forged: refused by the domain, the list kept
    await t.press_data(RtCb(a="consp", id=row_id, x=str(w["other"])).pack())
    assert "нельзя выбрать консультантом" in t.last.text and len(people(t)) == 8
    assert await consult_rows(app) == []
    # another teacher presses this row's buttons: not their route, not their conversation
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="cons", id=row_id).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text
    calls = await other.press_data(RtCb(a="consg", id=row_id, x="1").pack())
    assert "неактуальна" in popups(calls)
    # somebody not in the bot: typed by hand, a short name refused and asked again
    await t.press("Ввести ФИО вручную")
    assert "фамилию, имя и отчество" in t.last.text
    await t.send("Ян")
    assert "Слишком коротко" in t.last.text and "фамилию, имя и отчество" in t.last.text
    await t.send("Наставникова Ольга Петровна")
    assert "Наставникова Ольга Петровна (наставник) — 2 ч" in t.last.text
    [added] = await consult_rows(app)
    assert added.consultant_id is None and added.title == "Наставникова Ольга Петровна"
    # a stale list button after the conversation is over does nothing
    calls = await t.press_data(RtCb(a="consp", id=row_id, x=str(w["yo"])).pack())
    assert popups(calls) and len(await consult_rows(app)) == 1
