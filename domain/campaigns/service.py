"""Campaigns: set up by an admin or a coordinator in scope, opened on their first day (the
audience materialised and invited in two ``INSERT … SELECT``), reminded on their stages
(each queued once, quiet hours respected), followed live and read at the end.

Completion is a query: a survey response completed, or a self-diagnosis completed inside the
window (``domain.diagnosis`` knows nothing of campaigns)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain import diagnosis, territory
from domain.access import Actor
from domain.audience import Audience, reaches, scope_orgs
from domain.broadcasts import QuietHours, effective_audience, require_sender
from domain.campaigns.model import (
    ANONYMITY_MIN,
    FILTERS,
    MAX_DAYS,
    STAGES,
    TEACHERS,
    Campaign,
    CampaignKind,
    CampaignRights,
    CampaignStatus,
    Completion,
    Distribution,
    Draft,
    Reach,
    Straggler,
    UnitAnswers,
    UnitFigures,
    window,
)
from domain.campaigns.ports import CampaignUnitOfWork as UoW
from domain.campaigns.ports import Response
from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.notifications import encode_targets
from domain.surveys import Survey, check_answer

INVITE_KEY = "camp-notice-invite"
REMIND_KEY = "camp-notice-remind"
PAGE = 10


def _not_before(quiet: QuietHours, now: datetime) -> datetime:
    return quiet.until(now) or now


def _buttons(campaign_id: int) -> list[Any]:
    from domain.notifications import OpenCampaign

    return encode_targets([OpenCampaign(campaign_id)])


def _params(c: Campaign, stage: str) -> dict[str, Any]:
    from domain.notifications import encode_params

    return encode_params({"title": c.title, "until": c.ends_on, "kind": c.kind.value})


# ---- setting up --------------------------------------------------------------------------


def check_draft(draft: Draft, today: date) -> None:
    if draft.starts_on < today:
        raise ValidationError("camp-error-past")
    if not 1 <= draft.days <= MAX_DAYS:
        raise ValidationError("camp-error-days", max=MAX_DAYS)
    if any(r not in STAGES for r in draft.reminders):
        raise ValidationError("error-choice-unknown")
    if draft.kind is CampaignKind.SURVEY and draft.survey_id is None:
        raise ValidationError("camp-error-no-survey")


async def audience_of(uow: UoW, actor: Actor, draft: Draft) -> Audience:
    """The draft's audience as it will be queried: the unit and the filters, inside the
    actor's scope (``domain.audience.within_scope``: refused outside it)."""
    return await effective_audience(uow, actor, draft.audience())


async def reach(uow: UoW, actor: Actor, draft: Draft, now: datetime) -> Reach:
    """Before launch: how many people the audience selects and how many get the invitation
    (the same query as the launch; those who blocked the bot are not invited)."""
    audience = await audience_of(uow, actor, draft)
    matched, blocked = await uow.campaigns.count(audience, now.date())
    return Reach(matched, blocked)


async def create(uow: UoW, actor: Actor, draft: Draft, quiet: QuietHours, tz: ZoneInfo,
                 now: datetime) -> Campaign:
    """A campaign for the actor's scope (or one unit inside it) narrowed by the broadcasts'
    filters, opened at once when it starts today. Every id from the client is checked here."""
    require_sender(actor)
    today = now.astimezone(tz).date()
    check_draft(draft, today)
    audience = await audience_of(uow, actor, draft)
    title = draft.title
    survey_id = None
    if draft.kind is CampaignKind.SURVEY:
        stored = await uow.surveys.get(draft.survey_id or 0)
        if stored is None:
            raise NotFound("camp-error-no-survey")
        survey_id, title = stored.id, title or stored.title
    starts_at, ends_at = window(draft.starts_on, draft.ends_on, tz)
    campaign = Campaign(
        id=0, author_id=actor.person_id, title=title or "", kind=draft.kind,
        survey_id=survey_id, audience=audience, starts_on=draft.starts_on,
        ends_on=draft.ends_on, starts_at=starts_at, ends_at=ends_at,
        reminders=tuple(s for s in STAGES if s in draft.reminders), anonymous=draft.anonymous,
        created_at=now,
    )
    campaign = await uow.campaigns.add(campaign, now)
    if campaign.starts_at <= now:
        await open_campaign(uow, campaign, quiet, now)
        if not campaign.total:  # nobody to invite: nothing is kept, the draft stays
            raise ValidationError("camp-error-nobody")
    return campaign


async def open_campaign(uow: UoW, campaign: Campaign, quiet: QuietHours, now: datetime
                        ) -> int:
    """Participants materialised and invited (each once: dedupe keys)."""
    if campaign.status is not CampaignStatus.SCHEDULED:
        return 0
    total = await uow.campaigns.materialise(campaign, now)
    queued = await uow.campaigns.enqueue(campaign, "start", INVITE_KEY,
                                         _params(campaign, "start"), _buttons(campaign.id),
                                         _not_before(quiet, now), now)
    campaign.status, campaign.opened_at, campaign.total = CampaignStatus.OPEN, now, total
    campaign.reminded = (*campaign.reminded, "start")
    await uow.campaigns.save(campaign)
    return queued


async def tick(uow: UoW, quiet: QuietHours, tz: ZoneInfo, now: datetime) -> dict[str, int]:
    """Open what starts, remind on due stages (each stage once, recorded on the campaign),
    close what ended (pending reminders dropped). Nothing repeats on the next tick."""
    today = now.astimezone(tz).date()
    opened = reminded = closed = 0
    for c in await uow.campaigns.due_to_open(now):
        if c.ends_at <= now:
            c.status = CampaignStatus.OPEN  # missed entirely: closed below, nobody invited
            await uow.campaigns.save(c)
            continue
        reminded += await open_campaign(uow, c, quiet, now)
        opened += 1
    for c in await uow.campaigns.open_ones():
        if c.ends_at <= now:
            c.status, c.closed_at = CampaignStatus.CLOSED, now
            await uow.campaigns.save(c)
            await uow.campaigns.cancel_pending(c.id)
            closed += 1
            continue
        stages = c.due_stages(today)
        for stage in stages:
            reminded += await uow.campaigns.enqueue(c, stage, REMIND_KEY, _params(c, stage),
                                                    _buttons(c.id), _not_before(quiet, now), now)
        if stages:
            c.reminded = (*c.reminded, *stages)
            await uow.campaigns.save(c)
    return {"opened": opened, "queued": reminded, "closed": closed}


# ---- teachers ----------------------------------------------------------------------------


async def mine(uow: UoW, actor: Actor, now: datetime) -> list[tuple[Campaign, bool]]:
    """Open campaigns the actor is invited to, with whether they are done."""
    return await uow.campaigns.mine(actor.person_id, now)


async def _participating(uow: UoW, actor: Actor, campaign_id: int, now: datetime
                         ) -> Campaign:
    c = await uow.campaigns.get(campaign_id)
    if c is None or await uow.campaigns.participant(campaign_id, actor.person_id) is None:
        raise NotFound("camp-error-not-found")
    if not c.is_open(now):
        raise ValidationError("camp-error-closed")
    return c


async def card(uow: UoW, actor: Actor, campaign_id: int, now: datetime
               ) -> tuple[Campaign, bool, bool]:
    """(campaign, done, open) for a participant; someone else's campaign is not found."""
    c = await uow.campaigns.get(campaign_id)
    part = await uow.campaigns.participant(campaign_id, actor.person_id) if c else None
    if c is None or part is None:
        raise NotFound("camp-error-not-found")
    return c, await uow.campaigns.is_done(c, actor.person_id), c.is_open(now)


async def opt_out(uow: UoW, actor: Actor, campaign_id: int, now: datetime) -> None:
    if await uow.campaigns.participant(campaign_id, actor.person_id) is None:
        raise NotFound("camp-error-not-found")
    await uow.campaigns.opt_out(campaign_id, actor.person_id, now)
    await uow.campaigns.cancel_pending(campaign_id, actor.person_id)  # queued, not yet sent


async def take_diagnosis(uow: UoW, actor: Actor, campaign_id: int, now: datetime
                         ) -> diagnosis.Progress:
    """The campaign's self-diagnosis: the retake interval does not apply to a participant."""
    c = await _participating(uow, actor, campaign_id, now)
    if c.kind is not CampaignKind.DIAGNOSIS:
        raise NotFound("camp-error-not-found")
    return await diagnosis.start(uow, actor, now, waive_interval=True)


# ---- taking a survey ---------------------------------------------------------------------


async def survey_of(uow: UoW, c: Campaign) -> Survey:
    stored = await uow.surveys.get(c.survey_id or 0)
    if stored is None:
        raise NotFound("camp-error-no-survey")
    return stored.survey


async def start_survey(uow: UoW, actor: Actor, campaign_id: int, now: datetime
                       ) -> tuple[Campaign, Survey, Response]:
    """Begin or resume (a restart loses nothing: answers are saved at every step)."""
    c = await _participating(uow, actor, campaign_id, now)
    if c.kind is not CampaignKind.SURVEY:
        raise NotFound("camp-error-not-found")
    survey = await survey_of(uow, c)
    response = await uow.campaigns.response(c.id, actor.person_id)
    if response is None:
        response = await uow.campaigns.start_response(c.id, actor.person_id, now)
    return c, survey, response


async def _own_response(uow: UoW, actor: Actor, response_id: int, now: datetime
                        ) -> tuple[Campaign, Survey, Response]:
    r = await uow.campaigns.response_by_id(response_id)
    if r is None or r.person_id != actor.person_id:
        raise NotFound("camp-error-not-found")
    c = await _participating(uow, actor, r.campaign_id, now)
    return c, await survey_of(uow, c), r


class StaleQuestion(ValidationError):
    key = "camp-error-stale"


async def answer(uow: UoW, actor: Actor, response_id: int, index: int, value: Any,
                 now: datetime) -> tuple[Campaign, Survey, Response]:
    """Store the answer to question ``index`` (the one the response waits on) and move on;
    a button of another question is stale. ``value`` None skips an optional question."""
    c, survey, r = await _own_response(uow, actor, response_id, now)
    if r.completed_at is not None or index != r.position or index >= len(survey.questions):
        raise StaleQuestion()
    q = survey.questions[index]
    try:
        stored = check_answer(q, value)
    except ValueError as exc:
        raise ValidationError(f"camp-error-answer-{exc.args[0]}", min=q.min, max=q.max)
    answers = {k: v for k, v in r.answers.items() if k != f"_draft_{q.code}"}
    if stored is None:
        answers.pop(q.code, None)
    else:
        answers[q.code] = stored
    nxt = survey.next_index(index, stored)
    # answers to questions a skip now jumps over are dropped
    if nxt is not None:
        for skipped in survey.questions[index + 1:nxt]:
            answers.pop(skipped.code, None)
    else:
        for skipped in survey.questions[index + 1:]:
            answers.pop(skipped.code, None)
    r.answers, r.path = answers, [*r.path, index]
    if nxt is None:
        r.completed_at = now
        await uow.campaigns.mark_done(c.id, actor.person_id, now)
        await uow.campaigns.cancel_pending(c.id, actor.person_id)  # no reminder after done
    else:
        r.position = nxt
    await uow.campaigns.save_response(r, now)
    return c, survey, r


async def toggle(uow: UoW, actor: Actor, response_id: int, index: int, code: str,
                 now: datetime) -> tuple[Campaign, Survey, Response]:
    """Multiple choice: tick or untick an option (kept as a draft until «Готово»)."""
    c, survey, r = await _own_response(uow, actor, response_id, now)
    if r.completed_at is not None or index != r.position or index >= len(survey.questions):
        raise StaleQuestion()
    q = survey.questions[index]
    if q.kind != "multi" or q.option(code) is None:
        raise StaleQuestion()
    chosen = list(r.answers.get(f"_draft_{q.code}") or r.answers.get(q.code) or [])
    chosen = [x for x in chosen if x != code] if code in chosen else [*chosen, code]
    r.answers = {**r.answers, f"_draft_{q.code}": chosen}
    await uow.campaigns.save_response(r, now)
    return c, survey, r


async def confirm_ticks(uow: UoW, actor: Actor, response_id: int, index: int, now: datetime
                        ) -> tuple[Campaign, Survey, Response]:
    """Multiple choice: «Готово» answers with the options ticked (none: a skip, if allowed)."""
    c, survey, r = await _own_response(uow, actor, response_id, now)
    if r.completed_at is not None or index != r.position or index >= len(survey.questions):
        raise StaleQuestion()
    q = survey.questions[index]
    if q.kind != "multi":
        raise StaleQuestion()
    chosen = drafted(r, q.code)
    r.answers.pop(f"_draft_{q.code}", None)
    return await answer(uow, actor, response_id, index,
                        None if q.optional and not chosen else chosen, now)


def drafted(r: Response, q_code: str) -> list[str]:
    value = r.answers.get(f"_draft_{q_code}")
    if value is None:
        value = r.answers.get(q_code) or []
    return list(value)


async def back(uow: UoW, actor: Actor, response_id: int, index: int, now: datetime
               ) -> tuple[Campaign, Survey, Response]:
    c, survey, r = await _own_response(uow, actor, response_id, now)
    if r.completed_at is not None or index != r.position or not r.path:
        raise StaleQuestion()
    r.position, r.path = r.path[-1], r.path[:-1]
    await uow.campaigns.save_response(r, now)
    return c, survey, r


# ---- coordinators ------------------------------------------------------------------------


#: the newest campaigns looked through for a coordinator's list, and the list's length
SCAN, LISTED = 300, 30


async def _rights_of(uow: UoW, actor: Actor, found: list[Campaign]
                     ) -> list[CampaignRights]:
    """One look-up of every org named (the campaigns' audiences and the actor's scope)."""
    roots = scope_orgs(actor)
    ids = {o for c in found for o in c.audience.orgs} | set(roots)
    orgs = await uow.orgs.get_many(sorted(ids)) if ids else {}
    scope = {i: orgs[i] for i in roots if i in orgs}
    out = []
    for c in found:
        named = {i: orgs[i] for i in c.audience.orgs if i in orgs}
        if len(named) != len(set(c.audience.orgs)):  # an org gone since: admins only
            out.append(CampaignRights(actor.is_admin, actor.is_admin))
            continue
        inside, overlaps = reaches(named, actor, scope)
        out.append(CampaignRights(view=overlaps, manage=inside))
    return out


async def rights(uow: UoW, actor: Actor, c: Campaign) -> CampaignRights:
    require_sender(actor)
    [r] = await _rights_of(uow, actor, [c])
    return r


async def listing(uow: UoW, actor: Actor) -> list[tuple[Campaign, CampaignRights]]:
    """The campaigns the actor may follow, newest first: an admin all of them; a coordinator
    those whose audience lies inside their scope (manage) and those that reach people of
    their scope, such as a region-wide one (read-only)."""
    require_sender(actor)
    found = await uow.campaigns.listing(LISTED if actor.is_admin else SCAN)
    allowed = [(c, r) for c, r in zip(found, await _rights_of(uow, actor, found), strict=True)
               if r.view]
    return allowed[:LISTED]


async def _viewable(uow: UoW, actor: Actor, campaign_id: int, manage: bool = False
                    ) -> Campaign:
    """A campaign the actor may follow (or manage); a forged id of one outside their scope
    is not found."""
    require_sender(actor)
    c = await uow.campaigns.get(campaign_id)
    if c is None:
        raise NotFound("camp-error-not-found")
    r = await rights(uow, actor, c)
    if not r.view:
        raise NotFound("camp-error-not-found")
    if manage and not r.manage:
        raise AccessDenied("camp-error-read-only")
    return c


async def viewed(uow: UoW, actor: Actor, campaign_id: int) -> tuple[Campaign, CampaignRights]:
    c = await _viewable(uow, actor, campaign_id)
    return c, await rights(uow, actor, c)


async def finish(uow: UoW, actor: Actor, campaign_id: int, now: datetime) -> Campaign:
    """Finish an open campaign early, or call off a scheduled one; in the same transaction the
    invitations and reminders still queued for it are cancelled in the outbox (the sender
    takes only pending messages, so none of them goes out)."""
    c = await _viewable(uow, actor, campaign_id, manage=True)
    if c.status is CampaignStatus.OPEN:
        c.status = CampaignStatus.CLOSED
    elif c.status is CampaignStatus.SCHEDULED:
        c.status = CampaignStatus.CANCELLED
    else:
        raise ValidationError("camp-error-finished")
    c.closed_at = now
    await uow.campaigns.save(c)
    await uow.campaigns.cancel_pending(c.id)
    return c


async def _unit(uow: UoW, actor: Actor, org_id: int | None) -> Org:
    """The unit looked at: one inside the actor's scope (its widest by default)."""
    if org_id is None:
        scopes = await territory.scopes(uow, actor)
        if not scopes:
            raise AccessDenied("error-out-of-scope")
        return scopes[0]
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound("camp-error-not-found")
    actor.require_covers(org)
    return org


async def completion(uow: UoW, actor: Actor, campaign_id: int, org_id: int | None
                     ) -> tuple[Campaign, Completion]:
    """Share done in a unit of the actor's scope and in each of its units, live."""
    c = await _viewable(uow, actor, campaign_id)
    org = await _unit(uow, actor, org_id)
    by = {OrgKind.REGION: "municipality", OrgKind.MUNICIPALITY: "school"}.get(org.kind, "")
    total, done, rows = await uow.campaigns.completion(c, [org.id], by)
    names = {o.id: o.name for o in await uow.territory.children(org)} if by else {}
    units = tuple(sorted((UnitFigures(u, names.get(u, "—") if u else "—", t, d)
                          for u, t, d in rows), key=lambda u: (u.share, u.name)))
    return c, Completion(org.id, org.name, total, done, units)


async def stragglers(uow: UoW, actor: Actor, campaign_id: int, org_id: int | None, page: int
                     ) -> tuple[Campaign, Org, list[Straggler], int]:
    c = await _viewable(uow, actor, campaign_id)
    org = await _unit(uow, actor, org_id)
    rows, total = await uow.campaigns.stragglers(c, [org.id], PAGE, max(page, 0) * PAGE)
    return c, org, rows, total


async def nudge(uow: UoW, actor: Actor, campaign_id: int, person_id: int, quiet: QuietHours,
                tz: ZoneInfo, now: datetime) -> bool:
    """«Напомнить»: one reminder a day to a participant in the actor's scope who is not done
    (a read-only viewer of a region-wide campaign may remind their own teachers too: it
    changes nothing of the campaign)."""
    c = await _viewable(uow, actor, campaign_id)
    part = await uow.campaigns.participant(campaign_id, person_id)
    if part is None:
        raise NotFound("camp-error-not-found")
    school_id, municipality_id, _ = part
    org = await uow.orgs.get(school_id or municipality_id or 0)
    if org is None and not actor.is_admin:
        raise AccessDenied("error-out-of-scope")
    if org is not None:
        actor.require_covers(org)
    if not c.is_open(now):
        raise ValidationError("camp-error-closed")
    if await uow.campaigns.is_done(c, person_id):
        raise ValidationError("camp-error-already-done")
    stage = f"nudge{now.astimezone(tz).date().isoformat()}"
    return await uow.campaigns.enqueue_one(c, person_id, stage, REMIND_KEY, _params(c, stage),
                                           _buttons(c.id), _not_before(quiet, now), now)


# ---- results -----------------------------------------------------------------------------


def distributions(survey: Survey, answers: list[dict[str, Any]], anonymous: bool
                  ) -> tuple[Distribution, ...]:
    """Per question: counts of options / values, the mean of scales and numbers, free texts
    (never with names). Hidden when anonymous and fewer than ANONYMITY_MIN answered."""
    out = []
    for q in survey.questions:
        given = [a[q.code] for a in answers if a.get(q.code) is not None]
        hidden = anonymous and len(answers) < ANONYMITY_MIN
        counts: dict[str, int] = {}
        texts: tuple[str, ...] = ()
        mean = None
        if q.kind in ("single", "multi"):
            counts = {o.code: 0 for o in q.options}
            for v in given:
                for code in (v if isinstance(v, list) else [v]):
                    if code in counts:
                        counts[code] += 1
        elif q.kind in ("scale", "number"):
            numbers = [int(v) for v in given if isinstance(v, int)]
            if q.kind == "scale":
                counts = {str(v): 0 for v in range(q.min, q.max + 1)}
                for v in numbers:
                    counts[str(v)] = counts.get(str(v), 0) + 1
            mean = round(sum(numbers) / len(numbers), 2) if numbers else None
        else:
            texts = tuple(str(v) for v in given)
        if hidden:
            counts, texts, mean = {}, (), None
        out.append(Distribution(q.code, len(given), counts, texts, mean, hidden))
    return tuple(out)


async def survey_results(uow: UoW, actor: Actor, campaign_id: int, org_id: int | None
                         ) -> tuple[Campaign, Survey, UnitAnswers, list[UnitAnswers]]:
    """The unit's distributions and each of its units'; groups under the anonymity threshold
    are hidden (anonymous campaigns)."""
    c = await _viewable(uow, actor, campaign_id)
    if c.kind is not CampaignKind.SURVEY:
        raise NotFound("camp-error-not-found")
    survey = await survey_of(uow, c)
    org = await _unit(uow, actor, org_id)
    rows = await uow.campaigns.answers(c.id, [org.id])
    every = [a for _, _, a in rows]
    whole = UnitAnswers(org.id, org.name, len(every), distributions(survey, every, c.anonymous),
                        c.anonymous and len(every) < ANONYMITY_MIN)
    per: list[UnitAnswers] = []
    children = await uow.territory.children(org)
    key = 0 if org.kind is OrgKind.MUNICIPALITY else 1  # (school, municipality)
    for child in children:
        mine_ = [a for s, m, a in rows if (s if key == 0 else m) == child.id]
        if not mine_:
            continue
        per.append(UnitAnswers(child.id, child.name, len(mine_),
                               distributions(survey, mine_, c.anonymous),
                               c.anonymous and len(mine_) < ANONYMITY_MIN))
    return c, survey, whole, per


async def diagnosis_results(uow: UoW, actor: Actor, campaign_id: int, org_id: int | None
                            ) -> tuple[Campaign, Org, list[dict[str, Any]]]:
    """Per unit: people done and the mean of each competence group in the window."""
    c = await _viewable(uow, actor, campaign_id)
    if c.kind is not CampaignKind.DIAGNOSIS:
        raise NotFound("camp-error-not-found")
    org = await _unit(uow, actor, org_id)
    return c, org, await uow.campaigns.diagnosis_results(c, [org.id])


def with_reminders(draft: Draft, stage: str) -> Draft:
    if stage not in STAGES:
        raise ValidationError("error-choice-unknown")
    chosen = [s for s in draft.reminders if s != stage] if stage in draft.reminders \
        else [*draft.reminders, stage]
    return replace(draft, reminders=tuple(s for s in STAGES if s in chosen))


def draft_from(data: dict[str, Any]) -> Draft:
    """A draft from FSM data (checked again by ``create``); filters outside the vocabularies
    are refused."""
    try:
        filters = data.get("filters")
        return Draft(kind=CampaignKind(data["kind"]), survey_id=data.get("survey_id"),
                     org_id=data.get("org_id"),
                     starts_on=date.fromisoformat(data["starts_on"]), days=int(data["days"]),
                     anonymous=bool(data.get("anonymous")),
                     reminders=tuple(data.get("reminders") or STAGES),
                     title=str(data.get("title") or ""),
                     filters=TEACHERS if filters is None else Audience.from_dict(filters))
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError("camp-error-draft") from exc


def with_filter(filters: Audience, dimension: str, value: str) -> Audience:
    """Tick or untick one value of a filter (the broadcasts' vocabularies)."""
    if dimension not in FILTERS:
        raise ValidationError("error-choice-unknown")
    return filters.toggle(dimension, value)


def default_start(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


# ---- reactions ---------------------------------------------------------------------------


async def _diagnosis_completed(uow: Any, fact: Any) -> None:
    for campaign_id in await uow.campaigns.diagnosis_done(fact.person_id, fact.at):
        await uow.campaigns.cancel_pending(campaign_id, fact.person_id)


def subscribe(reactions: Any) -> None:
    """A self-diagnosis completed inside a campaign's window counts for it (domain/wiring)."""
    from domain.diagnosis import DiagnosisCompleted

    reactions.on(DiagnosisCompleted, _diagnosis_completed)
