"""reminders"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.entities import Notification
from domain.events.model import (
    REMINDER_MAX,
    Session,
    _notice_targets,
    due_reminder,
    reminder_key,
    spans,
)
from domain.outbox import notify
from domain.ports import UnitOfWork

# ---- periodic jobs ------------------------------------------------------------------------


async def record_due_reminders(uow: UnitOfWork, tz: ZoneInfo, now: datetime) -> int:
    """Record the reminders due now in the outbox, each once (dedupe key); returns how many.

    Only confirmed registrations of published events count, so a cancelled registration or
    event never gets one; cancelling also drops reminders already queued.
    """
    horizon = now + timedelta(minutes=REMINDER_MAX)
    recorded = 0
    due = []
    for target in await uow.events.reminder_targets(now, horizon):
        minutes = due_reminder(target.starts_at, target.reminders, target.registered_at, now)
        if minutes is not None:
            due.append((target, minutes))
    # the ones recorded by an earlier tick: one query, not an INSERT each every tick
    done = await uow.outbox.recorded([reminder_key(t, m) for t, m in due]) if due else set()
    for target, minutes in due:
        if reminder_key(target, minutes) in done:
            continue
        session = Session(target.starts_at, target.ends_at)
        added = await notify(uow, Notification(
            person_id=target.person_id, key="ev-notice-reminder",
            params={"title": target.title, "when": spans([session]), "place": target.place,
                    "link": target.online_url},
            targets=_notice_targets(target.event_id),
            dedupe_key=reminder_key(target, minutes),
        ), now)
        recorded += int(added)
    return recorded


async def events_with_due_offers(uow: UnitOfWork, now: datetime) -> list[int]:
    return await uow.events.events_with_due_offers(now)
