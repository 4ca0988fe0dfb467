"""«👥 Роли»: who holds which role in the scope; an admin finds a person and grants or
revokes a role at the org being viewed."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

import domain.territory as terr
from domain.access import Actor, require_admin
from domain.errors import DomainError, NotFound
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.filters import Onboarded, PlainText
from handlers.routing import Router
from handlers.territory.common import TerrCb, TerrStates
from handlers.views import ack, error_html, esc, show


async def holders(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    org, found, total = await terr.roles.holders(uow, actor, callback_data.org)
    await ack(query)
    await state.set_state(None)
    lines = [i18n.get("terr-roles-title", org=esc(org.name), count=total)]
    if not found:
        lines.append(i18n.get("terr-roles-none"))
    for h in found:
        lines.append(i18n.get("terr-roles-line", name=esc(h.name),
                              role=i18n.get(f"role-{h.role.value}"), org=esc(h.org_name)))
    if total > len(found):
        lines.append(i18n.get("terr-roles-more", count=total - len(found)))
    b = InlineKeyboardBuilder()
    if actor.is_admin:
        b.row(kb.button(i18n.get("terr-btn-find-person"),
                        TerrCb(a="rfind", org=org.id).pack()))
    b.row(kb.button(i18n.get("terr-btn-back-dash"), TerrCb(a="dash", org=org.id).pack()))
    await show(query, "\n".join(lines), b.as_markup())


async def ask_person(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    require_admin(actor)
    await terr.roles.holders(uow, actor, callback_data.org)  # the org exists
    await ack(query)
    await state.set_state(TerrStates.people)
    await state.set_data({"terr_org": callback_data.org})
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-cancel"), TerrCb(a="roles", org=callback_data.org).pack()))
    await show(query, i18n.get("terr-ask-person"), b.as_markup())


async def typed_person(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor) -> None:
    org_id = int((await state.get_data()).get("terr_org") or 0)
    try:
        found = await terr.roles.find_people(uow, actor, message.text)
    except DomainError as err:
        if isinstance(err, NotFound):
            raise
        await message.answer(error_html(i18n, err))  # the state stays: type again
        return
    b = InlineKeyboardBuilder()
    for f in found:
        label = f"{f.name} · {f.school}" if f.school else f.name
        b.row(kb.button(label[:60], TerrCb(a="rperson", org=org_id, id=f.person_id).pack()))
    b.row(kb.button(i18n.get("btn-cancel"), TerrCb(a="roles", org=org_id).pack()))
    text = i18n.get("terr-people-found", count=len(found)) if found else \
        i18n.get("terr-people-none")
    await message.answer(text, reply_markup=b.as_markup())


async def show_person(event: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                      org_id: int, person_id: int, notice: str | None = None) -> None:
    require_admin(actor)
    org = await uow.orgs.get(org_id)
    person = await uow.people.get(person_id)
    if org is None:
        raise NotFound("terr-error-no-org")
    if person is None:
        raise NotFound("terr-error-no-teacher")
    orgs = await uow.orgs.get_many([g.org_id for g in person.grants if g.org_id])
    lines = [i18n.get("terr-person-title", name=esc(person.profile.full_name or "—"),
                      id=person.external_id)]
    b = InlineKeyboardBuilder()
    held = set()
    for g in person.grants:
        where = orgs.get(g.org_id or 0)
        lines.append(i18n.get("terr-person-role", role=i18n.get(f"role-{g.role.value}"),
                              org=esc(where.name) if where else "—"))
        if g.org_id is not None:
            held.add((g.role, g.org_id))
            b.row(kb.button(i18n.get("terr-btn-revoke", role=i18n.get(f"role-{g.role.value}"),
                                     org=(where.name if where else "—")[:30]),
                            TerrCb(a="rrevoke", org=g.org_id, id=person.id,
                                   f=g.role.value).pack()))
    if not person.grants:
        lines.append(i18n.get("terr-person-no-roles"))
    for role in terr.roles.roles_for(org):
        if (role, org.id) not in held:
            b.row(kb.button(i18n.get("terr-btn-grant", role=i18n.get(f"role-{role.value}"),
                                     org=org.name[:30]),
                            TerrCb(a="rgrant", org=org.id, id=person.id, f=role.value).pack()))
    b.row(kb.button(i18n.get("btn-back"), TerrCb(a="roles", org=org.id).pack()))
    text = "\n".join(lines)
    await show(event, (notice + "\n\n" + text) if notice else text, b.as_markup())


async def person_card(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await show_person(query, i18n, uow, actor, callback_data.org, callback_data.id)
    await state.set_state(None)
    await ack(query)


async def change(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor) -> None:
    grant = callback_data.a == "rgrant"
    changed = await terr.roles.change(uow, actor, callback_data.id, callback_data.f,
                                      callback_data.org, grant)
    await uow.commit()
    key = ("terr-role-granted" if grant else "terr-role-revoked") if changed else \
        "terr-role-unchanged"
    await ack(query, i18n.get(key))
    await show_person(query, i18n, uow, actor, callback_data.org, callback_data.id,
                      notice=i18n.get(key))


def build() -> Router:
    r = Router(name="territory_roles")
    r.callback_query(TerrCb.filter(F.a == "roles"), Onboarded())(holders)
    r.callback_query(TerrCb.filter(F.a == "rfind"), Onboarded())(ask_person)
    r.callback_query(TerrCb.filter(F.a == "rperson"), Onboarded())(person_card)
    r.callback_query(TerrCb.filter(F.a.in_({"rgrant", "rrevoke"})), Onboarded())(change)
    r.message(StateFilter(TerrStates.people), PlainText(), Onboarded())(typed_person)
    return r


__all__ = ["build"]
