"""External diagnostics through the real Dispatcher (issue 15): the teacher enters their own
result (bad percent and a future date refused, the step kept), builds the ИОМ on it (its rows
are the external deficits), the DOCX names the source and shows the education; a coordinator
enters one for a teacher of the school (the teacher is notified), a forged teacher id of
another school is refused."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import AnswerCallbackQuery, SendDocument, SendMessage
from docx import Document

from handlers.callbacks import ExtCb
from storage.external.models import ExternalDiagnosisRow, ExternalResultRow
from storage.route.models import RoutePlanRow, RouteRow
from tests.conftest import outbox
from tests.harness import Person
from tests.support.external import day, enter, rows_of
from tests.support.route import COORD, OTHER_COORD, TEACHER, diagnose, world


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def test_teacher_enters_builds_route_and_gets_the_paper(app, orgs) -> None:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/external")
    assert "Внешняя диагностика" in t.last.text and "Когда проводилась" in t.last.text
    await t.send(day(5))  # the future: refused, the step kept
    assert "Когда проводилась" in t.last.text and "⚠️" in t.last.text
    await t.send(day(-10))
    await t.send("ЦНППМ Тестовой области")
    await t.send("Тест <ЦНППМ>-2026")
    assert "«предметные»" in t.last.text
    for bad in ("150", "много"):
        await t.send(bad)
        assert "Нужно число от 0 до 100" in t.last.text and "«предметные»" in t.last.text
    await t.press("80", exact=True)
    assert "«методические»" in t.last.text
    await t.send("35,5")
    await t.press("90", exact=True)
    await t.send("40 %")
    assert "показатели" in t.last.text
    await t.press("Дифференциация и индивидуализация")
    await t.press("Организация учебного диалога")
    assert t.last.text.count("✅") == 0  # marks are on the buttons
    await t.press("Готово")
    assert "ЦНППМ Тестовой области" in t.last.text and "35,5 %" in t.last.text
    assert "Тест &lt;ЦНППМ&gt;-2026" in t.last.text
    await t.press("Всё верно")
    assert "сохранён" in t.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    assert found.person_id == w["teacher"] and found.entered_by == w["teacher"]
    results = await rows_of(app, ExternalResultRow)
    assert [(r.group_code, r.percent) for r in results] == [
        ("subject", 80.0), ("methodological", 35.5), ("psycho_pedagogical", 90.0),
        ("communicative", 40.0)]
    assert results[1].indicators == ["meth_differentiation"]
    assert results[3].indicators == ["com_classroom"]

    # «Мой ИОМ» offers both sources; the route is built on the external one
    await t.send("/menu")
    await t.press("Мой ИОМ")
    assert "По самодиагностике" in str(t.last.buttons)
    await t.press("По внешней диагностике")
    [route] = await rows_of(app, RouteRow)
    assert route.external_diagnosis_id == found.id
    plan = await rows_of(app, RoutePlanRow, RoutePlanRow.route_id == route.id)
    assert [(r.title, r.indicator, r.percent) for r in plan] == [
        ("Дифференциация и индивидуализация обучения", "meth_differentiation", 35.5),
        ("Организация учебного диалога и сотрудничества на уроке", "com_classroom", 40.0)]

    # the rebuild offers the other source: back to the self-assessment's deficits
    await t.press("Пересобрать")
    await t.press("Да, пересобрать")
    assert "План пересобран" in t.last.text
    [route] = await rows_of(app, RouteRow)
    assert route.external_diagnosis_id is None and route.attempt_id is not None
    plan = await rows_of(app, RoutePlanRow, RoutePlanRow.route_id == route.id)
    assert len(plan) == 3  # the self-assessment's three deficits
    assert {"meth_differentiation", "com_classroom"} < {r.indicator for r in plan}
    await t.press("Пересобрать")
    await t.press("По внешней диагностике")
    [route] = await rows_of(app, RouteRow)
    assert route.external_diagnosis_id == found.id

    # education in the profile, then the document
    await t.send("/profile")
    await t.press("Образование", exact=True)
    await t.press("Высшее педагогическое")
    assert "Сохранено" in t.last.text and "Высшее педагогическое" in t.last.text
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Скачать ИОМ")
    document = Document(io.BytesIO(app.bot.session.of(SendDocument)[-1].document.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "внешняя диагностика, оператор — ЦНППМ Тестовой области" in text
    assert "«Тест <ЦНППМ>-2026»" in text and day(-10) in text
    teacher_table = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert ["Образование", "Высшее педагогическое"] in teacher_table


async def test_coordinator_enters_for_a_teacher_and_a_forged_id_is_refused(app, orgs) -> None:
    w = await world(app, orgs)
    other = Person(app, OTHER_COORD)  # school 2: the teacher of school 1 is not theirs
    await other.send("/menu")
    calls = await other.press_data(ExtCb(a="t", id=w["teacher"]).pack())
    popup = " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))
    assert "только для педагогов своей школы" in popup
    assert await rows_of(app, ExternalDiagnosisRow) == []

    c = Person(app, COORD)
    await c.send("/external")
    assert "Для кого ввести" in c.last.text
    await c.press("Петрова")
    assert "Когда проводилась" in c.last.text
    await enter(c, ("80", "75", "90", "60"))
    assert "дефицитов нет" in c.last.text
    await c.press("Готово")
    assert "Петрова Анна Сергеевна" in c.last.text
    await c.press("Всё верно")
    assert "педагог получит уведомление" in c.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    assert found.person_id == w["teacher"] and found.entered_by == w["coord"]
    assert len(await outbox(app, "ext-notice-entered")) == 1
    await app.sender.run_once(budget=2)
    told = [m.text for m in app.bot.session.of(SendMessage) if int(m.chat_id) == TEACHER]
    assert any("ЦНППМ Тестовой области" in x and day(-10) in x for x in told)

    # the teacher has no self-diagnosis: the ИОМ is offered on the external result only
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    assert "есть результат внешней диагностики" in t.last.text
    await t.press("По внешней диагностике")
    [route] = await rows_of(app, RouteRow)
    assert route.external_diagnosis_id == found.id and route.attempt_id is None
    assert await rows_of(app, RoutePlanRow) == []  # nothing under the threshold
