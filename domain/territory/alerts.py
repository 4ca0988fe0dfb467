"""Digests and escalations for coordinators.

A digest per coordinator and scope (off / daily / weekly, chosen in Profile; weekly by
default) on the configured day and hour: submissions waiting, running routes with overdue
activities, routes stalled in agreement for more than N days, teachers never diagnosed — with
buttons to each list. Escalation: a route or a course form waiting for more than N days, or
in a school with no school coordinator in the bot, reaches the municipal coordinators; they
are also told when a course form arrives. Everything is recorded through the outbox with a
dedupe key, so however often the job runs each message is recorded once; messages falling
into the quiet hours wait until they end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.courses import FormSubmitted
from domain.entities import Notification, Org
from domain.errors import AccessDenied, DomainError
from domain.notifications import OpenTerritoryList, ReviewCourseForm, ReviewRoute
from domain.outbox import notify

if TYPE_CHECKING:
    from domain.ports import UnitOfWork
    from domain.reactions import Reactions


class DigestMode(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


DEFAULT_MODE = DigestMode.WEEKLY


@dataclass(frozen=True, slots=True)
class AlertSettings:
    weekday: int = 0  # Monday (date.weekday())
    hour: int = 9
    quiet_start: int = 21  # no messages from 21:00 …
    quiet_end: int = 8  # … to 08:00, local time
    escalate_days: int = 7
    stalled_days: int = 7


@dataclass(frozen=True, slots=True)
class DigestCounts:
    waiting: int  # routes and course forms submitted, waiting for a decision
    overdue: int  # running routes with an activity past its date
    stalled: int  # routes waiting for agreement longer than the stalled limit
    never_diagnosed: int

    @property
    def empty(self) -> bool:
        return not (self.waiting or self.overdue or self.stalled or self.never_diagnosed)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A route or a course form waiting for a school coordinator's decision."""

    kind: str  # "route", "assignment", "report"
    id: int
    revision: int
    person_name: str
    school_id: int | None
    school_name: str | None
    municipality_id: int | None
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class CoordinatorGrant:
    person_id: int
    org_id: int
    mode: DigestMode


def in_quiet_hours(local: datetime, s: AlertSettings) -> bool:
    h = local.hour
    if s.quiet_start == s.quiet_end:
        return False
    if s.quiet_start > s.quiet_end:  # over midnight
        return h >= s.quiet_start or h < s.quiet_end
    return s.quiet_start <= h < s.quiet_end


def not_before(now: datetime, tz: ZoneInfo, s: AlertSettings) -> datetime:
    """``now``, or the end of the quiet hours it falls into."""
    local = now.astimezone(tz)
    if not in_quiet_hours(local, s):
        return now
    day = local.date() if local.hour < s.quiet_end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(s.quiet_end), tz)


def digest_period(mode: DigestMode, today: date, s: AlertSettings) -> str | None:
    """The period a digest due today belongs to (its dedupe key), or None if none is due."""
    if mode is DigestMode.DAILY:
        return today.isoformat()
    if mode is DigestMode.WEEKLY and today.weekday() == s.weekday:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    return None


async def digest_mode(uow: UnitOfWork, actor: Actor) -> DigestMode:
    if not (actor.is_coordinator or actor.is_admin):
        raise AccessDenied()
    stored = await uow.territory.digest_mode(actor.person_id)
    return DigestMode(stored) if stored else DEFAULT_MODE


async def set_digest_mode(uow: UnitOfWork, actor: Actor, mode: str, now: datetime
                          ) -> DigestMode:
    if not actor.is_coordinator:
        raise AccessDenied()
    try:
        chosen = DigestMode(mode)
    except ValueError:
        raise DomainError("error-choice-unknown") from None
    await uow.territory.set_digest_mode(actor.person_id, chosen.value, now)
    return chosen


async def record_digests(uow: UnitOfWork, s: AlertSettings, tz: ZoneInfo, now: datetime
                         ) -> int:
    """Digests due now (from the configured hour of the day on): one per coordinator, scope
    and period."""
    local = now.astimezone(tz)
    if local.hour < s.hour:
        return 0
    today = local.date()
    recorded = 0
    orgs: dict[int, Org] = {}
    counts: dict[int, DigestCounts] = {}
    stalled_before = now - timedelta(days=s.stalled_days)
    from domain.territory.services import period

    when = period(now, tz)
    for grant in await uow.territory.coordinator_grants():
        key = digest_period(grant.mode, today, s)
        if key is None:
            continue
        if grant.org_id not in orgs:
            org = await uow.orgs.get(grant.org_id)
            if org is None:
                continue
            orgs[grant.org_id] = org
            counts[grant.org_id] = await uow.territory.digest_counts(org, when, stalled_before)
        org, c = orgs[grant.org_id], counts[grant.org_id]
        if c.empty:
            continue
        targets = []
        if c.waiting:
            targets.append(OpenTerritoryList(org.id, "waiting"))
        if c.overdue:
            targets.append(OpenTerritoryList(org.id, "overdue"))
        if c.never_diagnosed:
            targets.append(OpenTerritoryList(org.id, "nodiag"))
        recorded += await notify(uow, Notification(
            person_id=grant.person_id, key="terr-digest",
            params={"org": org.name, "waiting": c.waiting, "overdue": c.overdue,
                    "stalled": c.stalled, "days": s.stalled_days,
                    "nodiag": c.never_diagnosed},
            targets=tuple(targets),
            dedupe_key=f"terr-digest:{grant.person_id}:{org.id}:{key}",
            not_before=not_before(now, tz, s),
        ), now)
    return recorded


async def record_escalations(uow: UnitOfWork, s: AlertSettings, tz: ZoneInfo, now: datetime
                             ) -> int:
    """Items waiting too long, or in a school without a school coordinator, go to the
    municipal coordinators; course forms that arrived in the last two days are announced
    (a form submitted through the bot was announced at once by ``on_form_submitted``: the
    same dedupe keys make this pass a safety net, never a second message)."""
    late_before = now - timedelta(days=s.escalate_days)
    items = await uow.territory.waiting_items()
    schools = {i.school_id for i in items if i.school_id}
    covered = await uow.territory.schools_with_coordinator(sorted(schools))
    recorded = 0
    municipal: dict[int, list[int]] = {}
    when = not_before(now, tz, s)
    for item in items:
        if item.municipality_id is None:
            continue
        if item.municipality_id not in municipal:
            municipal[item.municipality_id] = await uow.territory.municipal_coordinators(
                item.municipality_id)
        late = item.submitted_at <= late_before
        orphan = item.school_id not in covered
        fresh_form = item.kind != "route" and item.submitted_at >= now - timedelta(days=2)
        reason = "late" if late else "orphan" if orphan else None
        recorded += await _announce(uow, item, municipal[item.municipality_id], reason,
                                    fresh_form, when, now)
    return recorded


async def _announce(uow: UnitOfWork, item: Waiting, coordinators: list[int], reason: str | None,
                    fresh_form: bool, when: datetime, now: datetime) -> int:
    """One item to its municipal coordinators: an escalation (late, orphan) or the arrival
    of a course form. The dedupe keys are the item's (kind, id, revision) and the person: the
    job and the reaction to a submission share them, so each message is recorded once."""
    target = (ReviewRoute(item.id) if item.kind == "route" else ReviewCourseForm(item.id))
    days = max((now - item.submitted_at).days, 0)
    recorded = 0
    for person_id in coordinators:
        if reason is not None:
            recorded += await notify(uow, Notification(
                person_id=person_id, key="terr-escalation",
                params={"kind": item.kind, "reason": reason, "name": item.person_name,
                        "school": item.school_name, "days": days},
                targets=(target,),
                dedupe_key=f"terr-esc:{item.kind}:{item.id}:{item.revision}:{person_id}",
                not_before=when,
            ), now)
        elif fresh_form:
            recorded += await notify(uow, Notification(
                person_id=person_id, key="terr-alert-form",
                params={"kind": item.kind, "name": item.person_name,
                        "school": item.school_name},
                targets=(target,),
                dedupe_key=f"terr-form:{item.id}:{item.revision}:{person_id}",
                not_before=when,
            ), now)
    return recorded


async def on_form_submitted(uow: UnitOfWork, fact: FormSubmitted) -> None:
    """A course form arrived (``domain.courses.FormSubmitted``): the municipal coordinators
    of its school are told at once — as an escalation when the school has no school
    coordinator in the bot, else as the form's arrival — with the job's dedupe keys."""
    form = fact.form
    school = await uow.orgs.get(form.school_id) if form.school_id else None
    if school is None or school.municipality_id is None:
        return
    coordinators = await uow.territory.municipal_coordinators(school.municipality_id)
    if not coordinators:
        return
    covered = await uow.territory.schools_with_coordinator([school.id])
    item = Waiting(form.kind.value, form.id, form.revision, fact.name or "—", school.id,
                   school.name, school.municipality_id, form.submitted_at or fact.at)
    await _announce(uow, item, coordinators, None if school.id in covered else "orphan",
                    True, fact.at, fact.at)


def subscribe(reactions: Reactions) -> None:
    reactions.on(FormSubmitted, on_form_submitted)


__all__ = [
    "DEFAULT_MODE", "AlertSettings", "CoordinatorGrant", "DigestCounts", "DigestMode",
    "Waiting", "digest_mode", "digest_period", "in_quiet_hours", "not_before",
    "on_form_submitted", "record_digests", "record_escalations", "set_digest_mode", "subscribe",
]
