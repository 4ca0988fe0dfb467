"""The staff's diagnosis of an abonement on the diagnosis campaigns, through the real
Dispatcher with the frozen clock: the curator launches «Входная диагностика» for the whole
staff with a deadline (bad dates, a restart before «Запустить»), the teachers are invited and
take it, «Итоговая диагностика» is refused while the start one runs and (by the calendar)
before the plan is over, then launched; the teachers repeat it with fewer deficits and the
card, the report screen, the DOCX and the XLSX show the change per competence group. Forged
launches by the school, another school, another curator and a teacher are refused."""

from __future__ import annotations

import io
from datetime import timedelta

import docx as python_docx
import openpyxl
from aiogram.methods import SendDocument
from sqlalchemy import func, select

from domain import abonements as ab
from domain.events import Hours
from handlers.abonements.callbacks import AbDiagCb
from handlers.callbacks import AbCb
from handlers.formatting import fmt_date
from storage.abonements.models import AbonementCampaignRow
from storage.campaigns.models import CampaignParticipantRow, CampaignRow
from tests.abonements.kit import (
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    TZ,
    actor,
    deliver_all,
    mark_attended,
    notices,
    running_with_two_events,
    today,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, read
from tests.diagnosis.test_flows import STRONG_WEAK, TOTAL, answer
from tests.harness import Person
from tests.support.route import diagnose

COLLEAGUE = 812  # another teacher of the school


async def _world(make_app, orgs):  # type: ignore[no-untyped-def]
    return await running_with_two_events(
        make_app, orgs, (COLLEAGUE, "Коллегова Инна"), ("Практикум", Hours(2, 0, 2)))


async def _linked(app) -> dict[str, int]:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        rows = (await s.scalars(select(AbonementCampaignRow))).all()
        return {r.stage: r.campaign_id for r in rows}


async def _card(p: Person, abonement_id: int) -> str:
    await p.send("/menu")
    await p.press_data(AbCb(a="card", id=abonement_id).pack())
    return p.last.text


async def _take_in_bot(p: Person, labels: list[str]) -> None:
    """From the invitation: «Пройти» opens the campaign's card, «Пройти» there starts."""
    await p.press("Пройти")
    await p.press("Пройти")
    assert f"1 / {TOTAL}" in p.last.text, p.last.text
    await answer(p, labels)
    await p.press("Завершить")


def day(offset: int) -> str:
    return fmt_date(today() + timedelta(days=offset), "ru")


async def test_start_and_final_diagnosis_show_the_staffs_change(make_app, orgs) -> None:
    app, ids, abonement_id, events = await _world(make_app, orgs)
    curator = Person(app, CURATOR)
    text = await _card(curator, abonement_id)
    assert "Входная и итоговая диагностика коллектива не запускались" in text  # the fallback
    labels = str(curator.last.buttons())
    assert "Входная диагностика" in labels and "Итоговая диагностика" not in labels
    # the school's coordinator follows it but does not launch it
    school = Person(app, SCHOOL)
    await _card(school, abonement_id)
    assert "диагностика" not in str(school.last.buttons())

    await curator.press("Входная диагностика")
    assert "педагогов — 3" in curator.last.text  # the whole staff: coordinator, two teachers
    assert f"с {day(1)} по {day(91)}" in curator.last.text
    await curator.send("31.02")  # bad input: the same step with the reason
    assert "Такой даты нет" in curator.last.text and "До какого дня" in curator.last.text
    await curator.send(day(0))  # today: too short a window
    assert "не может быть раньше" in curator.last.text
    await curator.press_data(AbDiagCb(a="day", id=abonement_id, s="start",
                                      v="20990101").pack())  # a forged day
    assert "Выберите срок с" in curator.alerts()[-1]
    await curator.press("Неделя")
    assert f"до {day(6)} включительно" in curator.last.text
    assert not await _linked(app)  # nothing launched before «Запустить»

    # a restart before «Запустить»: the conversation goes on (FSM in the database) — a typed
    # date changes the deadline on the summary
    app = await make_app(quiet_hours="")
    curator = Person(app, CURATOR)
    await curator.send(day(6))
    assert f"до {day(6)} включительно" in curator.last.text
    await curator.press("Запустить")
    assert "Входная диагностика запущена: приглашения получили педагогов — 3" in curator.last.text
    assert f"срок — до {day(6)}" in curator.last.text
    start_id = (await _linked(app))["start"]
    async with app.sessions() as s:
        campaign = await s.get(CampaignRow, start_id)
        assert campaign is not None and campaign.kind == "diagnosis"
        assert campaign.audience["orgs"] == [orgs["school1"]]
        invited = (await s.scalars(select(CampaignParticipantRow.person_id).where(
            CampaignParticipantRow.campaign_id == start_id))).all()
    assert sorted(invited) == sorted([ids[SCHOOL], ids[TEACHER], ids[COLLEAGUE]])
    assert "Ход входной" in str(curator.last.buttons())
    assert "Итоговую диагностику можно запустить, когда закончится входная" in curator.last.text
    # a second start is refused; the final one too while the start one runs
    await curator.press_data(AbCb(a="dg", id=abonement_id, v="start").pack())
    assert "Входная диагностика уже запущена" in curator.last.text
    await curator.press_data(AbCb(a="dg", id=abonement_id, v="final").pack())
    assert "когда закончится входная" in curator.last.text
    assert len(await _linked(app)) == 1
    [told] = await notices(app, "abon-notice-diagnosis")
    assert told.person_id == ids[SCHOOL]

    # the staff is invited; the teacher takes it in the bot, the colleague too
    await deliver_all(app)
    teacher = Person(app, TEACHER)
    assert any("Входная диагностика коллектива" in t for t in teacher.texts)
    await _take_in_bot(teacher, STRONG_WEAK)  # deficits: methodological, communicative
    await diagnose(app, ids[COLLEAGUE], campaign_id=start_id)  # methodological, communicative
    text = await _card(curator, abonement_id)
    assert "Входная диагностика: " in text and "прошли 2 из 3 (идёт)" in text
    assert "Итоговая диагностика коллектива ещё не проводилась" in text

    # the start window is over; the plan's events are over but nobody was marked present
    TEST_CLOCK.advance(timedelta(days=8))
    text = await _card(curator, abonement_id)
    assert "прошли 2 из 3 (завершена)" in text
    d = await read(app, ab.diagnostics, actor(ids[CURATOR]), abonement_id, TZ, TEST_CLOCK.now())
    opens = d.final_from
    assert opens is not None
    if today() < opens:  # by the calendar, not yet; the plan is not done either
        assert "Итоговая диагностика" not in str(curator.last.buttons())
        assert f"Итоговую диагностику можно запустить с {fmt_date(opens, 'ru')}" in text
        await curator.press_data(AbCb(a="dg", id=abonement_id, v="final").pack())
        assert "или раньше, когда пройдут все мероприятия плана" in curator.last.text
        assert len(await _linked(app)) == 1
    for event_id in events:  # attendance marked: the plan is done
        await mark_attended(app, ids, event_id, TEACHER)

    await _card(curator, abonement_id)
    await curator.press("Итоговая диагностика")
    assert "Сравнение — по педагогам, прошедшим обе диагностики" in curator.last.text
    await curator.press("Две недели")
    await curator.press("Запустить")
    assert "Итоговая диагностика запущена: приглашения получили педагогов — 3" in curator.last.text
    final_id = (await _linked(app))["final"]
    assert "Обе диагностики запущены, но пока ни один педагог не прошёл обе" in curator.last.text

    # the repeat: fewer deficits (the retake interval does not apply inside a campaign)
    await deliver_all(app)
    await _take_in_bot(teacher, ["Могу научить других"] * TOTAL)
    await diagnose(app, ids[COLLEAGUE], weak={"m06": 1}, campaign_id=final_id)
    text = await _card(curator, abonement_id)
    assert "Результат абонемента: доля педагогов с дефицитами" in text
    assert "прошли обе диагностики: 2; дефицитов стало меньше у 2" in text
    assert "• методические: 100 % → 50 % (−50)" in text
    assert "• коммуникативные: 100 % → 0 % (−100)" in text
    assert "• предметные: 0 % → 0 % (±0)" in text
    assert "Итоговая диагностика ещё идёт" in text
    assert "Итоговая диагностика" not in str(curator.last.buttons())  # launched once

    # the report: the screen, the DOCX and the XLSX; the school reads the same result
    await _card(school, abonement_id)
    assert "• методические: 100 % → 50 % (−50)" in school.last.text
    await school.press("Итоги и отчёт")
    assert "• коммуникативные: 100 % → 0 % (−100)" in school.last.text
    await school.press("Отчёт DOCX")
    await school.press("Отчёт XLSX")
    docx_sent, xlsx_sent = [m for m in school.tg.of(SendDocument) if m.chat_id == SCHOOL][-2:]
    document = python_docx.Document(io.BytesIO(docx_sent.document.data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Прошли обе: 2; дефицитов стало меньше у 2" in paragraphs
    [diagnosis] = [t for t in document.tables if t.rows[0].cells[0].text == "Группа компетенций"]
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in diagnosis.rows[1:]}
    assert cells["методические"] == ["100 %", "50 %", "−50"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_sent.document.data))
    sheet = book["Диагностика"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["коммуникативные"] == (100, 0, -100)
    assert [c.value for c in sheet[1]][-1] == "Изменение, п. п."


async def test_only_the_curator_or_the_centre_launches_and_forged_buttons_are_refused(
        make_app, orgs) -> None:
    app, ids, abonement_id, _ = await _world(make_app, orgs)

    async def count() -> int:
        async with app.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(CampaignRow)) or 0)

    # the school's coordinator, another school's, another curator, the municipality, a teacher
    for user in (SCHOOL, OTHER_SCHOOL, CURATOR2, MUN, TEACHER):
        p = Person(app, user)
        await p.send("/menu")
        await p.press_data(AbCb(a="dg", id=abonement_id, v="start").pack())
        assert p.alerts(), user
        await p.press_data(AbDiagCb(a="go", id=abonement_id, s="start").pack())
        assert p.alerts()[-1], user
    assert await count() == 0 and not await _linked(app)
    # a forged «Запустить» of the curator's with no conversation, a forged stage
    curator = Person(app, CURATOR)
    await _card(curator, abonement_id)
    await curator.press_data(AbDiagCb(a="go", id=abonement_id, s="start").pack())
    assert "Эта кнопка уже неактуальна" in curator.alerts()[-1]
    await curator.press_data(AbCb(a="dg", id=abonement_id, v="later").pack())
    assert "⚠️" in curator.last.text
    # the conversation of another abonement's stage is not this one's
    await curator.press("Входная диагностика")
    await curator.press_data(AbDiagCb(a="q", id=abonement_id, s="final", v="7").pack())
    assert "Эта кнопка уже неактуальна" in curator.alerts()[-1]
    assert await count() == 0
    # the centre may launch it (and /cancel on the way leaves nothing)
    admin = Person(app, ADMIN_ID)
    await _card(admin, abonement_id)
    await admin.press("Входная диагностика")
    await admin.press("Месяц")
    await admin.send("/cancel")
    assert "Входная диагностика" in str(admin.last.buttons())  # back on the card
    assert await count() == 0
    await admin.press("Входная диагностика")
    await admin.press("Месяц")
    await admin.press("Запустить")
    assert "Входная диагностика запущена" in admin.last.text
    assert await count() == 1 and "start" in await _linked(app)
