"""«📊 Моя территория»: a short summary, the figures of the scope, drill-down into its units,
charts as images."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

import domain.territory as terr
from domain.access import Actor, is_school_coordinator
from domain.entities import Org
from domain.enums import OrgKind
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb, GrCb, MenuCb
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.territory import charts
from handlers.territory.common import TerrCb, pct
from handlers.formatting import fmt_number
from handlers import formatting
from handlers.views import ack, esc, fmt_hours, show

UNITS_PAGE = 8


def summary(i18n: I18nContext, d: terr.Dashboard) -> str:
    f = d.figures
    lines = [i18n.get("terr-dash-title", org=esc(d.org.name),
                      kind=i18n.get(f"terr-kind-{d.org.kind.value}"))]
    if not f.teachers:
        lines.append(i18n.get("terr-dash-empty"))
        return "\n".join(lines)
    top = f.top_deficit_group
    lines.append(i18n.get(
        "terr-dash-summary", teachers=f.teachers, share=f.share(f.diagnosed),
        group=i18n.get(f"terr-group-{top}") if top else "-",
        has_group="yes" if top else "no",
    ))
    groups = ", ".join(
        i18n.get("terr-pair", label=i18n.get(f"terr-group-{g}"), value=pct(f.group_avg.get(g)))
        for g in terr.GROUPS)
    deficits = ", ".join(
        i18n.get("terr-pair", label=i18n.get(f"terr-group-{g}"),
                 value=str(f.group_deficits.get(g, 0))) for g in terr.GROUPS)
    lines += ["", i18n.get("terr-dash-diag", diagnosed=f.diagnosed,
                           share12=f.share(f.diagnosed_12m), n12=f.diagnosed_12m,
                           groups=groups, deficits=deficits)]
    if f.top_indicators:
        lines.append(i18n.get("terr-dash-top"))
        lines += [i18n.get("terr-dash-top-line", n=n, title=esc(ind.title), count=ind.count)
                  for n, ind in enumerate(f.top_indicators, 1)]
    if f.repeated:
        change = ("—" if f.avg_change is None else ("+" if f.avg_change > 0 else "")
                  + fmt_number(round(f.avg_change, 1), i18n.locale))
        lines.append(i18n.get("terr-dash-repeat", repeated=f.repeated, improved=f.improved,
                              change=change, success=f.repeat_success,
                              share=round(100 * f.repeat_success / f.repeated)))
    routes = " · ".join(
        i18n.get("terr-pair", label=i18n.get(f"terr-route-{s}"), value=str(f.routes.get(s, 0)))
        for s in terr.ROUTE_STATES)
    lines += ["", i18n.get("terr-dash-routes", routes=routes, overdue=f.routes_overdue,
                           done=f.activities_done, planned=f.activities_planned)]
    hours = ", ".join(
        i18n.get("terr-pair", label=i18n.get(f"terr-hours-{k}"),
                 value=fmt_hours(f.hours.get(k, 0.0), i18n.locale)) for k in terr.HOURS_KINDS)
    lines.append(i18n.get("terr-dash-hours", year=str(d.period.today.year), hours=hours,
                          total=fmt_hours(f.hours_total, i18n.locale)))
    lines.append(i18n.get("terr-dash-forms", submitted=f.forms.get("submitted", 0),
                          accepted=f.forms.get("accepted", 0),
                          returned=f.forms.get("returned", 0)))
    first, highest = f.categories.get("first", 0), f.categories.get("highest", 0)
    lines.append(i18n.get(
        "terr-dash-categories", first=first, first_share=f.share(first), highest=highest,
        highest_share=f.share(highest), methodists=f.statuses.get("methodist", 0),
        mentors=f.statuses.get("mentor", 0), young=f.statuses.get("young_specialist", 0)))
    if d.mentoring is not None and d.activity is not None:
        m, a = d.mentoring, d.activity
        year_start = d.period.today.replace(month=1, day=1)
        lines.append(i18n.get(
            "terr-dash-network", since=formatting.fmt_date(year_start, i18n.locale),
            mentored=m.young_mentored, young=m.young,
            share=fmt_hours(m.share or 0.0, i18n.locale), pairs=m.pairs,
            meetings=m.meetings, hours=fmt_hours(m.hours, i18n.locale),
            competitions=a.in_competitions,
            competition_share=fmt_hours(a.competition_share or 0.0, i18n.locale),
            experts=a.experts, practices=a.practices))
    lines.append(i18n.get("terr-dash-events", registrations=f.registrations,
                          attended=f.attended, rate=f.attendance_rate, no_shows=f.no_shows))
    positions = ", ".join(
        i18n.get("terr-pair", label=i18n.get(f"position-{p}") if p != "none" else "—",
                 value=str(n))
        for p, n in sorted(f.by_position.items(), key=lambda kv: -kv[1])[:5])
    subjects = ", ".join(
        i18n.get("terr-pair", label=i18n.get(f"subject-{s}"), value=str(n))
        for s, n in sorted(f.by_subject.items(), key=lambda kv: -kv[1])[:5])
    lines.append(i18n.get("terr-dash-people", positions=positions or "—",
                          subjects=subjects or "—"))
    if d.units:
        lines += ["", i18n.get(f"terr-dash-units-{d.org.kind.value}", count=len(d.units))]
    return "\n".join(lines)


async def _keyboard(i18n: I18nContext, uow: UnitOfWork, actor: Actor, d: terr.Dashboard,
                    page: int) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    pages = max((len(d.units) + UNITS_PAGE - 1) // UNITS_PAGE, 1)
    page = min(max(page, 0), pages - 1)
    for u in d.units[page * UNITS_PAGE:(page + 1) * UNITS_PAGE]:
        b.row(kb.button(i18n.get("terr-btn-unit", name=u.org.name[:40], teachers=u.teachers,
                                 share=u.diagnosed_share()),
                        TerrCb(a="dash", org=u.org.id).pack()))
    if nav := kb.pager(page, pages, lambda n: TerrCb(a="dash", org=d.org.id, page=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("terr-btn-teachers"), TerrCb(a="list", org=d.org.id).pack()),
          kb.button(i18n.get("terr-btn-charts"), TerrCb(a="charts", org=d.org.id).pack()))
    b.row(kb.button(i18n.get("terr-btn-xlsx"), TerrCb(a="xlsx", org=d.org.id).pack()),
          kb.button(i18n.get("terr-btn-roles"), TerrCb(a="roles", org=d.org.id).pack()))
    if d.org.kind is not OrgKind.SCHOOL:  # «методический абонемент» per municipality
        b.row(kb.button(i18n.get("abon-btn-figures"), AbCb(a="fig").pack()))
    elif is_school_coordinator(actor, d.org.id):  # the group ИОМ of the school
        b.row(kb.button(i18n.get("grp-btn-list"), GrCb(a="list").pack()))
    parent = await uow.orgs.get(d.org.parent_id) if d.org.parent_id else None
    if parent is not None and actor.covers(parent):
        b.row(kb.button(i18n.get("terr-btn-up", name=parent.name[:40]),
                        TerrCb(a="dash", org=parent.id).pack()))
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="coordinator").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


async def home(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """The actor's scopes; one scope opens straight away."""
    roots = await terr.scopes(uow, actor)
    target = "list" if callback_data.f == "people" else "dash"
    if len(roots) == 1:
        callback_data = TerrCb(a=target, org=roots[0].id)
        if target == "list":
            from handlers.territory.teachers import show_list

            await ack(query)
            await show_list(query, state, i18n, uow, actor, tz, roots[0].id, "all", 0,
                            reset=True)
            return
        await dash(query, callback_data, state, i18n, uow, actor, tz)
        return
    await ack(query)
    b = InlineKeyboardBuilder()
    for org in roots:
        b.row(kb.button(org.name[:60], TerrCb(a=target, org=org.id).pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    text = i18n.get("terr-choose-scope") if roots else i18n.get("terr-no-scope")
    await show(query, text, b.as_markup())


async def dash(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
               i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    d = await terr.dashboard(uow, actor, callback_data.org, terr.period(uow.clock.now(), tz))
    await ack(query)
    await state.set_state(None)
    text = summary(i18n, d)
    from domain import feedback  # feedback on the scope's events (documents)

    fb = await feedback.figures(uow, [d.org.id])
    if fb.average is not None:
        text += "\n" + i18n.get("terr-dash-feedback", answered=fb.answered,
                                 average=fmt_number(round(fb.average, 1), i18n.locale))
    await show(query, text, await _keyboard(i18n, uow, actor, d, callback_data.page))


def _unit_label(org: Org) -> str:
    return org.name


async def chart_images(i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                       org_id: int) -> list[tuple[bytes, str]]:
    when = terr.period(uow.clock.now(), tz)
    cmp = await terr.comparison(uow, actor, org_id)
    d = await terr.dashboard(uow, actor, org_id, when)
    labels = [i18n.get(f"terr-group-{g}") for g in terr.GROUPS]
    images = [(await charts.png(
        charts.groups_vs_above, i18n.get("terr-chart-groups"), labels, cmp.org.name[:40],
        [cmp.scope[g] for g in terr.GROUPS], cmp.parent.name[:40] if cmp.parent else None,
        [cmp.above[g] for g in terr.GROUPS] if cmp.above is not None else None,
    ), i18n.get("terr-chart-groups-caption", org=esc(cmp.org.name)))]
    states = list(terr.ROUTE_STATES)
    images.append((await charts.png(
        charts.horizontal, i18n.get("terr-chart-routes"),
        [i18n.get(f"terr-route-{s}") for s in states] + [i18n.get("terr-route-overdue")],
        [d.figures.routes.get(s, 0) for s in states] + [d.figures.routes_overdue],
    ), i18n.get("terr-chart-routes-caption", org=esc(cmp.org.name))))
    if d.units:
        units = sorted(d.units, key=lambda u: -u.diagnosed_share())[:30]
        images.append((await charts.png(
            charts.horizontal, i18n.get("terr-chart-units"),
            [_unit_label(u.org) for u in units], [u.diagnosed_share() for u in units], " %",
        ), i18n.get("terr-chart-units-caption", org=esc(cmp.org.name))))
    return images


async def send_charts(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    images = await chart_images(i18n, uow, actor, tz, callback_data.org)
    await ack(query)
    for n, (body, caption) in enumerate(images):
        await bot.send_photo(query.from_user.id, BufferedInputFile(body, f"chart-{n}.png"),
                             caption=caption)
    back = InlineKeyboardMarkup(inline_keyboard=[[kb.button(
        i18n.get("terr-btn-back-dash"), TerrCb(a="dash", org=callback_data.org).pack())]])
    await bot.send_message(query.from_user.id, i18n.get("terr-charts-done"), reply_markup=back)


def build() -> Router:
    r = Router(name="territory_dashboard")
    r.callback_query(TerrCb.filter(F.a == "home"), Onboarded())(home)
    r.callback_query(TerrCb.filter(F.a == "dash"), Onboarded())(dash)
    r.callback_query(TerrCb.filter(F.a == "charts"), Onboarded())(send_charts)
    return r


__all__ = ["build", "chart_images", "summary"]
