"""The audience screen: filters as buttons, the exact count before sending."""

from __future__ import annotations


from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import broadcasts as bc
from domain import events as ev
from domain.access import Actor
from domain.enums import OrgKind, Role
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import BcAudCb, BcCb
from handlers.broadcasts.common import count_text, describe_audience, value_label
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.views import ack, error_html, error_plain, show

ORG_PAGE = 8
LABELED = ("roles", "positions", "subjects", "categories", "statuses", "deficits", "routes")


async def _draft(uow: UnitOfWork, actor: Actor, broadcast_id: int) -> bc.Broadcast:
    b = await bc.own(uow, actor, broadcast_id)  # type: ignore[arg-type]
    if b.status is not bc.BroadcastStatus.DRAFT:
        raise ValidationError("bc-error-not-draft")
    return b


async def summary(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                  b: bc.Broadcast, notice: str | None = None) -> None:
    count = await bc.count(uow, actor, b.id)  # type: ignore[arg-type]
    text = (i18n.get("bc-aud-title") + "\n\n" + await describe_audience(i18n, uow, b.audience)
            + "\n\n" + count_text(i18n, count))
    if notice:
        text = notice + "\n\n" + text
    k = InlineKeyboardBuilder()
    k.button(text=i18n.get("bc-dim-orgs"), callback_data=BcAudCb(id=b.id, d="orgs"))
    for dim in LABELED:
        k.button(text=i18n.get(f"bc-dim-{dim}"), callback_data=BcAudCb(id=b.id, d=dim))
    k.button(text=i18n.get("bc-dim-event"), callback_data=BcAudCb(id=b.id, d="event"))
    if actor.is_admin:
        consent = "bc-dim-consent-on" if b.audience.consent_only else "bc-dim-consent-off"
        k.button(text=i18n.get(consent),
                 callback_data=BcAudCb(id=b.id, d="consent"))
    k.adjust(2)
    k.row(kb.button(i18n.get("bc-btn-reset"), BcAudCb(id=b.id, d="reset").pack()),
          kb.button(i18n.get("btn-done"), BcCb(a="card", id=b.id).pack()))
    await show(query, text, k.as_markup())


async def _save(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                b: bc.Broadcast, audience: bc.Audience) -> bc.Broadcast | None:
    """Store the new audience (refused outside the scope: nothing stored)."""
    try:
        saved = await bc.set_audience(uow, actor, b.id, audience, uow.clock.now())  # type: ignore[arg-type]
    except ValidationError as err:
        await uow.rollback()
        await ack(query, error_plain(i18n, err), alert=True)
        await summary(query, i18n, uow, actor, b, notice="⚠️ " + error_html(i18n, err))
        return None
    await uow.commit()
    return saved


async def audience(query: CallbackQuery, callback_data: BcAudCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    b = await _draft(uow, actor, callback_data.id)
    d, v = callback_data.d, callback_data.v
    await state.set_state(None)
    if d == "":
        await ack(query)
        await summary(query, i18n, uow, actor, b)
        return
    if d == "reset":
        await ack(query)
        saved = await _save(query, i18n, uow, actor, b, bc.Audience())
        if saved:
            await summary(query, i18n, uow, actor, saved)
        return
    if d == "consent":
        from dataclasses import replace

        await ack(query)
        saved = await _save(query, i18n, uow, actor, b,
                            replace(b.audience, consent_only=not b.audience.consent_only))
        if saved:
            await summary(query, i18n, uow, actor, saved)
        return
    if d in LABELED:
        if v:
            new = b.audience.toggle(d, v)
            saved = await _save(query, i18n, uow, actor, b, new)
            if saved is None:
                return
            b = saved
        await ack(query)
        k = InlineKeyboardBuilder()
        chosen = getattr(b.audience, d)
        for value in bc.VOCABULARY[d]:
            mark = "✅ " if value in chosen else ""
            k.button(text=mark + value_label(i18n, d, value),
                     callback_data=BcAudCb(id=b.id, d=d, v=value))
        k.adjust(2)
        k.row(kb.button(i18n.get("btn-done"), BcAudCb(id=b.id, d="").pack()))
        await show(query, i18n.get("bc-aud-pick", dim=i18n.get(f"bc-dim-{d}")), k.as_markup())
        return
    if d in ("orgs", "org"):
        await orgs(query, i18n, uow, actor, b, d, v)
        return
    if d in ("event", "ev", "evr", "evx"):
        await event_filter(query, i18n, uow, actor, b, d, v)
        return
    raise ValidationError("error-choice-unknown")


def _org_kind(actor: Actor) -> OrgKind:
    roles = actor.roles
    if Role.ADMIN in roles or Role.REGIONAL_COORDINATOR in roles:
        return OrgKind.MUNICIPALITY
    return OrgKind.SCHOOL


async def orgs(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
               b: bc.Broadcast, d: str, v: str) -> None:
    """v: "m.N" / "s.N" a page of municipalities / schools; d == "org": toggle org v."""
    kind, page = _org_kind(actor), 0
    if d == "org":
        try:
            org_id, _, back = v.partition("|")
            saved = await _save(query, i18n, uow, actor, b, b.audience.toggle_org(int(org_id)))
        except ValueError:
            raise ValidationError("error-choice-unknown") from None
        if saved is None:
            return
        b, v = saved, back
    if v:
        code, _, number = v.partition(".")
        kind = OrgKind.SCHOOL if code == "s" else OrgKind.MUNICIPALITY
        page = int(number) if number.isdigit() else 0
    if kind is OrgKind.MUNICIPALITY and _org_kind(actor) is OrgKind.SCHOOL:
        kind = OrgKind.SCHOOL
    within = None if actor.is_admin else sorted(
        {g.org_id for g in actor.scope_grants() if g.org_id is not None})
    items, total = await uow.orgs.page(kind, None, None, page * ORG_PAGE, ORG_PAGE, within)
    await ack(query)
    k = InlineKeyboardBuilder()
    code = "s" if kind is OrgKind.SCHOOL else "m"
    here = f"{code}.{page}"
    if page == 0 and within:  # the scope's own orgs (a whole municipality, one's school)
        for org in (await uow.orgs.get_many(within)).values():
            if org.kind is not kind or kind is OrgKind.MUNICIPALITY:
                mark = "✅ " if org.id in b.audience.orgs else ""
                k.row(kb.button(mark + "🏛 " + org.name[:50],
                                BcAudCb(id=b.id, d="org", v=f"{org.id}|{here}").pack()))
    for org in items:
        mark = "✅ " if org.id in b.audience.orgs else ""
        k.row(kb.button(mark + org.name[:55], BcAudCb(id=b.id, d="org", v=f"{org.id}|{here}").pack()))
    pages = max((total + ORG_PAGE - 1) // ORG_PAGE, 1)
    if nav := kb.pager(page, pages, lambda n: BcAudCb(id=b.id, d="orgs", v=f"{code}.{n}").pack()):
        k.row(*nav)
    if _org_kind(actor) is OrgKind.MUNICIPALITY:
        other = "s.0" if kind is OrgKind.MUNICIPALITY else "m.0"
        label = "bc-btn-show-schools" if other == "s.0" else "bc-btn-show-municipalities"
        k.row(kb.button(i18n.get(label),
                        BcAudCb(id=b.id, d="orgs", v=other).pack()))
    k.row(kb.button(i18n.get("btn-done"), BcAudCb(id=b.id, d="").pack()))
    await show(query, i18n.get("bc-aud-orgs"), k.as_markup())


async def event_filter(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                       b: bc.Broadcast, d: str, v: str) -> None:
    if d == "evx":
        saved = await _save(query, i18n, uow, actor, b, b.audience.with_event(None, None))
        if saved:
            await ack(query)
            await summary(query, i18n, uow, actor, saved)
        return
    if d == "evr":
        event_id, _, relation = v.partition(".")
        if not event_id.isdigit():
            raise ValidationError("error-choice-unknown")
        e = await uow.events.get(int(event_id))
        if e is None:
            raise ValidationError("error-choice-unknown")
        await ev.require_manage(uow, actor, e)
        saved = await _save(query, i18n, uow, actor, b,
                            b.audience.with_event(int(event_id), relation))
        if saved:
            await ack(query)
            await summary(query, i18n, uow, actor, saved)
        return
    await ack(query)
    k = InlineKeyboardBuilder()
    if d == "ev":
        if not v.isdigit():
            raise ValidationError("error-choice-unknown")
        for relation in bc.EventRelation:
            k.row(kb.button(i18n.get(f"bc-rel-{relation.value}"),
                            BcAudCb(id=b.id, d="evr", v=f"{v}.{relation.value}").pack()))
        k.row(kb.button(i18n.get("btn-back"), BcAudCb(id=b.id, d="event").pack()))
        await show(query, i18n.get("bc-aud-relation"), k.as_markup())
        return
    page = await ev.organised(uow, actor, 0, uow.clock.now())
    for e, _counts in page.items:
        k.row(kb.button(e.title[:55], BcAudCb(id=b.id, d="ev", v=str(e.id)).pack()))
    if b.audience.event_id is not None:
        k.row(kb.button(i18n.get("bc-btn-no-event"), BcAudCb(id=b.id, d="evx").pack()))
    k.row(kb.button(i18n.get("btn-back"), BcAudCb(id=b.id, d="").pack()))
    key = "bc-aud-events" if page.items else "bc-aud-no-events"
    await show(query, i18n.get(key), k.as_markup())


def make_router() -> Router:
    r = Router(name="broadcasts-audience")
    r.callback_query.register(audience, BcAudCb.filter(), Onboarded())
    return r
