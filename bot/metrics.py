"""Prometheus metrics (``GET /metrics``), one ``CollectorRegistry`` per app (tests build many).

- ``marshrut_updates_total{type}`` and ``marshrut_update_seconds{type}`` (a histogram): every
  update, by its type (message, callback_query, …), measured around the whole middleware chain;
- ``marshrut_errors_total{type}``: exceptions that reached the error handler, by class name;
- ``marshrut_outbox_messages{status}``: outbox rows per status (one grouped query per scrape)
  and ``marshrut_outbox_lag_seconds``: how long the oldest due pending message has waited;
- ``marshrut_job_last_run_timestamp_seconds{job}``, ``marshrut_job_duration_seconds{job}``,
  ``marshrut_job_failures_total{job}``: the scheduled jobs, as run by this process;
- ``marshrut_scheduler_leader``: 1 when this process runs the leader-only jobs.

The middleware also sets the logging context (``update_id``, ``user_id``) for every line
written while an update is handled, and writes the one line per update at DEBUG.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest
from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.logs import update_id_var, user_id_var
from domain.clock import Clock
from domain.enums import OutboxStatus
from storage.models import OutboxRow

log = logging.getLogger("marshrut.updates")

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        r = self.registry = registry or CollectorRegistry()
        self.updates = Counter("marshrut_updates", "Updates handled, by update type", ["type"],
                               registry=r)
        self.latency = Histogram("marshrut_update_seconds", "Time to handle an update",
                                 ["type"], buckets=LATENCY_BUCKETS, registry=r)
        self.errors = Counter("marshrut_errors", "Errors while handling updates, by exception "
                              "type", ["type"], registry=r)
        self.outbox = Gauge("marshrut_outbox_messages", "Outbox messages by status", ["status"],
                            registry=r)
        self.outbox_lag = Gauge("marshrut_outbox_lag_seconds", "Age of the oldest due pending "
                                "outbox message (0 when none)", registry=r)
        self.job_last_run = Gauge("marshrut_job_last_run_timestamp_seconds", "When a scheduled "
                                  "job last finished in this process (unix time)", ["job"],
                                  registry=r)
        self.job_duration = Gauge("marshrut_job_duration_seconds", "How long the last run of a "
                                  "scheduled job took", ["job"], registry=r)
        self.job_failures = Counter("marshrut_job_failures", "Scheduled job runs that raised",
                                    ["job"], registry=r)
        self.leader = Gauge("marshrut_scheduler_leader", "1 when this process runs the "
                            "leader-only scheduled jobs", registry=r)
        for status in OutboxStatus:
            self.outbox.labels(status.value)

    def render(self) -> bytes:
        return generate_latest(self.registry)


# ---- the outbox, counted --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxStats:
    counts: dict[str, int]
    #: seconds the oldest due pending message has waited (0 when nothing is due)
    lag: float


async def outbox_stats(sessions: async_sessionmaker[AsyncSession], now: datetime) -> OutboxStats:
    """One grouped query: rows per status and, per status, the oldest due ``not_before``."""
    due = case((OutboxRow.not_before <= now, OutboxRow.not_before))
    q = select(OutboxRow.status, func.count(), func.min(due)).group_by(OutboxRow.status)
    async with sessions() as session:
        rows = (await session.execute(q)).all()
    counts = {s.value: 0 for s in OutboxStatus}
    lag = 0.0
    for status, n, oldest in rows:
        counts[status] = n
        if status == OutboxStatus.PENDING.value and oldest is not None:
            if oldest.tzinfo is None:  # in case a driver drops the zone
                oldest = oldest.replace(tzinfo=UTC)
            lag = max(0.0, (now - oldest).total_seconds())
    return OutboxStats(counts, lag)


async def refresh_outbox(metrics: Metrics, sessions: async_sessionmaker[AsyncSession],
                         now: datetime) -> OutboxStats:
    stats = await outbox_stats(sessions, now)
    for status, n in stats.counts.items():
        metrics.outbox.labels(status).set(n)
    metrics.outbox_lag.set(stats.lag)
    return stats


# ---- updates --------------------------------------------------------------------------------


def update_type(event: TelegramObject) -> str:
    if isinstance(event, Update):
        try:
            return event.event_type
        except Exception:  # noqa: BLE001 — a type this aiogram does not know
            return "unknown"
    return type(event).__name__


class UpdateMetricsMiddleware(BaseMiddleware):
    """Outermost on ``dp.update``: counts and times every update, sets the logging context."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._series: dict[str, tuple[Any, Any]] = {}  # kind → (counter, histogram) children

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        kind = update_type(event)
        update_id = getattr(event, "update_id", None)
        user = getattr(getattr(event, "event", None), "from_user", None) \
            if isinstance(event, Update) else None
        user_id = getattr(user, "id", None)
        t_update = update_id_var.set(update_id)
        t_user = user_id_var.set(user_id)
        start = time.perf_counter()
        try:
            return await handler(event, data)
        finally:
            elapsed = time.perf_counter() - start
            series = self._series.get(kind)
            if series is None:  # a labelled child looked up once per kind, not per update
                series = self._series[kind] = (self.metrics.updates.labels(kind),
                                               self.metrics.latency.labels(kind))
            series[0].inc()
            series[1].observe(elapsed)
            if log.isEnabledFor(logging.DEBUG):
                log.debug("update %s (%s) handled in %.1f ms", update_id, kind, elapsed * 1000)
            update_id_var.reset(t_update)
            user_id_var.reset(t_user)


class ErrorMetricsMiddleware(BaseMiddleware):
    """On ``dp.errors``: counts the exceptions that reach the error handler."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        exception = getattr(event, "exception", None)
        if isinstance(exception, BaseException):
            self.metrics.errors.labels(type(exception).__name__).inc()
        return await handler(event, data)


# ---- scheduled jobs -------------------------------------------------------------------------


def timed_job(metrics: Metrics, clock: Clock, name: str,
              job: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(job)
    async def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await job(*args, **kwargs)
        except Exception:
            metrics.job_failures.labels(name).inc()
            raise
        finally:
            metrics.job_duration.labels(name).set(time.perf_counter() - start)
            metrics.job_last_run.labels(name).set(clock.now().timestamp())

    return run
