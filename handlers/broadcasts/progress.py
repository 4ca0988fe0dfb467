"""Live progress for the sender: one message edited in place (queued / sent / blocked /
failed, a bar, the time left) and the final report; and the scheduler's tick that starts
scheduled broadcasts, applies quiet hours and finishes them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import broadcasts as bc
from domain.clock import Clock
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

Translate = Callable[..., str]

TICK_SECONDS = 5


def fmt_left(seconds: int) -> tuple[int, int]:
    minutes, sec = divmod(max(seconds, 0), 60)
    return minutes, sec


def progress_text(translate: Translate, locale: str, b: bc.Broadcast, p: bc.Progress,
                  rate: float) -> str:
    minutes, seconds = fmt_left(p.seconds_left(rate))
    params = dict(id=b.id, total=p.total, queued=p.queued, sent=p.sent, blocked=p.blocked,
                  failed=p.failed, percent=p.percent(), bar=bc.progress_bar(p.percent()),
                  minutes=minutes, seconds=seconds)
    if b.status is bc.BroadcastStatus.DONE:
        return translate("bc-report-done", locale, **params)
    if b.status is bc.BroadcastStatus.CANCELLED:
        return translate("bc-report-cancelled", locale, **params)
    if b.status is bc.BroadcastStatus.PAUSED:
        return translate("bc-progress-paused", locale, **params)
    return translate("bc-progress", locale, **params)


class ProgressReporter:
    """Edits each sender's progress message when its figures change, in the sender's own
    messenger (Telegram or MAX)."""

    def __init__(self, bots: Bot | Mapping[str, Bot], translate: Translate,
                 default_locale: str, rate: float) -> None:
        #: channel → bot; a messenger that is switched off has none (no progress is shown)
        self.bots = {"telegram": bots} if isinstance(bots, Bot) else dict(bots)
        self.translate = translate
        self.default_locale = default_locale
        self.rate = rate
        self._shown: dict[int, str] = {}

    async def show(self, b: bc.Broadcast, p: bc.Progress) -> int | None:
        """Edit (or first send) the progress message; returns its id when newly sent."""
        bot = self.bots.get(b.author_channel or "telegram")
        if not b.author_chat or bot is None:
            return None
        text = progress_text(self.translate, b.author_locale or self.default_locale, b, p,
                             self.rate)
        if self._shown.get(b.id) == text:
            return None
        self._shown[b.id] = text
        try:
            if b.report_message_id:
                try:
                    await bot.edit_message_text(text, chat_id=int(b.author_chat),
                                                message_id=b.report_message_id)
                except TelegramForbiddenError:
                    raise
                except Exception as exc:  # noqa: BLE001 — not modified, or deleted by the author
                    log.debug("broadcast %s: progress not edited (%s)", b.id, exc)
                return None
            message = await bot.send_message(int(b.author_chat), text)
            return message.message_id
        except TelegramForbiddenError:
            return None


async def broadcasts_tick(sessions: async_sessionmaker[AsyncSession], quiet: bc.QuietHours,
                          clock: Clock, reporter: ProgressReporter | None = None) -> int:
    """One pass (each broadcast in its own transaction, so one failure does not stop the
    others; any process may run it, the row locks keep it single)."""
    now: datetime = clock.now()
    async with sessions() as session:
        due = await SqlUnitOfWork(session, clock).broadcasts.due_scheduled(now)
    for broadcast_id in due:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            try:
                if await bc.start_due(uow, broadcast_id, quiet, now):
                    log.info("broadcasts: scheduled broadcast %s started", broadcast_id)
                await uow.commit()
            except Exception:
                await uow.rollback()
                log.exception("broadcasts: cannot start broadcast %s", broadcast_id)
    async with sessions() as session:
        active = await SqlUnitOfWork(session, clock).broadcasts.active()
    for item in active:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            try:
                b = await uow.broadcasts.lock(item.id)
                if b is None or b.status not in bc.ACTIVE:
                    await uow.rollback()
                    continue
                state = await bc.advance(uow, b, quiet, now)
                await uow.commit()
            except Exception:
                await uow.rollback()
                log.exception("broadcasts: cannot advance broadcast %s", item.id)
                continue
        if reporter is not None:
            sent_id = await reporter.show(b, state)
            if sent_id:
                async with sessions() as session:
                    uow = SqlUnitOfWork(session, clock)
                    await uow.broadcasts.set_report_message(b.id, sent_id)
                    await uow.commit()
    return len(active)
