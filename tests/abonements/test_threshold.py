"""The abonement's third slice through the real Dispatcher, with the frozen clock: the
certificate threshold (the curator picks it with buttons; the school, another school and a
forged value are refused; fixed once completed) — only listeners who met it get a
certificate, the report says who did not and why; the feedback averages of the plan's events
on the report screen, in the DOCX and the XLSX; the staff covered per municipality."""

from __future__ import annotations

import io
from datetime import timedelta

import docx as python_docx
import openpyxl
from sqlalchemy import select

from domain.events import Hours
from handlers.callbacks import AbCb, FbCb
from storage.abonements.models import AbonementHistoryRow
from storage.certificates.models import CertificateRow
from storage.feedback.models import FeedbackRow
from tests.abonements.kit import (
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    mark_attended,
    row,
    running_with_two_events,
)
from tests.clock import TEST_CLOCK
from tests.harness import Person

PARTIAL = 811  # a teacher of the school who came to the shorter event only


async def _world(make_app, orgs):  # type: ignore[no-untyped-def]
    return await running_with_two_events(
        make_app, orgs, (PARTIAL, "Частичная Елена"), ("Практикум <ФГ>", Hours(2, 0, 1)))


async def _attend_and_score(app, ids, events) -> None:  # type: ignore[no-untyped-def]
    """The events are over: the teacher came to both (9 h), the other one to the short one
    (3 h of 9); the teacher scores the long one 5 and the short one 4, the other one 2."""
    TEST_CLOCK.advance(timedelta(days=4))
    long, short = events
    await mark_attended(app, ids, long, TEACHER)
    await mark_attended(app, ids, short, TEACHER)
    await mark_attended(app, ids, short, PARTIAL)
    async with app.sessions() as s:
        forms = (await s.scalars(select(FeedbackRow).order_by(FeedbackRow.id))).all()
    assert len(forms) == 3
    scores = {(ids[TEACHER], long): "5", (ids[TEACHER], short): "4", (ids[PARTIAL], short): "2"}
    for f in forms:
        user = TEACHER if f.person_id == ids[TEACHER] else PARTIAL
        p = Person(app, user)
        await p.send("/menu")
        await p.press_data(FbCb(a="score", id=f.id, v=scores[(f.person_id, f.event_id)]).pack())


async def test_threshold_certificates_and_feedback_in_the_report(make_app, orgs) -> None:
    app, ids, abonement_id, events = await _world(make_app, orgs)
    curator = Person(app, CURATOR)
    await curator.send("/menu")
    await curator.press_data(AbCb(a="card", id=abonement_id).pack())
    assert "Удостоверение: не меньше 50 % часов плана" in curator.last.text
    await curator.press("Порог удостоверения: 50 %")
    assert "Порог удостоверения: 50 % часов плана — 4,5 ч" in curator.last.text
    assert "пока абонемент не завершён" in curator.last.text
    await curator.press("75 %")
    assert "Порог удостоверения: 75 % часов плана." in curator.last.text
    assert (await row(app, abonement_id)).threshold_pct == 75
    # refused: the school, another school, another curator; a value no button offers
    for user in (SCHOOL, OTHER_SCHOOL, CURATOR2):
        p = Person(app, user)
        await p.send("/menu")
        await p.press_data(AbCb(a="thrv", id=abonement_id, v="25").pack())
        assert p.alerts(), user
    await curator.press_data(AbCb(a="thrv", id=abonement_id, v="33").pack())
    assert "Выберите порог кнопкой: 25, 50, 75, 100 %" in curator.last.text
    assert (await row(app, abonement_id)).threshold_pct == 75
    await curator.press_data(AbCb(a="thr", id=abonement_id).pack())
    await curator.press("50 %")  # back to the default: 4,5 h of 9
    assert (await row(app, abonement_id)).threshold_pct == 50
    async with app.sessions() as s:
        changes = (await s.scalars(select(AbonementHistoryRow.comment).where(
            AbonementHistoryRow.action == "threshold"))).all()
    assert changes == ["75 %", "50 %"]

    await _attend_and_score(app, ids, events)
    app = await make_app(quiet_hours="")  # a restart: the threshold is in the database
    curator = Person(app, CURATOR)
    await curator.send("/menu")
    await curator.press_data(AbCb(a="card", id=abonement_id).pack())
    await curator.press("Завершить")
    assert "Удостоверений выдано: 1" in curator.last.text
    async with app.sessions() as s:
        certs = (await s.scalars(select(CertificateRow))).all()
    assert [c.person_id for c in certs] == [ids[TEACHER]]
    # completed: the threshold its certificates followed stays
    assert "Порог удостоверения" not in " ".join(b for b, _ in curator.last.buttons())
    await curator.press_data(AbCb(a="thrv", id=abonement_id, v="25").pack())
    assert "порог, по которому выданы удостоверения, уже не меняется" in curator.last.text
    await curator.press_data(AbCb(a="thr", id=abonement_id).pack())
    assert "уже не меняется" in curator.alerts()[-1]
    assert (await row(app, abonement_id)).threshold_pct == 50

    school = Person(app, SCHOOL)
    await school.send("/menu")
    await school.press_data(AbCb(a="card", id=abonement_id).pack())
    await school.press("Итоги и отчёт")
    screen = school.last.text
    assert "достигли порога: 1" in screen
    assert "✅ Учителева Мария" in screen
    assert "Частичная Елена — очные 2" in screen and "ниже порога" in screen
    # feedback: (5 + 4 + 2) / 3 overall; the short event (4 + 2) / 2
    assert "средняя оценка 3,7 из 5 (оценили 3 из 3)" in screen
    assert "Семинар «Оценивание» — 5 (оценок: 1)" in screen
    assert "Практикум &lt;ФГ&gt; — 3 (оценок: 2)" in screen
    await school.press("Отчёт DOCX")
    doc = python_docx.Document(io.BytesIO(school.last.document.data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "не меньше 50 % часов плана (4,5 ч)" in text
    assert "достигнут" in cells
    assert "не достигнут: 3 ч из 4,5 ч — удостоверение не выдаётся" in cells
    assert "Все мероприятия плана" in cells and "3,67" in cells and "Практикум <ФГ>" in cells
    await school.press("Отчёт XLSX")
    book = openpyxl.load_workbook(io.BytesIO(school.last.document.data))
    listeners = list(book["Слушатели"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[6], r[7]) for r in listeners] == [
        ("Учителева Мария", 9, "достигнут"),
        ("Частичная Елена", 3, "не достигнут: 3 ч из 4,5 ч — удостоверение не выдаётся")]
    feedback = list(book["Обратная связь"].iter_rows(min_row=2, values_only=True))
    assert feedback == [("Семинар «Оценивание»", 5, 1, 1), ("Практикум <ФГ>", 3, 2, 2),
                        ("Все мероприятия плана", 3.67, 3, 3)]


async def test_staff_covered_per_municipality(make_app, orgs) -> None:
    app, ids, abonement_id, events = await _world(make_app, orgs)
    mun = Person(app, MUN)
    await mun.send("/menu")
    await mun.press_data(AbCb(a="fig").pack())
    assert "Педагогов охвачено: 0" in mun.last.text
    await _attend_and_score(app, ids, events)
    await mun.press_data(AbCb(a="fig").pack())
    shown = mun.last.text
    assert "Городской округ Тестовый</b> — абонементов: 1" in shown
    assert "Педагогов охвачено: 2" in shown
