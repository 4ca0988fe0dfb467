"""/start (with an optional invite code) and consent to personal-data processing."""

from __future__ import annotations

from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import invites, people
from domain.access import Actor
from domain.entities import Person
from domain.enums import Channel
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import ConsentCb
from handlers.profile import Ctx, reask_current, start_onboarding
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, show

router = Routes("start")


def role_label(i18n: I18nContext, role: str) -> str:
    return i18n.get(f"role-{role}")


async def _invite_text(i18n: I18nContext, uow: UnitOfWork, code: str) -> str | None:
    """Describe a pending invite for the consent screen (nothing is written yet)."""
    try:
        invite = await invites.inspect(uow, code, uow.clock.now())
    except DomainError:
        return None
    org = await uow.orgs.get(invite.org_id) if invite.org_id else None
    return i18n.get(
        "invite-pending", role=role_label(i18n, invite.role.value),
        org=esc(org.name) if org else "—",
    )


async def consent_screen(event: Message | CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                         state: FSMContext) -> None:
    data = await state.get_data()
    text = i18n.get("consent-text")
    if data.get("invite_code"):
        pending = await _invite_text(i18n, uow, data["invite_code"])
        if pending:
            text = pending + "\n\n" + text
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(i18n.get("btn-consent-yes"), ConsentCb(answer="yes").pack())],
        [kb.button(i18n.get("btn-consent-no"), ConsentCb(answer="no").pack())],
    ])
    await show(event, text, markup)


@router.message(CommandStart())
async def start(message: Message, command: CommandObject, state: FSMContext, i18n: I18nContext,
                uow: UnitOfWork, person: Person | None, actor: Actor | None,
                channel: Channel = Channel.TELEGRAM) -> None:
    code = (command.args or "").strip()
    notices: list[str] = []
    if code:
        try:
            await invites.inspect(uow, code, uow.clock.now())
            await state.update_data(invite_code=code)
        except DomainError as err:
            notices.append("⚠️ " + error_html(i18n, err))
    if person is None:
        person = await people.first_contact(
            uow, channel, str(message.from_user.id), uow.clock.now()  # type: ignore[union-attr]
        )
        await uow.commit()
    for notice in notices:
        await message.answer(notice)
    if not person.has_consented:
        await consent_screen(message, i18n, uow, state)
        return
    actor = actor or Actor(person_id=person.id, grants=tuple(person.grants))
    c = Ctx(message, state, i18n, uow, actor, person)
    data = await state.get_data()
    if data.get("invite_code"):
        person, actor = await _redeem(c, data["invite_code"])
        c = Ctx(message, state, i18n, uow, actor, person)
    if not person.is_onboarded:
        if await reask_current(c, new=True):
            return
        await start_onboarding(c)
        return
    await state.set_state(None)
    await state.set_data({})
    await message.answer(
        i18n.get("welcome-back", name=esc(person.profile.full_name or "")) + "\n\n"
        + i18n.get("menu-title"),
        reply_markup=kb.main_menu(i18n, actor),
    )


async def _redeem(c: Ctx, code: str) -> tuple[Person, Actor]:
    """Use the invite now that consent is given; report the outcome either way."""
    data = await c.state.get_data()
    data.pop("invite_code", None)
    target = c.event if isinstance(c.event, Message) else c.event.message
    try:
        redeemed = await invites.redeem(c.uow, c.person, code, c.uow.clock.now())
    except DomainError as err:
        await c.state.set_data(data)
        await c.uow.commit()
        await target.answer("⚠️ " + error_html(c.i18n, err))  # type: ignore[union-attr]
        return c.person, c.actor
    data["scope_org_id"] = redeemed.scope_org_id
    data["invited_role"] = redeemed.invite.role.value
    await c.state.set_data(data)
    await c.uow.commit()
    person = await c.uow.people.get(c.person.id) or c.person
    actor = Actor(person.id, tuple(person.grants), c.actor.is_config_admin)
    text = c.i18n.get(
        "invite-accepted",
        role=role_label(c.i18n, redeemed.invite.role.value),
        org=esc(redeemed.org.name) if redeemed.org else "—",
    )
    await target.answer(text)  # type: ignore[union-attr]
    return person, actor


@router.callback_query(ConsentCb.filter())
async def consent_answer(query: CallbackQuery, callback_data: ConsentCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, person: Person | None,
                         actor: Actor | None, channel: Channel = Channel.TELEGRAM) -> None:
    if person is None:
        person = await people.first_contact(
            uow, channel, str(query.from_user.id), uow.clock.now()
        )
        actor = Actor(person_id=person.id)
    assert actor is not None
    if person.has_consented:
        await ack(query, i18n.get("consent-already"))
        c = Ctx(query, state, i18n, uow, actor, person)
        if not person.is_onboarded and not await reask_current(c):
            await start_onboarding(c)
        return
    if callback_data.answer != "yes":
        await ack(query)
        await uow.commit()
        await show(query, i18n.get("consent-declined"), None)
        return
    await people.give_consent(uow, actor, person, uow.clock.now())
    # remember the language the person reads, so alerts sent later use it too
    await people.set_locale(uow, actor, person, i18n.locale)
    await uow.commit()
    await ack(query, i18n.get("consent-thanks"))
    c = Ctx(query, state, i18n, uow, actor, person)
    data = await state.get_data()
    if data.get("invite_code"):
        person, actor = await _redeem(c, data["invite_code"])
        c = Ctx(query, state, i18n, uow, actor, person)
        data = await state.get_data()
    await start_onboarding(c, scope_org_id=data.get("scope_org_id"),
                           invited_role=data.get("invited_role"))
