"""Self-diagnosis: taking the questionnaire, scoring it, the deficit profile and its history.

Scoring (``score``) is a pure function of the instrument and the answers. The services
check who may act on an attempt: a teacher acts on their own attempts only; coordinators
may read the results of teachers inside their scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from domain import instrument as instruments
from domain.access import Actor, require_admin
from domain.entities import Notification, Org, Person
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.instrument import GROUP_ORDER, CompetenceGroup, Instrument, InstrumentInvalid, Problem
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

SELF_ANALYSIS_MIN = 10
SELF_ANALYSIS_MAX = 3000


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


# ---- values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredInstrument:
    """An instrument as stored: never changed after upload, so results keep their version."""

    id: int
    instrument: Instrument
    is_active: bool
    created_at: datetime
    uploaded_by: int | None = None

    @property
    def version(self) -> str:
        return self.instrument.version


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    group: CompetenceGroup
    indicator: str
    percent: float


@dataclass(frozen=True, slots=True)
class GroupScore:
    group: CompetenceGroup
    percent: float
    level: str
    #: indicators below the deficit threshold, worst first
    deficits: tuple[IndicatorScore, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    groups: tuple[GroupScore, ...]
    indicators: tuple[IndicatorScore, ...]
    total: float
    deficit_below: float

    def group(self, code: str) -> GroupScore:
        for g in self.groups:
            if g.group == code:
                return g
        raise KeyError(code)

    @property
    def deficits(self) -> tuple[IndicatorScore, ...]:
        """Every deficit, worst first (ties in questionnaire order)."""
        order = {s.indicator: i for i, s in enumerate(self.indicators)}
        found = [d for g in self.groups for d in g.deficits]
        return tuple(sorted(found, key=lambda d: (d.percent, order[d.indicator])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "deficit_below": self.deficit_below,
            "groups": [
                {"group": g.group.value, "percent": g.percent, "level": g.level,
                 "deficits": [d.indicator for d in g.deficits]}
                for g in self.groups
            ],
            "indicators": [
                {"group": s.group.value, "indicator": s.indicator, "percent": s.percent}
                for s in self.indicators
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        indicators = tuple(
            IndicatorScore(CompetenceGroup(s["group"]), s["indicator"], float(s["percent"]))
            for s in data["indicators"]
        )
        by_code = {s.indicator: s for s in indicators}
        groups = tuple(
            GroupScore(
                CompetenceGroup(g["group"]), float(g["percent"]), g["level"],
                tuple(by_code[c] for c in g["deficits"]),
            )
            for g in data["groups"]
        )
        return cls(groups, indicators, float(data["total"]), float(data["deficit_below"]))


@dataclass(slots=True)
class Attempt:
    id: int
    person_id: int
    instrument_id: int
    status: AttemptStatus
    position: int
    answers: dict[str, int]
    started_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None
    result: Result | None = None
    school_id: int | None = None
    municipality_id: int | None = None
    region_id: int | None = None
    self_analysis: str | None = None
    self_analysis_at: datetime | None = None
    retake_unlocked_at: datetime | None = None

    @property
    def is_completed(self) -> bool:
        return self.status is AttemptStatus.COMPLETED


@dataclass(frozen=True, slots=True)
class Deficit:
    """One row of the deficit profile, as the ИОМ's deficit plan and coordinators read it."""

    group: CompetenceGroup
    indicator: str
    title: str  # the indicator's Russian title, as the ИОМ document shows it
    percent: float
    rank: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Where the teacher worked when the attempt was completed (for counts by scope)."""

    school_id: int | None
    municipality_id: int | None
    region_id: int | None


@dataclass(frozen=True, slots=True)
class Progress:
    """The questionnaire step to show: a statement (``index`` < total) or the finish screen."""

    attempt: Attempt
    instrument: Instrument
    index: int

    @property
    def total(self) -> int:
        return len(self.instrument.items)

    @property
    def answered(self) -> int:
        codes = {item.statement.code for item in self.instrument.items}
        return sum(1 for code in self.attempt.answers if code in codes)

    @property
    def at_finish(self) -> bool:
        return self.index >= self.total

    @property
    def current(self) -> int | None:
        """The stored answer of the statement shown, if any."""
        if self.at_finish:
            return None
        return self.attempt.answers.get(self.instrument.items[self.index].statement.code)


@dataclass(frozen=True, slots=True)
class Summary:
    """What the plain-language summary says: strongest groups, groups to work on first."""

    strong: tuple[CompetenceGroup, ...]
    focus: tuple[CompetenceGroup, ...]
    deficit_count: int


@dataclass(frozen=True, slots=True)
class RetakeStatus:
    allowed: bool
    available_at: datetime | None = None
    unlocked: bool = False


@dataclass(frozen=True, slots=True)
class DeficitCounts:
    """For coordinators: how many diagnosed teachers have a deficit in each group."""

    diagnosed: int
    by_group: dict[CompetenceGroup, int]
    by_indicator: dict[str, int]


# ---- errors -----------------------------------------------------------------------------


class StaleStep(DomainError):
    """A button from an earlier screen of the questionnaire."""

    key = "diag-error-stale"


class Incomplete(ValidationError):
    key = "diag-error-incomplete"


class RetakeTooEarly(DomainError):
    key = "diag-error-too-early"

    def __init__(self, available_at: datetime, days: int) -> None:
        super().__init__()
        self.available_at, self.days = available_at, days


# ---- scoring (pure) ---------------------------------------------------------------------


def _round(value: float) -> float:
    return round(value + 0.0, 1)


def score(instrument: Instrument, answers: Mapping[str, int]) -> Result:
    """Percentages per indicator (mean of its statements), per group (mean of its indicators)
    and in total (mean of the groups); levels and deficits by the instrument's thresholds.

    The lowest point of the scale is 0 %, the highest 100 %. Every statement must be answered
    with a point of the scale.
    """
    low, high = min(instrument.values), max(instrument.values)
    missing = [it.statement.code for it in instrument.items if it.statement.code not in answers]
    if missing:
        raise Incomplete(missing=len(missing), first=missing[0])
    for item in instrument.items:
        if answers[item.statement.code] not in instrument.values:
            raise ValidationError("diag-error-value", statement=item.statement.code)
    indicator_scores: list[IndicatorScore] = []
    groups: list[GroupScore] = []
    for group in instrument.groups:
        own: list[IndicatorScore] = []
        for indicator in group.indicators:
            points = [
                (answers[s.code] - low) / (high - low) * 100 for s in indicator.statements
            ]
            own.append(IndicatorScore(group.code, indicator.code, sum(points) / len(points)))
        percent = sum(s.percent for s in own) / len(own)
        deficits = sorted(
            (s for s in own if s.percent < instrument.deficit_below - 1e-9),
            key=lambda s: s.percent,  # stable: ties keep questionnaire order
        )
        groups.append(GroupScore(
            group.code, _round(percent), instrument.level_for(percent).code,
            tuple(IndicatorScore(d.group, d.indicator, _round(d.percent)) for d in deficits),
        ))
        indicator_scores.extend(IndicatorScore(s.group, s.indicator, _round(s.percent))
                                for s in own)
    total = sum(g.percent for g in groups) / len(groups)
    ordered = sorted(groups, key=lambda g: GROUP_ORDER.index(g.group))
    return Result(tuple(ordered), tuple(indicator_scores), _round(total),
                  instrument.deficit_below)


def summarise(result: Result) -> Summary:
    """Strong: the best group(s) without deficits; focus: groups with deficits, worst first."""
    clean = [g for g in result.groups if not g.deficits]
    best = max((g.percent for g in clean), default=None)
    strong = tuple(g.group for g in clean if best is not None and g.percent == best)
    focus = tuple(
        g.group for g in sorted(
            (g for g in result.groups if g.deficits), key=lambda g: (g.percent, -len(g.deficits))
        )
    )
    return Summary(strong, focus, len(result.deficits))


def changes(current: Result, previous: Result | None) -> dict[CompetenceGroup, float]:
    """Change per group in percentage points since the previous attempt."""
    if previous is None:
        return {}
    before = {g.group: g.percent for g in previous.groups}
    return {g.group: _round(g.percent - before[g.group]) for g in current.groups
            if g.group in before}


def deficit_rows(instrument: Instrument, result: Result) -> list[Deficit]:
    rows = []
    for rank, d in enumerate(result.deficits, 1):
        _, indicator = instrument.indicator(d.indicator)
        rows.append(Deficit(d.group, d.indicator, indicator.title.ru, d.percent, rank))
    return rows


def retake_status(last: Attempt | None, retake_days: int, now: datetime) -> RetakeStatus:
    """A new attempt is allowed when none was completed, when the interval has passed, or when
    an admin unlocked it after the last one."""
    if last is None or last.completed_at is None:
        return RetakeStatus(True)
    if last.retake_unlocked_at is not None:
        return RetakeStatus(True, unlocked=True)
    available = last.completed_at + timedelta(days=retake_days)
    return RetakeStatus(now >= available, available)


def validate_self_analysis(text: str | None) -> str:
    value = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not value:
        raise ValidationError("diag-error-analysis-empty")
    if len(value) < SELF_ANALYSIS_MIN:
        raise ValidationError("diag-error-analysis-short", min=SELF_ANALYSIS_MIN)
    if len(value) > SELF_ANALYSIS_MAX:
        raise ValidationError("diag-error-analysis-long", max=SELF_ANALYSIS_MAX,
                              length=len(value))
    return value


# ---- instruments ------------------------------------------------------------------------


async def active_instrument(uow: UnitOfWork, now: datetime) -> StoredInstrument:
    """The instrument new attempts use; the shipped default until an admin uploads one."""
    active = await uow.diagnosis.active_instrument()
    if active is not None:
        return active
    default, source = instruments.load_default()
    stored = await uow.diagnosis.find_instrument(default.version)
    if stored is None:
        stored = await uow.diagnosis.add_instrument(default, source, None, now)
    await uow.diagnosis.activate_instrument(stored.id, now)
    return await uow.diagnosis.get_instrument(stored.id)  # type: ignore[return-value]


async def instrument_of(uow: UnitOfWork, attempt: Attempt) -> Instrument:
    stored = await uow.diagnosis.get_instrument(attempt.instrument_id)
    if stored is None:  # instruments are never deleted while attempts refer to them
        raise NotFound()
    return stored.instrument


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    stored: StoredInstrument
    created: bool  # False: the same content was already stored and is now active again


async def import_instrument(
    uow: UnitOfWork, actor: Actor | None, instrument: Instrument, source: str, now: datetime
) -> ImportOutcome:
    """Make an uploaded instrument (already read and validated, with the file's text) the
    active one.

    ``actor`` is None for the operator's command line. Raises ``InstrumentInvalid``: a version
    string can be used once; uploading different content under a stored version is refused,
    so results always point at what was answered.
    """
    if actor is not None:
        require_admin(actor)
    existing = await uow.diagnosis.find_instrument(instrument.version)
    if existing is not None:
        if existing.instrument.checksum != instrument.checksum:
            raise InstrumentInvalid([Problem(
                "diag-ierr-version-taken", {"version": instrument.version}, ("version",),
                _version_line(source),
            )])
        await uow.diagnosis.activate_instrument(existing.id, now)
        return ImportOutcome(existing, created=False)
    stored = await uow.diagnosis.add_instrument(
        instrument, source, actor.person_id if actor else None, now
    )
    await uow.diagnosis.activate_instrument(stored.id, now)
    return ImportOutcome(stored, created=True)


def _version_line(source: str) -> int | None:
    for number, line in enumerate(source.splitlines(), 1):
        if line.lstrip().startswith(("version:", '"version"')):
            return number
    return None


async def instruments_list(uow: UnitOfWork, actor: Actor) -> list[StoredInstrument]:
    require_admin(actor)
    return await uow.diagnosis.list_instruments()


async def active_file(
    uow: UnitOfWork, actor: Actor, now: datetime
) -> tuple[StoredInstrument, str, str]:
    """The active instrument as uploaded (comments included), a template for the next one:
    the instrument, a file name and the file's text."""
    require_admin(actor)
    active = await active_instrument(uow, now)
    source = await uow.diagnosis.instrument_source(active.id) or ""
    suffix = "json" if source.lstrip().startswith("{") else "yaml"
    return active, f"instrument-{active.version}.{suffix}", source


# ---- taking the questionnaire -----------------------------------------------------------


async def _own(uow: UnitOfWork, actor: Actor, attempt_id: int) -> Attempt:
    attempt = await uow.diagnosis.get_attempt(attempt_id)
    if attempt is None:
        raise NotFound()
    actor.require_self(attempt.person_id)
    return attempt


async def in_progress(uow: UnitOfWork, actor: Actor) -> Progress | None:
    attempt = await uow.diagnosis.in_progress(actor.person_id)
    if attempt is None:
        return None
    return Progress(attempt, await instrument_of(uow, attempt), attempt.position)


async def retake(uow: UnitOfWork, actor: Actor, now: datetime) -> RetakeStatus:
    last = await uow.diagnosis.last_completed(actor.person_id)
    active = await active_instrument(uow, now)
    return retake_status(last, active.instrument.retake_days, now)


async def start(uow: UnitOfWork, actor: Actor, now: datetime, waive_interval: bool = False
                ) -> Progress:
    """Continue the attempt in progress, or begin a new one if the retake interval allows
    (``waive_interval``: a monitoring campaign's participant, domain/campaigns)."""
    current = await in_progress(uow, actor)
    if current is not None:
        return current
    active = await active_instrument(uow, now)
    last = await uow.diagnosis.last_completed(actor.person_id)
    status = retake_status(last, active.instrument.retake_days, now)
    if not status.allowed and not waive_interval:
        assert status.available_at is not None
        raise RetakeTooEarly(status.available_at, active.instrument.retake_days)
    attempt = await uow.diagnosis.create_attempt(actor.person_id, active.id, now)
    return Progress(attempt, active.instrument, 0)


async def resume(uow: UnitOfWork, actor: Actor, attempt_id: int) -> Progress:
    """The step an attempt waits on (for a stray tap or a restart)."""
    attempt = await _own(uow, actor, attempt_id)
    if attempt.is_completed:
        raise StaleStep()
    return Progress(attempt, await instrument_of(uow, attempt), attempt.position)


async def answer(
    uow: UnitOfWork, actor: Actor, attempt_id: int, index: int, value: int, now: datetime
) -> Progress | None:
    """Store the answer to the statement shown at ``index`` and move to the next one.

    Returns None for a repeated tap on the answer just given (a double tap: nothing to do).
    A button of any other earlier screen raises ``StaleStep`` (the person is shown where they
    are); nothing already answered changes.
    """
    attempt = await _own(uow, actor, attempt_id)
    if attempt.is_completed:
        raise StaleStep()
    instrument = await instrument_of(uow, attempt)
    items = instrument.items
    if index != attempt.position or index >= len(items):
        just_answered = index == attempt.position - 1 and index < len(items)
        if just_answered and attempt.answers.get(items[index].statement.code) == value:
            return None  # a double tap on the statement just answered
        raise StaleStep()
    if value not in instrument.values:
        raise ValidationError("diag-error-value", statement=items[index].statement.code)
    answers = {**attempt.answers, items[index].statement.code: value}
    attempt.answers, attempt.position, attempt.updated_at = answers, index + 1, now
    await uow.diagnosis.save_progress(attempt.id, answers, index + 1, now)
    return Progress(attempt, instrument, index + 1)


async def move(
    uow: UnitOfWork, actor: Actor, attempt_id: int, index: int, step: int, now: datetime
) -> Progress:
    """Back (``step`` = -1) to change an earlier answer, or forward (+1) past an answered one."""
    attempt = await _own(uow, actor, attempt_id)
    if attempt.is_completed or index != attempt.position or step not in (-1, 1):
        raise StaleStep()
    instrument = await instrument_of(uow, attempt)
    items = instrument.items
    target = index + step
    if target < 0 or target > len(items):
        raise StaleStep()
    if step > 0 and items[index].statement.code not in attempt.answers:
        raise StaleStep()  # forward only over answered statements
    attempt.position, attempt.updated_at = target, now
    await uow.diagnosis.save_progress(attempt.id, attempt.answers, target, now)
    return Progress(attempt, instrument, target)


async def submit(uow: UnitOfWork, actor: Actor, attempt_id: int, now: datetime) -> Attempt:
    """Score a finished questionnaire and store the result with the deficit profile."""
    attempt = await _own(uow, actor, attempt_id)
    if attempt.is_completed:
        raise StaleStep()
    instrument = await instrument_of(uow, attempt)
    result = score(instrument, attempt.answers)
    person = await uow.people.get(actor.person_id)
    snapshot = await _snapshot(uow, person)
    rows = deficit_rows(instrument, result)
    await uow.diagnosis.complete(attempt.id, result, rows, snapshot, now)
    attempt.status, attempt.result, attempt.completed_at = AttemptStatus.COMPLETED, result, now
    attempt.school_id = snapshot.school_id
    attempt.municipality_id = snapshot.municipality_id
    attempt.region_id = snapshot.region_id
    from domain.diagnosis.facts import DiagnosisCompleted

    uow.emit(DiagnosisCompleted(actor.person_id, attempt.id, now))
    return attempt


async def _snapshot(uow: UnitOfWork, person: Person | None) -> Snapshot:
    if person is None:
        return Snapshot(None, None, None)
    profile = person.profile
    org_id = profile.school_id or profile.municipality_id
    org: Org | None = await uow.orgs.get(org_id) if org_id else None
    if org is None:
        return Snapshot(None, None, None)
    return Snapshot(
        profile.school_id,
        org.municipality_id if profile.school_id else org.id,
        org.region_id,
    )


# ---- reading results --------------------------------------------------------------------


async def attempt_for(uow: UnitOfWork, actor: Actor, attempt_id: int) -> Attempt:
    """A completed attempt: the teacher's own, or one inside a coordinator's scope."""
    attempt = await uow.diagnosis.get_attempt(attempt_id)
    if attempt is None or not attempt.is_completed:
        raise NotFound()
    if attempt.person_id == actor.person_id:
        return attempt
    org_id = attempt.school_id or attempt.municipality_id or attempt.region_id
    org = await uow.orgs.get(org_id) if org_id else None
    if org is None or not actor.covers(org):
        raise AccessDenied()
    return attempt


async def previous(uow: UnitOfWork, attempt: Attempt) -> Attempt | None:
    return await uow.diagnosis.previous_completed(attempt.person_id, attempt.id)


async def history(uow: UnitOfWork, actor: Actor, limit: int = 20) -> list[Attempt]:
    """The teacher's completed attempts, newest first."""
    return await uow.diagnosis.completed(actor.person_id, limit)


async def latest(uow: UnitOfWork, actor: Actor) -> Attempt | None:
    return await uow.diagnosis.last_completed(actor.person_id)


async def deficits_of(uow: UnitOfWork, actor: Actor, person_id: int) -> list[Deficit]:
    """The deficit profile of a teacher's latest diagnosis, worst first (for the ИОМ)."""
    last = await uow.diagnosis.last_completed(person_id)
    if last is None:
        return []
    await attempt_for(uow, actor, last.id)
    return await uow.diagnosis.deficits(last.id)


async def save_self_analysis(
    uow: UnitOfWork, actor: Actor, attempt_id: int, text: str | None, now: datetime
) -> Attempt:
    """ИОМ section 3: how the results relate to the students' results; editable any time."""
    attempt = await _own(uow, actor, attempt_id)
    if not attempt.is_completed:
        raise StaleStep()
    value = validate_self_analysis(text)
    await uow.diagnosis.set_self_analysis(attempt.id, value, now)
    attempt.self_analysis, attempt.self_analysis_at = value, now
    return attempt


# ---- admin and coordinators -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    person_id: int
    full_name: str
    external_id: str
    last_completed_at: datetime


async def find_for_reset(uow: UnitOfWork, actor: Actor, query: str) -> list[Candidate]:
    require_admin(actor)
    query = " ".join(query.split())
    if not query:
        raise ValidationError("diag-error-search-empty")
    return await uow.diagnosis.find_diagnosed(query, limit=8)


async def reset_candidate(uow: UnitOfWork, actor: Actor, person_id: int) -> Candidate:
    require_admin(actor)
    person = await uow.people.get(person_id)
    last = await uow.diagnosis.last_completed(person_id)
    if person is None or last is None or last.completed_at is None:
        raise NotFound("diag-error-nothing-to-reset")
    return Candidate(person.id, person.profile.full_name or "—", person.external_id,
                     last.completed_at)


async def unlock_retake(uow: UnitOfWork, actor: Actor, person_id: int, now: datetime) -> Attempt:
    """An admin lets a teacher retake before the interval ends; the teacher is told."""
    require_admin(actor)
    last = await uow.diagnosis.last_completed(person_id)
    if last is None:
        raise NotFound("diag-error-nothing-to-reset")
    await uow.diagnosis.unlock_retake(last.id, actor.person_id, now)
    last.retake_unlocked_at = now
    await notify(uow, Notification(
        person_id=person_id, key="diag-notice-retake-unlocked",
        targets=(OpenMenu(Section.DIAGNOSIS),),
    ), now)
    return last


async def deficit_counts(uow: UnitOfWork, actor: Actor, org_id: int) -> DeficitCounts:
    """Deficits by competence group among teachers diagnosed inside an org (latest attempts)."""
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound("error-org-not-found")
    actor.require_covers(org)
    return await uow.diagnosis.deficit_counts(org.id)

