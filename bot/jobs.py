"""Periodic jobs of events and courses: reminders before sessions and waitlist-offer expiry.

Each tick reads what is due from the database and marks it done in the same transaction
(a reminder is an outbox row with a unique dedupe key; an expired offer changes status), so a
restart or a second instance neither skips nor repeats anything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import events
from domain.clock import Clock
from domain.territory.alerts import AlertSettings
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

TICK_SECONDS = 30


@dataclass(frozen=True, slots=True)
class TickReport:
    reminders: int
    expired_offers: int


async def events_tick(
    sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo, clock: Clock
) -> TickReport:
    """One pass: record due reminders, then expire overdue offers (one event per transaction,
    so one busy event does not hold the others)."""
    now = clock.now()
    async with sessions() as session:
        uow = SqlUnitOfWork(session, clock)
        reminders = await events.record_due_reminders(uow, tz, now)
        await uow.commit()
    expired = 0
    async with sessions() as session:
        event_ids = await events.events_with_due_offers(SqlUnitOfWork(session, clock), now)
    for event_id in event_ids:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, clock)
            try:
                expired += await events.expire_offers(uow, event_id, tz, now)
                await uow.commit()
            except Exception:  # one broken event must not stop the others
                await uow.rollback()
                log.exception("events: cannot expire offers of event %s", event_id)
    if reminders or expired:
        log.info("events: %s reminder(s) recorded, %s offer(s) expired", reminders, expired)
    return TickReport(reminders, expired)


async def route_tick(
    sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo, clock: Clock
) -> int:
    """The ИОМ (domain/route.py): one reminder per overdue activity of a route being carried
    out, and per member and overdue activity of an open group ИОМ (domain/group_route),
    recorded once (dedupe key) however often this runs."""
    from domain import group_route, route

    now = clock.now()
    today = now.astimezone(tz).date()
    async with sessions() as session:
        uow = SqlUnitOfWork(session, clock)
        recorded = await route.record_overdue_reminders(uow, today, now)
        recorded += await group_route.record_overdue_reminders(uow, today, now)
        await uow.commit()
    if recorded:
        log.info("route: %s overdue reminder(s) recorded", recorded)
    return recorded


async def territory_tick(
    sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo, clock: Clock,
    settings: AlertSettings | None = None,
) -> int:
    """Coordinators (domain/territory/alerts.py): digests due now and escalations, each
    recorded once (dedupe keys) however often this runs."""
    from domain.territory import alerts

    s = settings or alerts.AlertSettings()
    now = clock.now()
    async with sessions() as session:
        uow = SqlUnitOfWork(session, clock)
        recorded = await alerts.record_escalations(uow, s, tz, now)
        recorded += await alerts.record_digests(uow, s, tz, now)
        await uow.commit()
    if recorded:
        log.info("territory: %s digest(s) and alert(s) recorded", recorded)
    return recorded


def alert_settings(settings: Any) -> AlertSettings:
    """The application settings' digest day and hour, quiet hours and escalation limit."""
    from bot.settings import parse_quiet  # QUIET_HOURS, shared with broadcasts: HH:MM-HH:MM

    start, end = ((t.hour for t in parse_quiet(settings.quiet_hours)) if settings.quiet_hours
                  else (0, 0))  # empty: none
    return AlertSettings(weekday=settings.digest_weekday - 1, hour=settings.digest_hour,
                         quiet_start=start, quiet_end=end,
                         escalate_days=settings.escalate_after_days,
                         stalled_days=settings.escalate_after_days)


async def mentoring_tick(
    sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo, clock: Clock, weeks: int
) -> int:
    """Mentoring (domain/mentoring/): a silent pair reminds its mentor, later its coordinator;
    each notice recorded once per silence (dedupe keys) however often this runs."""
    from domain import mentoring

    now = clock.now()
    async with sessions() as session:
        uow = SqlUnitOfWork(session, clock)
        recorded = await mentoring.record_quiet_reminders(
            uow, now.astimezone(tz).date(), weeks, now)
        await uow.commit()
    if recorded:
        log.info("mentoring: %s reminder(s) recorded", recorded)
    return recorded


async def campaigns_tick(
    sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo, clock: Clock, quiet: Any = None,
) -> dict[str, int]:
    """Monitoring campaigns (domain/campaigns): open what starts today (participants and
    invitations in one INSERT … SELECT each), queue due reminder stages (each once, recorded on
    the campaign, so a tick with nothing due does no work), close what ended. ``quiet``:
    QUIET_HOURS (domain.broadcasts.QuietHours); messages are held until they end."""
    from domain import campaigns
    from domain.broadcasts import QuietHours

    now = clock.now()
    async with sessions() as session:
        uow = SqlUnitOfWork(session, clock)
        report = await campaigns.tick(uow, quiet or QuietHours(tz=tz), tz, now)
        await uow.commit()
    if any(report.values()):
        log.info("campaigns: %s", report)
    return report


async def handled_updates_tick(sessions: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    from bot.redelivery import prune

    return await prune(sessions, clock.now())


def register_jobs(
    scheduler: AsyncIOScheduler,
    sessions: async_sessionmaker[AsyncSession],
    tz: ZoneInfo,
    clock: Clock,
    alerts: AlertSettings | None = None,
    mentoring_weeks: int = 3,
    quiet: Any = None,
) -> None:
    scheduler.add_job(
        events_tick, "interval", seconds=TICK_SECONDS, args=[sessions, tz, clock], id="events",
        max_instances=1, coalesce=True,
    )
    scheduler.add_job(  # the ИОМ's overdue activities
        route_tick, "interval", hours=1, args=[sessions, tz, clock], id="route",
        max_instances=1, coalesce=True,
    )
    scheduler.add_job(  # coordinators' digests and escalations
        territory_tick, "interval", minutes=15, args=[sessions, tz, clock, alerts],
        id="territory", max_instances=1, coalesce=True,
    )
    scheduler.add_job(  # silent mentoring pairs
        mentoring_tick, "interval", hours=1, args=[sessions, tz, clock, mentoring_weeks],
        id="mentoring", max_instances=1, coalesce=True,
    )
    scheduler.add_job(  # Telegram updates remembered against a repeat delivery: a day
        handled_updates_tick, "interval", hours=1, args=[sessions, clock],
        id="handled-updates", max_instances=1, coalesce=True,
    )
    scheduler.add_job(  # monitoring campaigns: openings, reminders, closing
        campaigns_tick, "interval", minutes=5, args=[sessions, tz, clock, quiet],
        id="campaigns", max_instances=1, coalesce=True,
    )
