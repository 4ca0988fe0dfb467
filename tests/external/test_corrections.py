"""An entered external diagnosis corrected through the same form (issue 15): «Оставить как
есть» on every step, a bad percent refused with the step kept, a restart mid-form, who and
when kept, the route built on it showing the corrected data (rows, card, DOCX); refused for a
teacher on what a coordinator entered, for another school's coordinator and for forged ids.
The self-analysis of a route built only on an external result: saved on it, described by it
in the prompt and in the DOCX."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import AnswerCallbackQuery, SendDocument
from docx import Document

from handlers.callbacks import ExtCb
from storage.external.models import ExternalDiagnosisRow, ExternalResultRow
from storage.route.models import RoutePlanRow
from tests.conftest import outbox
from tests.harness import Person
from tests.support.external import OPERATOR, day, enter, rows_of
from tests.support.route import COORD, OTHER_COORD, TEACHER, TEACHER2, world

ANALYSIS = "Дефицит оценивания <подтверждают> результаты ВПР по математике в 7 классе."


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


def popups(calls) -> str:
    return " ".join(c.text or "" for c in calls if isinstance(c, AnswerCallbackQuery))


async def docx_text(app) -> str:
    document = Document(io.BytesIO(app.bot.session.of(SendDocument)[-1].document.data))
    return "\n".join(p.text for p in document.paragraphs)


async def test_teacher_corrects_own_result_and_the_route_follows(app, orgs, make_app) -> None:
    w = await world(app, orgs)  # no self-diagnosis: the route stands on the external result
    t = Person(app, TEACHER)
    await t.send("/external")
    await enter(t, ("80", "35", "90", "40"))
    await t.press("Готово")
    await t.press("Всё верно")
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("По внешней диагностике")
    assert f"Основа: внешняя диагностика — {OPERATOR}, {day(-10)}" in t.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    plan = await rows_of(app, RoutePlanRow)
    assert [(r.indicator, r.percent) for r in plan] == [("methodological", 35.0),
                                                       ("communicative", 40.0)]

    # section 3 works without a self-diagnosis: it analyses the external result
    await t.press("Самоанализ")
    assert "самоанализ результатов внешней диагностики" in t.last.text
    assert OPERATOR in t.last.text and "методические: 35 %" in t.last.text
    await t.send("мало")
    assert "⚠️" in t.last.text
    await t.send(ANALYSIS)
    assert "Самоанализ сохранён" in t.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    assert found.self_analysis == ANALYSIS
    await t.press("Самоанализ")
    assert "&lt;подтверждают&gt;" in t.last.text  # the current text, escaped
    await t.press("Отмена")

    # the correction: the same form, every step offers «Оставить как есть»
    await t.press("Исправить внешнюю диагностику")
    assert "Исправление результата внешней диагностики" in t.last.text
    assert f"Сейчас: <b>{day(-10)}</b>" in t.last.text
    await t.press("Оставить как есть")
    assert "Кто проводил диагностику" in t.last.text and OPERATOR in t.last.text
    await t.send("ЦНППМ Новой области")
    await t.press("Оставить как есть")  # the instrument
    await t.press("Оставить как есть")  # subject 80 %
    assert "«методические»" in t.last.text and "Сейчас: <b>35 %</b>" in t.last.text
    await t.send("150")
    assert "Нужно число от 0 до 100" in t.last.text and "«методические»" in t.last.text
    # the bot restarts mid-form: the correction goes on where it was
    app2 = await make_app()
    t2 = Person(app2, TEACHER)
    await t2.send("55")
    await t2.press("Оставить как есть")  # psycho-pedagogical
    await t2.press("Оставить как есть")  # communicative
    await t2.press("Готово")
    assert "Исправление результата" in t2.last.text and "55 %" in t2.last.text
    await t2.press("Всё верно")
    assert "исправлен" in t2.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    assert (found.operator, found.entered_by, found.edited_by) == (
        "ЦНППМ Новой области", w["teacher"], w["teacher"])
    assert found.edited_at is not None and found.self_analysis == ANALYSIS
    results = await rows_of(app, ExternalResultRow)
    assert [(r.group_code, r.percent) for r in results] == [
        ("subject", 80.0), ("methodological", 55.0), ("psycho_pedagogical", 90.0),
        ("communicative", 40.0)]
    plan = await rows_of(app, RoutePlanRow)  # the route shows the corrected percent
    assert [(r.indicator, r.percent) for r in plan] == [("methodological", 55.0),
                                                       ("communicative", 40.0)]
    assert await outbox(app, "ext-notice-corrected") == []  # one's own: nobody to tell

    # the document: the corrected source, and section 3 on it
    await t2.send("/menu")
    await t2.press("Мой ИОМ")
    assert "Основа: внешняя диагностика — ЦНППМ Новой области" in t2.last.text
    await t2.press("Скачать ИОМ")
    text = await docx_text(app2)
    assert "внешняя диагностика, оператор — ЦНППМ Новой области" in text
    assert "Результат внешней диагностики исправлен" in text
    s3 = text.index("3. Самоанализ")
    assert text.index("Основа самоанализа — внешняя диагностика: оператор — ЦНППМ Новой "
                      "области") > s3
    assert text.index(ANALYSIS) > s3 and "Самоанализ не заполнен" not in text

    # /external now offers the correction beside a new result; a new one starts the form
    await t2.send("/external")
    assert "исправить уже внесённый" in t2.last.text
    assert f"✏️ Исправить: {day(-10)}, ЦНППМ Новой области" in str(t2.last.buttons())
    await t2.press("Новый результат")
    assert "Когда проводилась" in t2.last.text and "Сейчас" not in t2.last.text
    await t2.send("/cancel")
    assert "ничего не сохранено" in t2.last.text
    assert len(await rows_of(app, ExternalDiagnosisRow)) == 1


async def test_who_may_correct_and_forged_ids(app, orgs) -> None:
    w = await world(app, orgs)
    c = Person(app, COORD)
    await c.send("/external")
    await c.press("Петрова")
    await enter(c, ("80", "75", "90", "60"))
    await c.press("Готово")
    await c.press("Всё верно")
    [found] = await rows_of(app, ExternalDiagnosisRow)

    # the teacher cannot change what the coordinator entered; others are refused too
    t = Person(app, TEACHER)
    await t.send("/menu")
    calls = await t.press_data(ExtCb(a="ed", id=found.id).pack())
    assert "внёс координатор" in popups(calls)
    for intruder in (OTHER_COORD, TEACHER2):
        p = Person(app, intruder)
        await p.send("/menu")
        calls = await p.press_data(ExtCb(a="ed", id=found.id).pack())
        assert "только у педагогов своей школы" in popups(calls)
    calls = await c.press_data(ExtCb(a="ed", id=found.id + 1000).pack())
    assert "не найден" in popups(calls)
    [again] = await rows_of(app, ExternalDiagnosisRow)
    assert again.edited_by is None and again.operator == OPERATOR

    # the coordinator corrects it from the teacher's results; the teacher is told
    await c.send("/external")
    await c.press("Петрова")
    assert "исправить уже внесённый" in c.last.text
    await c.press("Исправить")
    await c.press("Оставить как есть")
    await c.send("ИРО Тестовой области")
    for _ in range(5):  # the instrument, four percents
        await c.press("Оставить как есть")
    await c.press("Готово")
    assert "Петрова Анна Сергеевна" in c.last.text and "ИРО Тестовой области" in c.last.text
    await c.press("Всё верно")
    assert "исправлен, педагог получит уведомление" in c.last.text
    [found] = await rows_of(app, ExternalDiagnosisRow)
    assert (found.operator, found.edited_by, found.entered_by) == (
        "ИРО Тестовой области", w["coord"], w["coord"])
    assert len(await outbox(app, "ext-notice-corrected")) == 1
    # the next correction shows who corrected it last; cancelled, nothing changes
    await c.send("/external")
    await c.press("Петрова")
    await c.press("Исправить")
    assert "Последнее исправление: Завучева Ирина Павловна" in c.last.text
    await c.press("Отмена")
    assert "ничего не сохранено" in c.last.text
    assert (await rows_of(app, ExternalDiagnosisRow))[0].operator == "ИРО Тестовой области"
