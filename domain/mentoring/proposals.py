"""The mentor proposes ИОМ activities and consultation hours; the mentee accepts or declines
(issue 16). A proposal names a form of self-education (the ИОМ's own vocabulary,
``route.SelfForm``) or «Консультации наставника», a title, optionally one of the mentee's
deficits (a row of their ИОМ), a month and hours. Accepting puts it into the mentee's ИОМ
through the route's own rule (``route.add_from_mentor``), once; either answer is told to the
mentor. Only the pair's mentor proposes, only to a running pair; only its mentee answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from domain import route as rt
from domain.access import Actor
from domain.entities import Notification
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.mentoring.model import (
    PROPOSAL_HOURS_MAX,
    PROPOSAL_HOURS_MIN,
    PROPOSAL_MONTHS,
    REASON_MAX,
    Pair,
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from domain.mentoring.pairs import _member, _pair, _require_active, mentee_of
from domain.notifications import AcceptProposal, DeclineProposal, OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork


def month_start(value: date) -> date:
    return value.replace(day=1)


def month_end(value: date) -> date:
    first = month_start(value)
    following = (first + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


def proposal_months(plan: rt.Plan, today: date) -> list[date]:
    """The months a proposal may be planned for: from this month to the ИОМ's end (at most
    a year ahead), as their first days."""
    first = month_start(max(today, plan.route.period_start))
    months: list[date] = []
    while first <= plan.route.period_end and len(months) < PROPOSAL_MONTHS:
        months.append(first)
        first = month_start(first + timedelta(days=32))
    return months


def parse_proposal_hours(text: str) -> Decimal:
    refused = ValidationError("mnt-error-proposal-hours", low=float(PROPOSAL_HOURS_MIN),
                              high=float(PROPOSAL_HOURS_MAX))
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise refused from None
    if not value.is_finite() or not PROPOSAL_HOURS_MIN <= value <= PROPOSAL_HOURS_MAX \
            or value % Decimal("0.5"):
        raise refused
    return value


def check_reason(text: str | None) -> str | None:
    reason = " ".join((text or "").split()) or None
    if reason is not None and len(reason) > REASON_MAX:
        raise ValidationError("mnt-error-reason-long", max=REASON_MAX, length=len(reason))
    return reason


async def can_propose(uow: UnitOfWork, actor: Actor, pair_id: int) -> tuple[Pair, rt.Plan]:
    """The pair's mentor, the pair running, the mentee with an ИОМ not concluded: the plan
    whose rows (deficits) and period the proposal is shaped by."""
    pair = await mentee_of(uow, actor, pair_id)
    route = await uow.routes.latest_of(pair.mentee_id)
    if route is None or route.status is rt.RouteStatus.COMPLETED:
        raise DomainError("mnt-error-no-route")
    return pair, rt.Plan(route, await uow.routes.rows(route.id), [])


async def propose(uow: UnitOfWork, actor: Actor, pair_id: int, kind: ProposalKind,
                  title: str, form: str | None, row_id: int | None, month: date,
                  hours: Decimal, today: date, now: datetime) -> Proposal:
    """The mentor's proposal; the mentee is asked to accept or decline it."""
    pair, plan = await can_propose(uow, actor, pair_id)
    clean = rt.parse_title(title)
    if kind is ProposalKind.ACTIVITY:
        form = rt.parse_self_form(form).value
    else:
        form = None
    group = None
    if row_id:
        row = next((r for r in plan.rows if r.id == row_id), None)
        if row is None:  # a forged or stale row id
            raise ValidationError("mnt-error-proposal-row")
        group = row.group
    if month_start(month) not in proposal_months(plan, today):
        raise ValidationError("mnt-error-proposal-month")
    hours = parse_proposal_hours(str(hours))
    proposal = await uow.mentoring.add_proposal(Proposal(
        id=0, pair_id=pair.id, kind=kind, title=clean, month=month_start(month),
        hours=float(hours), form=form, group=group, row_id=row_id or None), now)
    mentor = await _member(uow, pair.mentor_id)
    await notify(uow, Notification(
        pair.mentee_id, "mnt-notice-proposal",
        {"name": mentor.name, "kind": kind.value, "title": clean,
         "due": month_end(proposal.month), "hours": hours},
        (AcceptProposal(proposal.id), DeclineProposal(proposal.id)),
        dedupe_key=f"mnt-proposal:{proposal.id}"), now)
    return proposal


async def proposals_of(uow: UnitOfWork, actor: Actor, pair_id: int
                       ) -> tuple[Pair, list[Proposal]]:
    """A pair's proposals, for its two sides only."""
    pair = await _pair(uow, pair_id)
    if actor.person_id not in (pair.mentor_id, pair.mentee_id):
        raise AccessDenied("mnt-error-not-your-pair")
    return pair, await uow.mentoring.proposals(pair.id)


async def proposal_for_mentee(uow: UnitOfWork, actor: Actor, proposal_id: int
                              ) -> tuple[Pair, Proposal]:
    """The proposal, if the actor is the mentee it was made to (forged ids refused)."""
    proposal = await uow.mentoring.get_proposal(proposal_id)
    if proposal is None:
        raise NotFound("mnt-error-no-proposal")
    pair = await _pair(uow, proposal.pair_id)
    if actor.person_id != pair.mentee_id:
        raise AccessDenied("mnt-error-proposal-mentee-only")
    return pair, proposal


async def accept_proposal(uow: UnitOfWork, actor: Actor, proposal_id: int, today: date,
                          now: datetime) -> tuple[Proposal, bool]:
    """The mentee accepts: the activity goes into their ИОМ, the mentor is told. Pressing
    again changes nothing (False: it was accepted before)."""
    pair, proposal = await proposal_for_mentee(uow, actor, proposal_id)
    if proposal.status is ProposalStatus.ACCEPTED:
        return proposal, False
    if proposal.status is ProposalStatus.DECLINED:
        raise DomainError("mnt-error-proposal-decided")
    _require_active(pair)
    if not await uow.mentoring.decide_proposal(proposal.id, ProposalStatus.ACCEPTED, None, now):
        # the other press won: whatever it did stands
        found = await uow.mentoring.get_proposal(proposal.id)
        if found is not None and found.status is ProposalStatus.ACCEPTED:
            return found, False
        raise DomainError("mnt-error-proposal-decided")
    mentor = await _member(uow, pair.mentor_id)
    column = (rt.Column.SELF_EDUCATION if proposal.kind is ProposalKind.ACTIVITY
              else rt.Column.CONSULTATIONS)
    activity = await rt.add_from_mentor(
        uow, actor, column, proposal.title, proposal.form, month_end(proposal.month),
        proposal.group, proposal.row_id, mentor.name, today, now)
    await uow.mentoring.set_proposal_activity(proposal.id, activity.id)
    mentee = await _member(uow, pair.mentee_id)
    await notify(uow, Notification(
        pair.mentor_id, "mnt-notice-proposal-accepted",
        {"name": mentee.name, "title": proposal.title}, (OpenMenu(Section.MENTORING),),
        dedupe_key=f"mnt-proposal:{proposal.id}:accepted"), now)
    return (await uow.mentoring.get_proposal(proposal.id)) or proposal, True


async def check_decline(uow: UnitOfWork, actor: Actor, proposal_id: int) -> Proposal:
    """May the actor decline it now? (Before asking for a reason.)"""
    pair, proposal = await proposal_for_mentee(uow, actor, proposal_id)
    if not proposal.pending:
        raise DomainError("mnt-error-proposal-decided")
    return proposal


async def decline_proposal(uow: UnitOfWork, actor: Actor, proposal_id: int,
                           reason: str | None, now: datetime) -> Proposal:
    """The mentee declines, with an optional short reason; the mentor is told."""
    pair, proposal = await proposal_for_mentee(uow, actor, proposal_id)
    text = check_reason(reason)
    if not proposal.pending or not await uow.mentoring.decide_proposal(
            proposal.id, ProposalStatus.DECLINED, text, now):
        raise DomainError("mnt-error-proposal-decided")
    mentee = await _member(uow, pair.mentee_id)
    await notify(uow, Notification(
        pair.mentor_id, "mnt-notice-proposal-declined",
        {"name": mentee.name, "title": proposal.title, "reason": text},
        (OpenMenu(Section.MENTORING),), dedupe_key=f"mnt-proposal:{proposal.id}:declined"), now)
    return (await uow.mentoring.get_proposal(proposal.id)) or proposal
