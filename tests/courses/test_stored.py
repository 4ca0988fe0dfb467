"""The answers of a course form as typed data: the JSON stored before the change still loads
and a draft in that shape continues (also mid-form across a deploy); stored answers that do
not fit are asked again, never a traceback."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from domain import courses
from domain.courses import FileKind, FileMeta, FormKind
from storage.courses.models import CourseFormRow
from storage.models import FsmStateRow
from tests.clock import TEST_CLOCK
from tests.courses.test_flows import (
    COORD,
    TEACHER,
    TZ,
    day,
    fill_assignment,
    forms,
    open_courses,
    people,
)
from tests.harness import Person

#: a technical assignment and a report as the forms stored them before they were typed
ASSIGNMENT: dict[str, Any] = {
    "full_name": "Петрова Анна Сергеевна", "workplace": "МАОУ СОШ № 01", "position": "Учитель",
    "education": "higher", "diploma_number": "104818 0123456", "diploma_date": "2010-06-30",
    "specialty": "Учитель математики", "position_years": 12, "age": 38,
    "program": "Функциональная грамотность", "event_id": 5,
    "groups": ["subject", "methodological"],
    "difficulties": {"subject": "Задачи с параметром", "methodological": "Оценивание\nРубрики"},
}
REPORT: dict[str, Any] = {
    "full_name": "Петрова Анна Сергеевна", "workplace": "МАОУ СОШ № 01",
    "program": "Цифровая образовательная среда", "start_date": "2026-09-01",
    "end_date": "2026-10-30", "hours": 72, "input_percent": 96.0, "repeat_percent": None,
    "internships": [{"place": "Лицей № 44", "hours": 8, "activity": "Посещение уроков"}],
    "internship_draft": {"place": "Гимназия № 2", "hours": 4},
    "attestation": ["open_lesson", "other"], "attestation_other": "Защита проекта",
    "competences": ["subject"], "certificate_number": "ПК-48 № 4824",
    "certificate_file": {"file_id": "CERT-1", "kind": "document", "size": 1200000,
                         "mime": "application/pdf", "name": "udostoverenie.pdf"},
    "recommendation": True,
}


def test_stored_answers_load_typed_and_store_unchanged() -> None:
    assignment = courses.load_answers(FormKind.ASSIGNMENT, ASSIGNMENT)
    assert isinstance(assignment, courses.AssignmentAnswers)
    assert assignment.diploma_date is not None and assignment.diploma_date.year == 2010
    assert assignment.education is courses.Education.HIGHER and assignment.age == 38
    assert assignment.difficulty("diff_methodological") == "Оценивание\nРубрики"
    assert assignment.steps()[-2:] == ["diff_subject", "diff_methodological"]
    assert assignment.missing() == []
    assert assignment.stored() == ASSIGNMENT
    report = courses.load_answers(FormKind.REPORT, REPORT)
    assert isinstance(report, courses.ReportAnswers)
    assert report.internship_hours == 8 and report.recommendation_allowed
    assert report.certificate_file == FileMeta("CERT-1", FileKind.DOCUMENT, 1_200_000,
                                               "application/pdf", "udostoverenie.pdf")
    assert report.is_answered("repeat_percent") and report.repeat_percent is None
    assert report.missing() == []
    assert report.stored() == REPORT
    assert "internship_draft" not in report.sent().stored()
    # a step saved: validated, and the JSON keeps its shape
    report.forget("end_date")
    assert "end_date" not in report.stored() and report.missing() == ["end_date"]


def test_answers_that_do_not_fit_are_dropped_and_asked_again() -> None:
    bad = {**REPORT, "start_date": "31.02.2026", "hours": "много", "internships": "нет",
           "certificate_file": {"kind": "video"}, "attestation": ["other", "dance"],
           "input_percent": 250, "unknown": 1}
    report = courses.load_answers(FormKind.REPORT, bad)
    assert report.missing() == ["start_date", "hours", "input_percent", "internships",
                                "attestation", "certificate_file"]
    assert report.program == REPORT["program"] and report.end_date is not None
    assert "unknown" not in report.stored()
    for raw in (None, [1, 2], "текст"):
        assert courses.load_answers(FormKind.ASSIGNMENT, raw).stored() == {}


async def set_answers(app, form_id: int, data: Any, **values: Any) -> None:
    async with app.sessions() as s:
        await s.execute(update(CourseFormRow).where(CourseFormRow.id == form_id)
                        .values(data=data, **values))
        await s.commit()


def iso(offset: int) -> str:
    return (TEST_CLOCK.now().astimezone(TZ).date() + timedelta(days=offset)).isoformat()


async def test_a_draft_in_the_old_shape_continues_mid_form_after_a_deploy(make_app,
                                                                           orgs) -> None:
    first = await make_app()
    await people(first, orgs)
    p = Person(first, TEACHER)
    await open_courses(p)
    await p.press("Отчёт о курсах")
    await p.send("Цифровая образовательная среда")
    await p.send(day(-40))
    await p.send(day(-10))
    await p.send("72")
    await p.send("96")
    await p.press("Не проходил")
    await p.press("Добавить стажировку")
    await p.send("МАОУ «Лицей № 44»")
    assert "Объём стажировки в часах" in p.last.text
    [row] = await forms(first)
    # the draft as the version before stored it; the person is mid-form at «intern_hours»
    old = {"full_name": "Петрова Анна Сергеевна", "workplace": "МАОУ СОШ № 01",
           "position": "Учитель", "program": "Цифровая образовательная среда",
           "start_date": iso(-40), "end_date": iso(-10), "hours": 72, "input_percent": 96.0,
           "repeat_percent": None,
           "internships": [{"place": "Гимназия № 2", "hours": 10, "activity": "Уроки"}],
           "internship_draft": {"place": "МАОУ «Лицей № 44»"}}
    await set_answers(first, row.id, old)
    async with first.sessions() as s:
        [fsm] = (await s.scalars(select(FsmStateRow).where(
            FsmStateRow.state.like("CrsForm:%")))).all()
    assert fsm.state == "CrsForm:intern_hours" and fsm.data.get("crs_form") == row.id

    second = await make_app()  # deployed: the same database, a new process
    p2 = Person(second, TEACHER)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])
    await p2.send("8")
    assert "Вид деятельности" in p2.last.text
    await p2.send("Посещение и анализ уроков")
    assert "1) Гимназия № 2 — 10 ч.; Уроки" in p2.last.text
    assert "2) МАОУ «Лицей № 44» — 8 ч.; Посещение и анализ уроков" in p2.last.text
    [row] = await forms(second)
    assert row.data == {**{k: v for k, v in old.items() if k != "internship_draft"},
                        "internships": [*old["internships"], {
                            "place": "МАОУ «Лицей № 44»", "hours": 8,
                            "activity": "Посещение и анализ уроков"}]}
    async with second.sessions() as s:
        states = [f.state for f in (await s.scalars(select(FsmStateRow))).all()]
    assert "CrsForm:internships" in states


async def test_stored_answers_that_do_not_fit_are_asked_again(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, TEACHER)
    await open_courses(p)
    await p.press("Отчёт о курсах")
    await p.send("Курс по выбору")
    await p.send("/cancel")
    [row] = await forms(app)
    await set_answers(app, row.id, {"program": "Курс по выбору", "start_date": "31.02.2026",
                                    "end_date": iso(-10), "hours": "много",
                                    "internships": "нет"})
    await open_courses(p)
    await p.press("1. Отчёт «Курс по выбору»")
    assert "Начало курсов" in p.last.text and "Что-то пошло не так" not in p.last.text
    await p.press("Продолжить заполнение")
    assert "Дата начала" in p.last.text  # the date that did not fit is asked again
    await p.send(day(-40))
    assert "Дата окончания" in p.last.text  # the stored end fits: kept
    await p.press("Оставить")
    assert "Объём программы в часах" in p.last.text
    await p.send("72")
    [row] = await forms(app)
    assert row.data == {"program": "Курс по выбору", "start_date": iso(-40),
                        "end_date": iso(-10), "hours": 72}


async def test_a_coordinator_reads_a_form_whose_answers_do_not_fit(app, orgs) -> None:
    await people(app, orgs)
    p, c = Person(app, TEACHER), Person(app, COORD)
    await fill_assignment(p)
    [row] = await forms(app)
    await set_answers(app, row.id, {**row.data, "age": "тридцать", "groups": "все"})
    await app.sender.run_once(budget=2)
    await c.press("Открыть")
    assert "Возраст: <b>—</b>" in c.last.text
    assert "Компетенции к развитию: <b>—</b>" in c.last.text
    assert "✅ Согласовать" in [b for b, _ in c.last.buttons()]
    assert "Что-то пошло не так" not in c.last.text
