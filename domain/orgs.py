"""Browsing the org tree (region ⊃ municipality ⊃ school) and importing it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import ValidationError
from domain.ports import UnitOfWork

PAGE_SIZE = 8
NAME_MAX = 300


@dataclass(frozen=True, slots=True)
class OrgPage:
    items: list[Org]
    total: int
    page: int


async def browse(
    uow: UnitOfWork,
    kind: OrgKind,
    parent_id: int | None,
    query: str | None,
    page: int,
    page_size: int = PAGE_SIZE,
    within: list[int] | None = None,
) -> OrgPage:
    """One page of org units of a kind under a parent (or inside ``within`` subtrees),
    filtered by words of the name."""
    page = max(page, 0)
    items, total = await uow.orgs.page(
        kind, parent_id, query, page * page_size, page_size, within
    )
    if not items and total and page > 0:  # the list shrank: show the last page
        page = (total - 1) // page_size
        items, total = await uow.orgs.page(
            kind, parent_id, query, page * page_size, page_size, within
        )
    return OrgPage(items=items, total=total, page=page)


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: dict[OrgKind, int]
    existing: int
    errors: list[tuple[int, str]]


def clean_name(value: object) -> str:
    name = " ".join(str(value or "").split())
    if len(name) > NAME_MAX:
        raise ValidationError("org-error-name-long", max=NAME_MAX)
    return name


async def import_rows(uow: UnitOfWork, rows: list[tuple[int, list[object]]]) -> ImportResult:
    """Rows of (line number, [region, municipality, school]); a school may be empty.

    A bad row is reported with its line number; good rows are kept (idempotent: existing
    units are found, not duplicated).
    """
    created = {k: 0 for k in OrgKind}
    seen: set[int] = set()
    existing = 0
    errors: list[tuple[int, str]] = []
    for line, cells in rows:
        values = [*cells, "", "", ""][:3]
        try:
            region, municipality, school = (clean_name(v) for v in values)
        except ValidationError:
            errors.append((line, "name longer than 300 characters"))
            continue
        if not region or not municipality:
            errors.append((line, "region and municipality are required"))
            continue
        parent: Org | None = None
        for kind, name in (
            (OrgKind.REGION, region),
            (OrgKind.MUNICIPALITY, municipality),
            (OrgKind.SCHOOL, school),
        ):
            if not name:
                break
            parent, was_created = await uow.orgs.ensure(kind, name, parent)
            if parent.id in seen:
                continue
            seen.add(parent.id)
            if was_created:
                created[kind] += 1
            else:
                existing += 1
    return ImportResult(created=created, existing=existing, errors=errors)
