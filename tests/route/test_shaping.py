"""Issue 15 through the real Dispatcher: rows removed (confirmed), merged and moved by the
teacher and, while reviewing, the school coordinator; the period changed with the date picker
(activities outside flagged, not dropped); the rebuild from a newer diagnosis keeping what was
chosen and done, with the versions of the route; consultation hours with bad input, counted
in the route, the hours ledger and the document. Forged buttons are refused."""

from __future__ import annotations

import io
from datetime import timedelta

from aiogram.methods import AnswerCallbackQuery, SendDocument
from docx import Document
from sqlalchemy import select, update

from domain import route as rt
from domain.route import ActivityStatus
from handlers.route import RrCb, RtCb
from handlers.widgets.dates import day_value
from storage.diagnosis.models import DiagAttemptRow
from storage.events_models import HoursLedgerRow
from storage.route.models import RouteActivityRow, RoutePlanRow, RouteRow, RouteVersionRow
from tests.clock import TEST_CLOCK
from tests.harness import Person
from tests.support.route import (
    COORD,
    OTHER_COORD,
    TEACHER,
    TEACHER2,
    actor,
    diagnose,
    run,
    today,
    world,
)


def popups(calls) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


async def rows(app) -> list[RoutePlanRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RoutePlanRow).order_by(RoutePlanRow.position,
                                                                   RoutePlanRow.id))).all())


async def acts(app) -> list[RouteActivityRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteActivityRow).order_by(RouteActivityRow.id)))
                    .all())


async def the_route(app) -> RouteRow:
    async with app.sessions() as s:
        return (await s.scalars(select(RouteRow))).one()


async def build(app, orgs) -> tuple[dict[str, int], Person]:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])  # two methodological deficits, one communicative
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    assert "Есть диагностика новее" not in t.last.text  # built on the latest one
    return w, t


async def test_rows_removed_merged_moved_by_the_teacher_and_the_reviewer(app, orgs) -> None:
    app.sender.per_chat_interval = 0.0
    _w, t = await build(app, orgs)
    first, second, third = await rows(app)
    assert [r.group_code for r in (first, second, third)] == [
        "methodological", "methodological", "communicative"]
    await t.press("1. ")
    labels = [b for b, _ in t.last.buttons()]
    assert "⬇️" in labels and "⬆️" not in labels and "🔗 Объединить" in labels
    await t.press("⬇️")
    assert "Строка перемещена" in t.last.text
    assert [r.id for r in await rows(app)][:2] == [second.id, first.id]
    await t.press("⬆️")
    assert [r.id for r in await rows(app)][:2] == [first.id, second.id]

    # merge: the first row into the second; both proposals kept in the merged row
    await t.press("🔗 Объединить")
    assert "той же группы" in t.last.text
    offered = [b for b, _ in t.last.buttons() if b.startswith("🔗 ")]
    assert len(offered) == 1 and "2." in offered[0]  # the communicative row is not offered
    await t.press(offered[0])
    assert "Строки объединены" in t.last.text
    left = await rows(app)
    assert [r.id for r in left] == [second.id, third.id]
    assert "; " in left[0].title and first.title in left[0].title
    assert len(await acts(app)) == 3 and {a.row_id for a in await acts(app)} == {
        second.id, third.id}
    # a forged merge with a row of another group is refused
    calls = await t.press_data(RtCb(a="mrgto", id=second.id, x=str(third.id)).pack())
    assert "одной группы" in popups(calls) + t.last.text
    assert len(await rows(app)) == 2

    # remove the communicative row: asked first, then gone with its activity
    await t.press("Назад")
    await t.press("2. ")
    await t.press("🗑 Удалить")
    assert "Удалить строку 2" in t.last.text and "уйдёт 1 мероприятие" in t.last.text
    await t.press("Отмена")
    assert len(await rows(app)) == 2
    await t.press("🗑 Удалить")
    # somebody else's forged confirmation changes nothing
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="rmrowok", id=third.id).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text
    stranger = Person(app, OTHER_COORD)
    await stranger.send("/menu")
    await stranger.press_data(RtCb(a="rmrowok", id=third.id).pack())
    assert len(await rows(app)) == 2
    await t.press("Да, удалить строку")
    assert "Строка удалена" in t.last.text
    assert [r.id for r in await rows(app)] == [second.id]
    assert {a.row_id for a in await acts(app)} == {second.id}

    # submitted: the teacher may not shape the rows any more, the school coordinator may
    await t.press("Принять")
    await t.press("Отправить на согласование")
    assert "на согласовании" in t.last.text
    calls = await t.press_data(RtCb(a="rmrowok", id=second.id).pack())
    assert "на согласовании" in popups(calls) + t.last.text
    assert len(await rows(app)) == 1
    c = Person(app, COORD)
    await c.send("/menu")
    await c.press_data(RrCb(a="open", id=second.route_id).pack())
    await c.press("1. ")
    assert "🗑 Удалить" in [b for b, _ in c.last.buttons()]
    await c.press("🗑 Удалить")
    await c.press("Да, удалить строку")
    assert "Строка удалена" in c.last.text and await rows(app) == []


async def test_period_with_the_picker_flags_activities_outside(app, orgs) -> None:
    _w, t = await build(app, orgs)
    route = await the_route(app)
    start, end = rt.default_period(today())
    assert (route.period_start, route.period_end) == (start, end)
    assert start <= today() and (end.month, end.day) == (8, 31)
    await t.press("Период реализации")
    assert "Период реализации" in t.last.text
    await t.press("Окончание")
    days = [d for _, d in t.last.buttons() if d.startswith("rt:prdp:")]
    assert days and all(d.split(":")[-1][0] == "e" for d in days)
    # a new end before the proposals' due dates (the old end): flagged, kept
    new_end = max(today(), start) + timedelta(days=40)
    await t.press_data(RtCb(a="prdp", id=route.id, x="e" + day_value(new_end)).pack())
    assert "Период сохранён" in t.last.text and "Вне периода: 3 мероприятия" in t.last.text
    route = await the_route(app)
    assert route.period_end == new_end and len(await acts(app)) == 3
    await t.press("Назад")
    assert "Вне периода реализации: 3 мероприятия" in t.last.text
    await t.press("1. ")
    assert "⚠️ вне периода" in t.last.text
    # bad picks: an end in the past, a start after the end, a forged value
    calls = await t.press_data(RtCb(a="prdp", id=route.id,
                                    x="e" + day_value(today() - timedelta(days=1))).pack())
    assert "уже прошло" in popups(calls)
    calls = await t.press_data(RtCb(a="prdp", id=route.id,
                                    x="s" + day_value(new_end + timedelta(days=1))).pack())
    assert "раньше окончания" in popups(calls)
    calls = await t.press_data(RtCb(a="prdp", id=route.id, x="e2027").pack())
    assert popups(calls)
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="prdp", id=route.id,
                                        x="e" + day_value(end)).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text
    assert (await the_route(app)).period_end == new_end
    # back to the school year in one tap
    await t.press("Назад")
    await t.press("Период реализации")
    await t.press("Учебный год")
    assert (await the_route(app)).period_end == end
    assert "Вне периода" not in t.last.text


async def test_rebuild_keeps_what_was_chosen_and_done_and_versions_are_kept(app, orgs) -> None:
    app.sender.per_chat_interval = 0.0
    w, t = await build(app, orgs)
    assert "Пересобрать" not in str(t.last.buttons())  # no newer diagnosis yet
    await t.press("Принять все")
    await t.press("Отправить на согласование")
    route = await the_route(app)
    coord = await actor(app, w["coord"])
    await run(app, rt.approve, coord, route.id, TEST_CLOCK.now())
    before = {r.indicator: r.id for r in await rows(app)}
    assert set(before) == {"meth_assessment", "meth_differentiation", "com_classroom"}
    # the dialogue row's activity is done; then a newer diagnosis: assessment stays weak,
    # differentiation and dialogue are fine now, a subject deficit appears
    teacher = await actor(app, w["teacher"])
    done = next(a for a in await acts(app) if a.row_id == before["com_classroom"])
    await run(app, rt.set_activity_status, teacher, done.id, ActivityStatus.DONE,
              TEST_CLOCK.now())
    async with app.sessions() as s:
        await s.execute(update(DiagAttemptRow).values(retake_unlocked_at=TEST_CLOCK.now()))
        await s.commit()
    await diagnose(app, w["teacher"], {"m06": 1, "s01": 1})
    await t.send("/menu")
    await t.press("Мой ИОМ")
    assert "Есть диагностика новее вашего плана" in t.last.text
    await t.press("Пересобрать по новой диагностике")
    assert "станет черновиком" in t.last.text
    # a forged rebuild by somebody else
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="rbdok", id=route.id).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text
    await t.press("Да, пересобрать")
    assert "строк сохранено — 1, новых — 1, удалено — 1, оставлено из-за выполненного — 1" \
        in t.last.text
    after = {r.indicator: r.id for r in await rows(app)}
    assert after["meth_assessment"] == before["meth_assessment"]
    assert after["com_classroom"] == before["com_classroom"]
    assert "meth_differentiation" not in after and len(after) == 3
    by_row = {a.row_id: a for a in await acts(app)}
    assert by_row[before["com_classroom"]].status == "done"
    new_row = next(i for k, i in after.items() if k not in before)
    assert by_row[new_row].proposed  # a new deficit gets a proposal like the ready draft
    route = await the_route(app)
    assert route.status == "draft" and "Пересобрать" not in str(t.last.buttons())
    # the versions: submitted, approved, before the rebuild — each opens read-only
    await t.press("Версии")
    assert "Версии маршрута</b> (3)" in t.last.text
    labels = [b for b, _ in t.last.buttons()]
    assert labels[0].startswith("№ 3 · до пересборки") and "№ 1 · отправлен" in labels[2]
    await t.press("№ 1 · отправлен")
    assert "Версия № 1" in t.last.text and "на согласовании" in t.last.text
    assert "Дефицит" not in t.last.text and t.last.text.count("\n\n") == 3  # three rows then
    assert [b for b, _ in t.last.buttons()] == ["⬅️ Назад"] or len(t.last.buttons()) == 1
    async with app.sessions() as s:
        version_id = (await s.scalars(select(RouteVersionRow.id))).first()
    calls = await other.press_data(RtCb(a="ver1", id=version_id).pack())
    assert "не ваш маршрут" in popups(calls) + other.last.text
    c = Person(app, COORD)
    await c.send("/menu")
    await c.press_data(RtCb(a="ver", id=route.id).pack())
    assert "Версии маршрута" in c.last.text  # the school coordinator sees them too


async def test_consultation_hours_bad_input_ledger_and_document(app, orgs) -> None:
    w, t = await build(app, orgs)
    await t.press("1. ")
    await t.press("Часы консультаций")
    assert "Сколько часов" in t.last.text
    for typed, error in (("abc", "Не понял число"), ("0", "больше нуля"),
                         ("500", "не больше 100"), ("1,3", "шагом в полчаса")):
        await t.send(typed)
        assert error in t.last.text and "Сколько часов" in t.last.text
    await t.send("1,5")
    assert "Часов: 1,5. Кто консультирует?" in t.last.text
    await t.press("наставник")
    names = [b for b, _ in t.last.buttons() if b.startswith("👤 ")]
    assert "👤 Козлова Ирина Павловна" in names and "👤 Завучева Ирина Павловна" in names
    assert not [n for n in names if "Чужой" in n or "Петрова" in n]  # other school, self
    await t.press("Ввести ФИО вручную")
    await t.send("ab")
    assert "Слишком коротко" in t.last.text and "фамилию, имя и отчество" in t.last.text
    await t.press("Назад")
    # a forged person of another school is refused, the step kept
    row_id = (await rows(app))[0].id
    await t.press_data(RtCb(a="consp", id=row_id, x=str(w["other"])).pack())
    assert "нельзя выбрать консультантом" in t.last.text
    await t.press("👤 Козлова")
    assert "Добавлено: 1,5 ч консультаций, Козлова Ирина Павловна" in t.last.text
    assert "Козлова Ирина Павловна (наставник) — 1,5 ч" in t.last.text
    consult = next(a for a in await acts(app) if a.hours)
    assert (consult.hours, consult.consultant_id, consult.form, consult.plan_column) == (
        1.5, w["teacher2"], "mentor", "consultations")
    # a typed name as the consultant, through the quick hour buttons
    await t.press("Часы консультаций")
    await t.press("2")
    await t.press("тьютор")
    await t.send("Тьюторова Мария Ивановна")  # nobody of the school: the words are the name
    assert "никого не нашлось" in t.last.text
    await t.press("Записать «Тьюторова Мария Ивановна» как ФИО")
    assert "Тьюторова Мария Ивановна (тьютор) — 2 ч" in t.last.text
    await t.press("Назад")
    assert "Часы консультаций: запланировано 3,5 ч, проведено 0 ч" in t.last.text
    # a stale hour button after the step is over does nothing
    calls = await t.press_data(RtCb(a="consh", id=row_id, x="4").pack())
    assert popups(calls) and len([a for a in await acts(app) if a.hours]) == 2

    # agreed and done: the hours go into the ledger; reopened: they leave it
    await t.press("Принять все")
    await t.press("Отправить на согласование")
    route = await the_route(app)
    await run(app, rt.approve, await actor(app, w["coord"]), route.id, TEST_CLOCK.now())
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("1. ")
    await t.press("Козлова Ирина Павловна")
    await t.press("Выполнено")
    async with app.sessions() as s:
        ledger = list((await s.scalars(select(HoursLedgerRow))).all())
    assert [(x.person_id, x.hours, x.kind) for x in ledger] == [(w["teacher"], 1.5,
                                                                 "in_person")]
    await t.press("В работе")
    async with app.sessions() as s:
        assert not (await s.scalars(select(HoursLedgerRow))).all()
    await t.press("Выполнено")
    await t.press("Назад")
    await t.press("Назад")
    assert "проведено 1,5 ч" in t.last.text

    # the document's consultation column: who, their role and the hours
    await t.press("Скачать ИОМ")
    doc = Document(io.BytesIO(app.bot.session.of(SendDocument)[-1].document.data))
    plan_table = doc.tables[-1]
    cells = "\n".join(c.text for r in plan_table.rows for c in r.cells)
    assert "Козлова Ирина Павловна (наставник" in cells and "1,5" in cells
    assert "Тьюторова Мария Ивановна (тьютор" in cells
