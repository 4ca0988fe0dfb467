"""The abonement's results through the real Dispatcher, with the frozen clock: completion
refused before the plan is done, then done by the curator; every attending teacher of the
school gets a certificate (удостоверение) with their hours — downloadable and checked by
/verify; the school's report as DOCX and XLSX; the staff's diagnosis before on the card; the
territory's figures per municipality; forged buttons refused; a restart keeps it all."""

from __future__ import annotations

import io
from datetime import timedelta

import docx as python_docx
import openpyxl
from sqlalchemy import select

from domain.events import Hours
from handlers.callbacks import AbCb
from storage.certificates.models import CertificateRow
from tests.abonements.kit import (
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    mark_attended,
    deliver_all,
    row,
    running_with_two_events,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID
from tests.harness import Person

ABSENT = 810  # a teacher of the school who registered and did not come


async def _world(make_app, orgs):  # type: ignore[no-untyped-def]
    return await running_with_two_events(
        make_app, orgs, (ABSENT, "Пропускова Дарья"), ("Мастер-класс <ФГ>", Hours(2, 0, 2)),
        diagnosed=True)


async def _attend(app, ids, events) -> None:  # type: ignore[no-untyped-def]
    """The events are over; the teacher came to both, the other one to none."""
    TEST_CLOCK.advance(timedelta(days=4))
    for event_id in events:
        await mark_attended(app, ids, event_id, TEACHER)


async def test_completion_report_and_certificates(make_app, orgs) -> None:
    app, ids, abonement_id, events = await _world(make_app, orgs)
    curator = Person(app, CURATOR)
    await curator.send("/menu")
    await curator.press_data(AbCb(a="card", id=abonement_id).pack())
    assert "Диагностика коллектива" in curator.last.text  # before: one teacher measured
    await curator.press("Завершить")
    assert "когда проведены все мероприятия плана" in curator.last.text
    assert (await row(app, abonement_id)).status == "running"

    await _attend(app, ids, events)
    # forged completions: another school, another curator, the school itself
    for user in (OTHER_SCHOOL, CURATOR2, SCHOOL):
        p = Person(app, user)
        await p.send("/menu")
        await p.press_data(AbCb(a="done", id=abonement_id).pack())
        assert p.alerts(), user
    assert (await row(app, abonement_id)).status == "running"
    await curator.press_data(AbCb(a="card", id=abonement_id).pack())
    await curator.press("Завершить")
    assert "Абонемент завершён" in curator.last.text and "Удостоверений выдано: 1" in curator.last.text
    assert (await row(app, abonement_id)).status == "completed"
    await curator.press_data(AbCb(a="done", id=abonement_id).pack())  # a second tap
    assert "Сейчас это действие недоступно" in curator.last.text
    async with app.sessions() as s:
        [cert] = (await s.scalars(select(CertificateRow))).all()
    assert cert.person_id == ids[TEACHER] and cert.abonement_id == abonement_id
    assert cert.event_id is None
    assert (cert.hours_in_person, cert.hours_remote, cert.hours_self_study) == (6, 2, 2)

    # the teacher downloads it from the notice; anyone checks the number
    await deliver_all(app)
    teacher = Person(app, TEACHER)
    assert cert.number in teacher.last.text
    await teacher.press("Скачать сертификат")
    assert teacher.last.document is not None
    assert teacher.last.document.data.startswith(b"%PDF")
    stranger = Person(app, OTHER_SCHOOL)
    await stranger.send(f"/verify {cert.number.lower()}")
    shown = stranger.last.text
    assert "действителен" in shown and "Учителева Мария" in shown and "МАОУ СОШ № 01" in shown
    assert "10" in shown
    await deliver_all(app)
    school = Person(app, SCHOOL)
    assert "завершён" in school.last.text

    # the school's report: the screen, DOCX and XLSX
    app = await make_app(quiet_hours="")  # a restart: everything is in the database
    school = Person(app, SCHOOL)
    await school.send("/menu")
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    await school.press("Итоги и отчёт")
    screen = school.last.text
    assert "Мероприятий проведено: 2 из 2" in screen
    assert "Учителева Мария — очные 6" in screen and "Пропускова" not in screen
    await school.press("Отчёт DOCX")
    doc = python_docx.Document(io.BytesIO(school.last.document.data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ОТЧЁТ" in text and "МАОУ СОШ № 01" in text
    assert "Мастер-класс <ФГ>" in cells and "Учителева Мария" in cells
    assert "6 / 2 / 0" not in cells and "4 / 2 / 0" in cells and "2 / 0 / 2" in cells
    await school.press("Отчёт XLSX")
    book = openpyxl.load_workbook(io.BytesIO(school.last.document.data))
    plan_rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[6], r[9]) for r in plan_rows] == [
        ("Семинар «Оценивание»", 4, 4, 1), ("Мастер-класс <ФГ>", 2, 2, 1)]
    listeners = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert listeners == [(1, "Учителева Мария", 2, 6, 2, 2, 10, "достигнут")]
    # another school's coordinator sees nothing of it
    other = Person(app, OTHER_SCHOOL)
    await other.send("/menu")
    for data in (AbCb(a="rep", id=abonement_id), AbCb(a="rxlsx", id=abonement_id)):
        await other.press_data(data.pack())
        assert other.alerts()[-1] == "Этот абонемент вам недоступен."
    sent = other.tg.messages[other.chat.id]
    assert all(m.document is None and "Итоги" not in m.text for m in sent)


async def test_territory_figures(make_app, orgs) -> None:
    app, ids, abonement_id, events = await _world(make_app, orgs)
    await _attend(app, ids, events)
    mun = Person(app, MUN)
    await mun.send("/menu")
    await mun.press("Координатор")
    await mun.press("Методический абонемент")
    await mun.press("Абонементы по муниципалитетам")
    shown = mun.last.text
    assert "Городской округ Тестовый</b> — абонементов: 1" in shown
    assert "Школ в программе: 1" in shown
    assert "Часы по соглашениям: очные 10" in shown and "Проведено: очные 6" in shown
    assert "Заречный район" not in shown  # outside the municipality's territory
    centre = Person(app, ADMIN_ID)
    await centre.send("/menu")
    await centre.press_data(AbCb(a="fig").pack())
    assert "Городской округ Тестовый" in centre.last.text
    teacher = Person(app, TEACHER)
    await teacher.send("/menu")
    await teacher.press_data(AbCb(a="fig").pack())
    assert teacher.alerts()
