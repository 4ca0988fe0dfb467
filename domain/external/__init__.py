"""External diagnostics (002 §II.5, §VI.3–5): the result of a diagnosis someone else ran
(a regional ЦНППМ test): its date, operator, instrument and a percent per competence group,
with the deficit indicators found when the groups map to the self-diagnosis instrument.

The teacher enters their own result; a coordinator enters it for a teacher of their scope
(the teacher is told). The ИОМ can be built on it instead of the self-assessment
(``deficits`` gives the plan rows: the groups under the self-diagnosis threshold).

A result entered wrongly is corrected through the same form by whoever entered it or by a
coordinator whose scope holds the teacher (``correct``; who and when last corrected it is
kept; a route built on it follows: ``facts.ExternalCorrected``). A route built on it keeps
its self-analysis (section 3) on it (``save_self_analysis``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from domain.access import Actor
from domain.competences import COMPETENCE_GROUPS
from domain.diagnosis import Deficit, validate_self_analysis
from domain.entities import Notification, Person
from domain.enums import OrgKind
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.external.facts import ExternalCorrected
from domain.instrument import CompetenceGroup, Instrument
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

OPERATOR_MAX = 200
INSTRUMENT_MAX = 200
#: the threshold when no self-diagnosis instrument is loaded (the shipped one uses it too)
DEFAULT_THRESHOLD = 60.0
SCHOOLS_MAX = 5000
_PERCENT = re.compile(r"^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$")


@dataclass(frozen=True, slots=True)
class GroupResult:
    group: str  # a competence group code
    percent: float
    indicators: tuple[str, ...] = ()  # deficit indicator codes of the instrument


@dataclass(frozen=True, slots=True)
class ExternalDiagnosis:
    id: int
    person_id: int
    taken_on: date
    operator: str
    instrument: str
    results: tuple[GroupResult, ...] = ()
    entered_by: int | None = None
    created_at: datetime | None = None
    #: who corrected it last and when (None: as entered)
    edited_by: int | None = None
    edited_at: datetime | None = None
    #: section 3 of a route built on it: the teacher's self-analysis of this diagnosis
    self_analysis: str | None = None

    def percent(self, group: str) -> float | None:
        return next((r.percent for r in self.results if r.group == group), None)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the form collected, before the checks."""

    taken_on: date
    operator: str
    instrument: str
    percents: dict[str, float] = field(default_factory=dict)
    indicators: dict[str, list[str]] = field(default_factory=dict)


def parse_text(text: object, limit: int, key: str) -> str:
    value = " ".join(str(text or "").split())
    if not value:
        raise ValidationError(f"{key}-empty")
    if len(value) > limit:
        raise ValidationError(f"{key}-long", max=limit, length=len(value))
    return value


def parse_operator(text: object) -> str:
    return parse_text(text, OPERATOR_MAX, "ext-error-operator")


def parse_instrument(text: object) -> str:
    return parse_text(text, INSTRUMENT_MAX, "ext-error-instrument")


def parse_percent(text: object) -> float:
    """«75», «75,5», «75 %» → 75.0 / 75.5; anything else, or over 100, is refused."""
    found = _PERCENT.match(str(text or ""))
    if found is None:
        raise ValidationError("ext-error-percent")
    value = float(found.group(1) + "." + (found.group(2) or "0"))
    if value > 100:
        raise ValidationError("ext-error-percent")
    return value


def parse_taken_on(day: date, today: date) -> date:
    if day > today:
        raise ValidationError("ext-error-future")
    if day.year < today.year - 5:
        raise ValidationError("ext-error-old")
    return day


async def instrument_of(uow: UnitOfWork) -> Instrument | None:
    stored = await uow.diagnosis.active_instrument()
    return stored.instrument if stored else None


def threshold(instrument: Instrument | None) -> float:
    return instrument.deficit_below if instrument else DEFAULT_THRESHOLD


def below(instrument: Instrument | None, percents: dict[str, float]) -> list[str]:
    """The groups under the self-diagnosis threshold, in the order of the four groups."""
    limit = threshold(instrument)
    return [g for g in COMPETENCE_GROUPS if g in percents and percents[g] < limit]


# ---- who may enter ------------------------------------------------------------------------


async def target(uow: UnitOfWork, actor: Actor, person_id: int) -> Person:
    """The teacher the result is for: oneself, or a teacher of the coordinator's scope
    (a forged id of another school is refused)."""
    person = await uow.people.get(person_id)
    if person is None or not person.is_onboarded:
        raise NotFound("ext-error-no-teacher")
    if person_id == actor.person_id:
        return person
    school_id = person.profile.school_id
    school = await uow.orgs.get(school_id) if school_id else None
    if school is None or not actor.covers(school):
        raise AccessDenied("ext-error-out-of-scope")
    return person


async def scope_schools(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    """Schools whose teachers a coordinator may enter results for (None: everywhere)."""
    if not (actor.is_coordinator or actor.is_admin):
        raise AccessDenied("ext-error-out-of-scope")
    if actor.is_admin:
        return None
    grants = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
    schools, _ = await uow.orgs.page(OrgKind.SCHOOL, None, None, 0, SCHOOLS_MAX, within=grants)
    return [s.id for s in schools]


async def teachers(uow: UnitOfWork, actor: Actor, query: str, limit: int) -> list[tuple[int, str]]:
    """(person id, name) of the teachers in the coordinator's scope, by a part of the name."""
    found = await uow.mentoring.teachers(await scope_schools(uow, actor), query, limit)
    return [(m.person_id, m.name) for m in found]


# ---- recording ----------------------------------------------------------------------------


async def _checked(uow: UnitOfWork, entry: Entry, today: date
                   ) -> tuple[date, str, str, tuple[GroupResult, ...]]:
    """The entry's values after the checks: date, operator, instrument, per-group results."""
    taken_on = parse_taken_on(entry.taken_on, today)
    operator = parse_operator(entry.operator)
    instrument_name = parse_instrument(entry.instrument)
    if not entry.percents or any(g not in COMPETENCE_GROUPS for g in entry.percents):
        raise ValidationError("ext-error-groups")
    instrument = await instrument_of(uow)
    results = []
    for group in COMPETENCE_GROUPS:
        if group not in entry.percents:
            continue
        percent = parse_percent(str(entry.percents[group]).replace(".", ","))
        codes = _indicators(instrument, group, entry.indicators.get(group, []))
        results.append(GroupResult(group, percent, codes))
    return taken_on, operator, instrument_name, tuple(results)


async def record(uow: UnitOfWork, actor: Actor, person_id: int, entry: Entry, today: date,
                 now: datetime) -> ExternalDiagnosis:
    person = await target(uow, actor, person_id)
    taken_on, operator, instrument_name, results = await _checked(uow, entry, today)
    saved = await uow.external.add(ExternalDiagnosis(
        id=0, person_id=person.id, taken_on=taken_on, operator=operator,
        instrument=instrument_name, results=results, entered_by=actor.person_id,
        created_at=now))
    if actor.person_id != person.id:
        await _tell_teacher(uow, saved, "ext-notice-entered", "entered", now)
    return saved


async def _tell_teacher(uow: UnitOfWork, saved: ExternalDiagnosis, key: str, what: str,
                        now: datetime) -> None:
    """Somebody else entered or corrected the teacher's result: the teacher hears of it."""
    await notify(uow, Notification(
        person_id=saved.person_id, key=key,
        params={"operator": saved.operator, "date": saved.taken_on},
        targets=(OpenMenu(Section.ROUTE),), dedupe_key=f"external:{saved.id}:{what}",
    ), now)


# ---- correcting ---------------------------------------------------------------------------


def may_correct(actor: Actor, found: ExternalDiagnosis, covers_teacher: bool) -> bool:
    """Who entered the result corrects it (the teacher their own, the coordinator what they
    entered for a teacher still in their scope); any coordinator whose scope holds the
    teacher's school too. A teacher does not change what a coordinator entered for them."""
    if found.entered_by == actor.person_id:
        return found.person_id == actor.person_id or covers_teacher
    return found.person_id != actor.person_id and covers_teacher


async def correctable(uow: UnitOfWork, actor: Actor, diagnosis_id: int
                      ) -> tuple[ExternalDiagnosis, Person]:
    """The result and its teacher if the actor may correct it (a forged id is refused)."""
    found = await uow.external.get(diagnosis_id)
    if found is None:
        raise NotFound("ext-error-not-found")
    person = await uow.people.get(found.person_id)
    if person is None:
        raise NotFound("ext-error-no-teacher")
    school_id = person.profile.school_id
    school = await uow.orgs.get(school_id) if school_id else None
    covers = school is not None and actor.covers(school)
    if not may_correct(actor, found, covers):
        if found.person_id == actor.person_id:
            raise AccessDenied("ext-error-not-editor")
        raise AccessDenied("ext-error-correct-scope")
    return found, person


async def correct(uow: UnitOfWork, actor: Actor, diagnosis_id: int, entry: Entry, today: date,
                  now: datetime) -> ExternalDiagnosis:
    """The result as it should have been entered: every field checked as on entry; who and
    when is kept; the teacher is told when somebody else corrected it; the routes built on
    it follow (``ExternalCorrected``)."""
    found, person = await correctable(uow, actor, diagnosis_id)
    taken_on, operator, instrument_name, results = await _checked(uow, entry, today)
    saved = await uow.external.update(ExternalDiagnosis(
        id=found.id, person_id=found.person_id, taken_on=taken_on, operator=operator,
        instrument=instrument_name, results=results, entered_by=found.entered_by,
        created_at=found.created_at, edited_by=actor.person_id, edited_at=now,
        self_analysis=found.self_analysis))
    if actor.person_id != person.id:
        await _tell_teacher(uow, saved, "ext-notice-corrected", f"corrected:{now.isoformat()}",
                            now)
    uow.emit(ExternalCorrected(saved, now))
    return saved


async def mine(uow: UnitOfWork, actor: Actor, person_id: int, limit: int
               ) -> list[ExternalDiagnosis]:
    """The results of a teacher (oneself, or one of the coordinator's scope) the actor may
    correct, newest first."""
    await target(uow, actor, person_id)
    return [item for item in await uow.external.of_person(person_id, limit)
            if await can_correct(uow, actor, item.id)]


async def can_correct(uow: UnitOfWork, actor: Actor, diagnosis_id: int) -> bool:
    """Show «Исправить» (``correct`` checks again)."""
    try:
        await correctable(uow, actor, diagnosis_id)
    except (AccessDenied, NotFound):
        return False
    return True


async def save_self_analysis(uow: UnitOfWork, actor: Actor, diagnosis_id: int,
                             text: str | None) -> ExternalDiagnosis:
    """Section 3 of a route built on this result: the teacher's own words on it."""
    found = await uow.external.get(diagnosis_id)
    if found is None:
        raise NotFound("ext-error-not-found")
    actor.require_self(found.person_id)
    value = validate_self_analysis(text)
    await uow.external.set_self_analysis(found.id, value)
    return replace(found, self_analysis=value)


def _indicators(instrument: Instrument | None, group: str, codes: Sequence[str]
                ) -> tuple[str, ...]:
    if not codes:
        return ()
    if instrument is None:
        raise ValidationError("ext-error-indicator")
    known = [i.code for i in instrument.group(group).indicators]
    if any(c not in known for c in codes):
        raise ValidationError("ext-error-indicator")
    return tuple(c for c in known if c in codes)


async def latest(uow: UnitOfWork, person_id: int) -> ExternalDiagnosis | None:
    return await uow.external.latest(person_id)


async def get(uow: UnitOfWork, diagnosis_id: int) -> ExternalDiagnosis | None:
    return await uow.external.get(diagnosis_id)


# ---- what the ИОМ takes from it ------------------------------------------------------------


async def deficits(uow: UnitOfWork, found: ExternalDiagnosis) -> list[Deficit]:
    """Plan rows: each group under the self-diagnosis threshold gives its picked indicators
    (one row each, worded as the instrument words them) or, with none picked, one row for
    the group; ``indicator`` is the indicator's code or the group's code."""
    instrument = await instrument_of(uow)
    percents = {r.group: r.percent for r in found.results}
    out: list[Deficit] = []
    for group in below(instrument, percents):
        result = next(r for r in found.results if r.group == group)
        if result.indicators and instrument is not None:
            titles = {i.code: i.title.get("ru") for i in instrument.group(group).indicators}
            for code in result.indicators:
                out.append(Deficit(CompetenceGroup(group), code, titles.get(code, code),
                                   result.percent, len(out) + 1))
        else:
            title = (instrument.group(group).title.get("ru") if instrument else group)
            out.append(Deficit(CompetenceGroup(group), group, title, result.percent,
                               len(out) + 1))
    return out
