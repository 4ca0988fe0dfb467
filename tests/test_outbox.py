"""The outbox sender (bot/outbox.py) against the real database: delivery, transactions,
dedupe, flood control, blocked chats, back-off, pacing, crash resumption, two senders.

Time is fake where it matters (``FakeTime``): database times come from a ``FrozenClock`` and
the pacing timer only moves when the sender sleeps or the test moves it, so nothing here
depends on how fast the machine is. Real processes killed mid-delivery: test_outbox_crash.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from aiohttp import ClientConnectorError, ServerDisconnectedError, SocketTimeoutError
from aiohttp.client_reqrep import ConnectionKey
from sqlalchemy import select, update

from benchmarks.fake_bot_api import FakeBotAPI
from bot.app import App
from bot.outbox import OutboxSender, maybe_delivered
from bot.outbox_pace import SLOT_LEAD
from domain.clock import FrozenClock
from domain.entities import Notification
from domain.enums import Channel, OutboxStatus
from domain.notifications import OpenEvent, OpenMenu, Section, Target
from domain.outbox import CLAIM_LEASE, IN_FLIGHT_LEASE, MAX_ATTEMPTS, notify, retry_delay
from storage.models import OutboxPaceRow, OutboxRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import FakeTelegram, Person

A, B, C = 610_001, 610_002, 610_003
TARGETS = (OpenMenu(Section.HOME), OpenEvent(7))


def _method() -> SendMessage:
    return SendMessage(chat_id=1, text="x")


class FakeTime:
    """Database time (a frozen clock) and pacing time (``timer``/``sleep``) that move only
    when the sender sleeps or the test calls :meth:`advance`.

    The clock starts a minute after the real time, so messages recorded with the real time
    are due; the timer starts at the real epoch time, so a sender on the real timer (the
    app's) sees the same shared pace row."""

    def __init__(self) -> None:
        self.clock = FrozenClock(TEST_CLOCK.now() + timedelta(minutes=1))
        self.t = time.time()
        self.slept: list[float] = []

    def timer(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self.t += seconds
        self.clock.advance(timedelta(seconds=seconds))

    def now(self) -> datetime:
        return self.clock.now()


@pytest.fixture
def ft() -> FakeTime:
    return FakeTime()


def sender(app: App, ft: FakeTime | None = None, **kwargs: Any) -> OutboxSender:
    """A sender like the app's; on fake time when given one."""
    if ft is not None:
        kwargs.update(clock=ft.clock, timer=ft.timer, sleep=ft.sleep)
    else:
        kwargs.setdefault("clock", app.clock)  # the test clock: what records were dated with
    return OutboxSender(
        app.bot, app.sessions, translate=app.dp["i18n_core"].get, default_locale="ru", **kwargs
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


async def make_due(app: App, now: datetime | None = None) -> None:
    """Move every pending message's due time into the past (time passing, without sleeping)."""
    async with app.sessions() as s, s.begin():
        await s.execute(
            update(OutboxRow)
            .where(OutboxRow.status == OutboxStatus.PENDING.value)
            .values(not_before=(now or TEST_CLOCK.now()) - timedelta(seconds=1))
        )


def tg(app: App) -> FakeTelegram:
    return app.bot.session  # type: ignore[return-value]


def sends_to(app: App, chat_id: int) -> list[SendMessage]:
    return [m for m in tg(app).of(SendMessage) if int(m.chat_id) == chat_id]


def received(app: App, chat_id: int) -> list[str]:
    return [m.text for m in tg(app).messages[chat_id]]


def stamp_sends(
    app: App, *, pause: float = 0.0, at: Any = time.monotonic
) -> list[tuple[int, float]]:
    """Record (chat_id, ``at()``) of every sendMessage; optionally yield inside it."""
    session = tg(app)
    original = session.make_request
    stamps: list[tuple[int, float]] = []

    async def timed(bot: Any, method: Any, timeout: int | None = None) -> Any:
        if isinstance(method, SendMessage):
            stamps.append((int(method.chat_id), at()))
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


async def test_retry_after_pauses_every_sender_then_delivers_once(app: App, ft: FakeTime) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "a1")
    await record(app, pb, "b")
    await record(app, pa, "a2")
    tg(app).fail(
        SendMessage,
        TelegramRetryAfter(method=_method(), message="flood", retry_after=30),
    )
    s = sender(app, ft)
    assert await s.run_once(budget=5) == 0
    a1, b, a2 = await outbox(app)
    assert a1.status == "pending" and "retry after 30" in (a1.last_error or "")
    assert a1.not_before <= ft.now() and a1.claimed_by is None  # due: first once it may
    # put back, not lost; a2 was not even claimed (a1 goes first)
    assert b.status == "pending" and b.claimed_by is None
    assert a2.status == "pending" and a2.claimed_by is None
    assert len(tg(app).of(SendMessage)) == 1

    # paused: nothing goes out, not even to other chats, nor from another process
    await make_due(app, ft.now())
    other = sender(app, ft)
    assert await s.run_once(budget=5) == 0
    assert await other.run_once(budget=5) == 0
    assert len(tg(app).of(SendMessage)) == 1

    ft.advance(30)
    for _ in range(5):
        await other.run_once(budget=1)
        ft.advance(1)  # per-chat pacing: a2 one second after a1
    assert received(app, A) == ["Сейчас: <b>a1</b>", "Сейчас: <b>a2</b>"]  # in order
    assert received(app, B) == ["Сейчас: <b>b</b>"]
    assert len(sends_to(app, A)) == 3  # the refused call and two deliveries
    assert [r.status for r in await outbox(app)] == ["sent", "sent", "sent"]
    await make_due(app, ft.now())
    assert await s.run_once(budget=1) == 0


async def test_a_short_retry_after_keeps_the_chats_order(app: App, ft: FakeTime) -> None:
    pa = await person(app, A)
    await record(app, pa, "a1")
    await record(app, pa, "a2")
    tg(app).fail(SendMessage, TelegramRetryAfter(method=_method(), message="flood",
                                                 retry_after=1))
    s = sender(app, ft, per_chat_interval=0)
    for _ in range(4):
        await s.run_once(budget=3)
        ft.advance(0.5)
    assert received(app, A) == ["Сейчас: <b>a1</b>", "Сейчас: <b>a2</b>"]
    assert [m.text for m in sends_to(app, A)][:2] == ["Сейчас: <b>a1</b>"] * 2


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


def _refused() -> TelegramNetworkError:
    """What aiogram's AiohttpSession raises when the connection cannot be made."""
    cause = ClientConnectorError(
        ConnectionKey("127.0.0.1", 9, False, True, None, None, None, None),
        ConnectionRefusedError(111, "Connection refused"),
    )
    error = TelegramNetworkError(method=_method(), message=f"ClientConnectorError: {cause}")
    error.__cause__ = cause
    return error


def _timed_out() -> TelegramNetworkError:
    error = TelegramNetworkError(method=_method(), message="Request timeout error")
    error.__cause__ = TimeoutError()
    return error


def _disconnected() -> TelegramNetworkError:
    cause = ServerDisconnectedError()
    error = TelegramNetworkError(method=_method(), message=f"ServerDisconnectedError: {cause}")
    error.__cause__ = cause
    return error


def test_which_failures_may_have_delivered() -> None:
    assert not maybe_delivered(_refused())
    assert not maybe_delivered(TelegramServerError(method=_method(), message="Bad Gateway"))
    assert maybe_delivered(_timed_out())
    assert maybe_delivered(_disconnected())
    read_timeout = TelegramNetworkError(method=_method(), message="timeout")
    read_timeout.__cause__ = SocketTimeoutError()
    assert maybe_delivered(read_timeout)
    assert maybe_delivered(TimeoutError())
    # no cause known: it may have gone out
    assert maybe_delivered(TelegramNetworkError(method=_method(), message="?"))


@pytest.mark.parametrize("error", [
    lambda: TelegramServerError(method=_method(), message="Bad Gateway"),
    _refused,
], ids=["server-error", "connection-refused"])
async def test_transient_errors_back_off_then_fail(app: App, ft: FakeTime, error: Any) -> None:
    pid = await person(app, A)
    await record(app, pid, "x")
    tg(app).fail(SendMessage, *[error() for _ in range(MAX_ATTEMPTS + 1)])
    s = sender(app, ft, per_chat_interval=0)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert await s.run_once(budget=2) == 0
        (row,) = await outbox(app)
        assert row.attempts == attempt
        assert len(sends_to(app, A)) == attempt
        if attempt < MAX_ATTEMPTS:
            assert row.status == "pending" and row.last_error
            assert row.not_before == ft.now() + retry_delay(attempt)
            # backing off: not retried before it is due
            ft.advance(retry_delay(attempt).total_seconds() - 1)
            assert await s.run_once(budget=1) == 0
            assert len(sends_to(app, A)) == attempt
            ft.advance(1)
        else:
            assert row.status == "failed"
    await make_due(app, ft.now())
    assert await s.run_once(budget=1) == 0
    assert len(sends_to(app, A)) == MAX_ATTEMPTS
    assert received(app, A) == []
    assert retry_delay(1) < retry_delay(2) < retry_delay(3)


@pytest.mark.parametrize("error", [_timed_out, _disconnected], ids=["timeout", "disconnected"])
async def test_no_answer_is_unknown_and_never_resent(app: App, ft: FakeTime, error: Any) -> None:
    """A request that got no answer may have been delivered: like a crash in flight."""
    pid = await person(app, A)
    await record(app, pid, "maybe")
    await record(app, pid, "next")
    tg(app).fail(SendMessage, error())
    s = sender(app, ft, per_chat_interval=0)
    assert await s.run_once(budget=2) == 1
    maybe, following = await outbox(app)
    assert maybe.status == "unknown" and "may have been delivered" in (maybe.last_error or "")
    assert following.status == "sent"  # the chat goes on
    ft.advance(3600)
    await make_due(app, ft.now())
    assert await s.run_once(budget=1) == 0
    assert len(sends_to(app, A)) == 2


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


async def test_per_chat_pacing_defers_second_message(app: App, ft: FakeTime) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "a1")
    await record(app, pa, "a2")
    await record(app, pb, "b1")
    s = sender(app, ft)  # default: one per second per chat
    assert await s.run_once(budget=3) == 2
    a1, a2, b1 = await outbox(app)
    assert (a1.status, a2.status, b1.status) == ("sent", "pending", "sent")
    assert a1.sent_at is not None
    assert a2.claimed_by is None  # not even claimed while its chat waits
    assert received(app, A) == ["Сейчас: <b>a1</b>"]
    ft.advance(0.9)
    assert await s.run_once(budget=3) == 0
    ft.advance(0.1)
    assert await s.run_once(budget=3) == 1
    assert received(app, A) == ["Сейчас: <b>a1</b>", "Сейчас: <b>a2</b>"]


async def test_per_chat_interval_between_sends(app: App, ft: FakeTime) -> None:
    pa, pb = await person(app, A), await person(app, B)
    for n in range(5):
        await record(app, pa, f"a{n}")
    await record(app, pb, "b")
    stamps = stamp_sends(app, at=ft.timer)
    s = sender(app, ft, per_chat_interval=0.1)
    for _ in range(20):
        await s.run_once(budget=1)
        ft.advance(0.05)
    # all of them, in the order they were recorded
    assert received(app, A) == [f"Сейчас: <b>a{n}</b>" for n in range(5)]
    assert received(app, B) == ["Сейчас: <b>b</b>"]
    times = [t for chat, t in stamps if chat == A]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 4 and min(gaps) >= 0.1 - 1e-6, gaps
    # the other chat did not wait for the first one's pacing
    (tb,) = [t for chat, t in stamps if chat == B]
    assert tb < times[1]


async def test_a_message_recorded_while_the_chat_waits_comes_after(
    app: App, ft: FakeTime
) -> None:
    pa = await person(app, A)
    await record(app, pa, "a1")
    await record(app, pa, "a2")
    s = sender(app, ft)
    assert await s.run_once(budget=3) == 1  # a1; a2 waits for the chat's pacing
    ft.advance(0.5)
    await record(app, pa, "a3")  # recorded meanwhile
    ft.advance(0.5)
    for _ in range(3):
        await s.run_once(budget=3)
        ft.advance(1)
    assert received(app, A) == [f"Сейчас: <b>a{n}</b>" for n in (1, 2, 3)]


async def test_overall_rate_limit(app: App, ft: FakeTime) -> None:
    for n, uid in enumerate((A, B, C, 610_004, 610_005)):
        await record(app, await person(app, uid), f"m{n}")
    stamps = stamp_sends(app, at=ft.timer)
    assert await sender(app, ft, rate=20).run_once(budget=3) == 5
    times = [t for _, t in stamps]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.05 - 1e-6, gaps  # 20/s: 50 ms apart


async def test_senders_share_one_rate(app: App) -> None:
    """Two senders (as two processes would) take turns on one rate, not twice the rate.
    Real time here (fake time cannot wake two sleepers in order); only lower bounds, which
    a slow machine cannot break."""
    users = [630_000 + n for n in range(12)]
    for uid in users:
        await record(app, await person(app, uid), str(uid))
    stamps = stamp_sends(app)
    rate = 50
    one, two = sender(app, rate=rate, batch=3), sender(app, rate=rate, batch=3)
    before = time.time()
    sent = await asyncio.gather(one.run_once(budget=30), two.run_once(budget=30))
    assert sum(sent) == len(users) and all(sent), sent
    times = sorted(t for _, t in stamps)
    # one slot of 1/rate per message, whoever took it: alone, each would have gone twice as fast
    async with app.sessions() as s:
        (pace,) = (await s.scalars(select(OutboxPaceRow))).all()
    assert pace.next_at >= before + len(users) / rate
    assert times[-1] - times[0] >= 0.8 * (len(users) - 1) / rate


# ---- crash resumption and several senders -------------------------------------------------


async def test_resumes_after_crash_without_loss_or_duplicates(app: App, ft: FakeTime) -> None:
    pa, pb, pc = await person(app, A), await person(app, B), await person(app, C)
    await record(app, pa, "in flight")
    await record(app, pb, "claimed")
    await record(app, pc, "waiting")
    dead = sender(app, ft, batch=2)
    claimed = await dead._claim(2)  # it claimed two messages,
    assert claimed is not None and [c.chat_id for c in claimed] == [A, B]
    # began to send the first (its slot a moment away: the commit's round trip), and died
    assert await dead._go_in_flight(claimed[0]) == pytest.approx(ft.timer() + SLOT_LEAD)
    one, two, three = await outbox(app)
    assert (one.status, two.status, three.status) == ("sending", "pending", "pending")
    assert one.claimed_by == two.claimed_by == dead.worker and three.claimed_by is None

    fresh = sender(app, ft)  # the restarted process
    assert await fresh.run_once(budget=2) == 1  # not yet: the claim is young
    assert received(app, C) == ["Сейчас: <b>waiting</b>"]
    ft.advance(CLAIM_LEASE.total_seconds() + 1)
    assert await fresh.run_once(budget=2) == 1  # claimed but never sent: sent now
    assert received(app, B) == ["Сейчас: <b>claimed</b>"]
    assert (await outbox(app))[0].status == "sending"  # perhaps still on its way
    ft.advance(IN_FLIGHT_LEASE.total_seconds())
    assert await fresh.run_once(budget=2) == 0
    one, two, three = await outbox(app)
    assert (one.status, two.status, three.status) == ("unknown", "sent", "sent")
    assert "stopped" in (one.last_error or "")
    assert sends_to(app, A) == []  # the one in flight is never sent again
    await make_due(app, ft.now())
    assert await fresh.run_once(budget=1) == 0
    assert len(tg(app).of(SendMessage)) == 2


async def test_a_chat_waits_for_its_message_in_flight(app: App, ft: FakeTime) -> None:
    """Order per chat: nothing overtakes a message that may still be arriving."""
    pa = await person(app, A)
    await record(app, pa, "first")
    await record(app, pa, "second")
    dead = sender(app, ft)
    (first,) = await dead._claim(5) or []  # one per chat: the oldest
    await dead._go_in_flight(first)
    fresh = sender(app, ft, per_chat_interval=0)
    assert await fresh.run_once(budget=1) == 0
    ft.advance(IN_FLIGHT_LEASE.total_seconds() + 1)
    assert await fresh.run_once(budget=1) == 1
    assert received(app, A) == ["Сейчас: <b>second</b>"]
    assert [r.status for r in await outbox(app)] == ["unknown", "sent"]


async def test_live_claims_of_another_sender_are_left_alone(app: App, ft: FakeTime) -> None:
    pa, pb = await person(app, A), await person(app, B)
    await record(app, pa, "theirs")
    await record(app, pb, "mine")
    other = sender(app, ft, batch=1)
    (theirs_claim,) = await other._claim(1) or []  # still within its lease
    assert theirs_claim.chat_id == A

    mine_sender = sender(app, ft)
    assert await mine_sender.run_once(budget=2) == 1
    theirs, mine = await outbox(app)
    assert theirs.status == "pending" and theirs.claimed_by == other.worker
    assert mine.status == "sent"
    assert sends_to(app, A) == []

    # the other sender stalls past its lease; its message goes out once, from this one
    ft.advance(CLAIM_LEASE.total_seconds() + 1)
    assert await mine_sender.run_once(budget=2) == 1
    assert await other._go_in_flight(theirs_claim) == "lost"  # it wakes up: not its any more
    assert len(sends_to(app, A)) == 1


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


async def test_two_senders_keep_each_chats_order(app: App, ft: FakeTime) -> None:
    chats = [640_000 + n for n in range(4)]
    people = [await person(app, uid) for uid in chats]
    for n in range(5):
        for pid in people:
            await record(app, pid, f"{n}")
    one, two = (sender(app, ft, per_chat_interval=0, batch=2) for _ in range(2))
    for _ in range(15):
        await asyncio.gather(one.run_once(budget=1), two.run_once(budget=1))
    for uid in chats:
        assert received(app, uid) == [f"Сейчас: <b>{n}</b>" for n in range(5)], uid


async def test_a_message_scheduled_later_does_not_hold_back_the_chat(
    app: App, ft: FakeTime
) -> None:
    pa = await person(app, A)
    async with app.sessions() as s:
        await notify(SqlUnitOfWork(s, TEST_CLOCK), Notification(
            pa, "ask-current", {"value": "tomorrow"}, not_before=ft.now() + timedelta(days=1)
        ), ft.now())
        await s.commit()
    await record(app, pa, "now")
    s = sender(app, ft)
    assert await s.run_once(budget=2) == 1
    assert received(app, A) == ["Сейчас: <b>now</b>"]
    ft.advance(24 * 3600)
    assert await s.run_once(budget=2) == 1
    assert received(app, A) == ["Сейчас: <b>now</b>", "Сейчас: <b>tomorrow</b>"]


async def test_back_off_keeps_the_chats_order(app: App, ft: FakeTime) -> None:
    pa = await person(app, A)
    for n in range(3):
        await record(app, pa, f"a{n}")
    tg(app).fail(SendMessage, TelegramServerError(method=_method(), message="Bad Gateway"))
    s = sender(app, ft, per_chat_interval=0)
    assert await s.run_once(budget=2) == 0  # a0 failed; a1 and a2 wait behind it
    ft.advance(retry_delay(1).total_seconds() - 1)
    assert await s.run_once(budget=2) == 0  # the others do not overtake it meanwhile
    ft.advance(1)
    for _ in range(3):
        await s.run_once(budget=2)
    assert received(app, A) == [f"Сейчас: <b>a{n}</b>" for n in range(3)]


async def test_stopped_while_waiting_for_its_slot_is_not_lost(app: App, ft: FakeTime) -> None:
    for uid in (A, B):
        await record(app, await person(app, uid), str(uid))
    waiting, forever = asyncio.Event(), asyncio.Event()

    async def sleep(seconds: float) -> None:
        if seconds <= SLOT_LEAD:  # A's slot: a moment away (the commit's round trip)
            return await ft.sleep(seconds)
        waiting.set()
        await forever.wait()

    s = OutboxSender(app.bot, app.sessions, translate=app.dp["i18n_core"].get, rate=1,
                     clock=ft.clock, timer=ft.timer, sleep=sleep)
    task = asyncio.create_task(s.run_once(budget=5))
    await asyncio.wait_for(waiting.wait(), 30)  # B took the next slot, a second away
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    a, b = await outbox(app)
    assert a.status == "sent"
    assert (b.status, b.claimed_by) == ("pending", None)  # not sent: not unknown


async def test_stopped_during_the_request_is_unknown(app: App, ft: FakeTime) -> None:
    await record(app, await person(app, A), "x")
    stamps = stamp_sends(app, pause=30)
    task = asyncio.create_task(sender(app, ft).run_once(budget=5))
    while not stamps:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    (row,) = await outbox(app)
    assert row.status == "unknown" and "during the request" in (row.last_error or "")


# ---- over real HTTP -------------------------------------------------------------------------


async def test_over_http_refused_is_retried_and_timeout_is_unknown(app: App, ft: FakeTime) -> None:
    """aiogram's own session: a connection refused sent nothing (try again); a request that
    got no answer in time may have arrived (unknown, never resent)."""
    pid = await person(app, A)
    await record(app, pid, "x")
    api = FakeBotAPI(hang=1)
    await api.start()
    port = api.url.rsplit(":", 1)[1]
    session = AiohttpSession(api=TelegramAPIServer.from_base("http://127.0.0.1:9"), timeout=0.3)
    app.bot.session = session
    try:
        s = sender(app, ft, per_chat_interval=0)
        assert await s.run_once(budget=2) == 0  # nothing listens on port 9
        (row,) = await outbox(app)
        assert (row.status, row.attempts) == ("pending", 1)
        assert "ClientConnectorError" in (row.last_error or "")

        session.api = TelegramAPIServer.from_base(f"http://127.0.0.1:{port}")
        ft.advance(retry_delay(1).total_seconds())
        assert await s.run_once(budget=2) == 0
        (row,) = await outbox(app)
        assert (row.status, row.attempts) == ("unknown", 2)
        assert api.texts() == ["Сейчас: <b>x</b>"]  # it did arrive
        ft.advance(3600)
        await make_due(app, ft.now())
        assert await s.run_once(budget=2) == 0
        assert len(api.received) == 1
    finally:
        await session.close()
        await api.stop()


async def test_shutdown_releases_claimed_messages_to_other_senders(app: App) -> None:
    """A stopping sender gives back what it claimed and did not send: another process sends
    it at once, not after the claim lease; the stopped one sends nothing more."""
    ids = [await person(app, A), await person(app, B)]
    for pid in ids:
        assert await record(app, pid, "x")
    stopping, other = sender(app), sender(app)
    claimed = await stopping._claim(10)
    assert claimed is not None and len(claimed) == 2
    assert all(r.claimed_by == stopping.worker for r in await outbox(app))
    assert await other.run_once(budget=1) == 0  # held by the first one's claim

    assert await stopping.release_claims() == 2
    assert all(r.claimed_by is None and r.status == "pending" for r in await outbox(app))
    assert await stopping._deliver(claimed, deadline=float("inf")) == 0  # nothing sent
    assert await stopping.run_once(budget=1) == 0
    assert await other.run_once(budget=5) == 2
    assert [r.status for r in await outbox(app)] == ["sent", "sent"]
    assert len(tg(app).of(SendMessage)) == 2


async def test_a_request_woken_late_takes_a_new_slot(app: App, ft: FakeTime) -> None:
    """A request leaves at its slot; one the event loop woke too late (next to the following
    slot, perhaps another process's) takes a new slot instead of bunching with it."""
    await record(app, await person(app, A), "late")
    stamps = stamp_sends(app, at=ft.timer)
    naps: list[float] = []

    async def sleep(seconds: float) -> None:
        naps.append(seconds)
        ft.advance(seconds + (0.1 if len(naps) == 1 else 0.0))  # the first nap ends 0.1 s late
        await asyncio.sleep(0)

    s = OutboxSender(app.bot, app.sessions, translate=app.dp["i18n_core"].get, rate=30,
                     clock=ft.clock, timer=ft.timer, sleep=sleep)
    start = ft.timer()
    assert await s.run_once(budget=5) == 1
    assert naps == [pytest.approx(SLOT_LEAD), pytest.approx(SLOT_LEAD)]  # its slot, a new one
    [(chat, at)] = stamps
    assert chat == A and at - start == pytest.approx(2 * SLOT_LEAD + 0.1)


async def test_claiming_ahead_keeps_every_chat_in_order_and_sends_once(app: App) -> None:
    """With messages in flight at once, the next batch is claimed while the last one is still
    in the air (no pause at each batch's end); a chat's next message is never claimed while
    one before it is claimed or in flight, so each chat gets its messages once, in order."""
    chats = [620_001 + i for i in range(6)]
    for chat in chats:
        pid = await person(app, chat)
        for n in range(3):
            assert await record(app, pid, f"{chat}-{n}")
    fake = tg(app)
    answer = fake.make_request
    in_air = 0
    most = 0
    crowd = asyncio.Event()

    async def slow(bot: Any, method: Any, timeout: int | None = None) -> Any:
        """Telegram answers once more than one batch (two) is in the air, or after a second:
        a sender that waited for a batch's answers before claiming the next never gets there."""
        nonlocal in_air, most
        in_air += 1
        most = max(most, in_air)
        if in_air > 2:
            crowd.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(crowd.wait(), 1.0)
        in_air -= 1
        return await answer(bot, method, timeout)

    fake.make_request = slow  # type: ignore[method-assignment]
    s = sender(app, rate=200, batch=2, concurrency=4, per_chat_interval=0)
    claims = 0
    claim = s._claim

    async def counted(limit: int) -> Any:
        nonlocal claims
        claims += 1
        return await claim(limit)

    s._claim = counted  # type: ignore[method-assignment]
    sent = 0
    for _ in range(10):
        sent += await s.run_once(budget=5)
        if sent == 18:
            break
    assert sent == 18
    for chat in chats:
        texts = [m.text or "" for m in sends_to(app, chat)]
        assert len(texts) == 3 and all(f"{chat}-{n}" in t for n, t in enumerate(texts)), texts
    assert all(r.status == "sent" for r in await outbox(app))
    assert claims >= 9  # two chats per claim
    assert most > 2  # more than one batch in the air at once: claimed ahead
