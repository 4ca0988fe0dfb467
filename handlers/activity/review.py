"""«Профактивность», the coordinator's side and the shared bank: records waiting for
verification in scope, accepting or returning with a comment, and the bank of practice."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import activity as act
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.routing import Routes
from handlers.activity.screens import (
    BANK_PAGE,
    PAGE,
    AcCb,
    ActivityStates,
    _clip,
    _err,
    _nav,
    show_card,
)
from handlers.filters import Onboarded, PlainText
from handlers.formatting import cut_html, fmt_date
from handlers.views import ack, esc, show

router = Routes("activity_review")


# ---- verification (the coordinator) -----------------------------------------------------------


@router.callback_query(AcCb.filter(F.a == "queue"), Onboarded())
async def queue(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    records, total = await act.review_queue(uow, actor, callback_data.p, PAGE)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    b = InlineKeyboardBuilder()
    text = i18n.get("act-queue-title", count=total) if total else i18n.get("act-queue-empty")
    for r in records:
        b.row(kb.button(_clip(f"{fmt_date(r.draft.held_on, i18n.locale)} {r.draft.title}"),
                        AcCb(a="card", id=r.id).pack()))
    pages = (total + PAGE - 1) // PAGE
    if nav := kb.pager(callback_data.p, pages, lambda n: AcCb(a="queue", p=n).pack()):
        b.row(*nav)
    b.row(*_nav(i18n, AcCb(a="home")))
    await show(query, text, b.as_markup())


@router.callback_query(AcCb.filter(F.a == "ok"), Onboarded())
async def accept(query: CallbackQuery, callback_data: AcCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor) -> None:
    await act.decide(uow, actor, callback_data.id, True, None, uow.clock.now())
    await uow.commit()
    await ack(query)
    await show_card(query, i18n, uow, actor, callback_data.id, notice=i18n.get("act-accepted"))


@router.callback_query(AcCb.filter(F.a == "back"), Onboarded())
async def return_ask(query: CallbackQuery, callback_data: AcCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    r = await act.record_for(uow, actor, callback_data.id)
    if r.person_id == actor.person_id:
        raise DomainError("act-error-not-yours")
    await ack(query)
    await state.set_state(ActivityStates.comment)
    await state.set_data({"ac_record": r.id})
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-cancel"), AcCb(a="card", id=r.id).pack()))
    await show(query, i18n.get("act-ask-comment"), b.as_markup())


@router.message(StateFilter(ActivityStates.comment), PlainText())
async def return_save(message: Message, state: FSMContext, i18n: I18nContext,
                      uow: UnitOfWork, actor: Actor) -> None:
    record_id = (await state.get_data())["ac_record"]
    try:
        await act.decide(uow, actor, record_id, False, message.text, uow.clock.now())
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("btn-cancel"), AcCb(a="card", id=record_id).pack()))
        await show(message, _err(i18n, i18n.get("act-ask-comment"), err), b.as_markup())
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await show_card(message, i18n, uow, actor, record_id, notice=i18n.get("act-returned"))


# ---- the bank of practice ---------------------------------------------------------------------


@router.callback_query(AcCb.filter(F.a == "bank"), Onboarded())
async def bank(query: CallbackQuery, callback_data: AcCb, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    await ack(query)
    b = InlineKeyboardBuilder()
    if callback_data.v == "deficit":  # «как это делают коллеги»: the reader's worst deficit
        groups = await act.deficit_groups(uow, actor)
        callback_data = AcCb(a="bank", v=groups[0]) if groups else AcCb(a="bank")
    if callback_data.v not in act.GROUPS:
        if await act.deficit_groups(uow, actor):
            b.row(kb.button(i18n.get("act-btn-for-deficits"), AcCb(a="bank", v="deficit").pack()))
        for group in act.GROUPS:
            b.row(kb.button(i18n.get(f"act-group-{group}"), AcCb(a="bank", v=group).pack()))
        b.row(*_nav(i18n, AcCb(a="home")))
        await show(query, i18n.get("act-bank-pick"), b.as_markup())
        return
    subject = None
    if callback_data.id:  # «только мой предмет»: the reader's first subject
        person = await uow.people.get(actor.person_id)
        subject = next(iter(person.profile.subjects), None) if person else None
    items, total = await act.bank(uow, actor, callback_data.v, subject, callback_data.p,
                                  BANK_PAGE)
    orgs = await uow.orgs.get_many([i.school_id for i in items if i.school_id])
    lines = [i18n.get("act-bank-title", group=i18n.get(f"act-group-{callback_data.v}"),
                      count=total, mine=int(bool(callback_data.id)))]
    for item in items:
        d = item.record.draft
        school = orgs.get(item.school_id or 0)
        lines.append(i18n.get(
            "act-bank-item", title=esc(d.title),
            practice=i18n.get(f"act-practice-{d.practice.value if d.practice else 'talk'}"),
            author=esc(item.author), school=esc(school.name) if school else "—",
            abstract=esc(_clip(d.abstract or "", 300)), link=esc(_clip(d.link or "—", 120))))
        if d.file_id:
            b.row(kb.button(_clip("📎 " + d.title), AcCb(a="file", id=item.record.id).pack()))
    if not items:
        lines.append(i18n.get("act-bank-empty"))
    pages = (total + BANK_PAGE - 1) // BANK_PAGE
    if nav := kb.pager(callback_data.p, pages,
                       lambda n: AcCb(a="bank", v=callback_data.v, id=callback_data.id,
                                      p=n).pack()):
        b.row(*nav)
    b.row(kb.button(i18n.get("act-btn-all-subjects" if callback_data.id else "act-btn-my-subject"),
                    AcCb(a="bank", v=callback_data.v, id=0 if callback_data.id else 1).pack()))
    b.row(*_nav(i18n, AcCb(a="bank")))
    await show(query, cut_html("\n\n".join(lines)), b.as_markup())
