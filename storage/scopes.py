"""Query pieces every feature's repository shares: a coordinator's scope as a SQL condition."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from domain.entities import Org
from domain.enums import OrgKind
from storage.models import OrgRow


def in_subtrees(ids: Sequence[int]) -> ColumnElement[bool]:
    """Org rows that are one of ``ids`` or lie under one of them (region ⊃ municipality ⊃
    school; ancestors are denormalised on the row)."""
    ids = list(ids)
    return or_(OrgRow.id.in_(ids), OrgRow.municipality_id.in_(ids), OrgRow.region_id.in_(ids))


def org_from_row(row: OrgRow) -> Org:
    return Org(
        id=row.id,
        kind=OrgKind(row.kind),
        name=row.name,
        parent_id=row.parent_id,
        municipality_id=row.municipality_id,
        region_id=row.region_id,
    )


def schools_within(org_id: int) -> Any:
    """The schools in an org's subtree (the org itself if it is one), as a subquery: a
    scope's figures filter by it in SQL instead of carrying a list of every school's id."""
    return select(OrgRow.id).where(OrgRow.kind == OrgKind.SCHOOL.value,
                                   in_subtrees([org_id])).scalar_subquery()
