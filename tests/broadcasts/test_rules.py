"""Scope refusal with forged data, opt-out, schedule, cancel, quiet hours, and the one-tap
registration from an event announcement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from domain import broadcasts as bc
from domain.errors import AccessDenied
from handlers.callbacks import BcAudCb, BcCb, BcMsgCb
from handlers.events.callbacks import EvAdmCb
from storage.broadcasts.models import BroadcastOptOutRow, BroadcastRow
from tests.broadcasts.kit import (
    broadcast_row,
    compose,
    deliver,
    last_broadcast,
    local,
    municipal_coordinator,
    open_broadcasts,
    people,
    rows_of,
    tick,
    until_local,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, run
from tests.harness import Person
from tests.support.events import actor, make_event, registration


async def test_a_coordinator_reaches_only_their_scope_and_forgeries_are_refused(
        make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    coord_id = await municipal_coordinator(app, orgs)
    admin = Person(app, ADMIN_ID)
    admin_draft = await compose(admin, "Черновик администратора")
    coord = Person(app, 700)
    bid = await compose(coord, "Новости муниципалитета", section="Координатор")
    # mun1: the admin, three teachers and the coordinator; not the teacher of mun2
    assert "Получат: <b>5</b>" in coord.last.text
    # a school outside the scope, forged into the audience: refused, nothing stored
    await coord.press_data(BcAudCb(id=bid, d="org", v=f"{orgs['other_school']}|m.0").pack())
    assert any("вне вашей зоны" in t for t in coord.alerts() + coord.texts[-2:])
    assert (await broadcast_row(app, bid)).audience["orgs"] == []
    # inside the scope: fine
    await coord.press_data(BcAudCb(id=bid, d="org", v=f"{orgs['school2']}|s.0").pack())
    assert (await broadcast_row(app, bid)).audience["orgs"] == [orgs["school2"]]
    await coord.press_data(BcAudCb(id=bid, d="").pack())
    assert "Получат: <b>1</b>" in coord.last.text  # the teacher of school2
    # someone else's broadcast by a forged id: not found, not sent
    await coord.press_data(BcCb(a="go", id=admin_draft).pack())
    await coord.press_data(BcCb(a="card", id=admin_draft).pack())
    assert any("Рассылка не найдена" in t for t in coord.alerts() + coord.texts[-2:])
    assert await rows_of(app, admin_draft) == []
    # an audience tampered with in storage: refused at sending, nothing is queued
    async with app.sessions() as s:
        await s.execute(update(BroadcastRow).where(BroadcastRow.id == bid).values(
            audience=bc.Audience(orgs=(orgs["other_school"],)).to_dict()))
        await s.commit()
    await coord.press_data(BcCb(a="go", id=bid).pack())
    assert await rows_of(app, bid) == []
    assert (await broadcast_row(app, bid)).status == "draft"
    # and in the domain, with the region id
    coordinator = await actor(app, coord_id)
    with pytest.raises(AccessDenied):
        await run(app, bc.set_audience, coordinator, bid, bc.Audience(orgs=(orgs["region"],)),
                  TEST_CLOCK.now())
    # a teacher has no broadcasts at all
    teacher = await actor(app, ids["601"])
    with pytest.raises(AccessDenied):
        await run(app, bc.create_draft, teacher, bc.Content(html="x"), TEST_CLOCK.now())


async def test_filters_select_in_sql(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    bid = await compose(admin, "Только математикам высшей категории")
    await admin.press("Аудитория")
    await admin.press_data(BcAudCb(id=bid, d="categories", v="highest").pack())
    assert "Получат: <b>0</b>" not in admin.last.text  # a list screen, not the summary
    await admin.press_data(BcAudCb(id=bid, d="").pack())
    assert "Получат: <b>0</b>" in admin.last.text  # everyone onboarded has «first»
    await admin.press_data(BcAudCb(id=bid, d="categories", v="highest").pack())  # off again
    await admin.press_data(BcAudCb(id=bid, d="subjects", v="math").pack())
    await admin.press_data(BcAudCb(id=bid, d="deficits", v="never").pack())
    await admin.press_data(BcAudCb(id=bid, d="").pack())
    assert "Получат: <b>5</b>" in admin.last.text
    await admin.press_data(BcAudCb(id=bid, d="orgs").pack())
    await admin.press_data(BcAudCb(id=bid, d="org", v=f"{orgs['mun2']}|m.0").pack())
    await admin.press_data(BcAudCb(id=bid, d="").pack())
    assert "Получат: <b>1</b>" in admin.last.text
    # a forged value outside the vocabulary
    await admin.press_data(BcAudCb(id=bid, d="subjects", v="astrology").pack())
    assert (await broadcast_row(app, bid)).audience["subjects"] == ["math"]


async def test_opt_out_in_one_tap_and_back_on_in_profile(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    bid = await compose(admin, "Первая")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    await deliver(app)
    maria = Person(app, 601)
    await maria.press("Не присылать такие сообщения")
    assert "Больше не пришлём: новости региона" in maria.alerts()[-1]
    async with app.sessions() as s:
        kinds = (await s.scalars(select(BroadcastOptOutRow.kind).where(
            BroadcastOptOutRow.person_id == ids["601"]))).all()
    assert list(kinds) == ["region"]
    TEST_CLOCK.advance(timedelta(seconds=5))
    second = await compose(admin, "Вторая")
    assert "отказались от таких рассылок: 1" in admin.last.text
    assert "Получат: <b>4</b>" in admin.last.text
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    assert ids["601"] not in {r.person_id for r in await rows_of(app, second)}
    await deliver(app)
    assert "Вторая" not in maria.texts
    assert bid != second
    # service messages are not broadcasts: nothing else changes; back on in Profile
    await maria.send("/menu")
    await maria.press("Профиль")
    await maria.press("Рассылки и анонсы")
    assert "🔕 новости региона" in [t for t, _ in maria.last.buttons()]
    await maria.press("новости региона")
    assert "🔔 новости региона" in [t for t, _ in maria.last.buttons()]
    async with app.sessions() as s:
        assert (await s.scalars(select(BroadcastOptOutRow))).all() == []


async def test_schedule_with_buttons_then_it_starts_by_itself(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    bid = await compose(admin, "Запланированная")
    await admin.press("Запланировать")
    day_label, day_data = admin.last.buttons()[0]
    await admin.press_data(day_data)
    time_label, time_data = admin.last.buttons()[0]
    await admin.press_data(time_data)
    row = await broadcast_row(app, bid)
    assert row.status == "scheduled" and row.scheduled_at is not None
    assert local(row.scheduled_at).strftime("%H:%M") == time_label
    assert "Запланирована на" in admin.last.text
    # a forged time in the past is refused
    await admin.press_data(BcCb(a="unsch", id=bid).pack())
    assert (await broadcast_row(app, bid)).status == "draft"
    past = local(TEST_CLOCK.now() - timedelta(hours=2)).strftime("%Y%m%d%H%M")
    await admin.press_data(BcCb(a="scht", id=bid, v=past).pack())
    assert "Это время уже прошло" in admin.alerts()[-1]
    await admin.press_data(time_data)
    await tick(app)
    assert await rows_of(app, bid) == []  # not yet
    TEST_CLOCK.advance(row.scheduled_at - TEST_CLOCK.now() + timedelta(seconds=1))
    await tick(app)
    assert len(await rows_of(app, bid)) == 5
    assert (await broadcast_row(app, bid)).status == "running"
    assert "идёт" in admin.last.text  # the progress message, sent when it started
    await deliver(app)
    await tick(app)
    assert (await broadcast_row(app, bid)).status == "done"
    assert "завершена" in admin.last.text


async def test_cancel_a_running_broadcast(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    bid = await compose(admin, "Отменяемая")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    await admin.press("Открыть рассылку")
    await admin.press("Отменить рассылку")
    await admin.press("Да, отменить")
    assert "Рассылка отменена" in admin.last.text
    assert {r.status for r in await rows_of(app, bid)} == {"cancelled"}
    assert await deliver(app) == 0
    assert "Отменяемая" not in Person(app, 601).texts
    await admin.press_data(BcCb(a="cancel!", id=bid).pack())
    assert "уже не отменить" in admin.alerts()[-1]


async def test_quiet_hours_pause_and_resume_with_the_frozen_clock(make_app, orgs) -> None:
    app = await make_app(quiet_hours="21:00-08:00", timezone="Europe/Moscow")
    await people(app, orgs)
    TEST_CLOCK.advance(until_local(20, 58))
    admin = Person(app, ADMIN_ID)
    bid = await compose(admin, "Вечерняя")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    assert (await broadcast_row(app, bid)).status == "running"
    TEST_CLOCK.advance(timedelta(minutes=2, seconds=30))  # 21:00:30: quiet
    assert await deliver(app) == 0  # the sender itself holds broadcasts in quiet hours
    await tick(app)
    row = await broadcast_row(app, bid)
    assert row.status == "paused" and local(row.paused_until).strftime("%H:%M") == "08:00"
    assert "тихие часы" in admin.last.text
    assert await deliver(app) == 0
    # sending at night: queued, held until the morning
    second = await compose(admin, "Ночная")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    assert (await broadcast_row(app, second)).status == "paused"
    assert await deliver(app) == 0
    TEST_CLOCK.advance(until_local(8, 0) + timedelta(seconds=30))
    await tick(app)
    assert (await broadcast_row(app, bid)).status == "running"
    await deliver(app)
    TEST_CLOCK.advance(timedelta(seconds=5))  # one message per chat per second
    await deliver(app)
    await tick(app)
    assert (await broadcast_row(app, bid)).status == "done"
    assert (await broadcast_row(app, second)).status == "done"
    assert "Вечерняя" in Person(app, 603).texts and "Ночная" in Person(app, 603).texts


async def test_event_announcement_and_one_tap_registration(make_app, orgs) -> None:
    from domain.events import RegStatus

    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    event_id = await make_event(app, orgs["mun1"], title="Семинар <по оценке>", capacity=1,
                                audience=[orgs["mun1"]], groups=["methodological"])
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press_data(EvAdmCb(action="card", event_id=event_id, page=0).pack())
    await admin.press("Анонсировать")
    await admin.press("Только с дефицитами по теме")
    assert "Получат: <b>0</b>" in admin.last.text  # nobody has a methodological deficit
    await admin.press_data(EvAdmCb(action="card", event_id=event_id, page=0).pack())
    await admin.press("Анонсировать")
    await admin.press("Всей аудитории")
    bid = await last_broadcast(app)
    assert "Черновик анонса готов" in admin.last.text
    assert "Семинар &lt;по оценке&gt;" in admin.last.text
    assert "Получат: <b>4</b>" in admin.last.text  # mun1 only
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    await deliver(app)
    maria, olga = Person(app, 601), Person(app, 603)
    assert "Семинар &lt;по оценке&gt;" in maria.last.text
    await maria.press("Записаться")
    assert "Вы записаны" in maria.alerts()[-1] or "запис" in maria.alerts()[-1]
    reg = await registration(app, event_id, ids["601"])
    assert reg is not None and reg.status is RegStatus.CONFIRMED
    await olga.press("Записаться")  # the one seat is taken: the waitlist
    reg = await registration(app, event_id, ids["603"])
    assert reg is not None and reg.status is RegStatus.WAITLISTED
    await maria.press("Записаться")
    assert "уже" in maria.alerts()[-1]
    # a forged event id outside the teacher's view
    other = await make_event(app, orgs["mun2"], audience=[orgs["mun2"]])
    await maria.press_data(BcMsgCb(a="reg", id=other).pack())
    assert await registration(app, other, ids["601"]) is None
    assert bid


async def test_a_teachers_own_notice_is_not_stuck_behind_a_broadcast(make_app, orgs) -> None:
    from domain.entities import Notification
    from domain.outbox import notify
    from storage.uow import SqlUnitOfWork

    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await compose(admin, "Большая рассылка")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    async with app.sessions() as session:  # recorded after the broadcast's rows
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        await notify(uow, Notification(ids["601"], "diag-notice-retake-unlocked"),
                     TEST_CLOCK.now())
        await uow.commit()
    maria = Person(app, 601)
    await deliver(app)
    assert "Большая рассылка" not in maria.texts  # one message per chat per second
    assert len(maria.texts) == 1  # her own notice went first
    TEST_CLOCK.advance(timedelta(seconds=2))
    await deliver(app)
    assert maria.texts[-1] == "Большая рассылка"
