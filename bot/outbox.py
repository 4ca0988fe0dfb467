"""The outbox sender: delivers recorded notifications within Telegram's limits, and loses
nothing when its process is killed.

A message goes out in three steps, each committed on its own:

1. **claim** (one transaction for up to ``batch`` rows): the first unfinished message of each
   chat that is due and had no delivery within ``per_chat_interval``. A chat's later message is
   never claimed while an earlier one is in flight, due or backing off, so messages arrive in
   the order they were recorded, with any number of senders (one scheduled for later does not
   hold the chat back). A claim is a lease: the row stays ``pending`` with ``claimed_by``/
   ``claimed_at``, and if the sender dies it is free again once ``claim_lease`` is over.
2. **in flight** (one transaction, immediately before the HTTP call): the message takes the
   next send slot from the shared pace row and becomes ``sending`` — only if the claim is still
   this sender's, so a message is never sent twice.
3. **outcome**: ``sent``, ``failed``, ``blocked``, or back to ``pending`` for a retry.

A message ``sending`` for longer than ``in_flight_lease`` belonged to a sender that died during
its HTTP call; it may have arrived and becomes ``unknown`` (never sent again). So does a
request that got no answer (a timeout, a connection lost after the request went out). A
failure before anything was sent (connection refused, DNS) is retried. At most ``concurrency``
messages per sender are in flight (each the first of its chat), so a crash leaves at most that
many ``unknown``; sending several at once keeps the rate from being capped by the round trip.

Limits, shared by every sender process through the database (SQLite and PostgreSQL):

* at most ``rate`` messages in any one second overall: each message takes a slot a little
  over 1/rate after the previous one from the ``outbox_pace`` row, updated atomically, and
  its request leaves at that moment, timed after the commit (bot/outbox_pace.py);
* ``per_chat_interval`` between two messages of one chat: a chat is not claimed within that
  time after its last delivery recorded in the outbox (database time, the injected clock);
* ``RetryAfter`` moves the shared slot past the pause, so every process waits; the refused
  message stays first in line;
* a chat that blocked the bot is marked, and its messages are not retried.

Priorities: ``priority`` 0 (a person's own notices, reminders) is claimed before 10
(broadcasts, domain/broadcasts), overall and within a chat, so a teacher's answer is not queued
behind a 10 000-recipient broadcast. During quiet hours (``quiet``) no broadcast message is
claimed. Broadcast rows are rendered by ``handlers.broadcasts.render`` (the same path as the
sender's preview), with Telegram's ``allow_paid_broadcast`` when ``paid_broadcast`` is set;
what each recipient gets, through their messenger's bot, is made in bot/outbox_compose.py.

On PostgreSQL claims use ``FOR UPDATE SKIP LOCKED``; on SQLite every step starts with a write,
so concurrent processes queue on the database lock instead of failing on a stale snapshot.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiohttp import ClientConnectorError, ConnectionTimeoutError, InvalidURL
from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bot.outbox_compose import Composer
from bot.outbox_flight import Flight
from bot.outbox_pace import LATE, SharedPace
from domain.clock import Clock
from domain.enums import OutboxStatus
from domain.files import CopyBusy
from domain.outbox import CLAIM_LEASE, IN_FLIGHT_LEASE, gives_up, retry_delay
from storage.models import OutboxRow, PersonRow
from storage.people_cache import people_changed

log = logging.getLogger(__name__)

Translate = Callable[..., str]
Timer = Callable[[], float]
Sleep = Callable[[float], Awaitable[Any]]

#: seconds a broadcast message waits while another sender copies its file to the messenger
COPY_RETRY = 2.0

PENDING = OutboxStatus.PENDING.value
SENDING = OutboxStatus.SENDING.value


def concurrency_for(rate: float) -> int:
    """Messages in flight at once for a configured rate: enough to hide a slow round trip
    (0.25 s of sends), few enough that the slots taken ahead stay well under MAX_SLOT_WAIT
    with two processes sharing the rate."""
    return max(1, min(64, int(rate * 0.25)))


def maybe_delivered(exc: BaseException) -> bool:
    """Did a failed request perhaps reach Telegram? Then it must not be sent again.

    aiogram's ``AiohttpSession`` turns every aiohttp error and timeout into
    ``TelegramNetworkError`` with the original as ``__cause__``. A connection that could not
    be made (refused, DNS, TLS handshake, proxy, connect timeout) sent nothing; a timeout
    waiting for the answer, or a connection lost after the request went out, may have
    delivered the message. A network error without a known cause counts as perhaps delivered.
    """
    if isinstance(exc, TelegramEntityTooLarge):  # an answer (413): nothing was delivered
        return False
    if isinstance(exc, TelegramNetworkError):
        cause = exc.__cause__
        return not isinstance(cause, ClientConnectorError | ConnectionTimeoutError | InvalidURL)
    return isinstance(exc, TimeoutError)  # asyncio.TimeoutError is TimeoutError


@dataclass(slots=True)
class Claimed:
    id: int
    person_id: int
    chat_id: int
    locale: str | None
    blocked: bool
    key: str
    params: dict[str, Any]
    buttons: list[Any]
    attempts: int
    full_name: str | None = None
    broadcast_id: int | None = None
    #: the person's messenger (domain.enums.Channel): which bot delivers it
    channel: str = "telegram"


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        translate: Translate,
        default_locale: str = "ru",
        rate: float = 25.0,
        per_chat_interval: float = 1.0,
        batch: int = 50,
        tz: ZoneInfo | None = None,
        *,
        clock: Clock,
        claim_lease: timedelta = CLAIM_LEASE,
        in_flight_lease: timedelta = IN_FLIGHT_LEASE,
        timer: Timer = time.time,
        sleep: Sleep = asyncio.sleep,
        paid_broadcast: bool = False,
        quiet: Any = None,
        concurrency: int = 1,
        bots: dict[str, Bot] | None = None,
        files: Any = None,
    ) -> None:
        """``clock`` gives database times (due times, leases, ``sent_at``, per-chat pacing);
        ``timer`` (epoch seconds, the same on every host) and ``sleep`` pace the overall
        rate, shared with other processes through the ``outbox_pace`` row."""
        self.bot = bot
        #: channel → the bot that delivers to it (only Telegram's unless given); a messenger
        #: that is switched off has none, and its messages fail with that reason. Each
        #: channel's own limits are kept by its session (bot/max/session.py: 30 requests/s)
        self.bots: dict[str, Bot] = dict(bots) if bots is not None else {"telegram": bot}
        self.sessions = sessions
        self.translate = translate
        #: the overall rate, shared by every sender process (bot/outbox_pace.py)
        self.pace = SharedPace(sessions, rate, timer)
        #: what each recipient gets, through their messenger's bot (bot/outbox_compose.py)
        self.compose = Composer(self.bots, sessions, translate, default_locale,
                                tz or ZoneInfo("Europe/Moscow"), paid_broadcast=paid_broadcast,
                                files=files)
        self.per_chat_interval = timedelta(seconds=per_chat_interval)
        self.batch = batch
        self.clock = clock
        self.claim_lease = claim_lease
        self.in_flight_lease = in_flight_lease
        self.timer = timer
        self.sleep = sleep
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[-64:]
        self._paused_until = 0.0  # timer seconds
        self.stopping = False  # set at shutdown: claim nothing more
        #: messages between their send slot and Telegram's answer at once (1: one by one; a
        #: crash then leaves at most this many ``unknown``)
        self.concurrency = max(1, concurrency)
        self._lock = asyncio.Lock()
        #: quiet hours (domain.broadcasts.QuietHours): no broadcast message is claimed then
        self.quiet = quiet

    @property
    def gap(self) -> float:
        """Seconds between two send slots overall (a little over 1 / rate: bot/outbox_pace.py)."""
        return self.pace.gap

    @property
    def paid_broadcast(self) -> bool:
        return self.compose.paid_broadcast

    # ---- public -------------------------------------------------------------------------

    async def run_once(self, budget: float = 10.0) -> int:
        """Deliver what is due, for at most ``budget`` seconds. Returns messages sent."""
        if self._lock.locked():
            return 0
        async with self._lock:
            await self._expire_in_flight()
            if await self._shared_pause():
                return 0
            sent = 0
            deadline = self.timer() + budget
            flight = Flight(self.concurrency)
            try:
                while (self.timer() < deadline and self.timer() >= self._paused_until
                       and not self.stopping):
                    claimed = await self._claim(self.batch)
                    if claimed is None:
                        if not flight.tasks:
                            break
                        # nothing free now; one in the air may hold its chat's next message
                        await flight.land_one()
                        continue
                    if self.concurrency > 1:  # the next batch is claimed while this one flies
                        await self._start_concurrently(claimed, deadline, flight)
                    else:
                        sent += await self._deliver(claimed, deadline)
            finally:
                sent += await flight.land()
            return sent

    async def release_claims(self) -> int:
        """Graceful shutdown: give back every message this sender claimed and has not put in
        flight, so another process sends it now rather than after the claim lease. A delivery
        still running here then finds its claim gone and does not send (``_go_in_flight``)."""
        self.stopping = True
        try:
            async with self.sessions() as s, s.begin():
                result = await s.execute(
                    update(OutboxRow)
                    .where(OutboxRow.claimed_by == self.worker, OutboxRow.status == PENDING)
                    .values(claimed_at=None, claimed_by=None)
                )
        except Exception as exc:  # noqa: BLE001 — the lease frees them later anyway
            log.warning("outbox: could not release claimed messages (%s)", type(exc).__name__)
            return 0
        released = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if released:
            log.info("outbox: released %s claimed message(s) on shutdown", released)
        return released

    # ---- claiming -----------------------------------------------------------------------

    async def _expire_in_flight(self) -> None:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            result = await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.status == SENDING,
                    OutboxRow.claimed_at < now - self.in_flight_lease,
                )
                .values(status=OutboxStatus.UNKNOWN.value, last_error="sender stopped mid-send")
            )
            if result.rowcount:  # type: ignore[attr-defined]
                log.warning(
                    "outbox: %s message(s) were in flight when a sender stopped; "
                    "not resending them to avoid duplicates",
                    result.rowcount,  # type: ignore[attr-defined]
                )

    async def _shared_pause(self) -> bool:
        """Is flood control in force (seen by any sender)? Then pause without claiming."""
        wait = await self.pace.ahead()
        if wait > self.pace.max_wait:
            self._pause(wait)
            return True
        return False

    def _pause(self, seconds: float) -> None:
        self._paused_until = self.timer() + seconds

    async def _claim(self, limit: int) -> list[Claimed] | None:
        """Claim the next message of up to ``limit`` chats; None when nothing is due."""
        now = self.clock.now()
        row, earlier = aliased(OutboxRow), aliased(OutboxRow)  # not the UPDATE's own row
        free = or_(OutboxRow.claimed_at.is_(None), OutboxRow.claimed_at < now - self.claim_lease)
        conditions = [
            row.status == PENDING,
            row.not_before <= now,
            or_(row.claimed_at.is_(None), row.claimed_at < now - self.claim_lease),
            # the chat's first unfinished message, by priority (a person's own notices before
            # broadcasts), then in the order they were recorded: one in flight holds the chat;
            # one before it that is due or backing off goes first; one scheduled for later
            # (never tried, not yet due) lets the later ones by
            ~exists().where(
                earlier.person_id == row.person_id,
                earlier.id != row.id,
                or_(
                    earlier.status == SENDING,
                    and_(
                        earlier.status == PENDING,
                        or_(earlier.priority < row.priority,
                            and_(earlier.priority == row.priority, earlier.id < row.id)),
                        or_(earlier.not_before <= now, earlier.attempts > 0),
                    ),
                ),
            ),
        ]
        if self.quiet is not None and self.quiet.until(now) is not None:
            conditions.append(row.broadcast_id.is_(None))  # quiet hours: no broadcasts
        if self.per_chat_interval:  # the chat had no delivery within the interval
            conditions.append(~exists().where(
                earlier.person_id == row.person_id,
                earlier.status == OutboxStatus.SENT.value,
                earlier.sent_at > now - self.per_chat_interval,
            ))
        async with self.sessions() as s, s.begin():
            heads = (select(row.id).where(*conditions)
                     .order_by(row.priority, row.not_before, row.id).limit(limit))
            if s.get_bind().dialect.name == "postgresql":
                # lock the rows first (others skip them), then claim exactly those; one
                # UPDATE … IN (SELECT … LIMIT … SKIP LOCKED) may re-run its subquery per row
                ids = list((await s.scalars(heads.with_for_update(skip_locked=True))).all())
                if not ids:
                    return None
                chosen: Any = ids
            else:
                # SQLite: one UPDATE … IN (SELECT …), a write from the start (see the docstring)
                chosen = heads.scalar_subquery()
            # exactly the rows this claim took (RETURNING): the batch before it may still be
            # claimed by this sender and not yet in flight (run_once claims ahead)
            taken = list((await s.scalars(
                update(OutboxRow)
                .where(OutboxRow.id.in_(chosen), OutboxRow.status == PENDING, free)
                .values(claimed_at=now, claimed_by=self.worker)
                .returning(OutboxRow.id)
                .execution_options(synchronize_session=False)
            )).all())
            if not taken:
                return None
            rows = (
                await s.execute(
                    select(OutboxRow, PersonRow.external_id, PersonRow.locale,
                           PersonRow.blocked_at, PersonRow.full_name, PersonRow.channel)
                    .join(PersonRow, PersonRow.id == OutboxRow.person_id)
                    .where(OutboxRow.id.in_(taken))
                    .order_by(OutboxRow.priority, OutboxRow.not_before, OutboxRow.id)
                )
            ).all()
            claimed = [
                Claimed(
                    id=o.id,
                    person_id=o.person_id,
                    chat_id=int(external_id),
                    locale=locale,
                    blocked=blocked_at is not None,
                    key=o.key,
                    params=dict(o.params or {}),
                    buttons=list(o.buttons or []),
                    attempts=o.attempts,
                    full_name=full_name,
                    broadcast_id=o.broadcast_id,
                    channel=channel,
                )
                for o, external_id, locale, blocked_at, full_name, channel in rows
            ]
            return claimed

    async def _set(self, ids: list[int], **values: Any) -> None:
        """Record an outcome of messages this sender holds (claimed or in flight)."""
        if not ids:
            return
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids), OutboxRow.claimed_by == self.worker)
                .values(claimed_at=None, claimed_by=None, **values)
            )

    async def _release(self, items: list[Claimed]) -> None:
        """Give back claimed messages that are not in flight (still pending)."""
        if not items:
            return
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.id.in_([c.id for c in items]),
                    OutboxRow.claimed_by == self.worker,
                    OutboxRow.status == PENDING,
                )
                .values(claimed_at=None, claimed_by=None)
            )

    # ---- in flight ----------------------------------------------------------------------

    async def _go_in_flight(self, item: Claimed) -> str | float:
        """Take a send slot and mark the message in flight, in one transaction. Returns the
        moment (``timer``) the request is to leave, "lost" (another sender has it now) or
        "paused"."""
        async with self.sessions() as s:
            slot = await self.pace.take(s)
            wait = slot - self.timer()
            if wait > self.pace.max_wait:
                await s.rollback()
                self._pause(wait)
                return "paused"
            result = await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.id == item.id,
                    OutboxRow.claimed_by == self.worker,
                    OutboxRow.status == PENDING,
                )
                .values(status=SENDING, claimed_at=self.clock.now())
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                await s.rollback()
                log.info("outbox: message %s was taken over by another sender", item.id)
                return "lost"
            await s.commit()
        return slot

    # ---- delivering ---------------------------------------------------------------------

    async def _deliver(self, claimed: list[Claimed], deadline: float) -> int:
        """One message at a time (``concurrency`` 1)."""
        sent = 0
        for index, item in enumerate(claimed):
            # past the deadline, stop — but after at least one message, so a slow claim
            # (a large outbox on a loaded database) cannot starve delivery
            late = (self.timer() >= deadline and index > 0) or self.stopping
            if late or self.timer() < self._paused_until:
                await self._release(claimed[index:])
                break
            if item.blocked:
                await self._set([item.id], status=OutboxStatus.BLOCKED.value)
                continue
            outcome = await self._send(item)
            if outcome == "sent":
                sent += 1
            elif outcome == "paused":  # every sender waits (outbox_pace); the chats keep order
                await self._release(claimed[index:])
                break
        return sent

    async def _start_concurrently(self, claimed: list[Claimed], deadline: float,
                                  flight: Flight) -> None:
        """Up to ``concurrency`` messages between taking their slot and Telegram's answer, so
        the round trip does not cap the rate; returns once every claimed message has started
        (or was given back), so the next batch is claimed while these are in the air. Each is
        the first unfinished message of its chat — a chat's next one is not claimed while one
        before it is claimed or in flight (``_claim``) — so every chat keeps its order. Slots
        are taken one by one from the shared pace row; a 429 pauses everyone (the refused
        message and the ones not started go back), the ones already in flight finish."""
        for index, item in enumerate(claimed):
            await flight.gate.acquire()
            late = (self.timer() >= deadline and index > 0) or self.stopping
            if late or self.timer() < self._paused_until:
                flight.gate.release()
                await self._release(claimed[index:])
                return
            if item.blocked:
                flight.gate.release()
                await self._set([item.id], status=OutboxStatus.BLOCKED.value)
                continue
            flight.start(self._fly(item, flight))

    async def _fly(self, item: Claimed, flight: Flight) -> None:
        try:
            outcome = await self._send(item)
        finally:
            flight.gate.release()
        if outcome == "sent":
            flight.sent += 1
        elif outcome == "paused":
            await self._release([item])

    async def _send(self, item: Claimed) -> str:
        try:
            return await self._send_prepared(item)
        finally:
            await asyncio.shield(self.compose.done(item.id))  # not sent: free the copy's claim

    async def _send_prepared(self, item: Claimed) -> str:
        try:
            request = await self.compose.prepare(item)
        except CopyBusy:  # another sender is uploading the file: this one goes a bit later
            await self._set([item.id], status=PENDING,
                            not_before=self.clock.now() + timedelta(seconds=COPY_RETRY))
            return "busy"
        except Exception as exc:  # a broken key or argument: a bug, not a delivery problem
            log.exception("outbox: cannot render message %s (%s)", item.id, item.key)
            await self._set([item.id], status=OutboxStatus.FAILED.value, last_error=repr(exc))
            return "failed"
        slot = await self._go_in_flight(item)
        if isinstance(slot, str):
            return slot
        try:
            wait = slot - self.timer()  # measured after the commit: the request leaves at its slot
            if wait > 0:
                await self.sleep(wait)
            if self.timer() - slot > LATE:  # woken late, near the next slot: a new slot, once
                slot = await self.pace.retake()
                wait = slot - self.timer()
                if wait > self.pace.max_wait:  # flood control meanwhile: back in line
                    self._pause(wait)
                    await self._set([item.id], status=PENDING)
                    return "paused"
                if wait > 0:
                    await self.sleep(wait)
        except asyncio.CancelledError:  # stopped before the request: it was not sent
            await asyncio.shield(self._set([item.id], status=PENDING))
            raise
        try:
            message = await request()
        except asyncio.CancelledError:  # stopped during the request: it may have arrived
            await asyncio.shield(self._set(
                [item.id], status=OutboxStatus.UNKNOWN.value,
                last_error="sender stopped during the request",
            ))
            raise
        except TelegramRetryAfter as exc:
            self._pause(exc.retry_after)
            await self.pace.pause_everyone(exc.retry_after)
            log.warning("outbox: flood control, pausing %s s", exc.retry_after)
            await self._set(  # still due and first in its chat; the pause holds everyone
                [item.id], status=PENDING, last_error=f"retry after {exc.retry_after}s",
            )
            return "paused"
        except TelegramForbiddenError as exc:
            await self._mark_blocked(item, str(exc))
            return "blocked"
        except (TelegramBadRequest, TelegramEntityTooLarge) as exc:
            await self._set([item.id], status=OutboxStatus.FAILED.value, last_error=str(exc))
            log.warning("outbox: message %s rejected: %s", item.id, exc)
            return "failed"
        except Exception as exc:
            attempts = item.attempts + 1
            if maybe_delivered(exc):  # like a crash in flight: it may have arrived
                await self._set(
                    [item.id], status=OutboxStatus.UNKNOWN.value, attempts=attempts,
                    last_error=f"no answer, may have been delivered: {exc!r}",
                )
                log.warning("outbox: no answer for message %s (%r); not resending it",
                            item.id, exc)
                return "unknown"
            # nothing was sent (connection refused, DNS) or Telegram answered 5xx: later
            if gives_up(attempts):
                await self._set(
                    [item.id], status=OutboxStatus.FAILED.value, attempts=attempts,
                    last_error=repr(exc),
                )
                log.error("outbox: giving up on message %s after %s attempts", item.id, attempts)
            else:
                await self._set(  # backing off, still first in its chat (attempts > 0)
                    [item.id], status=PENDING, attempts=attempts,
                    not_before=self.clock.now() + retry_delay(attempts), last_error=repr(exc),
                )
            return "retry"
        said = self.compose.note(item.id)
        note = {"last_error": said} if said else {}
        await self._set(
            [item.id],
            status=OutboxStatus.SENT.value,
            sent_at=self.clock.now(),
            attempts=item.attempts + 1,
            telegram_message_id=message.message_id,
            **note,
        )
        return "sent"

    async def _mark_blocked(self, item: Claimed, error: str) -> None:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(PersonRow).where(PersonRow.id == item.person_id).values(blocked_at=now)
                .execution_options(**people_changed(item.person_id))
            )
            await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.person_id == item.person_id,
                    (OutboxRow.id == item.id)
                    | (OutboxRow.status == OutboxStatus.PENDING.value),
                )
                .values(
                    status=OutboxStatus.BLOCKED.value, last_error=error, claimed_at=None,
                    claimed_by=None,
                )
            )
        log.info("outbox: person %s blocked the bot", item.person_id)
