"""Onboarding and profile editing on the form engine (``handlers/forms/engine.py``): one step
per message, buttons wherever a choice exists.

FSM data keeps the draft, so nothing typed is lost by a wrong tap, /cancel or a restart.
"""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import orgs as org_service
from domain import people
from domain import profile as rules
from domain.access import Actor
from domain.entities import Person, Profile
from domain.enums import Category, Education, Locale, OrgKind, Position, Role, Status, Subject
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import EditCb, LangCb, MenuCb, NavCb
from handlers.filters import Consented, Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step, org_view, text_view
from handlers.routing import Routes
from handlers.views import ack, esc, profile_summary, show

router = Routes("profile")

Ctx = FormCtx

ORDER = [
    "full_name", "municipality", "school", "position", "subjects",
    "experience_years", "category", "statuses", "education", "confirm",
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
    "education": ["education"],
}


def _draft(c: Ctx) -> Profile:
    return Profile.from_dict(c.data.get("draft"))


def _editing(data: dict[str, Any]) -> bool:
    return data.get("mode") == "edit"


async def _patch(c: Ctx, **values: Any) -> None:
    await c.update(draft={**(c.data.get("draft") or {}), **values})


# ---- the steps --------------------------------------------------------------------------


async def _full_name_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c)
    prompt, markup = text_view(c.i18n, c.i18n.get("ask-full-name"),
                               esc(draft.full_name) if draft.full_name else None, back,
                               keep=draft.full_name is not None)
    if c.actor.is_admin and not _editing(c.data):  # no teacher profile needed
        from handlers.territory.admin import admin_only_row

        markup.inline_keyboard.append(admin_only_row(c.i18n))
    return prompt, markup


async def got_full_name(c: Ctx, text: str) -> None:
    await _patch(c, full_name=rules.validate_full_name(text))


async def _years_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    years = _draft(c).experience_years
    return text_view(c.i18n, c.i18n.get("ask-experience"),
                     None if years is None else str(years), back, keep=years is not None)


async def got_years(c: Ctx, text: str) -> None:
    await _patch(c, experience_years=rules.validate_years(text))


def _scope(c: Ctx) -> int | None:
    return None if _editing(c.data) else c.data.get("scope_org_id")


async def _org_view(c: Ctx, step: str, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    i18n, draft = c.i18n, _draft(c)
    extra = []
    if step == "municipality":
        parent = None
        if (scope := _scope(c)) is not None:
            scope_org = await c.uow.orgs.get(scope)
            if scope_org is not None and scope_org.kind is OrgKind.REGION:
                parent = scope_org.id
        result = await org_service.browse(c.uow, OrgKind.MUNICIPALITY, parent, c.query, c.page)
        prompt = i18n.get("ask-municipality")
    else:
        result = await org_service.browse(
            c.uow, OrgKind.SCHOOL, draft.municipality_id, c.query, c.page
        )
        prompt = i18n.get("ask-school")
        if rules.may_skip_school(c.actor):
            extra.append(kb.button(i18n.get("btn-no-school"), NavCb(action="skip").pack()))
    return await org_view(c, prompt, result, back, empty="orgs-empty", extra=extra)


async def _municipality_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return await _org_view(c, "municipality", back)


async def _school_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return await _org_view(c, "school", back)


async def picked_municipality(c: Ctx, value: str) -> Next:
    org = await rules.check_municipality(c.uow, int(value), _scope(c))
    draft = _draft(c)
    if draft.municipality_id != org.id:
        draft.school_id = None
    draft.municipality_id = org.id
    await c.update(draft=draft.to_dict(), no_school=False)
    return Next.GO


async def picked_school(c: Ctx, value: str) -> Next:
    org = await rules.check_school(c.uow, int(value), _draft(c).municipality_id, _scope(c))
    await _patch(c, school_id=org.id)
    return Next.GO


async def skipped_school(c: Ctx) -> None:
    if not rules.may_skip_school(c.actor):
        raise DomainError("error-access-denied")
    await _patch(c, school_id=None)
    await c.update(no_school=True)


async def _position_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c)
    return c.i18n.get("ask-position"), kb.choices(
        c.i18n, "position", [p.value for p in Position],
        [draft.position.value] if draft.position else [], back=back)


async def picked_position(c: Ctx, value: str) -> Next:
    await _patch(c, position=rules.validate_position(value).value)
    return Next.GO


async def _category_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c)
    return c.i18n.get("ask-category"), kb.choices(
        c.i18n, "category", [x.value for x in Category],
        [draft.category.value] if draft.category else [], columns=1, back=back)


async def picked_category(c: Ctx, value: str) -> Next:
    await _patch(c, category=rules.validate_category(value).value)
    return Next.GO


async def _subjects_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return c.i18n.get("ask-subjects"), kb.choices(
        c.i18n, "subject", [s.value for s in Subject], _draft(c).subjects, done=True, back=back)


async def toggled_subject(c: Ctx, value: str) -> Next:
    await _patch(c, subjects=rules.toggle(_draft(c).subjects, value, Subject))
    return Next.STAY


async def subjects_done(c: Ctx) -> None:
    rules.require_subjects(_draft(c).subjects)


async def _statuses_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return c.i18n.get("ask-statuses"), kb.choices(
        c.i18n, "status", [x.value for x in Status], _draft(c).statuses, columns=1, done=True,
        back=back)


async def toggled_status(c: Ctx, value: str) -> Next:
    await _patch(c, statuses=rules.toggle(_draft(c).statuses, value, Status))
    return Next.STAY


async def statuses_done(c: Ctx) -> None:
    await c.update(statuses_seen=True)


async def _education_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft = _draft(c)
    return c.i18n.get("ask-education"), kb.choices(
        c.i18n, "education", [x.value for x in Education],
        [draft.education.value] if draft.education else [], columns=1, back=back)


async def picked_education(c: Ctx, value: str) -> Next:
    await _patch(c, education=rules.validate_education(value).value)
    return Next.GO


async def _confirm_view(c: Ctx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    draft, i18n = _draft(c), c.i18n
    orgs = await c.uow.orgs.get_many([i for i in (draft.school_id, draft.municipality_id) if i])
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-confirm"), NavCb(action="confirm").pack()))
    b.row(*kb.nav_row(i18n))
    return i18n.get("ask-confirm") + "\n\n" + profile_summary(i18n, draft, orgs), b.as_markup()


def _unless_prefilled(step: str) -> Any:
    """An invite that names the school (or the municipality) fills those steps in."""
    return lambda data: step not in (data.get("skip") or [])


# ---- the form ---------------------------------------------------------------------------


async def finish(c: Ctx) -> None:
    if _editing(c.data):
        await _save_edit(c)
    else:
        await finish_onboarding(c)


async def cancel_form(c: Ctx) -> None:
    data = await c.state.get_data()
    if _editing(data):
        await c.state.set_state(None)
        await c.state.set_data({})
        await show_profile(c, notice="profile-edit-cancelled")
        return
    # onboarding: keep the draft, so /start continues where the person stopped
    await c.state.set_state(None)
    await show(c.event, c.i18n.get("onboarding-paused"), None)


async def _back_from_first(c: Ctx) -> None:
    if _editing(c.data):
        await c.state.set_state(None)
        await c.state.set_data({})
        await show_profile(c)
    else:
        await FORM.ask(c, FORM.order(c.data)[0])


FORM = Form(
    name="ProfileForm",
    steps=[
        Step("full_name", Kind.TEXT, _full_name_view, parse=got_full_name,
             has_value=lambda c: _draft(c).full_name is not None),
        Step("municipality", Kind.SEARCH, _municipality_view, pick=picked_municipality,
             when=_unless_prefilled("municipality")),
        Step("school", Kind.SEARCH, _school_view, pick=picked_school, skip=skipped_school,
             when=_unless_prefilled("school")),
        Step("position", Kind.CHOICE, _position_view, pick=picked_position),
        Step("subjects", Kind.MULTI, _subjects_view, pick=toggled_subject, done=subjects_done),
        Step("experience_years", Kind.TEXT, _years_view, parse=got_years,
             has_value=lambda c: _draft(c).experience_years is not None),
        Step("category", Kind.CHOICE, _category_view, pick=picked_category),
        Step("statuses", Kind.MULTI, _statuses_view, pick=toggled_status, done=statuses_done),
        # optional: asked only when the teacher edits it from the profile
        Step("education", Kind.CHOICE, _education_view, pick=picked_education,
             when=_editing),
        Step("confirm", Kind.CONFIRM, _confirm_view),
    ],
    on_finish=finish,
    on_cancel=cancel_form,
    on_first_back=_back_from_first,
    plan=lambda data: EDIT_STEPS[data["field"]] if _editing(data) else ORDER,
    counted=lambda data: not _editing(data),
    filters=(Consented(),),
)
ProfileForm = FORM.states
FORM.register(router)


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
    intro = "onboarding-intro" if first == "full_name" else "onboarding-resume"
    # «8 шагов» or, after an invite that names the school, «6 шагов»
    await FORM.ask(c, first, intro=c.i18n.get(intro, steps=len(FORM.counted_steps(data))))


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
    for step in FORM.order(data):
        if not filled.get(step, False):
            return step
    return "confirm"


async def reask_current(c: Ctx, error: DomainError | None = None, new: bool = True) -> bool:
    """Show the step the person is on again (after a stray tap or a restart)."""
    return await FORM.reask(c, error=error, new=new)


async def _save_edit(c: Ctx) -> None:
    draft = _draft(c)
    await rules.update_field(c.uow, c.actor, c.person, draft, c.data["field"])
    await c.state.set_state(None)
    await c.state.set_data({})
    await c.uow.commit()
    await show_profile(c, notice="profile-saved")


async def finish_onboarding(c: Ctx) -> None:
    draft = _draft(c)
    invited = c.data.get("invited_role")
    try:
        await rules.complete_onboarding(
            c.uow, c.actor, c.person, draft, c.uow.clock.now(),
            scope_org_id=c.data.get("scope_org_id"),
            invited_role=Role(invited) if invited else None,
        )
    except DomainError as err:
        await ack(c.event, i18n_text(c.i18n, err), alert=True)
        missing = err.params.get("field")
        await FORM.ask(c, missing if missing in ORDER else "confirm", error=err)
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



# ---- /cancel and the profile screen -----------------------------------------------------


@router.message(Command("profile"), Onboarded())
async def profile_command(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                          actor: Actor, person: Person) -> None:
    await state.set_state(None)
    await state.set_data({})
    await show_profile(Ctx(message, state, i18n, uow, actor, person))


@router.callback_query(MenuCb.filter(F.to == "profile"), Onboarded())
async def profile_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, person: Person) -> None:
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_profile(Ctx(query, state, i18n, uow, actor, person))


@router.callback_query(EditCb.filter(), Onboarded())
async def edit_field(query: CallbackQuery, callback_data: EditCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person) -> None:
    c = Ctx(query, state, i18n, uow, actor, person)
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
    await FORM.ask(c, EDIT_STEPS[field][0])


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
    await show_profile(Ctx(query, state, i18n, uow, actor, person), notice="profile-saved")
