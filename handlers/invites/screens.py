"""«Координатор» and «Администрирование»: invite links for roles inside one's own scope.

The rest of these sections (alerts, approvals, figures, broadcasts) comes in later issues;
until then they say so.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import invites
from domain.access import Actor, grantable_roles, require_admin, require_coordinator
from domain.entities import Invite, Org
from domain.enums import Role
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import InviteRevokeCb, InviteRoleCb, InviteScopeCb, MenuCb
from handlers.filters import Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step, org_view
from handlers.invites.links import start_links
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_dt, show

router = Routes("invites")


def section_keyboard(i18n: I18nContext, admin: bool = False) -> InlineKeyboardMarkup:
    b = InlineKeyboardBuilder()
    from handlers.callbacks import TerrCb  # figures and teachers of the scope

    b.row(kb.button(i18n.get("terr-btn-home"), TerrCb(a="home").pack()),
          kb.button(i18n.get("terr-btn-people"), TerrCb(a="home", f="people").pack()))
    if admin:  # the organisations file, uploaded in the chat (handlers/territory/orgs.py)
        b.row(kb.button(i18n.get("terr-btn-orgs-upload"), TerrCb(a="orgs").pack()))
    b.row(kb.button(i18n.get("btn-invite"), MenuCb(to="invite").pack()))
    b.row(kb.button(i18n.get("btn-my-invites"), MenuCb(to="invites").pack()))
    from handlers.courses import CrsMenuCb  # course forms waiting for review

    b.row(kb.button(i18n.get("crs-btn-queue"), CrsMenuCb(to="queue").pack()))
    from handlers.route import RrCb  # ИОМ waiting for agreement

    b.row(kb.button(i18n.get("route-btn-queue"), RrCb(a="queue").pack()))
    b.row(kb.button(i18n.get("ev-btn-organiser"), MenuCb(to="ev-org").pack()))  # events
    from handlers.callbacks import BcCb  # announcements and broadcasts

    b.row(kb.button(i18n.get("bc-btn-section"), BcCb(a="home").pack()))
    from handlers.callbacks import AbCb  # «методический абонемент»: requests, the bank

    b.row(kb.button(i18n.get("abon-btn-section"), AbCb(a="home").pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


@router.callback_query(MenuCb.filter(F.to == "coordinator"), Onboarded())
async def coordinator_section(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                              actor: Actor) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await show(query, i18n.get("section-coordinator"), section_keyboard(i18n))


@router.callback_query(MenuCb.filter(F.to == "admin"), Onboarded())
async def admin_section(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                        actor: Actor) -> None:
    require_admin(actor)
    await ack(query)
    await state.set_state(None)
    await show(query, i18n.get("section-admin"), section_keyboard(i18n, admin=True))


@router.message(Command("coordinator"), Onboarded())
async def coordinator_command(message: Message, state: FSMContext, i18n: I18nContext,
                              actor: Actor) -> None:
    """/coordinator in the coordinator's command menu (bot/commands.py)."""
    require_coordinator(actor)
    await state.set_state(None)
    await show(message, i18n.get("section-coordinator"), section_keyboard(i18n))


@router.message(Command("admin"), Onboarded())
async def admin_command(message: Message, state: FSMContext, i18n: I18nContext,
                        actor: Actor) -> None:
    """/admin in the admin's command menu (bot/commands.py)."""
    require_admin(actor)
    await state.set_state(None)
    await show(message, i18n.get("section-admin"), section_keyboard(i18n, admin=True))


@router.callback_query(MenuCb.filter(F.to == "invite"), Onboarded())
async def choose_role(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                      actor: Actor) -> None:
    require_coordinator(actor)
    await ack(query)
    await state.set_state(None)
    await _ask_role(query, i18n, actor)


async def _ask_role(event: Message | CallbackQuery, i18n: I18nContext, actor: Actor) -> None:
    b = InlineKeyboardBuilder()
    for role in grantable_roles(actor):
        b.button(text=i18n.get(f"role-{role.value}"), callback_data=InviteRoleCb(role=role.value))
    b.adjust(1)
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="invites-home").pack()))
    await show(event, i18n.get("invite-choose-role"), b.as_markup())


@router.callback_query(MenuCb.filter(F.to == "invites-home"), Onboarded())
async def invites_home(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       actor: Actor) -> None:
    if actor.is_coordinator:
        await coordinator_section(query, state, i18n, actor)
    else:
        await admin_section(query, state, i18n, actor)


@router.callback_query(InviteRoleCb.filter(), Onboarded())
async def chose_role(query: CallbackQuery, callback_data: InviteRoleCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, bot: Bot,
                     tz: ZoneInfo, invite_links: dict[str, Any] | None = None) -> None:
    try:
        role = Role(callback_data.role)
    except ValueError:
        raise DomainError("error-choice-unknown") from None
    invites.require_grantable(actor, role)  # before any state is set (Redis keeps it)
    if invites.scope_kind(role) is None:  # admin: a global role, no scope to choose
        invite = await invites.create_invite(uow, actor, role, None, uow.clock.now())
        await _created(query, state, i18n, uow, bot, tz, invite, invite_links)
        return
    await ack(query)
    await state.set_state(None)
    await state.set_data({"role": role.value, "page": 0, "query": None})
    await FORM.ask(FormCtx(query, state, i18n, uow, actor), "scope")


# ---- the scope: a search over the organisations the actor may name (the form engine) --------


async def _scope_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    role = Role(c.data["role"])
    result, wider = await invites.scope_options(c.uow, c.actor, role, c.query, c.page)
    extra = [kb.button(c.i18n.get("invite-any-school", org=o.name[:40]), c.pick_org(o.id))
             for o in wider]
    prompt = c.i18n.get("invite-choose-scope", role=c.i18n.get(f"role-{role.value}"))
    return await org_view(c, prompt, result, back, extra=extra)


async def _picked_scope(c: FormCtx, value: str) -> Next:
    """The domain checks the organisation (a forged one is refused above the same step)."""
    invite = await invites.create_invite(c.uow, c.actor, Role(c.data["role"]), int(value),
                                         c.uow.clock.now())
    await c.update(invite_id=invite.id)
    return Next.GO


async def _finish(c: FormCtx) -> None:
    invite = await c.uow.invites.get(int(c.data["invite_id"]))
    assert invite is not None
    await _created(c.event, c.state, c.i18n, c.uow, c.extra["bot"], c.extra["tz"], invite,
                   c.extra.get("invite_links"))


async def _back(c: FormCtx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await _ask_role(c.event, c.i18n, c.actor)


async def _cancel(c: FormCtx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await show(c.event, c.i18n.get("menu-title"), kb.main_menu(c.i18n, c.actor))


FORM = Form(
    # the state stays "InviteForm:scope", as before the form engine (a restart continues)
    name="InviteForm",
    steps=[Step("scope", Kind.SEARCH, _scope_view, pick=_picked_scope)],
    on_finish=_finish,
    on_cancel=_cancel,
    on_first_back=_back,
    counted=lambda data: False,  # one step: no «Шаг 1 из 1»
    org_cb=InviteScopeCb,
    filters=(Onboarded(),),
    unexpected=lambda message: "error-use-buttons",  # a sticker, an unknown command
)
InviteForm = FORM.states
FORM.register(router)


async def _created(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                   uow: UnitOfWork, bot: Bot, tz: ZoneInfo, invite: Invite,
                   invite_links: dict[str, Any] | None = None) -> None:
    org = await uow.orgs.get(invite.org_id) if invite.org_id else None
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await ack(event)
    link = await start_links(bot, invite.code, **(invite_links or {}))
    text = i18n.get("invite-created") + "\n\n" + _describe(i18n, invite, org, link, tz)
    await show(event, text, section_keyboard(i18n))


def _describe(i18n: I18nContext, invite: Invite, org: Org | None, link: str,
              tz: ZoneInfo) -> str:
    return i18n.get(
        "invite-card",
        role=i18n.get(f"role-{invite.role.value}"),
        org=esc(org.name) if org else "—",
        expires=fmt_dt(invite.expires_at, tz, i18n.locale),
        left=invite.uses_left,
        link=link,
    )


@router.callback_query(MenuCb.filter(F.to == "invites"), Onboarded())
async def my_invites(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, bot: Bot, tz: ZoneInfo,
                     invite_links: dict[str, Any] | None = None) -> None:
    require_coordinator(actor)
    await ack(query)
    items = await invites.list_mine(uow, actor, uow.clock.now())
    orgs = await uow.orgs.get_many([i.org_id for i in items if i.org_id])
    b = InlineKeyboardBuilder()
    if not items:
        text = i18n.get("invites-none")
    else:
        lines = [i18n.get("invites-title")]
        for n, invite in enumerate(items, 1):
            link = await start_links(bot, invite.code, **(invite_links or {}))
            lines.append(f"{n}. " + _describe(i18n, invite, orgs.get(invite.org_id or 0), link, tz))
            b.row(kb.button(i18n.get("btn-revoke", n=n),
                            InviteRevokeCb(invite_id=invite.id).pack()))
        text = "\n\n".join(lines)
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="invites-home").pack()))
    await show(query, text, b.as_markup())


@router.callback_query(InviteRevokeCb.filter(), Onboarded())
async def revoke(query: CallbackQuery, callback_data: InviteRevokeCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, bot: Bot,
                 tz: ZoneInfo) -> None:
    await invites.revoke(uow, actor, callback_data.invite_id, uow.clock.now())
    await uow.commit()
    await ack(query, i18n.get("invite-revoked-ok"))
    await my_invites(query, state, i18n, uow, actor, bot, tz)
