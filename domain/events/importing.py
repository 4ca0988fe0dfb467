"""Events imported from a table (XLSX/CSV, read by ``handlers/uploads.py``): each row is an
``ImportRow`` read column by column with the conversation's own rules; a bad row is reported
by line and column with the same messages, the good rows become events."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from domain.access import Actor
from domain.entities import Org
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events.access import can_organise
from domain.events.model import (
    LEVEL_ORG_KIND,
    EventDraft,
    EventForm,
    EventLevel,
    Hours,
    Session,
)
from domain.events.organising import create_event
from domain.events.parsing import (
    _clean,
    parse_capacity,
    parse_deadline,
    parse_description,
    parse_groups,
    parse_hour_value,
    parse_place,
    parse_sessions,
    parse_title,
    parse_url,
)
from domain.ports import UnitOfWork

# ---- import ---------------------------------------------------------------------------------

IMPORT_FIELDS = (
    "title", "form", "level", "organiser", "groups", "sessions", "place", "online_url",
    "hours_in_person", "hours_remote", "hours_self_study", "capacity", "deadline",
    "audience", "description",
)
REQUIRED_FIELDS = ("title", "form", "level", "organiser", "sessions")
IMPORT_MAX_ROWS = 500


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str | None
    key: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: list[int]
    errors: list[RowError]
    rows: int


def _split_list(value: object) -> list[str]:
    return [x.strip() for x in re.split(r"[;\n]+", str(value or "")) if x.strip()]


@dataclass(frozen=True, slots=True)
class RowContext:
    """What reading a row needs besides its cells: the vocabularies' labels (``aliases``: a
    field → {casefolded label: code}), the organisations the file names (looked up once per
    import: a name → the organisations found), who imports, the time zone and now."""

    aliases: dict[str, dict[str, str]]
    orgs: dict[str, list[Org]]
    actor: Actor
    tz: ZoneInfo
    now: datetime

    def code(self, field_name: str, value: object) -> str:
        text = _clean(value)
        table = self.aliases.get(field_name, {})
        if text.casefold() in table:
            return table[text.casefold()]
        raise ValidationError("ev-error-choice", value=text[:40])

    def org(self, value: str) -> Org:
        found = self.orgs.get(value, [])
        if not found:
            raise ValidationError("ev-error-org-unknown", value=value[:60])
        if len(found) > 1:
            raise ValidationError("ev-error-org-ambiguous", value=value[:60])
        return found[0]


Parse = Callable[[object, RowContext, dict[str, Any]], Any]


class _Elsewhere(ValidationError):
    """A refusal reported under another column (the hours total under «очные»)."""

    def __init__(self, field_name: str, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        self.field_name = field_name


def _required(parse: Parse) -> Parse:
    def read(value: object, ctx: RowContext, data: dict[str, Any]) -> Any:
        if not _clean(value):
            raise ValidationError("ev-error-required")
        return parse(value, ctx, data)
    return read


def _optional(parse: Parse) -> Parse:
    def read(value: object, ctx: RowContext, data: dict[str, Any]) -> Any:
        return parse(value, ctx, data) if _clean(value) else None
    return read


def _organiser(value: object, ctx: RowContext, data: dict[str, Any]) -> Org:
    org = ctx.org(_clean(value))
    level = data.get("level")
    if level is not None and org.kind is not LEVEL_ORG_KIND[level]:
        raise ValidationError("ev-error-organiser-kind")
    if not can_organise(ctx.actor, org):
        raise ValidationError("error-out-of-scope")
    return org


def _audience(value: object, ctx: RowContext, data: dict[str, Any]) -> list[int]:
    organiser: Org | None = data.get("organiser")
    audience = []
    for item in _split_list(value):
        org = ctx.org(item)
        if organiser is not None and organiser.id not in org.ancestors_and_self():
            raise ValidationError("ev-error-audience-outside", org=org.name)
        audience.append(org.id)
    return audience


def _self_study(value: object, ctx: RowContext, data: dict[str, Any]) -> float:
    hours = parse_hour_value(value)
    others = [data.get("hours_in_person"), data.get("hours_remote")]
    if None not in others and sum(others) + hours <= 0:  # both read: not refused themselves
        raise _Elsewhere("hours_in_person", "ev-error-hours-zero")
    return hours


#: how each column is read, in the order of ``IMPORT_FIELDS`` (a column may use the ones
#: before it: the organiser's kind by the level, the deadline by the sessions)
PARSERS: dict[str, Parse] = {
    "title": _required(lambda v, c, d: parse_title(v)),
    "form": _required(lambda v, c, d: EventForm(c.code("form", v))),
    "level": _required(lambda v, c, d: EventLevel(c.code("level", v))),
    "organiser": _required(_organiser),
    "groups": lambda v, c, d: parse_groups(c.code("groups", g) for g in _split_list(v)),
    "sessions": _required(lambda v, c, d: parse_sessions(v, c.tz, c.now)),
    "place": _optional(lambda v, c, d: parse_place(v)),
    "online_url": _optional(lambda v, c, d: parse_url(v)),
    "hours_in_person": lambda v, c, d: parse_hour_value(v),
    "hours_remote": lambda v, c, d: parse_hour_value(v),
    "hours_self_study": _self_study,
    "capacity": lambda v, c, d: parse_capacity(v),
    "deadline": _optional(lambda v, c, d: parse_deadline(v, c.tz, c.now,
                                                          d.get("sessions") or [])),
    "audience": _audience,
    "description": _optional(lambda v, c, d: parse_description(v)),
}


class ImportRow(BaseModel):
    """One row of the import table, read column by column (``PARSERS``: the same rules as the
    conversation's steps); a refused cell is a pydantic error whose context carries our locale
    key, its parameters and the column it is reported under. Validate with
    ``ImportRow.model_validate(cells, context=RowContext(...))``."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True, validate_default=True,
                              extra="ignore")

    title: str | None = None
    form: EventForm | None = None
    level: EventLevel | None = None
    organiser: Org | None = None
    groups: list[str] = []
    sessions: list[Session] | None = None
    place: str | None = None
    online_url: str | None = None
    hours_in_person: float = 0.0
    hours_remote: float = 0.0
    hours_self_study: float = 0.0
    capacity: int | None = None
    deadline: datetime | None = None
    audience: list[int] = []
    description: str | None = None

    @field_validator("*", mode="plain")
    @classmethod
    def _read(cls, value: object, info: ValidationInfo) -> Any:
        assert info.field_name is not None and isinstance(info.context, RowContext)
        try:
            return PARSERS[info.field_name](value, info.context, info.data)
        except ValidationError as err:
            field_name = err.field_name if isinstance(err, _Elsewhere) else info.field_name
            raise PydanticCustomError("row", err.key, {
                "key": err.key, "params": dict(err.params), "field": field_name}) from None

    @model_validator(mode="after")
    def _somewhere(self) -> ImportRow:
        """Checked once every cell is read: a place or a link."""
        if not self.place and not self.online_url:
            raise PydanticCustomError("row", "ev-error-place-or-link", {
                "key": "ev-error-place-or-link", "params": {}, "field": "place"})
        return self

    def draft(self) -> EventDraft:
        return EventDraft(
            title=self.title, form=self.form, level=self.level,
            organiser_id=self.organiser.id if self.organiser else None, groups=self.groups,
            sessions=self.sessions or [], place=self.place, online_url=self.online_url,
            hours=Hours(self.hours_in_person, self.hours_remote, self.hours_self_study),
            capacity=self.capacity, deadline=self.deadline, audience=self.audience,
            description=self.description)


def read_row(line: int, cells: dict[str, Any], context: RowContext
             ) -> tuple[EventDraft | None, list[RowError]]:
    """A row as a draft, or every refusal in it (by column, in the table's order)."""
    try:
        return ImportRow.model_validate(cells, context=context).draft(), []
    except PydanticValidationError as exc:
        return None, [RowError(line, e["ctx"]["field"], e["ctx"]["key"], e["ctx"]["params"])
                      for e in exc.errors(include_url=False, include_input=False)]


async def _orgs_named(uow: UnitOfWork, rows: list[tuple[int, dict[str, Any]]]
                      ) -> dict[str, list[Org]]:
    """Every organisation the rows name (organisers, audiences), each looked up once."""
    names = {_clean(cells.get("organiser")) for _, cells in rows}
    names.update(item for _, cells in rows for item in _split_list(cells.get("audience")))
    return {name: await uow.orgs.find(name) for name in sorted(names) if name}


async def import_rows(
    uow: UnitOfWork,
    actor: Actor,
    rows: list[tuple[int, dict[str, Any]]],
    aliases: dict[str, dict[str, str]],
    tz: ZoneInfo,
    now: datetime,
) -> ImportReport:
    """Create an event per valid row; a bad row is reported by line and field, good rows are
    kept. ``aliases`` maps a field (form, level, groups) to {casefolded label: code}."""
    if len(rows) > IMPORT_MAX_ROWS:
        return ImportReport([], [RowError(0, None, "ev-error-import-many",
                                          {"max": IMPORT_MAX_ROWS})], len(rows))
    context = RowContext(aliases, await _orgs_named(uow, rows), actor, tz, now)
    created: list[int] = []
    errors: list[RowError] = []
    for line, cells in rows:
        draft, refused = read_row(line, cells, context)
        errors.extend(refused)
        if draft is None:
            continue
        try:
            event = await create_event(uow, actor, draft, now)
        except (ValidationError, NotFound, AccessDenied) as err:
            errors.append(RowError(line, None, err.key, dict(err.params)))
            continue
        created.append(event.id)
    return ImportReport(created, errors, len(rows))
