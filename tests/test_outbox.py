"""The outbox sender (bot/outbox.py) against the real database: delivery, transactions,
dedupe, flood control, blocked chats, back-off, pacing, crash resumption, two senders."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import timedelta
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from sqlalchemy import select, update

from bot.app import App
from bot.outbox import OutboxSender
from domain.entities import Notification
from domain.enums import Channel, OutboxStatus
from domain.notifications import OpenEvent, OpenMenu, Section, Target
from domain.outbox import CLAIM_LEASE, MAX_ATTEMPTS, notify, retry_delay
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import FakeTelegram, Person

A, B, C = 610_001, 610_002, 610_003
TARGETS = (OpenMenu(Section.HOME), OpenEvent(7))


def _method() -> SendMessage:
    return SendMessage(chat_id=1, text="x")


def sender(app: App, **kwargs: Any) -> OutboxSender:
    """A sender like the app's, with test-sized pacing when asked."""
    return OutboxSender(
        app.bot, app.sessions, translate=app.dp["i18n_core"].get, default_locale="ru",
        clock=app.clock, **kwargs
    )


async def person(app: App, user_id: int, locale: str | None = None) -> int:
    person_id = await onboarded(app, user_id, None)
    if locale:
        async with app.sessions() as s:
            uow = SqlUnitOfWork(s, TEST_CLOCK)
            await uow.people.set_locale(person_id, locale)
            await uow.commit()
    return person_id


async def record(
    app: App,
    person_id: int,
    value: str = "v",
    targets: tuple[Target, ...] = (),
    dedupe_key: str | None = None,
    key: str = "ask-current",
) -> bool:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        added = await notify(
            uow,
            Notification(person_id=person_id, key=key, params={"value": value},
                         targets=targets, dedupe_key=dedupe_key),
            TEST_CLOCK.now(),
        )
        await uow.commit()
        return added


async def outbox(app: App) -> list[OutboxRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(OutboxRow).order_by(OutboxRow.id))).all())


async def make_due(app: App) -> None:
    """Move every pending message's due time into the past (time passing, without sleeping)."""
    async with app.sessions() as s, s.begin():
        await s.execute(
            update(OutboxRow)
            .where(OutboxRow.status == OutboxStatus.PENDING.value)
            .values(not_before=TEST_CLOCK.now() - timedelta(seconds=1))
        )


def tg(app: App) -> FakeTelegram:
    return app.bot.session  # type: ignore[return-value]


def sends_to(app: App, chat_id: int) -> list[SendMessage]:
    return [m for m in tg(app).of(SendMessage) if int(m.chat_id) == chat_id]


def received(app: App, chat_id: int) -> list[str]:
    return [m.text for m in tg(app).messages[chat_id]]


def stamp_sends(app: App, *, pause: float = 0.0) -> list[tuple[int, float]]:
    """Record (chat_id, monotonic time) of every sendMessage; optionally yield inside it."""
    session = tg(app)
    original = session.make_request
    stamps: list[tuple[int, float]] = []

    async def timed(bot: Any, method: Any, timeout: int | None = None) -> Any:
        if isinstance(method, SendMessage):
            stamps.append((int(method.chat_id), time.monotonic()))
        if pause:
            await asyncio.sleep(pause)
        return await original(bot, method, timeout)

    session.make_request = timed  # type: ignore[method-assign]
    return stamps


# ---- delivery ---------------------------------------------------------------------------


async def test_delivers_in_recipients_locale_with_buttons(app: App) -> None:
    en = await person(app, A, locale="en")
    ru = await person(app, B)  # no chosen language: the default (ru)
    assert await record(app, en, "Course <b>X</b>", TARGETS)
    assert await record(app, ru, "Курс", TARGETS)

    assert await app.sender.run_once(budget=5) == 2

    msg_en, msg_ru = tg(app).last(A), tg(app).last(B)
    assert msg_en.text == "Now: <b>Course &lt;b&gt;X&lt;/b&gt;</b>"  # parameters are text
    assert msg_ru.text == "Сейчас: <b>Курс</b>"
    assert msg_en.buttons() == [("🏠 Main menu", "m:home"),
                                ("📄 Open the event", "evc:7:m:0:*:*:*")]
    assert [label for label, _ in msg_ru.buttons()] == ["🏠 Главное меню",
                                                        "📄 Открыть мероприятие"]
    rows = await outbox(app)
    assert [r.status for r in rows] == ["sent", "sent"]
    assert {r.telegram_message_id for r in rows} == {msg_en.message_id, msg_ru.message_id}
    assert all(r.sent_at is not None and r.attempts == 1 and r.claimed_by is None for r in rows)
    # nothing is sent twice
    assert await app.sender.run_once(budget=1) == 0
    assert len(tg(app).of(SendMessage)) == 2


async def test_rolled_back_notification_is_never_sent(app: App) -> None:
    pid = await person(app, A)
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        assert await notify(uow, Notification(pid, "ask-current", {"value": "lost"}),
                            TEST_CLOCK.now())
        await uow.rollback()
    # the same through an exception escaping the unit of work
    with pytest.raises(RuntimeError):
        async with app.sessions() as s, s.begin():
            await notify(SqlUnitOfWork(s, TEST_CLOCK), Notification(pid, "ask-current", {"value": "lost"}),
                         TEST_CLOCK.now())
            raise RuntimeError("the change failed")
    await record(app, pid, "kept")

    assert await app.sender.run_once(budget=2) == 1
    assert received(app, A) == ["Сейчас: <b>kept</b>"]
    assert len(await outbox(app)) == 1


async def test_dedupe_key_makes_second_record_a_noop(app: App) -> None:
    pid = await person(app, A)
    assert await record(app, pid, "first", dedupe_key="reminder:1:day-before") is True
    assert await record(app, pid, "second", dedupe_key="reminder:1:day-before") is False
    assert await record(app, pid, "other", dedupe_key="reminder:1:hour-before") is True
    assert len(await outbox(app)) == 2

    s = sender(app, per_chat_interval=0)
    assert await s.run_once(budget=2) == 2
    # still a no-op once the first one was sent
    assert await record(app, pid, "third", dedupe_key="reminder:1:day-before") is False
    assert await s.run_once(budget=1) == 0
    assert received(app, A) == ["Сейчас: <b>first</b>", "Сейчас: <b>other</b>"]


async def test_broken_message_fails_alone(app: App) -> None:
    pid = await person(app, A)
    await record(app, pid, key="no-such-key")
    await record(app, pid, "fine")
    assert await sender(app, per_chat_interval=0).run_once(budget=2) == 1
    bad, good = await outbox(app)
    assert bad.status == "failed" and "no-such-key" in (bad.last_error or "")
    assert good.status == "sent"
    assert received(app, A) == ["Сейчас: <b>fine</b>"]


# ---- flood control, blocked chats, errors -------------------------------------------------


async def test_retry_after_pauses_sender_then_delivers_once(app: App) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "a1")
    await record(app, pb, "b")
    await record(app, pa, "a2")
    tg(app).fail(
        SendMessage,
        TelegramRetryAfter(method=_method(), message="flood", retry_after=1),
    )
    s = sender(app, per_chat_interval=0.05)
    started = time.monotonic()
    assert await s.run_once(budget=5) == 0
    a1, b, a2 = await outbox(app)
    assert a1.status == "pending" and "retry after 1" in (a1.last_error or "")
    assert a1.not_before >= TEST_CLOCK.now() + timedelta(seconds=0.5)
    for row in (b, a2):  # put back for after the pause, not lost and not ahead of a1
        assert row.status == "pending" and row.claimed_by is None
        assert row.not_before == a1.not_before
    assert len(tg(app).of(SendMessage)) == 1

    # paused: nothing goes out, not even to other chats
    await make_due(app)
    assert await s.run_once(budget=5) == 0
    assert len(tg(app).of(SendMessage)) == 1

    await asyncio.sleep(max(0.0, 1.02 - (time.monotonic() - started)))
    TEST_CLOCK.advance(timedelta(seconds=1.1))  # database time passes with the pause
    deadline = time.monotonic() + 1
    while len(received(app, A)) < 2 and time.monotonic() < deadline:
        await s.run_once(budget=1)
        await asyncio.sleep(0.02)
    assert received(app, A) == ["Сейчас: <b>a1</b>", "Сейчас: <b>a2</b>"]  # in order
    assert received(app, B) == ["Сейчас: <b>b</b>"]
    assert len(sends_to(app, A)) == 3  # the refused call and two deliveries
    assert [r.status for r in await outbox(app)] == ["sent", "sent", "sent"]
    await make_due(app)
    assert await s.run_once(budget=1) == 0


@pytest.mark.parametrize("per_chat_interval", [1.0, 0.0])
async def test_blocked_chat_is_marked_and_not_retried(app: App, per_chat_interval: float) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "a1")
    await record(app, pb, "b1")
    await record(app, pa, "a2")
    await record(app, pa, "a3")
    tg(app).fail(SendMessage, TelegramForbiddenError(
        method=_method(), message="Forbidden: bot was blocked by the user"))
    s = sender(app, per_chat_interval=per_chat_interval)

    assert await s.run_once(budget=3) == 1
    assert received(app, B) == ["Сейчас: <b>b1</b>"]
    assert len(sends_to(app, A)) == 1  # the refused one; the others were not tried
    a1, b1, a2, a3 = await outbox(app)
    assert (a1.status, b1.status, a2.status, a3.status) == ("blocked", "sent", "blocked",
                                                            "blocked")
    assert "blocked" in (a1.last_error or "")
    async with app.sessions() as session:
        blocked = await SqlUnitOfWork(session, TEST_CLOCK).people.get(pa)
        assert blocked is not None and blocked.blocked_at is not None

    # a new message for the blocked person is not even tried
    await record(app, pa, "a4")
    await make_due(app)
    assert await s.run_once(budget=2) == 0
    assert len(sends_to(app, A)) == 1
    assert (await outbox(app))[-1].status == "blocked"


async def test_writing_again_clears_the_blocked_mark(app: App) -> None:
    pa = await person(app, A)
    await record(app, pa, "before")
    tg(app).fail(SendMessage, TelegramForbiddenError(method=_method(), message="Forbidden"))
    assert await app.sender.run_once(budget=2) == 0

    await Person(app, A).send("/menu")  # they unblocked the bot and wrote to it
    async with app.sessions() as session:
        back = await SqlUnitOfWork(session, TEST_CLOCK).people.get_by_external(Channel.TELEGRAM, str(A))
        assert back is not None and back.blocked_at is None
    assert "Главное меню" in tg(app).last(A).text

    await record(app, pa, "after")
    await make_due(app)
    assert await sender(app, per_chat_interval=0).run_once(budget=2) == 1
    assert tg(app).last(A).text == "Сейчас: <b>after</b>"
    # what was refused while blocked stays refused (it may be stale by now)
    assert [r.status for r in await outbox(app)] == ["blocked", "sent"]
    assert not any("before" in t for t in received(app, A))


@pytest.mark.parametrize("error", [TelegramServerError, TelegramNetworkError])
async def test_transient_errors_back_off_then_fail(app: App, error: type) -> None:
    pid = await person(app, A)
    await record(app, pid, "x")
    tg(app).fail(SendMessage, *[error(method=_method(), message="Bad Gateway")
                                for _ in range(MAX_ATTEMPTS + 1)])
    s = sender(app, per_chat_interval=0)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = TEST_CLOCK.now()
        assert await s.run_once(budget=2) == 0
        (row,) = await outbox(app)
        assert row.attempts == attempt
        assert len(sends_to(app, A)) == attempt
        if attempt < MAX_ATTEMPTS:
            assert row.status == "pending" and "Bad Gateway" in (row.last_error or "")
            delay = row.not_before - before
            assert retry_delay(attempt) - timedelta(seconds=1) <= delay
            assert delay <= retry_delay(attempt) + timedelta(seconds=2)
            # backing off: not retried before it is due
            assert await s.run_once(budget=1) == 0
            assert len(sends_to(app, A)) == attempt
            await make_due(app)
        else:
            assert row.status == "failed"
    await make_due(app)
    assert await s.run_once(budget=1) == 0
    assert len(sends_to(app, A)) == MAX_ATTEMPTS
    assert received(app, A) == []
    assert retry_delay(1) < retry_delay(2) < retry_delay(3)


async def test_transient_error_then_success(app: App) -> None:
    pid = await person(app, A)
    await record(app, pid, "x")
    tg(app).fail(SendMessage, TelegramServerError(method=_method(), message="Bad Gateway"))
    s = sender(app, per_chat_interval=0)
    assert await s.run_once(budget=2) == 0
    await make_due(app)
    assert await s.run_once(budget=2) == 1
    (row,) = await outbox(app)
    assert (row.status, row.attempts) == ("sent", 2)
    assert received(app, A) == ["Сейчас: <b>x</b>"]


async def test_bad_request_fails_without_retry(app: App) -> None:
    pid = await person(app, A)
    await record(app, pid, "x")
    tg(app).fail(SendMessage, TelegramBadRequest(method=_method(), message="chat not found"))
    s = sender(app, per_chat_interval=0)
    assert await s.run_once(budget=2) == 0
    await make_due(app)
    assert await s.run_once(budget=1) == 0
    (row,) = await outbox(app)
    assert row.status == "failed" and "chat not found" in (row.last_error or "")
    assert len(sends_to(app, A)) == 1


# ---- pacing -------------------------------------------------------------------------------


async def test_per_chat_pacing_defers_second_message(app: App) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "a1")
    await record(app, pa, "a2")
    await record(app, pb, "b1")
    assert await app.sender.run_once(budget=3) == 2  # default: one per second per chat
    a1, a2, b1 = await outbox(app)
    assert (a1.status, a2.status, b1.status) == ("sent", "pending", "sent")
    assert a1.sent_at is not None
    assert a2.not_before - a1.sent_at >= timedelta(seconds=0.9)
    assert a2.claimed_by is None
    assert received(app, A) == ["Сейчас: <b>a1</b>"]


async def test_per_chat_interval_between_sends(app: App) -> None:
    pa, pb = await person(app, A), await person(app, B)
    for n in range(5):
        await record(app, pa, f"a{n}")
    await record(app, pb, "b")
    stamps = stamp_sends(app)
    s = sender(app, per_chat_interval=0.1)
    deadline = time.monotonic() + 2
    while len(received(app, A)) < 5 and time.monotonic() < deadline:
        await s.run_once(budget=1)
        await asyncio.sleep(0.01)
        TEST_CLOCK.advance(timedelta(seconds=0.05))  # database time moves with the pacing
    # all of them, in the order they were recorded
    assert received(app, A) == [f"Сейчас: <b>a{n}</b>" for n in range(5)]
    assert received(app, B) == ["Сейчас: <b>b</b>"]
    times = [t for chat, t in stamps if chat == A]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 4 and min(gaps) >= 0.095, gaps
    # the other chat did not wait for the first one's pacing
    (tb,) = [t for chat, t in stamps if chat == B]
    assert tb < times[1]


async def test_overall_rate_limit(app: App) -> None:
    for n, uid in enumerate((A, B, C, 610_004, 610_005)):
        await record(app, await person(app, uid), f"m{n}")
    stamps = stamp_sends(app)
    assert await sender(app, rate=20).run_once(budget=3) == 5
    times = [t for _, t in stamps]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.045, gaps  # 20/s: 50 ms apart


# ---- crash resumption and several senders -------------------------------------------------


async def test_resumes_after_crash_without_duplicates(app: App) -> None:
    pa, pb, pc = await person(app, A), await person(app, B), await person(app, C)
    await record(app, pa, "in flight 1")
    await record(app, pb, "in flight 2")
    await record(app, pc, "waiting")
    dead = sender(app, batch=2)
    claimed = await dead._claim(2)  # it claimed two rows, then the process died
    assert [c.chat_id for c in claimed] == [A, B]
    async with app.sessions() as s, s.begin():
        await s.execute(
            update(OutboxRow)
            .where(OutboxRow.status == OutboxStatus.SENDING.value)
            .values(claimed_at=TEST_CLOCK.now() - CLAIM_LEASE - timedelta(seconds=1))
        )

    fresh = sender(app)  # the restarted process
    assert await fresh.run_once(budget=2) == 1
    one, two, three = await outbox(app)
    assert (one.status, two.status, three.status) == ("unknown", "unknown", "sent")
    assert "stopped" in (one.last_error or "")
    assert sends_to(app, A) == [] and sends_to(app, B) == []
    assert received(app, C) == ["Сейчас: <b>waiting</b>"]
    await make_due(app)
    assert await fresh.run_once(budget=1) == 0
    assert len(tg(app).of(SendMessage)) == 1


async def test_live_claims_of_another_sender_are_left_alone(app: App) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "theirs")
    await record(app, pb, "mine")
    other = sender(app, batch=1)
    assert [c.chat_id for c in await other._claim(1)] == [A]  # still within its lease

    assert await sender(app).run_once(budget=2) == 1
    theirs, mine = await outbox(app)
    assert theirs.status == "sending" and theirs.claimed_by == other.worker
    assert mine.status == "sent"
    assert sends_to(app, A) == []


async def test_two_senders_deliver_each_message_once(app: App) -> None:
    users = [620_000 + n for n in range(40)]
    for uid in users:
        await record(app, await person(app, uid), str(uid))
    stamp_sends(app, pause=0.002)  # a send takes time, so the senders interleave
    one = sender(app, rate=1000, batch=4)
    two = sender(app, rate=1000, batch=4)
    sent = await asyncio.gather(one.run_once(budget=5), two.run_once(budget=5))

    assert sum(sent) == len(users)
    assert all(n > 0 for n in sent), sent  # both took part
    for uid in users:
        assert received(app, uid) == [f"Сейчас: <b>{uid}</b>"], uid
    assert len(tg(app).of(SendMessage)) == len(users)
    rows = await outbox(app)
    assert {r.status for r in rows} == {"sent"}
    assert await one.run_once(budget=1) == 0 and await two.run_once(budget=1) == 0
