"""The staff's diagnosis of an abonement (000 §VIII: the change per competence group is the
abonement's result), run on the diagnosis campaigns (domain.campaigns):

* «Входная диагностика» — launched by the curator or the centre once the agreement is signed
  (agreed or running); «Итоговая диагностика» — the repeat, near the end: in the last two
  months of the school year (from April) or once every plan event is over, never before the
  start one has ended (the two windows must not overlap: one attempt would count for both);
* each is a self-diagnosis campaign of the whole staff of the school — the school's teachers,
  whatever target groups the request named: the result is the whole staff's change — from
  today to the deadline the launcher picks, with the campaigns' invitation and reminders;
* the result: the people who took both, the share of them with a deficit per competence group
  before → after (``domain.campaigns.pair``). Without the two campaigns the report keeps the
  fallback of each teacher's diagnoses around the period (``results.shift``) and says so.

The school coordinator does not launch them (``Rights.diagnose``): the staff's diagnosis is the
centre's part of the programme (000 §III); the school, the municipality and the centre follow
the campaigns and read the result on the card and in the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain import campaigns as camp
from domain import dates
from domain.abonements.model import (
    DIAGNOSING,
    MONTHS,
    Abonement,
    Action,
    HistoryEntry,
    Stage,
)
from domain.abonements.plan import plan_done, plan_of, viewable
from domain.abonements.ports import AbonementUnitOfWork
from domain.abonements.rights import Rights
from domain.access import Actor
from domain.broadcasts import QuietHours
from domain.entities import Notification, Org
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.notifications import AbonementAction
from domain.outbox import notify

#: the final diagnosis opens on the first day of this month (April, May: the last two months
#: of the school year's plan) or earlier, once every plan event is over
FINAL_MONTH = MONTHS[-2]
#: the deadline's quick choices, in days from today (the date picker offers any day)
QUICK_DAYS = (7, 14, 30)
#: who is invited: the school's teachers (the unit is the school)
STAFF = camp.TEACHERS


@dataclass(frozen=True, slots=True)
class Linked:
    """A campaign of the abonement, with its participants done / invited."""

    stage: Stage
    campaign: camp.Campaign
    done: int
    total: int

    def running(self, now: datetime) -> bool:
        return self.campaign.status in (camp.CampaignStatus.SCHEDULED,
                                        camp.CampaignStatus.OPEN) and self.campaign.ends_at > now


@dataclass(frozen=True, slots=True)
class Staff:
    """The staff's diagnosis campaigns of an abonement and, once both are linked, the change
    (the people who took both; per group the share with a deficit before → after)."""

    start: Linked | None = None
    final: Linked | None = None
    change: camp.Comparison | None = None


@dataclass(frozen=True, slots=True)
class Diagnostics:
    """What a reader of the card sees of the staff's diagnosis and what they may launch."""

    abonement: Abonement
    school: Org
    staff: Staff
    final_from: date | None  # the calendar day the final diagnosis opens
    refusals: dict[Stage, DomainError | None] = field(default_factory=dict)

    def may(self, stage: Stage) -> bool:
        return self.refusals.get(stage, AccessDenied()) is None


def final_from(ab: Abonement) -> date | None:
    return date(ab.school_year + 1, FINAL_MONTH, 1) if ab.school_year is not None else None


def deadline_bounds(today: date) -> tuple[date, date]:
    """The deadline: tomorrow at the earliest, within the campaigns' longest window."""
    return today + timedelta(days=1), today + timedelta(days=camp.MAX_DAYS - 1)


def check_deadline(day: date, today: date) -> date:
    """A picked day (callback data can be forged): inside the bounds."""
    earliest, latest = deadline_bounds(today)
    if not earliest <= day <= latest:
        raise ValidationError("abon-error-diag-deadline", earliest=earliest, latest=latest)
    return day


def parse_deadline(text: str, today: date) -> date:
    """A typed deadline: «31.12» or «31.12.2026», inside the bounds."""
    return dates.parse_day(text, today, *deadline_bounds(today))


def stage_of(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise ValidationError("error-choice-unknown") from None


async def staff(uow: AbonementUnitOfWork, ab: Abonement) -> Staff:
    """The linked campaigns and their change (the caller has checked the reader's rights)."""
    found: dict[Stage, Linked] = {}
    school = await uow.orgs.get(ab.school_id)
    for stage, campaign_id in (await uow.abonements.campaigns(ab.id)).items():
        c = await uow.campaigns.get(campaign_id)
        if c is None or school is None:
            continue
        total, done, _ = await uow.campaigns.completion(c, [school.id], "")
        found[Stage(stage)] = Linked(Stage(stage), c, done, total)
    start, final = found.get(Stage.START), found.get(Stage.FINAL)
    change = None
    if start is not None and final is not None and school is not None:
        change = await camp.pair(uow, start.campaign, final.campaign, school, detailed=False)
    return Staff(start, final, change)


def _refusal(ab: Abonement, rights: Rights, found: Staff, stage: Stage, today: date,
             now: datetime, done: bool) -> DomainError | None:
    """Why ``stage`` may not be launched now, or None. ``done``: every plan event is over."""
    if not rights.diagnose:
        return AccessDenied("abon-error-not-curator")
    if ab.status not in DIAGNOSING[stage]:
        return ValidationError(f"abon-error-diag-status-{stage.value}")
    launched = found.start if stage is Stage.START else found.final
    if launched is not None:
        return ValidationError("abon-error-diag-launched", stage=stage.value,
                               until=launched.campaign.ends_on)
    if stage is Stage.START:
        return None
    if found.start is None:
        return ValidationError("abon-error-diag-start-first")
    if found.start.running(now):
        return ValidationError("abon-error-diag-start-running", until=found.start.campaign.ends_on)
    opens = final_from(ab)
    if not done and opens is not None and today < opens:
        return ValidationError("abon-error-diag-final-early", opens=opens)
    return None


async def _done(uow: AbonementUnitOfWork, ab: Abonement, rights: Rights, now: datetime
                ) -> bool:
    return plan_done(await plan_of(uow, ab, rights, now), now)


async def diagnostics(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, tz: ZoneInfo,
                      now: datetime) -> Diagnostics:
    """The staff's diagnosis for a reader of the abonement (a forged id is refused)."""
    ab = await viewable(uow, actor, abonement_id)
    rights = Rights.of(actor, ab)
    school = await uow.orgs.get(ab.school_id)
    if school is None:
        raise NotFound("abon-error-not-found")
    found = await staff(uow, ab)
    today = now.astimezone(tz).date()
    refusals: dict[Stage, DomainError | None] = {}
    for stage in Stage:
        refusal = _refusal(ab, rights, found, stage, today, now, done=False)
        if refusal is not None and refusal.key == "abon-error-diag-final-early":
            # the calendar says not yet: the plan may be over already (asked only then)
            refusal = _refusal(ab, rights, found, stage, today, now,
                               done=await _done(uow, ab, rights, now))
        refusals[stage] = refusal
    return Diagnostics(ab, school, found, final_from(ab), refusals)


async def may_launch(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, stage: Stage,
                     tz: ZoneInfo, now: datetime) -> tuple[Diagnostics, camp.Reach]:
    """Asked before the deadline is picked: refused as the launch would be; else who the
    campaign will reach (the school's teachers; those who blocked the bot are not invited)."""
    d = await diagnostics(uow, actor, abonement_id, tz, now)
    refusal = d.refusals.get(stage)
    if refusal is not None:
        raise refusal
    today = now.astimezone(tz).date()
    return d, await camp.reach(uow, actor, _draft(d.abonement, today, today, ""), now)


def _draft(ab: Abonement, today: date, deadline: date, title: str) -> camp.Draft:
    return camp.Draft(kind=camp.CampaignKind.DIAGNOSIS, survey_id=None, org_id=ab.school_id,
                      starts_on=today, days=(deadline - today).days + 1, anonymous=False,
                      title=title, filters=STAFF)


async def launch(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, stage: Stage,
                 deadline: date, title: str, quiet: QuietHours, tz: ZoneInfo, now: datetime
                 ) -> camp.Campaign:
    """Launch the stage's campaign from today to ``deadline`` (inclusive) for the school's
    teachers, linked to the abonement; the campaigns feature invites and reminds them. The
    school's coordinator who filed the request is told."""
    d, _ = await may_launch(uow, actor, abonement_id, stage, tz, now)
    today = now.astimezone(tz).date()
    check_deadline(deadline, today)
    ab = d.abonement
    campaign = await camp.create(uow, actor, _draft(ab, today, deadline, title), quiet, tz, now)
    await uow.abonements.link_campaign(ab.id, stage.value, campaign.id, now)
    action = Action.DIAGNOSIS_START if stage is Stage.START else Action.DIAGNOSIS_FINAL
    await uow.abonements.add_history(HistoryEntry(ab.id, action, actor.person_id, now))
    if ab.created_by is not None and ab.created_by != actor.person_id:
        await notify(uow, Notification(
            person_id=ab.created_by, key="abon-notice-diagnosis",
            params={"school": d.school.name, "stage": stage.value, "until": campaign.ends_on,
                    "total": campaign.total},
            targets=(AbonementAction(ab.id, "open"),)), now)
    return campaign


__all__ = ["FINAL_MONTH", "QUICK_DAYS", "STAFF", "Diagnostics", "Linked", "Staff",
           "check_deadline", "deadline_bounds", "parse_deadline", "diagnostics", "final_from", "launch", "may_launch", "stage_of",
           "staff"]
