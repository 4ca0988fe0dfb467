"""Onboarding and profile editing: one step per message, buttons wherever a choice exists.

FSM data keeps the draft, so nothing typed is lost by a wrong tap, /cancel or a restart.
"""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import orgs as org_service
from domain import people
from domain import profile as rules
from domain.access import Actor
from domain.entities import Person, Profile
from domain.enums import Category, Locale, OrgKind, Position, Role, Status, Subject
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import (
    ChoiceCb,
    EditCb,
    LangCb,
    MenuCb,
    NavCb,
    PageCb,
    PickOrgCb,
)
from handlers.filters import Consented, Onboarded, PlainText
from handlers.forms import counter
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, profile_summary, show

router = Routes("profile")


class ProfileForm(StatesGroup):
    full_name = State()
    municipality = State()
    school = State()
    position = State()
    subjects = State()
    experience_years = State()
    category = State()
    statuses = State()
    confirm = State()


ORDER = [
    "full_name", "municipality", "school", "position", "subjects",
    "experience_years", "category", "statuses", "confirm",
]
#: editing one field of a finished profile walks these steps
EDIT_STEPS = {
    "full_name": ["full_name"],
    "school": ["municipality", "school"],
    "position": ["position"],
    "subjects": ["subjects"],
    "experience_years": ["experience_years"],
    "category": ["category"],
    "statuses": ["statuses"],
}
TEXT_STEPS = {"full_name", "experience_years"}
SEARCH_STEPS = {"municipality", "school"}
BUTTON_STEPS = {"position", "subjects", "category", "statuses", "confirm"}


class Ctx:
    """What every step needs, gathered once per update."""

    def __init__(
        self,
        event: Message | CallbackQuery,
        state: FSMContext,
        i18n: I18nContext,
        uow: UnitOfWork,
        actor: Actor,
        person: Person,
    ) -> None:
        self.event, self.state, self.i18n = event, state, i18n
        self.uow, self.actor, self.person = uow, actor, person


def step_of(raw_state: str | None) -> str | None:
    if raw_state and raw_state.startswith("ProfileForm:"):
        return raw_state.split(":", 1)[1]
    return None


def steps_for(data: dict[str, Any]) -> list[str]:
    if data.get("mode") == "edit":
        return EDIT_STEPS[data["field"]]
    skip = set(data.get("skip") or [])
    return [s for s in ORDER if s not in skip]


# ---- entering the flow ------------------------------------------------------------------


async def start_onboarding(
    c: Ctx, scope_org_id: int | None = None, invited_role: str | None = None
) -> None:
    """Begin (or resume) onboarding; an invite's school or municipality is filled in for free."""
    data = await c.state.get_data()
    draft = Profile.from_dict(data.get("draft"))
    skip: list[str] = list(data.get("skip") or [])
    if scope_org_id is not None:
        org = await c.uow.orgs.get(scope_org_id)
        if org is not None and org.kind is OrgKind.SCHOOL:
            draft.municipality_id, draft.school_id = org.municipality_id, org.id
            skip = ["municipality", "school"]
        elif org is not None and org.kind is OrgKind.MUNICIPALITY:
            draft.municipality_id = org.id
            skip = ["municipality"]
    await c.state.update_data(
        draft=draft.to_dict(),
        mode="onboarding",
        skip=skip,
        scope_org_id=scope_org_id if scope_org_id is not None else data.get("scope_org_id"),
        invited_role=invited_role or data.get("invited_role"),
        page=0,
        query=None,
    )
    data = await c.state.get_data()
    first = _first_missing(draft, data)
    await ask(c, first, intro="onboarding-intro" if first == "full_name" else "onboarding-resume")


def _first_missing(draft: Profile, data: dict[str, Any]) -> str:
    filled = {
        "full_name": bool(draft.full_name),
        "municipality": draft.municipality_id is not None,
        "school": draft.school_id is not None or bool(data.get("no_school")),
        "position": draft.position is not None,
        "subjects": bool(draft.subjects),
        "experience_years": draft.experience_years is not None,
        "category": draft.category is not None,
        "statuses": bool(data.get("statuses_seen")),
    }
    for step in steps_for(data):
        if not filled.get(step, False):
            return step
    return "confirm"


# ---- asking a step ----------------------------------------------------------------------


async def ask(
    c: Ctx,
    step: str,
    error: DomainError | None = None,
    intro: str | None = None,
    new: bool = False,
) -> None:
    await c.state.set_state(getattr(ProfileForm, step))
    data = await c.state.get_data()
    draft = Profile.from_dict(data.get("draft"))
    i18n = c.i18n
    asked = [s for s in steps_for(data) if s != "confirm"]
    parts = []
    if intro:  # «8 шагов» or, after an invite that names the school, «6 шагов»
        parts.append(i18n.get(intro, steps=len(asked)))
    if error is not None:
        parts.append("⚠️ " + error_html(i18n, error))
    steps = steps_for(data)
    back = data.get("mode") == "edit" or steps.index(step) > 0
    markup: InlineKeyboardMarkup
    if step == "full_name":
        prompt = i18n.get("ask-full-name")
        markup = _text_step_markup(i18n, back, draft.full_name is not None)
        if c.actor.is_admin and data.get("mode") != "edit":  # no teacher profile needed
            from handlers.territory.admin import admin_only_row

            markup.inline_keyboard.append(admin_only_row(i18n))
        if draft.full_name:
            prompt += "\n" + i18n.get("ask-current", value=esc(draft.full_name))
    elif step in SEARCH_STEPS:
        prompt, markup = await _org_step(c, step, draft, data, back)
    elif step == "position":
        prompt = i18n.get("ask-position")
        markup = kb.choices(i18n, "position", [p.value for p in Position],
                            [draft.position.value] if draft.position else [], back=back)
    elif step == "subjects":
        prompt = i18n.get("ask-subjects")
        markup = kb.choices(i18n, "subject", [s.value for s in Subject], draft.subjects,
                            done=True, back=back)
    elif step == "experience_years":
        prompt = i18n.get("ask-experience")
        markup = _text_step_markup(i18n, back, draft.experience_years is not None)
        if draft.experience_years is not None:
            prompt += "\n" + i18n.get("ask-current", value=draft.experience_years)
    elif step == "category":
        prompt = i18n.get("ask-category")
        markup = kb.choices(i18n, "category", [x.value for x in Category],
                            [draft.category.value] if draft.category else [], columns=1, back=back)
    elif step == "statuses":
        prompt = i18n.get("ask-statuses")
        markup = kb.choices(i18n, "status", [x.value for x in Status], draft.statuses,
                            columns=1, done=True, back=back)
    else:  # confirm
        orgs = await c.uow.orgs.get_many(
            [i for i in (draft.school_id, draft.municipality_id) if i]
        )
        prompt = i18n.get("ask-confirm") + "\n\n" + profile_summary(i18n, draft, orgs)
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("btn-confirm"), NavCb(action="confirm").pack()))
        b.row(*kb.nav_row(i18n))
        markup = b.as_markup()
    if data.get("mode") != "edit" and (place := counter.position(asked, step)) is not None:
        prompt = i18n.get("step-marker", n=place[0], total=place[1]) + "\n" + prompt
    parts.append(prompt)
    await show(c.event, "\n\n".join(parts), markup, new=new)


def _text_step_markup(i18n: I18nContext, back: bool, has_value: bool) -> InlineKeyboardMarkup:
    """Typed steps: a value given before can be kept with one tap."""
    rows = []
    if has_value:
        rows.append([kb.button(i18n.get("btn-keep"), NavCb(action="keep").pack())])
    rows.append(kb.nav_row(i18n, back=back))
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _org_step(
    c: Ctx, step: str, draft: Profile, data: dict[str, Any], back: bool
) -> tuple[str, InlineKeyboardMarkup]:
    i18n = c.i18n
    query, page = data.get("query"), int(data.get("page") or 0)
    scope = data.get("scope_org_id") if data.get("mode") != "edit" else None
    extra = []
    if step == "municipality":
        parent = None
        if scope is not None:
            scope_org = await c.uow.orgs.get(scope)
            if scope_org is not None and scope_org.kind is OrgKind.REGION:
                parent = scope_org.id
        result = await org_service.browse(c.uow, OrgKind.MUNICIPALITY, parent, query, page)
        prompt = i18n.get("ask-municipality")
    else:
        result = await org_service.browse(
            c.uow, OrgKind.SCHOOL, draft.municipality_id, query, page
        )
        prompt = i18n.get("ask-school")
        if rules.may_skip_school(c.actor):
            extra.append(kb.button(i18n.get("btn-no-school"), NavCb(action="skip").pack()))
    if query:
        prompt += "\n" + i18n.get("search-results", query=esc(query), count=result.total)
    if not result.items:
        prompt += "\n" + i18n.get("search-nothing" if query else "orgs-empty")
    await c.state.update_data(page=result.page)
    return prompt, kb.org_page(i18n, result.items, result.page, result.total, query, extra, back)


async def advance(c: Ctx, done_step: str) -> None:
    data = await c.state.get_data()
    await c.state.update_data(page=0, query=None)
    steps = steps_for(data)
    index = steps.index(done_step)
    if data.get("mode") == "edit":
        if index + 1 < len(steps):
            await ask(c, steps[index + 1])
            return
        await _save_edit(c, data)
        return
    await ask(c, steps[index + 1])


async def _save_edit(c: Ctx, data: dict[str, Any]) -> None:
    draft = Profile.from_dict(data.get("draft"))
    await rules.update_field(c.uow, c.actor, c.person, draft, data["field"])
    await c.state.set_state(None)
    await c.state.set_data({})
    await c.uow.commit()
    await show_profile(c, notice="profile-saved")


async def show_profile(c: Ctx, notice: str | None = None, new: bool = False) -> None:
    person = await c.uow.people.get(c.person.id) or c.person
    orgs = await c.uow.orgs.get_many(
        [i for i in (person.profile.school_id, person.profile.municipality_id) if i]
    )
    i18n = c.i18n
    text = i18n.get("profile-title") + "\n\n" + profile_summary(i18n, person.profile, orgs)
    text += "\n" + i18n.get("profile-language", language=i18n.get(f"lang-{i18n.locale}"))
    if notice:
        text = "✅ " + i18n.get(notice) + "\n\n" + text
    b = InlineKeyboardBuilder()
    for field in EDIT_STEPS:
        b.button(text=i18n.get(f"edit-{field}"), callback_data=EditCb(field=field))
    b.button(text=i18n.get("edit-language"), callback_data=EditCb(field="language"))
    from handlers.callbacks import BcPrefCb  # announcements on/off per kind

    b.button(text=i18n.get("bc-btn-prefs"), callback_data=BcPrefCb())
    b.adjust(2)
    if c.actor.is_coordinator:  # the digest of «Моя территория»: off / daily / weekly
        from handlers.callbacks import TerrCb

        b.row(kb.button(i18n.get("terr-btn-digest"), TerrCb(a="digest").pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, text, b.as_markup(), new=new)


async def current_step(state: FSMContext) -> str | None:
    return step_of(await state.get_state())


async def reask_current(c: Ctx, error: DomainError | None = None, new: bool = True) -> bool:
    """Show the step the person is on again (after a stray tap or a restart)."""
    step = await current_step(c.state)
    if step is None:
        return False
    await ask(c, step, error=error, new=new)
    return True


def _ctx(
    event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
    actor: Actor, person: Person,
) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, person)


# ---- handlers: typed answers ------------------------------------------------------------

in_form = StateFilter(ProfileForm)


@router.message(StateFilter(ProfileForm.full_name), PlainText(), Consented())
async def got_full_name(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                        actor: Actor, person: Person) -> None:
    c = _ctx(message, state, i18n, uow, actor, person)
    try:
        name = rules.validate_full_name(message.text)
    except DomainError as err:
        await ask(c, "full_name", error=err)
        return
    await _patch(state, full_name=name)
    await advance(c, "full_name")


@router.message(StateFilter(ProfileForm.experience_years), PlainText(), Consented())
async def got_years(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, person: Person) -> None:
    c = _ctx(message, state, i18n, uow, actor, person)
    try:
        years = rules.validate_years(message.text)
    except DomainError as err:
        await ask(c, "experience_years", error=err)
        return
    await _patch(state, experience_years=years)
    await advance(c, "experience_years")


@router.message(StateFilter(ProfileForm.municipality, ProfileForm.school), PlainText(),
                Consented())
async def got_search(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, person: Person) -> None:
    c = _ctx(message, state, i18n, uow, actor, person)
    query = " ".join((message.text or "").split())[:60]
    if not query:
        await reask_current(c, error=DomainError("error-use-buttons"))
        return
    await state.update_data(query=query, page=0)
    await reask_current(c)


@router.message(StateFilter(ProfileForm.position, ProfileForm.subjects, ProfileForm.category,
                            ProfileForm.statuses, ProfileForm.confirm), PlainText(), Consented())
async def got_text_for_buttons(message: Message, state: FSMContext, i18n: I18nContext,
                               uow: UnitOfWork, actor: Actor, person: Person) -> None:
    await reask_current(_ctx(message, state, i18n, uow, actor, person),
                        error=DomainError("error-use-buttons"))


# ---- handlers: buttons ------------------------------------------------------------------


@router.callback_query(PickOrgCb.filter(), StateFilter(ProfileForm.municipality), Consented())
async def picked_municipality(query: CallbackQuery, callback_data: PickOrgCb, state: FSMContext,
                              i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                              person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    data = await state.get_data()
    scope = data.get("scope_org_id") if data.get("mode") != "edit" else None
    try:
        org = await rules.check_municipality(uow, callback_data.org_id, scope)
    except DomainError as err:
        await ack(query, i18n.get(err.key, **err.params), alert=True)
        await ask(c, "municipality")
        return
    await ack(query)
    draft = Profile.from_dict(data.get("draft"))
    if draft.municipality_id != org.id:
        draft.school_id = None
    draft.municipality_id = org.id
    await state.update_data(draft=draft.to_dict(), no_school=False)
    await advance(c, "municipality")


@router.callback_query(PickOrgCb.filter(), StateFilter(ProfileForm.school), Consented())
async def picked_school(query: CallbackQuery, callback_data: PickOrgCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    data = await state.get_data()
    draft = Profile.from_dict(data.get("draft"))
    scope = data.get("scope_org_id") if data.get("mode") != "edit" else None
    try:
        org = await rules.check_school(uow, callback_data.org_id, draft.municipality_id, scope)
    except DomainError as err:
        await ack(query, i18n.get(err.key, **err.params), alert=True)
        await ask(c, "school")
        return
    await ack(query)
    await _patch(state, school_id=org.id)
    await advance(c, "school")


@router.callback_query(NavCb.filter(), StateFilter(ProfileForm.school), Consented())
async def school_nav(query: CallbackQuery, callback_data: NavCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    if callback_data.action != "skip":
        await nav(query, callback_data, state, i18n, uow, actor, person)
        return
    c = _ctx(query, state, i18n, uow, actor, person)
    if not rules.may_skip_school(actor):
        await ack(query, i18n.get("error-access-denied"), alert=True)
        await ask(c, "school")
        return
    await ack(query)
    await _patch(state, school_id=None)
    await state.update_data(no_school=True)
    await advance(c, "school")


@router.callback_query(PageCb.filter(), StateFilter(ProfileForm.municipality, ProfileForm.school),
                       Consented())
async def turned_page(query: CallbackQuery, callback_data: PageCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    await ack(query)
    await state.update_data(page=callback_data.page)
    await reask_current(_ctx(query, state, i18n, uow, actor, person), new=False)


@router.callback_query(ChoiceCb.filter(), StateFilter(ProfileForm.position, ProfileForm.category),
                       Consented())
async def picked_single(query: CallbackQuery, callback_data: ChoiceCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    step = await current_step(state)
    try:
        if step == "position":
            await _patch(state, position=rules.validate_position(callback_data.value).value)
        else:
            await _patch(state, category=rules.validate_category(callback_data.value).value)
    except DomainError as err:
        await ack(query, i18n.get(err.key, **err.params), alert=True)
        return
    await ack(query)
    await advance(c, step)  # type: ignore[arg-type]


@router.callback_query(ChoiceCb.filter(), StateFilter(ProfileForm.subjects, ProfileForm.statuses),
                       Consented())
async def toggled(query: CallbackQuery, callback_data: ChoiceCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    step = await current_step(state)
    draft = Profile.from_dict((await state.get_data()).get("draft"))
    try:
        if step == "subjects":
            draft.subjects = rules.toggle(draft.subjects, callback_data.value, Subject)
        else:
            draft.statuses = rules.toggle(draft.statuses, callback_data.value, Status)
    except DomainError as err:
        await ack(query, i18n.get(err.key, **err.params), alert=True)
        return
    await ack(query)
    await state.update_data(draft=draft.to_dict())
    await ask(c, step)  # type: ignore[arg-type]


@router.callback_query(NavCb.filter(), StateFilter(ProfileForm), Consented())
async def nav(query: CallbackQuery, callback_data: NavCb, state: FSMContext, i18n: I18nContext,
              uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    step = await current_step(state)
    data = await state.get_data()
    steps = steps_for(data)
    action = callback_data.action
    if action == "cancel":
        await ack(query)
        await cancel_form(c)
        return
    if action == "back":
        await ack(query)
        await state.update_data(page=0, query=None)
        index = steps.index(step) if step in steps else 0
        if index == 0:
            if data.get("mode") == "edit":
                await state.set_state(None)
                await state.set_data({})
                await show_profile(c)
            else:
                await ask(c, steps[0])
            return
        await ask(c, steps[index - 1])
        return
    if action == "reset" and step in SEARCH_STEPS:
        await ack(query)
        await state.update_data(query=None, page=0)
        await ask(c, step)
        return
    if action == "done" and step in ("subjects", "statuses"):
        draft = Profile.from_dict(data.get("draft"))
        if step == "subjects":
            try:
                rules.require_subjects(draft.subjects)
            except DomainError as err:
                await ack(query, i18n.get(err.key, **err.params), alert=True)
                return
        else:
            await state.update_data(statuses_seen=True)
        await ack(query)
        await advance(c, step)
        return
    if action == "keep" and step in TEXT_STEPS:
        draft = Profile.from_dict(data.get("draft"))
        if getattr(draft, step) is not None:
            await ack(query)
            await advance(c, step)
            return
    if action == "confirm" and step == "confirm":
        await finish_onboarding(c, data)
        return
    await ack(query, i18n.get("error-stale-button"))
    await reask_current(c)


async def finish_onboarding(c: Ctx, data: dict[str, Any]) -> None:
    draft = Profile.from_dict(data.get("draft"))
    invited = data.get("invited_role")
    try:
        await rules.complete_onboarding(
            c.uow, c.actor, c.person, draft, c.uow.clock.now(),
            scope_org_id=data.get("scope_org_id"),
            invited_role=Role(invited) if invited else None,
        )
    except DomainError as err:
        await ack(c.event, i18n_text(c.i18n, err), alert=True)
        missing = err.params.get("field")
        await ask(c, missing if missing in ORDER else "confirm", error=err)
        return
    await ack(c.event)
    await c.state.set_state(None)
    await c.state.set_data({})
    await c.uow.commit()
    person = await c.uow.people.get(c.person.id) or c.person
    actor = Actor(person.id, tuple(person.grants), c.actor.is_config_admin)
    await show(c.event, c.i18n.get("onboarding-done") + "\n\n" + c.i18n.get("menu-title"),
               kb.main_menu(c.i18n, actor))


def i18n_text(i18n: I18nContext, err: DomainError) -> str:
    return i18n.get(err.key, **err.params)


async def cancel_form(c: Ctx) -> None:
    data = await c.state.get_data()
    if data.get("mode") == "edit":
        await c.state.set_state(None)
        await c.state.set_data({})
        await show_profile(c, notice="profile-edit-cancelled")
        return
    # onboarding: keep the draft, so /start continues where the person stopped
    await c.state.set_state(None)
    await show(c.event, c.i18n.get("onboarding-paused"), None)


async def _patch(state: FSMContext, **values: Any) -> None:
    data = await state.get_data()
    draft = {**(data.get("draft") or {}), **values}
    await state.update_data(draft=draft)


# ---- /cancel and the profile screen -----------------------------------------------------


@router.message(Command("cancel"), StateFilter(ProfileForm), Consented())
async def cancel_command(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                         actor: Actor, person: Person) -> None:
    await cancel_form(_ctx(message, state, i18n, uow, actor, person))


@router.message(Command("profile"), Onboarded())
async def profile_command(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                          actor: Actor, person: Person) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show_profile(_ctx(message, state, i18n, uow, actor, person))


@router.callback_query(MenuCb.filter(F.to == "profile"), Onboarded())
async def profile_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, person: Person) -> None:
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_profile(_ctx(query, state, i18n, uow, actor, person))


@router.callback_query(EditCb.filter(), Onboarded())
async def edit_field(query: CallbackQuery, callback_data: EditCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = _ctx(query, state, i18n, uow, actor, person)
    field = callback_data.field
    await ack(query)
    if field == "language":
        b = InlineKeyboardBuilder()
        for code in Locale:
            b.button(text=i18n.get(f"lang-{code.value}"), callback_data=LangCb(code=code.value))
        b.row(kb.button(i18n.get("btn-back"), MenuCb(to="profile").pack()))
        await show(query, i18n.get("ask-language"), b.as_markup())
        return
    if field not in EDIT_STEPS:
        await show_profile(c)
        return
    await state.set_data({"mode": "edit", "field": field, "draft": person.profile.to_dict()})
    await ask(c, EDIT_STEPS[field][0])


@router.callback_query(LangCb.filter(), Onboarded())
async def set_language(query: CallbackQuery, callback_data: LangCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    try:
        await people.set_locale(uow, actor, person, callback_data.code)
    except DomainError as err:
        await ack(query, i18n_text(i18n, err), alert=True)
        return
    await uow.commit()
    await ack(query)
    await i18n.set_locale(callback_data.code)
    await show_profile(_ctx(query, state, i18n, uow, actor, person), notice="profile-saved")
