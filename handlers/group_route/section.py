"""«Групповые ИОМ» on the teacher's ИОМ card: the group routes they are a member of."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram_i18n import I18nContext

from domain import group_route as grp
from domain.access import Actor
from domain.ports import UnitOfWork
from handlers.group_route.common import btn, clip
from handlers.views import esc


async def section(uow: UnitOfWork, actor: Actor, i18n: I18nContext
                  ) -> tuple[str | None, list[InlineKeyboardButton]]:
    """The section's text and one button per group route (None, [] when there is none)."""
    routes = await grp.mine(uow, actor)
    if not routes:
        return None, []
    get = i18n.get
    lines = [get("grp-section", count=len(routes))]
    lines += [get("grp-section-line", title=esc(clip(r.title, 70)),
                  status=get(f"grp-status-{r.status.value}")) for r in routes[:5]]
    return "\n".join(lines), [btn("👥 " + clip(r.title, 50), "open", r.id) for r in routes[:5]]
