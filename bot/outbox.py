"""The outbox sender: delivers recorded notifications within Telegram's limits.

* about ``rate`` messages per second overall and one per second per chat;
* ``RetryAfter`` pauses the whole sender and puts the message back for later;
* a chat that blocked the bot is marked, and its messages are not retried;
* every state change commits on its own, so after a crash the sender resumes where it
  stopped; a message that was being sent at the moment of the crash is marked ``unknown``
  and never sent again (no duplicates);
* on PostgreSQL several senders share the table (``FOR UPDATE SKIP LOCKED``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render import NoticeRenderer
from domain.clock import Clock
from domain.enums import OutboxStatus
from domain.outbox import CLAIM_LEASE, gives_up, retry_delay
from storage.models import OutboxRow, PersonRow

log = logging.getLogger(__name__)

Translate = Callable[..., str]


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
    ) -> None:
        self.bot = bot
        self.clock = clock
        self.sessions = sessions
        self.translate = translate
        #: dates in notifications are shown in this zone (the app passes settings.tz)
        self.renderer = NoticeRenderer(translate, tz or ZoneInfo("Europe/Moscow"))
        self.default_locale = default_locale
        self.min_gap = 1.0 / rate
        self.per_chat_interval = per_chat_interval
        self.batch = batch
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"[:64]
        self._last_send = 0.0
        self._last_by_chat: dict[int, float] = {}
        self._paused_until = 0.0
        self._resume_at = self.clock.now()  # the same moment as _paused_until, in database time
        self._lock = asyncio.Lock()

    # ---- public -------------------------------------------------------------------------

    async def run_once(self, budget: float = 10.0) -> int:
        """Deliver what is due, for at most ``budget`` seconds. Returns messages sent."""
        if self._lock.locked():
            return 0
        async with self._lock:
            await self._expire_stale_claims()
            sent = 0
            deadline = time.monotonic() + budget
            while time.monotonic() < deadline:
                if time.monotonic() < self._paused_until:
                    break
                claimed = await self._claim(self.batch)
                if not claimed:
                    break
                sent += await self._deliver(claimed, deadline)
            return sent

    # ---- claiming -----------------------------------------------------------------------

    async def _expire_stale_claims(self) -> None:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            result = await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.status == OutboxStatus.SENDING.value,
                    OutboxRow.claimed_at < now - CLAIM_LEASE,
                )
                .values(status=OutboxStatus.UNKNOWN.value, last_error="sender stopped mid-send")
            )
            if result.rowcount:  # type: ignore[attr-defined]
                log.warning(
                    "outbox: %s message(s) were being sent when a sender stopped; "
                    "not resending them to avoid duplicates",
                    result.rowcount,  # type: ignore[attr-defined]
                )

    async def _claim(self, limit: int) -> list[Claimed]:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            q = (
                select(OutboxRow.id)
                .where(
                    OutboxRow.status == OutboxStatus.PENDING.value,
                    OutboxRow.not_before <= now,
                )
                .order_by(OutboxRow.not_before, OutboxRow.id)
                .limit(limit)
            )
            if s.get_bind().dialect.name == "postgresql":
                q = q.with_for_update(skip_locked=True)
            ids = list((await s.scalars(q)).all())
            if not ids:
                return []
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids), OutboxRow.status == OutboxStatus.PENDING.value)
                .values(status=OutboxStatus.SENDING.value, claimed_at=now, claimed_by=self.worker)
            )
            rows = (
                await s.execute(
                    select(OutboxRow, PersonRow)
                    .join(PersonRow, PersonRow.id == OutboxRow.person_id)
                    .where(OutboxRow.id.in_(ids), OutboxRow.claimed_by == self.worker)
                    .order_by(OutboxRow.not_before, OutboxRow.id)
                )
            ).all()
            return [
                Claimed(
                    id=o.id,
                    person_id=p.id,
                    chat_id=int(p.external_id),
                    locale=p.locale,
                    blocked=p.blocked_at is not None,
                    key=o.key,
                    params=dict(o.params or {}),
                    buttons=list(o.buttons or []),
                    attempts=o.attempts,
                )
                for o, p in rows
            ]

    async def _set(self, ids: list[int], **values: Any) -> None:
        if not ids:
            return
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(claimed_at=None, claimed_by=None, **values)
            )

    async def _release(self, items: list[Claimed], not_before: datetime) -> None:
        await self._set(
            [c.id for c in items], status=OutboxStatus.PENDING.value, not_before=not_before
        )

    # ---- delivering ---------------------------------------------------------------------

    async def _deliver(self, claimed: list[Claimed], deadline: float) -> int:
        sent = 0
        deferred: dict[int, datetime] = {}  # one due time per chat keeps its messages in order
        for index, item in enumerate(claimed):
            rest = claimed[index:]
            if time.monotonic() >= deadline or time.monotonic() < self._paused_until:
                await self._release(rest, self.clock.now())
                break
            if item.blocked:
                await self._set([item.id], status=OutboxStatus.BLOCKED.value)
                continue
            last = self._last_by_chat.get(item.chat_id, 0.0)
            if time.monotonic() - last < self.per_chat_interval:
                wait = self.per_chat_interval - (time.monotonic() - last)
                due = deferred.setdefault(item.chat_id, self.clock.now() + timedelta(seconds=wait))
                await self._release([item], due)
                continue
            await self._pace()
            outcome = await self._send(item)
            if outcome == "sent":
                sent += 1
            elif outcome == "blocked":  # their other messages in this batch are not tried
                for other in claimed[index + 1 :]:
                    if other.person_id == item.person_id:
                        other.blocked = True
            elif outcome == "paused":
                # due with the refused message, so it still goes first (ties go by id)
                await self._release(claimed[index + 1 :], self._resume_at)
                break
        return sent

    async def _pace(self) -> None:
        gap = self._last_send + self.min_gap - time.monotonic()
        if gap > 0:
            await asyncio.sleep(gap)
        self._last_send = time.monotonic()

    def _render(self, item: Claimed) -> tuple[str, InlineKeyboardMarkup | None]:
        locale = item.locale or self.default_locale
        rendered = self.renderer.render(item.key, locale, item.params, item.buttons)
        return rendered.text, rendered.markup

    async def _send(self, item: Claimed) -> str:
        try:
            text, markup = self._render(item)
        except Exception as exc:  # a broken key or argument: a bug, not a delivery problem
            log.exception("outbox: cannot render message %s (%s)", item.id, item.key)
            await self._set([item.id], status=OutboxStatus.FAILED.value, last_error=repr(exc))
            return "failed"
        now_mono = time.monotonic()
        self._last_by_chat[item.chat_id] = now_mono
        if len(self._last_by_chat) > 10_000:  # only chats within the pacing gap matter
            self._last_by_chat = {
                chat: at for chat, at in self._last_by_chat.items()
                if now_mono - at < self.per_chat_interval
            }
        try:
            message = await self.bot.send_message(item.chat_id, text, reply_markup=markup)
        except TelegramRetryAfter as exc:
            self._paused_until = time.monotonic() + exc.retry_after
            self._resume_at = self.clock.now() + timedelta(seconds=exc.retry_after)
            log.warning("outbox: flood control, pausing %s s", exc.retry_after)
            await self._set(
                [item.id],
                status=OutboxStatus.PENDING.value,
                not_before=self._resume_at,
                last_error=f"retry after {exc.retry_after}s",
            )
            return "paused"
        except TelegramForbiddenError as exc:
            await self._mark_blocked(item, str(exc))
            return "blocked"
        except TelegramBadRequest as exc:
            await self._set([item.id], status=OutboxStatus.FAILED.value, last_error=str(exc))
            log.warning("outbox: message %s rejected: %s", item.id, exc)
            return "failed"
        except Exception as exc:  # network trouble, Telegram 5xx: try again later
            attempts = item.attempts + 1
            if gives_up(attempts):
                await self._set(
                    [item.id], status=OutboxStatus.FAILED.value, attempts=attempts,
                    last_error=repr(exc),
                )
                log.error("outbox: giving up on message %s after %s attempts", item.id, attempts)
            else:
                await self._set(
                    [item.id],
                    status=OutboxStatus.PENDING.value,
                    attempts=attempts,
                    not_before=self.clock.now() + retry_delay(attempts),
                    last_error=repr(exc),
                )
            return "retry"
        await self._set(
            [item.id],
            status=OutboxStatus.SENT.value,
            sent_at=self.clock.now(),
            attempts=item.attempts + 1,
            telegram_message_id=message.message_id,
        )
        return "sent"

    async def _mark_blocked(self, item: Claimed, error: str) -> None:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(PersonRow).where(PersonRow.id == item.person_id).values(blocked_at=now)
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
