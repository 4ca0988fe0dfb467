"""Input vs repeat: two diagnosis campaigns paired (seed 001: April and November). Only the
people who completed a diagnosis inside both windows are compared: per competence group the
mean score and the share of them with a deficit, before → after."""

from __future__ import annotations

from collections import Counter
from typing import Any

from domain.access import Actor
from domain.campaigns.model import (
    TOP_PERCENT,
    Campaign,
    CampaignKind,
    Comparison,
    GroupChange,
    UnitChange,
)
from domain.campaigns.ports import CampaignUnitOfWork as UoW
from domain.campaigns.service import _unit, _viewable
from domain.competences import GROUP_ORDER
from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import ValidationError


def _groups(result: dict[str, Any]) -> dict[str, tuple[float, int]]:
    return {g["group"]: (float(g["percent"]), len(g.get("deficits") or []))
            for g in result.get("groups") or []}


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def _share(deficits: list[int]) -> float:
    """Percent of the people with at least one deficit in the group."""
    return round(100 * sum(1 for n in deficits if n) / len(deficits), 1) if deficits else 0.0


async def compare(uow: UoW, actor: Actor, input_id: int, repeat_id: int, org_id: int | None
                  ) -> tuple[Org, Comparison]:
    first = await _viewable(uow, actor, input_id)
    second = await _viewable(uow, actor, repeat_id)
    org = await _unit(uow, actor, org_id)
    return org, await pair(uow, first, second, org)


async def pair(uow: UoW, first: Campaign, second: Campaign, org: Org, *, detailed: bool = True
               ) -> Comparison:
    """The comparison of two diagnosis campaigns in one unit, for a caller that has checked
    the reader's access itself (``compare`` above; an abonement's school through
    domain.abonements). ``detailed`` False leaves out the units, the top and the remaining
    deficits (a card shows only the groups)."""
    if first.kind is not CampaignKind.DIAGNOSIS or second.kind is not CampaignKind.DIAGNOSIS \
            or first.id == second.id:
        raise ValidationError("camp-error-pair")
    if first.starts_at > second.starts_at:
        first, second = second, first
    before = {r["person_id"]: r for r in await uow.campaigns.attempts_in_window(first, [org.id])}
    after = {r["person_id"]: r for r in await uow.campaigns.attempts_in_window(second, [org.id])}
    both = sorted(set(before) & set(after))
    groups = []
    for code in GROUP_ORDER:
        b = [_groups(before[p]["result"]).get(code, (0.0, 0)) for p in both]
        a = [_groups(after[p]["result"]).get(code, (0.0, 0)) for p in both]
        groups.append(GroupChange(str(code), _mean([x for x, _ in b]), _mean([x for x, _ in a]),
                                  _share([n for _, n in b]), _share([n for _, n in a])))
    shrank = sum(
        1 for p in both
        if sum(n for _, n in _groups(after[p]["result"]).values())
        < sum(n for _, n in _groups(before[p]["result"]).values())
    )
    if not detailed:
        return Comparison(len(both), tuple(groups), (), shrank, (), ())
    key = "municipality_id" if org.kind is OrgKind.REGION else "school_id"
    names = {o.id: o.name for o in await uow.territory.children(org)}
    units: dict[Any, list[int]] = {}
    for p in both:
        units.setdefault(after[p][key], []).append(p)
    unit_rows = tuple(sorted(
        (UnitChange(u, names.get(u, org.name if u == org.id else "—"), len(ps),
                    _mean([float(before[p]["total"] or 0) for p in ps]),
                    _mean([float(after[p]["total"] or 0) for p in ps]))
         for u, ps in units.items()), key=lambda x: x.name))
    top = tuple(sorted(((after[p]["name"], after[p]["school"], float(after[p]["total"] or 0))
                        for p in both if float(after[p]["total"] or 0) >= TOP_PERCENT),
                       key=lambda t: (-t[2], t[0])))
    titles = await uow.campaigns.deficit_titles([after[p]["attempt_id"] for p in both])
    counts = Counter((g, t) for _, g, t in titles)
    remaining = tuple((g, t, n) for (g, t), n in counts.most_common(10))
    return Comparison(len(both), tuple(groups), unit_rows, shrank, top, remaining)
