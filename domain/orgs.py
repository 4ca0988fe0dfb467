"""Browsing the org tree (region ⊃ municipality ⊃ school) and importing it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor, require_admin
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


#: rows of an organisations file, besides its header (a region's schools fit many times over;
#: all of Russia has ~40 000)
IMPORT_MAX_ROWS = 50_000
#: the first cell of a header row (skipped), in the languages of the template
HEADER_FIRST = ("region", "регион", "субъект", "субъект рф")
#: what the operator's command line prints for a row's problem (the bot says it in locales/)
_ENGLISH = {
    "org-import-error-long": "name longer than 300 characters",
    "org-import-error-required": "region and municipality are required",
}


def clean_name(value: object) -> str:
    name = " ".join(str(value or "").split())
    if len(name) > NAME_MAX:
        raise ValidationError("org-error-name-long", max=NAME_MAX)
    return name


def name_key(name: str) -> str:
    """How a name is matched against the units already stored: case and spaces aside (the
    repository's ``name_key``)."""
    return " ".join(name.split()).casefold()


def table_rows(table: list[tuple[int, list[str]]]) -> list[tuple[int, list[object]]]:
    """The rows of a read table (line, cells) without its header row, if it has one."""
    rows: list[tuple[int, list[object]]] = []
    for n, (line, cells) in enumerate(table):
        first = (cells[0] if cells else "").strip().casefold()
        if n == 0 and first in HEADER_FIRST:
            continue
        rows.append((line, list(cells)))
    return rows


def read_row(cells: list[object]) -> tuple[str, str, str]:
    """(region, municipality, school) of a row; the school may be empty.
    Raises ``ValidationError`` (org-import-error-long / -required)."""
    values = [*cells, "", "", ""][:3]
    try:
        region, municipality, school = (clean_name(v) for v in values)
    except ValidationError:
        raise ValidationError("org-import-error-long", max=NAME_MAX) from None
    if not region or not municipality:
        raise ValidationError("org-import-error-required")
    return region, municipality, school


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
        try:
            region, municipality, school = read_row(cells)
        except ValidationError as exc:
            errors.append((line, _ENGLISH[exc.key]))
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


# ---- the admin's upload in the chat: a preview first, then the import -----------------------


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    key: str  # a locale key (org-import-error-…)
    params: dict[str, object]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an organisations file would change, computed without writing anything.

    An organisation is known by its kind, its parent and its name (case and spaces aside):
    a unit already stored is left as it is (``unchanged``) — the file never renames, moves
    or deletes one; ``new`` are the units the import would add."""

    rows: int  # data rows read (the header aside)
    new: dict[OrgKind, int]
    unchanged: int
    problems: list[RowProblem]

    @property
    def new_total(self) -> int:
        return sum(self.new.values())

    @property
    def good_rows(self) -> int:
        return self.rows - len(self.problems)


#: children of one parent read at once for the preview (a municipality's schools)
_CHILDREN_MAX = 100_000


async def plan_import(uow: UnitOfWork, actor: Actor, rows: list[tuple[int, list[object]]]
                      ) -> ImportPlan:
    """The preview of an import (admins only): the same row rules as ``import_rows``, and the
    stored units read level by level (one query per parent that exists), nothing written."""
    require_admin(actor)
    new = {k: 0 for k in OrgKind}
    unchanged = 0
    problems: list[RowProblem] = []
    children: dict[tuple[OrgKind, int | None], dict[str, Org]] = {}
    placed: dict[tuple[str, ...], Org | None] = {}  # a path of name keys → stored unit or new

    async def stored(kind: OrgKind, parent: Org | None) -> dict[str, Org]:
        key = (kind, parent.id if parent else None)
        if key not in children:
            items, _total = await uow.orgs.page(kind, parent.id if parent else None, None, 0,
                                                _CHILDREN_MAX)
            children[key] = {name_key(o.name): o for o in items
                             if o.parent_id == (parent.id if parent else None)}
        return children[key]

    for line, cells in rows:
        try:
            names = read_row(cells)
        except ValidationError as exc:
            problems.append(RowProblem(line, exc.key, dict(exc.params)))
            continue
        path: tuple[str, ...] = ()
        parent: Org | None = None
        parent_stored = True
        for kind, name in zip((OrgKind.REGION, OrgKind.MUNICIPALITY, OrgKind.SCHOOL), names,
                              strict=True):
            if not name:
                break
            path = (*path, name_key(name))
            if path not in placed:
                found = (await stored(kind, parent)).get(path[-1]) if parent_stored else None
                placed[path] = found
                if found is None:
                    new[kind] += 1
                else:
                    unchanged += 1
            parent = placed[path]
            parent_stored = parent is not None
    return ImportPlan(rows=len(rows), new=new, unchanged=unchanged, problems=problems)


async def apply_import(uow: UnitOfWork, actor: Actor, rows: list[tuple[int, list[object]]]
                       ) -> ImportResult:
    """The import an admin confirmed after the preview: rows with problems are skipped."""
    require_admin(actor)
    return await import_rows(uow, rows)
