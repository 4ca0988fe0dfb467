"""Versions of the route stored when the coordinator returns it for rework and when it is
concluded (issue 15), listed with who, when and why (the return comment, the conclusion),
each opening read-only; the return's comment typed across a restart; a forged version id of
somebody else's route is refused."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery
from sqlalchemy import select, update

from domain import route as rt
from handlers.route import RrCb, RtCb
from storage.route.models import RouteRow, RouteVersionRow
from tests.clock import TEST_CLOCK
from tests.harness import Person
from tests.support.route import COORD, TEACHER, TEACHER2, actor, diagnose, run, today, world


def popups(calls) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


async def stored(app) -> list[RouteVersionRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteVersionRow).order_by(RouteVersionRow.number))
                     ).all())


async def test_return_and_conclusion_are_versions_with_who_when_and_why(app, orgs,
                                                                         make_app) -> None:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    await t.press("Принять все")
    await t.press("Отправить на согласование")
    async with app.sessions() as s:
        route_id = (await s.scalars(select(RouteRow.id))).one()

    # the coordinator returns it; the bot restarts while the comment is typed
    c = Person(app, COORD)
    await c.send("/menu")
    await c.press_data(RrCb(a="open", id=route_id).pack())
    await c.press("Вернуть")
    c2 = Person(await make_app(), COORD)
    await c2.send("ok")  # too short: refused, nothing stored
    assert "слишком короткий" in c2.last.text and len(await stored(app)) == 1
    await c2.send("Добавьте <b>внутришкольные</b> мероприятия")
    assert "возвращён педагогу" in c2.last.text
    versions = await stored(app)
    assert [(v.number, v.action, v.status, v.actor_id) for v in versions] == [
        (1, "submitted", "submitted", w["teacher"]), (2, "returned", "returned", w["coord"])]
    assert versions[1].comment == "Добавьте <b>внутришкольные</b> мероприятия"
    assert versions[1].snapshot["rows"] == versions[0].snapshot["rows"]  # the plan returned

    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Версии")
    text = t.last.text
    assert "№ 2 · возвращён" in text and "Завучева Ирина Павловна" in text
    assert "Комментарий: «Добавьте &lt;b&gt;внутришкольные&lt;/b&gt; мероприятия»" in text
    assert "№ 1 · отправлен" in text and "Петрова Анна Сергеевна" in text
    await t.press("№ 2 · возвращён")
    assert "Версия № 2" in t.last.text and "возвращён на доработку" in t.last.text
    assert "Кто: Завучева Ирина Павловна" in t.last.text
    assert "Комментарий: «Добавьте &lt;b&gt;" in t.last.text
    # somebody else's forged version id
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="ver1", id=versions[1].id).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text

    # resubmitted, approved, the period over: the conclusion is a version too
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Отправить на согласование")
    await run(app, rt.approve, await actor(app, w["coord"]), route_id, TEST_CLOCK.now())
    async with app.sessions() as s:
        await s.execute(update(RouteRow).values(period_end=today()))
        await s.commit()
    await c2.press_data(RrCb(a="open", id=route_id).pack())
    await c2.press("Заключение")
    await c2.send("План выполнен, оценивание освоено на практике")
    assert "Маршрут завершён" in c2.last.text
    versions = await stored(app)
    assert [v.action for v in versions] == [
        "submitted", "returned", "submitted", "approved", "completed"]
    assert versions[-1].status == "completed" and versions[-1].actor_id == w["coord"]
    assert versions[-1].comment == "План выполнен, оценивание освоено на практике"
    await c2.press_data(RtCb(a="ver", id=route_id).pack())
    assert "Версии маршрута</b> (5)" in c2.last.text
    assert "№ 5 · завершён" in c2.last.text
    assert "Заключение: «План выполнен, оценивание освоено на практике»" in c2.last.text
    await c2.press("№ 5 · завершён")
    assert "🏁 завершён" in c2.last.text and "Заключение: «План выполнен" in c2.last.text
