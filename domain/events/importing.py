"""importing"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Org
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events.access import can_organise
from domain.events.model import LEVEL_ORG_KIND, EventDraft, EventForm, EventLevel, Hours
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


async def _resolve_org(uow: UnitOfWork, value: str) -> Org:
    found = await uow.orgs.find(value)
    if not found:
        raise ValidationError("ev-error-org-unknown", value=value[:60])
    if len(found) > 1:
        raise ValidationError("ev-error-org-ambiguous", value=value[:60])
    return found[0]


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
    created: list[int] = []
    errors: list[RowError] = []
    if len(rows) > IMPORT_MAX_ROWS:
        return ImportReport([], [RowError(0, None, "ev-error-import-many",
                                          {"max": IMPORT_MAX_ROWS})], len(rows))

    def code(field_name: str, value: object) -> str:
        text = _clean(value)
        key = text.casefold()
        table = aliases.get(field_name, {})
        if key in table:
            return table[key]
        raise ValidationError("ev-error-choice", value=text[:40])

    for line, cells in rows:
        row_errors: list[RowError] = []

        def fail(field_name: str, err: ValidationError, _line: int = line,
                 _acc: list[RowError] = row_errors) -> None:
            _acc.append(RowError(_line, field_name, err.key, dict(err.params)))

        draft = EventDraft()
        for name in REQUIRED_FIELDS:
            if not _clean(cells.get(name)):
                fail(name, ValidationError("ev-error-required"))
        try:
            if _clean(cells.get("title")):
                draft.title = parse_title(cells.get("title"))
        except ValidationError as err:
            fail("title", err)
        try:
            if _clean(cells.get("form")):
                draft.form = EventForm(code("form", cells.get("form")))
        except ValidationError as err:
            fail("form", err)
        try:
            if _clean(cells.get("level")):
                draft.level = EventLevel(code("level", cells.get("level")))
        except ValidationError as err:
            fail("level", err)
        organiser: Org | None = None
        try:
            if _clean(cells.get("organiser")):
                organiser = await _resolve_org(uow, _clean(cells.get("organiser")))
                if draft.level and organiser.kind is not LEVEL_ORG_KIND[draft.level]:
                    raise ValidationError("ev-error-organiser-kind")
                if not can_organise(actor, organiser):
                    raise ValidationError("error-out-of-scope")
                draft.organiser_id = organiser.id
        except ValidationError as err:
            fail("organiser", err)
        try:
            draft.groups = parse_groups(code("groups", g) for g in _split_list(cells.get("groups")))
        except ValidationError as err:
            fail("groups", err)
        try:
            if _clean(cells.get("sessions")):
                draft.sessions = parse_sessions(cells.get("sessions"), tz, now)
        except ValidationError as err:
            fail("sessions", err)
        try:
            if _clean(cells.get("place")):
                draft.place = parse_place(cells.get("place"))
        except ValidationError as err:
            fail("place", err)
        try:
            if _clean(cells.get("online_url")):
                draft.online_url = parse_url(cells.get("online_url"))
        except ValidationError as err:
            fail("online_url", err)
        values = []
        for name in ("hours_in_person", "hours_remote", "hours_self_study"):
            try:
                values.append(parse_hour_value(cells.get(name)))
            except ValidationError as err:
                fail(name, err)
                values.append(0.0)
        draft.hours = Hours(*values)
        if draft.hours.total <= 0 and not any(e.field and e.field.startswith("hours")
                                              for e in row_errors):
            fail("hours_in_person", ValidationError("ev-error-hours-zero"))
        try:
            draft.capacity = parse_capacity(cells.get("capacity"))
        except ValidationError as err:
            fail("capacity", err)
        try:
            if _clean(cells.get("deadline")):
                draft.deadline = parse_deadline(cells.get("deadline"), tz, now, draft.sessions)
        except ValidationError as err:
            fail("deadline", err)
        try:
            audience = []
            for item in _split_list(cells.get("audience")):
                org = await _resolve_org(uow, item)
                if organiser is not None and organiser.id not in org.ancestors_and_self():
                    raise ValidationError("ev-error-audience-outside", org=org.name)
                audience.append(org.id)
            draft.audience = audience
        except ValidationError as err:
            fail("audience", err)
        try:
            if _clean(cells.get("description")):
                draft.description = parse_description(cells.get("description"))
        except ValidationError as err:
            fail("description", err)
        if not row_errors and not draft.place and not draft.online_url:
            fail("place", ValidationError("ev-error-place-or-link"))
        if row_errors:
            errors.extend(row_errors)
            continue
        try:
            event = await create_event(uow, actor, draft, now)
        except (ValidationError, NotFound, AccessDenied) as err:
            errors.append(RowError(line, None, err.key, dict(err.params)))
            continue
        created.append(event.id)
    return ImportReport(created, errors, len(rows))
