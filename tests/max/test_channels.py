"""Either messenger can be switched off, and files cross between them.

- MAX only (BOT_TOKEN unset): the app's bot is MAX's, a person onboards in MAX, the outbox
  delivers to MAX and fails (without retrying) what was queued for a Telegram person; the health
  check asks MAX; ``python -m bot`` polls MAX alone and stops cleanly.
- A file a Telegram teacher sent is opened by a MAX coordinator (downloaded through Telegram,
  uploaded to MAX), and the other way round; a file whose messenger is off gets a clear
  message, not silence.
- The flood guard keeps a bucket per messenger: a MAX user with a Telegram user's numeric id
  is a different person.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from sqlalchemy import select

from bot.app import build_app
from bot.health import Health
from bot.max.session import MaxSession
from bot.settings import Settings, SettingsError
from domain import activity as act
from domain.entities import Notification
from domain.enums import Channel, Role
from handlers.activity import AcCb
from storage.models import OutboxRow, PersonRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.harness import FakeTelegram, Person
from tests.max.fake_max import BOT_NICK, TOKEN, FakeMax, dialog
from tests.max.user import MaxUser
from tests.mentoring.support import COORD, YOUNG, actor, now, run, today, world

MAX_COORD, MAX_TEACHER = 770_101, 770_102


async def max_only(settings: Settings, fake_max: FakeMax):  # type: ignore[no-untyped-def]
    s = settings.model_copy(update={"bot_token": None, "max_bot_token": TOKEN,
                                    "max_api_url": fake_max.url, "max_bot_username": BOT_NICK})
    app = build_app(s, throttle=False, clock=TEST_CLOCK,
                    max_session=MaxSession(TOKEN, fake_max.url))
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    return app


def test_a_deployment_needs_one_messenger_at_least(settings: Settings) -> None:
    neither = settings.model_copy(update={"bot_token": None, "max_bot_token": None})
    with pytest.raises(SettingsError, match="MAX_BOT_TOKEN"):
        neither.require_messenger()
    with pytest.raises(SettingsError, match="BOT_TOKEN"):
        build_app(neither, session=FakeTelegram(), clock=TEST_CLOCK)
    settings.model_copy(update={"bot_token": None, "max_bot_token": TOKEN}).require_messenger()


async def test_max_only_onboards_delivers_and_fails_telegram_messages(settings, fake_max,
                                                                      orgs) -> None:
    app = await max_only(settings, fake_max)
    try:
        assert app.telegram_bot is None and app.bot is app.max_bot
        assert list(app.sender.bots) == ["max"]
        u = MaxUser(app, fake_max, MAX_TEACHER)
        await u.start()
        assert "Согласен" in str(u.last.buttons())
        await u.press("Согласен")
        async with app.sessions() as s:
            me = (await s.scalars(select(PersonRow).where(
                PersonRow.external_id == str(MAX_TEACHER)))).one()
            assert me.channel == "max" and me.consented_at is not None
            tg = PersonRow(channel="telegram", external_id="5550001", created_at=now(),
                           locale="ru")
            s.add(tg)
            await s.flush()
            uow = SqlUnitOfWork(s, TEST_CLOCK)
            for who in (me.id, tg.id):
                await uow.outbox.add(Notification(who, "route-notice-approved", {"reviewer": "Иванова"}),
                                     now())
            await s.commit()
        app.sender.per_chat_interval = 0.0
        await app.sender.run_once(budget=5)
        async with app.sessions() as s:
            rows = {r.person_id: r for r in (await s.scalars(select(OutboxRow))).all()}
        assert rows[me.id].status == "sent"
        assert rows[tg.id].status == "failed" and "switched off" in (rows[tg.id].last_error or "")
        ok, body = await Health(app).check()
        assert "max" in body and "telegram" not in body and body["max"]["ok"], body
        assert fake_max.rejected == []
    finally:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()


async def test_python_m_bot_polls_max_alone(tmp_path: Path, fake_max: FakeMax) -> None:
    from bot.runner import run as run_bot

    settings = Settings(_env_file=None, BOT_TOKEN=None, MAX_BOT_TOKEN=TOKEN,  # type: ignore[call-arg]
                        MAX_API_URL=fake_max.url,
                        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'max.db'}")
    fake_max.updates.append({
        "update_type": "bot_started", "timestamp": 0, "chat_id": dialog(MAX_TEACHER),
        "user": {"user_id": MAX_TEACHER, "first_name": "Мария", "is_bot": False},
        "payload": None, "user_locale": "ru"})
    task = asyncio.create_task(run_bot(settings))
    try:
        for _ in range(200):
            if fake_max.messages[MAX_TEACHER] or task.done():
                break
            await asyncio.sleep(0.05)
        assert not task.done(), task.exception() if task.done() else None
        assert "Согласен" in str(fake_max.last(MAX_TEACHER).buttons())
        assert fake_max.of("PATCH", "/me"), "the commands menu is set in MAX"
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 30)
    assert fake_max.rejected == []


async def _record_with_file(app, person_id: int, file_id: str) -> act.Record:  # type: ignore[no-untyped-def]
    who = await actor(app, person_id)
    draft = act.Draft(act.Kind.COMPETITION, "Учитель года — 2026", today(),
                      level=act.Level.MUNICIPAL, outcome=act.Outcome.PARTICIPANT,
                      file_id=file_id, file_name="diplom.pdf")
    return await run(app, act.submit, who, draft, today(), now())


async def test_a_telegram_file_opens_in_max_and_a_max_file_in_telegram(app, orgs,
                                                                       fake_max) -> None:
    from tests.conftest import onboarded

    ids = await world(app, orgs)
    await onboarded(app, MAX_COORD, orgs["school1"], name="Максимова Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    app.bot.session.files["DIPLOMA-TG"] = b"%PDF-1.4 telegram diploma"
    record = await _record_with_file(app, ids["young"], "DIPLOMA-TG")
    c = MaxUser(app, fake_max, MAX_COORD)
    await c.send("/menu")
    await c.press_data(AcCb(a="file", id=record.id).pack())
    assert b"%PDF-1.4 telegram diploma" in fake_max.files.values()
    sent = fake_max.last(MAX_COORD)
    assert sent.files() and sent.files()[0]["payload"]["token"] in fake_max.files

    # a MAX teacher's file, opened by the Telegram coordinator
    mx = await onboarded(app, MAX_TEACHER, orgs["school1"], name="Максимова Анна Петровна",
                         channel=Channel.MAX)
    m = MaxUser(app, fake_max, MAX_TEACHER)
    await m.send("/menu")
    await m.press("Профактивность")
    await m.press("➕ Конкурс")
    await m.send("Педагогический дебют — 2026")
    await m.press("Муниципальный")
    await m.press("Участник")
    await m.press("Сегодня")
    await m.send_document("diplom-max.pdf", file_id="utok-diploma", content=b"%PDF max diploma")
    assert "отправлена координатору" in m.last.text
    async with app.sessions() as s:
        from storage.activity.models import ActivityRecordRow

        row = (await s.scalars(select(ActivityRecordRow).where(
            ActivityRecordRow.person_id == mx))).one()
    assert row.file_id == "max:utok-diploma"
    t = Person(app, COORD)
    await t.send("/menu")
    calls = await t.press_data(AcCb(a="file", id=row.id).pack())
    [doc] = [m for m in calls if isinstance(m, SendDocument)]
    assert isinstance(doc.document, BufferedInputFile)
    assert doc.document.data == b"%PDF max diploma" and doc.document.filename == "diplom-max.pdf"

    # in MAX itself the file goes by its token, nothing is uploaded again
    uploads = len(fake_max.of("POST", "/uploads"))
    await c.press_data(AcCb(a="file", id=row.id).pack())
    assert fake_max.last(MAX_COORD).files()[0]["payload"]["token"] == "utok-diploma"
    assert len(fake_max.of("POST", "/uploads")) == uploads

    # a file Telegram no longer has: a clear message in MAX, not silence
    gone = await _record_with_file(app, ids["young"], "DIPLOMA-GONE")
    await c.press_data(AcCb(a="file", id=gone.id).pack())
    assert "файл сейчас недоступен" in fake_max.last(MAX_COORD).text
    assert fake_max.rejected == []


async def test_the_flood_guard_keeps_a_bucket_per_messenger(settings, fake_max, orgs) -> None:
    app = build_app(settings.model_copy(update={"max_bot_token": TOKEN,
                                                "max_api_url": fake_max.url}),
                    session=FakeTelegram(), throttle=True, clock=TEST_CLOCK,
                    max_session=MaxSession(TOKEN, fake_max.url))
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    try:
        same_id = YOUNG
        t = Person(app, same_id)
        for _ in range(25):  # a Telegram flood: the bucket of 20 runs dry
            await t.send("/start")
        assert any("Слишком много нажатий" in x for x in t.texts), t.texts
        m = MaxUser(app, fake_max, same_id)
        await m.start()
        assert "Согласен" in str(m.last.buttons())  # the MAX user is not throttled
    finally:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()
