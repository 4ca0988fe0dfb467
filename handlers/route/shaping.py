"""Shaping the plan (issue 15): remove a row (confirmed), merge two rows of one competence
group, move a row up or down; the period with the date picker; the versions of the route and
the rebuild from a newer diagnosis. Every id is re-checked by the domain."""

from __future__ import annotations

from datetime import date, timedelta

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from domain import external as ext
from domain import route as rt
from domain.entities import Person
from domain.errors import ValidationError
from handlers.builder import InlineKeyboardBuilder
from handlers.formatting import cut_html
from handlers.route.card import show_route
from handlers.route.common import Ctx, RtCb, activity_line, btn, clip, d
from handlers.route.rows import show_row
from handlers.views import ack, error_plain, esc, fmt_dt, show
from handlers.widgets import dates

# ---- rows -----------------------------------------------------------------------------------


def _number(plan: rt.Plan, row_id: int) -> int:
    return [x.id for x in plan.rows].index(row_id) + 1


async def _remove_row(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """Ask first: the row goes with what is planned in it."""
    plan, row, _ = await rt.shapeable_row(c.uow, c.actor, item)
    await ack(c.event)
    text = c.i18n.get("route-ask-remove-row", n=_number(plan, row.id), title=esc(row.title),
                      count=len(plan.of_row(row.id)))
    await show(c.event, text, InlineKeyboardMarkup(inline_keyboard=[
        [btn(c.i18n.get("route-btn-remove-row-yes"), "rmrowok", row.id)],
        [btn(c.i18n.get("btn-cancel"), "row", row.id)]]))


async def _remove_row_ok(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    row = await rt.remove_row(c.uow, c.actor, item)
    await c.uow.commit()
    await ack(c.event)
    await show_route(c, row.route_id, notice=c.i18n.get("route-row-removed",
                                                        title=esc(row.title)))


async def _merge(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, row, _ = await rt.shapeable_row(c.uow, c.actor, item)
    await ack(c.event)
    b = InlineKeyboardBuilder()
    for other in rt.merge_targets(plan, row):
        b.row(btn(f"🔗 {_number(plan, other.id)}. {other.title}", "mrgto", row.id,
                  str(other.id)))
    b.row(btn(c.i18n.get("btn-cancel"), "row", row.id))
    await show(c.event, c.i18n.get("route-ask-merge", n=_number(plan, row.id),
                                   title=esc(row.title)), b.as_markup())


async def _merge_to(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not x.isdigit() or int(x) >= 2**31:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    merged = await rt.merge_rows(c.uow, c.actor, item, int(x), c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, merged.id, notice=c.i18n.get("route-rows-merged"))


async def _move(c: Ctx, item: int, up: bool) -> None:
    row = await rt.move_row(c.uow, c.actor, item, up)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, row.id, notice=c.i18n.get("route-row-moved"))


async def _up(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _move(c, item, up=True)


async def _down(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _move(c, item, up=False)


# ---- the period -----------------------------------------------------------------------------


async def show_period(c: Ctx, route_id: int, notice: str | None = None) -> None:
    plan = await rt.check_period_rights(c.uow, c.actor, route_id)
    route = plan.route
    text = c.i18n.get("route-period-screen", start=d(route.period_start, c.locale),
                      end=d(route.period_end, c.locale))
    away = rt.outside(plan)
    if away:
        text += "\n\n" + c.i18n.get("route-period-outside", count=len(away))
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    b.row(btn(c.i18n.get("route-btn-period-start"), "prds", route.id),
          btn(c.i18n.get("route-btn-period-end"), "prde", route.id))
    start, end = rt.default_period(c.today)
    if (start, end) != (route.period_start, route.period_end) and end >= c.today:
        b.row(btn(c.i18n.get("route-btn-period-year", start=d(start, c.locale),
                             end=d(end, c.locale)), "prdp", route.id,
                  "y" + dates.day_value(start)))
    b.row(btn(c.i18n.get("btn-back"), "route", route.id))
    await show(c.event, text, b.as_markup())


async def _period(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await ack(c.event)
    await show_period(c, item)


async def _period_picker(c: Ctx, item: int, x: str, which: str) -> None:
    """A month of days for the start (``which`` = s) or the end (e) of the period."""
    plan = await rt.check_period_rights(c.uow, c.actor, item)
    await ack(c.event)
    route = plan.route
    if which == "s":
        selected, earliest = route.period_start, None
        latest = route.period_end - timedelta(days=1)
    else:
        selected = route.period_end
        earliest = max(c.today, route.period_start + timedelta(days=1))
        latest = None
    rows = dates.date_picker(
        c.i18n.get, c.locale, today=c.today, selected=selected, earliest=earliest,
        latest=latest, shown=dates.read_month(x), quick=False,
        pick=lambda day: RtCb(a="prdp", id=route.id, x=which + dates.day_value(day)).pack(),
        show=lambda month: RtCb(a=f"prd{which}", id=route.id,
                                x=dates.month_value(month)).pack())
    rows.append([btn(c.i18n.get("btn-back"), "prd", route.id)])
    key = "route-ask-period-start" if which == "s" else "route-ask-period-end"
    await show(c.event, c.i18n.get(key, date=d(selected, c.locale)),
               InlineKeyboardMarkup(inline_keyboard=rows))


async def _period_start(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _period_picker(c, item, x, "s")


async def _period_end(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _period_picker(c, item, x, "e")


async def _period_pick(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    day = dates.read_day(x[1:]) if x[:1] in ("s", "e", "y") else None
    if day is None:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    plan = await rt.check_period_rights(c.uow, c.actor, item)
    start, end = plan.route.period_start, plan.route.period_end
    if x[0] == "s":
        start = day
    elif x[0] == "e":
        end = day
    else:  # the school year starting on that day
        start, end = rt.default_period(day)
    try:
        change = await rt.set_period(c.uow, c.actor, item, start, end, c.today, c.now)
    except ValidationError as err:
        await ack(c.event, error_plain(c.i18n, err), alert=True)
        return
    await c.uow.commit()
    await ack(c.event)
    await show_period(c, item, notice=c.i18n.get("route-period-saved",
                                                 start=d(change.start, c.locale),
                                                 end=d(change.end, c.locale)))


# ---- versions and the rebuild ---------------------------------------------------------------


async def _versions(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """The versions, newest first: what happened, when, who and why (the return comment, the
    conclusion); a button opens one."""
    found = await rt.versions(c.uow, c.actor, item)
    await ack(c.event)
    i18n = c.i18n
    b = InlineKeyboardBuilder()
    if not found.items:
        text = i18n.get("route-versions-empty")
    else:
        lines = [i18n.get("route-versions-title", count=len(found.items))]
        for v in found.items[:VERSIONS_SHOWN]:
            lines.append(i18n.get("route-version-line", n=v.number, action=_action(c, v),
                                  at=fmt_dt(v.at, c.tz, c.locale),
                                  who=esc(found.names.get(v.actor_id or 0) or "—")))
            if v.comment:
                lines.append(_why(c, v, clip(v.comment, 120)))
        text = cut_html("\n".join(lines))
    for v in found.items[:VERSIONS_SHOWN]:
        b.row(btn(i18n.get("route-version-button", n=v.number, action=_action(c, v),
                           at=fmt_dt(v.at, c.tz, c.locale)), "ver1", v.id))
    b.row(btn(i18n.get("btn-back"), "route", item))
    await show(c.event, text, b.as_markup())


VERSIONS_SHOWN = 20


def _action(c: Ctx, v: rt.VersionHead) -> str:
    return c.i18n.get(f"route-version-{v.action.value}")


def _why(c: Ctx, v: rt.VersionHead, comment: str) -> str:
    return c.i18n.get("route-version-why", action=v.action.value, comment=esc(comment))


async def _version(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """One version, read-only: who, when, why, the status and period, the rows and
    activities."""
    head, plan = await rt.version(c.uow, c.actor, item)
    await ack(c.event)
    i18n = c.i18n
    who = ""
    if head.actor_id is not None:
        people = await c.uow.people.get_many([head.actor_id])
        who = people[head.actor_id].profile.full_name or "" if head.actor_id in people else ""
    parts = [i18n.get("route-version-head", n=head.number, action=_action(c, head),
                      at=fmt_dt(head.at, c.tz, c.locale), who=esc(who or "—"),
                      status=i18n.get(f"route-status-{head.status.value}"),
                      start=d(plan.route.period_start, c.locale),
                      end=d(plan.route.period_end, c.locale))]
    if head.comment:
        parts.append(_why(c, head, clip(head.comment, 1500)))
    for n, row in enumerate(plan.rows, 1):
        lines = [i18n.get("route-card-draft-row", n=n, title=esc(row.title))]
        lines += [activity_line(i18n, a, date.min) for a in plan.of_row(row.id)] or [
            i18n.get("route-card-draft-empty")]
        parts.append("\n".join(lines))
    await show(c.event, cut_html("\n\n".join(parts)), InlineKeyboardMarkup(inline_keyboard=[
        [btn(i18n.get("btn-back"), "ver", plan.route.id)]]))


async def _rebuild(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, r = await rt.get_plan(c.uow, c.actor, item)
    if not await rt.may_rebuild(c.uow, c.actor, item):
        await ack(c.event, c.i18n.get("route-error-rebuild-same"), alert=True)
        return
    await ack(c.event)
    key = "route-ask-rebuild" if plan.route.teacher_editable else "route-ask-rebuild-agreed"
    sources = await rt.rebuild_sources(c.uow, plan.route)
    rows = []
    if "self" in sources:
        rows.append([btn(c.i18n.get("route-btn-rebuild-yes" if len(sources) == 1
                                    else "route-btn-rebuild-self"), "rbdok", item, "self")])
    if "external" in sources:
        found = await ext.latest(c.uow, plan.route.person_id)
        assert found is not None
        rows.append([btn(c.i18n.get("route-btn-rebuild-external",
                                    date=d(found.taken_on, c.locale), operator=found.operator),
                         "rbdok", item, "external")])
    rows.append([btn(c.i18n.get("btn-cancel"), "route", item)])
    await show(c.event, c.i18n.get(key), InlineKeyboardMarkup(inline_keyboard=rows))


async def _rebuild_ok(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    subjects = [c.i18n.get(f"subject-{s}") for s in (person.profile.subjects
                                                      if person.profile else [])]
    source = "external" if x == "external" else "self"
    done = await rt.rebuild(c.uow, c.actor, person, item, subjects, c.tz, c.now, source)
    await c.uow.commit()
    await ack(c.event)
    await show_route(c, item, notice=c.i18n.get(
        "route-rebuilt", kept=done.kept, added=done.added, removed=done.removed,
        stayed=done.stayed))


SHAPING_ACTIONS = {
    "rmrow": _remove_row, "rmrowok": _remove_row_ok, "mrg": _merge, "mrgto": _merge_to,
    "up": _up, "dn": _down, "prd": _period, "prds": _period_start, "prde": _period_end,
    "prdp": _period_pick, "ver": _versions, "ver1": _version, "rbd": _rebuild,
    "rbdok": _rebuild_ok,
}
