"""One engine for the step-by-step forms: a form is data — an ordered list of ``Step``s — and
the engine does the conversation once: which steps apply (a step's ``when``), «Шаг n из N»
over them, back / cancel / keep-as-is / skip / done / confirm, a search with paging, a bad
answer shown above the same step, the answers kept in FSM data as they come (a restart
continues at the same step) and the form's ``finish`` after the last step.

A step draws itself with the helpers below (``text_view``, ``choice_view``, …) and says what
an answer does through small hooks; a hook refuses an answer by raising ``DomainError`` with a
locale key, and the engine shows it. The FSM state is ``"<form name>:<step key>"`` (a
``StatesGroup`` built from the steps, so ``StateFilter(form.states)`` works as before).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import ChoiceCb, NavCb, PageCb, PickOrgCb
from handlers.filters import PlainText
from handlers.forms import counter
from handlers.views import ack, error_html, error_plain, show


class Kind(StrEnum):
    TEXT = "text"        # a typed answer (``parse``), maybe with buttons beside it (a date picker)
    CHOICE = "choice"    # one button ends the step (``pick``)
    MULTI = "multi"      # buttons toggle (``pick``), «Готово» ends the step (``done``)
    SEARCH = "search"    # typed text searches, pages of buttons, a button picks (``pick``)
    CONFIRM = "confirm"  # the summary: «Подтвердить» finishes the form; not counted


class Next(StrEnum):
    """What an answer does: go on to the next step, or stay and ask the step again."""

    GO = "go"
    STAY = "stay"


class FormCtx:
    """What every step needs, gathered once per update; ``extra`` holds the other middleware
    values (``person``, ``tz``, …)."""

    def __init__(self, event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor, person: Any = None,
                 extra: dict[str, Any] | None = None) -> None:
        self.event, self.state, self.i18n = event, state, i18n
        self.uow, self.actor, self.person = uow, actor, person
        self.extra = extra or {}
        self.data: dict[str, Any] = {}  # FSM data as read for this step

    async def load(self) -> dict[str, Any]:
        self.data = await self.state.get_data()
        return self.data

    async def update(self, **values: Any) -> None:
        await self.state.update_data(**values)
        self.data.update(values)


Hook = Callable[[FormCtx], Awaitable[Any]]
View = Callable[[FormCtx, bool], Awaitable[tuple[str, InlineKeyboardMarkup]]]


def _always(data: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """One question. ``view(ctx, back)`` draws it (prompt, keyboard); the hooks store answers
    in FSM data and raise ``DomainError`` to refuse one:
    ``parse(ctx, text)`` (TEXT), ``pick(ctx, value) -> Next`` (a button: ``ChoiceCb``'s value,
    a ``PickOrgCb``'s id as text), ``done(ctx)`` («Готово»), ``skip(ctx)`` («Пропустить»),
    ``has_value(ctx)`` (offers «Оставить»), ``when(data)`` (the step applies)."""

    key: str
    kind: Kind
    view: View
    parse: Callable[[FormCtx, str], Awaitable[None]] | None = None
    pick: Callable[[FormCtx, str], Awaitable[Next]] | None = None
    done: Hook | None = None
    skip: Hook | None = None
    has_value: Callable[[FormCtx], bool] | None = None
    when: Callable[[dict[str, Any]], bool] = _always


@dataclass
class Form:
    """``plan(data)`` names the steps of this run in order (all of them by default; an edit of
    one field names its own); ``counted(data)`` says whether «Шаг n из N» is shown;
    ``on_finish`` runs after the last step (it answers the «Подтвердить» button),
    ``on_cancel`` on «Отмена» and /cancel,
    ``on_first_back`` on «Назад» at the first step (default: ask it again). A run that is not
    counted (an edit of one field) shows «Назад» at its first step too."""

    name: str
    steps: Sequence[Step]
    on_finish: Hook
    on_cancel: Hook
    on_first_back: Hook | None = None
    plan: Callable[[dict[str, Any]], Sequence[str]] | None = None
    counted: Callable[[dict[str, Any]], bool] = _always
    filters: tuple[Any, ...] = ()
    choice_cb: Any = ChoiceCb
    need_text: str | None = None
    error_prefix: str = "⚠️ "
    states: type[StatesGroup] = field(init=False)
    by_key: dict[str, Step] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {s.key: s for s in self.steps}
        self.states = type(self.name, (StatesGroup,), {s.key: State() for s in self.steps})

    # ---- which steps, in which order -------------------------------------------------------

    def order(self, data: dict[str, Any]) -> list[str]:
        keys = self.plan(data) if self.plan is not None else [s.key for s in self.steps]
        return [k for k in keys if self.by_key[k].when(data)]

    def counted_steps(self, data: dict[str, Any]) -> list[str]:
        return [k for k in self.order(data) if self.by_key[k].kind is not Kind.CONFIRM]

    def step_of(self, raw_state: str | None) -> str | None:
        prefix = self.name + ":"
        if raw_state and raw_state.startswith(prefix):
            key = raw_state[len(prefix):]
            return key if key in self.by_key else None
        return None

    async def current(self, state: FSMContext) -> str | None:
        return self.step_of(await state.get_state())

    # ---- asking ----------------------------------------------------------------------------

    async def ask(self, c: FormCtx, key: str, error: DomainError | None = None,
                  intro: str | None = None, new: bool = False) -> None:
        """Show step ``key`` (and remember it is the current one)."""
        await c.state.set_state(f"{self.name}:{key}")
        data = await c.load()
        step = self.by_key[key]
        order = self.order(data)
        back = not self.counted(data) or (key in order and order.index(key) > 0)
        prompt, markup = await step.view(c, back)
        if self.counted(data) and (place := counter.position(self.counted_steps(data), key)):
            prompt = c.i18n.get("step-marker", n=place[0], total=place[1]) + "\n" + prompt
        parts = [intro] if intro else []
        if error is not None:
            parts.append(self.error_prefix + error_html(c.i18n, error))
        parts.append(prompt)
        await show(c.event, "\n\n".join(parts), markup, new=new)

    async def reask(self, c: FormCtx, error: DomainError | None = None, new: bool = True) -> bool:
        """Show the current step again (a stray message, a restart); False if not in the form."""
        key = await self.current(c.state)
        if key is None:
            return False
        await self.ask(c, key, error=error, new=new)
        return True

    async def advance(self, c: FormCtx, done: str, new: bool = False) -> None:
        """The step ``done`` is answered: ask the next one that applies, or finish."""
        await c.update(page=0, query=None)
        later = self._after(done, self.order(c.data))
        if later:
            await self.ask(c, later[0], new=new)
            return
        await self.finish(c)

    def _after(self, key: str, order: list[str]) -> list[str]:
        """The steps of ``order`` after ``key`` (which an answer may have made not apply)."""
        if key in order:
            return order[order.index(key) + 1:]
        rank = {s.key: n for n, s in enumerate(self.steps)}
        return [k for k in order if rank[k] > rank[key]]

    async def back(self, c: FormCtx, key: str) -> None:
        await c.update(page=0, query=None)
        order = self.order(c.data)
        earlier = order[:len(order) - len(self._after(key, order))]
        if key in earlier:
            earlier.remove(key)
        if earlier:
            await self.ask(c, earlier[-1])
        elif self.on_first_back is not None:
            await self.on_first_back(c)
        else:
            await self.ask(c, order[0])

    # ---- the handlers, registered once per form -------------------------------------------

    def register(self, router: Any) -> None:
        in_form = StateFilter(self.states)
        router.message(Command("cancel"), in_form, *self.filters)(self._on_cancel)
        router.message(in_form, PlainText(), *self.filters)(self._on_text)
        if self.need_text is not None:
            router.message(in_form, *self.filters)(self._on_other)
        router.callback_query(PickOrgCb.filter(), in_form, *self.filters)(self._on_org)
        router.callback_query(self.choice_cb.filter(), in_form, *self.filters)(self._on_choice)
        router.callback_query(PageCb.filter(), in_form, *self.filters)(self._on_page)
        router.callback_query(NavCb.filter(), in_form, *self.filters)(self._on_nav)

    def _ctx(self, event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
             uow: UnitOfWork, actor: Actor, kwargs: dict[str, Any]) -> FormCtx:
        return FormCtx(event, state, i18n, uow, actor, kwargs.get("person"), kwargs)

    async def _on_cancel(self, message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        await c.load()
        await self.on_cancel(c)

    async def _on_text(self, message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        key = await self.current(state)
        if key is None:
            return
        step = self.by_key[key]
        await c.load()
        text = message.text or ""
        if step.kind is Kind.SEARCH:
            query = " ".join(text.split())[:60]
            if not query:
                await self.ask(c, key, error=DomainError("error-use-buttons"), new=True)
                return
            await c.update(query=query, page=0)
            await self.ask(c, key, new=True)
            return
        if step.parse is None:
            await self.ask(c, key, error=DomainError("error-use-buttons"), new=True)
            return
        try:
            await step.parse(c, text)
        except DomainError as err:
            await self.ask(c, key, error=err, new=True)
            return
        await self.advance(c, key, new=True)

    async def _on_other(self, message: Message, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        key = await self.current(state)
        if key is not None:
            text = self.by_key[key].kind is Kind.TEXT and self.need_text
            await self.ask(c, key, error=DomainError(text or "error-use-buttons"), new=True)

    async def _picked(self, c: FormCtx, value: str, org: bool) -> None:
        """A button with a value: an organisation on a search step, a choice elsewhere."""
        key = await self.current(c.state)
        if key is None:
            return
        step = self.by_key[key]
        await c.load()
        if step.pick is None or org != (step.kind is Kind.SEARCH):
            await self._stale(c, key)
            return
        try:
            outcome = await step.pick(c, value)
        except DomainError as err:
            await ack(c.event, error_plain(c.i18n, err), alert=True)
            await self.ask(c, key, error=err)
            return
        await ack(c.event)
        if outcome is Next.GO:
            await self.advance(c, key)
        else:
            await self.ask(c, key)

    async def _on_choice(self, query: CallbackQuery, callback_data: Any, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                         **kwargs: Any) -> None:
        await self._picked(self._ctx(query, state, i18n, uow, actor, kwargs),
                           callback_data.value, org=False)

    async def _on_org(self, query: CallbackQuery, callback_data: PickOrgCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        await self._picked(self._ctx(query, state, i18n, uow, actor, kwargs),
                           str(callback_data.org_id), org=True)

    async def _on_page(self, query: CallbackQuery, callback_data: PageCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(query, state, i18n, uow, actor, kwargs)
        key = await self.current(state)
        if key is None or self.by_key[key].kind is not Kind.SEARCH:
            if key is not None:
                await self._stale(c, key)
            return
        await ack(query)
        await c.update(page=callback_data.page)
        await self.ask(c, key)

    async def _stale(self, c: FormCtx, key: str) -> None:
        """A button of another step or an old message: say so above the current step."""
        await ack(c.event, c.i18n.get("error-stale-button"))
        await self.ask(c, key, error=DomainError("error-stale-button"), new=True)

    async def _on_nav(self, query: CallbackQuery, callback_data: NavCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(query, state, i18n, uow, actor, kwargs)
        key = await self.current(state)
        if key is None:
            return
        step = self.by_key[key]
        await c.load()
        action = callback_data.action
        hook: Hook | None = None
        if action == "cancel":
            await ack(query)
            await self.on_cancel(c)
            return
        if action == "back":
            await ack(query)
            await self.back(c, key)
            return
        if action == "reset" and step.kind is Kind.SEARCH:
            await ack(query)
            await c.update(query=None, page=0)
            await self.ask(c, key)
            return
        if action == "confirm" and step.kind is Kind.CONFIRM:
            await self.finish(c)
            return
        if action == "keep" and step.has_value is not None and step.has_value(c):
            hook = _nothing
        elif action == "done" and (step.kind is Kind.MULTI or step.done is not None):
            hook = step.done or _nothing
        elif action == "skip" and step.skip is not None:
            hook = step.skip
        if hook is None:
            await self._stale(c, key)
            return
        try:
            await hook(c)
        except DomainError as err:
            await ack(query, error_plain(i18n, err), alert=True)
            await self.ask(c, key, error=err)
            return
        await ack(query)
        await self.advance(c, key)

    async def finish(self, c: FormCtx) -> None:
        await c.load()
        await self.on_finish(c)


async def _nothing(c: FormCtx) -> None:
    return None


# ---- drawing a step: the pieces every form uses -----------------------------------------------


def nav_rows(i18n: I18nContext, back: bool, keep: bool = False,
             skip: str | None = None) -> list[list[InlineKeyboardButton]]:
    """«Оставить как есть» when a value is there, the step's skip button, «Назад» «Отмена»."""
    rows = []
    if keep:
        rows.append([kb.button(i18n.get("btn-keep"), NavCb(action="keep").pack())])
    if skip:
        rows.append([kb.button(i18n.get(skip), NavCb(action="skip").pack())])
    rows.append(kb.nav_row(i18n, back=back))
    return rows


def text_view(i18n: I18nContext, prompt: str, current: str | None, back: bool,
              keep: bool | None = None, skip: str | None = None,
              above: Iterable[list[InlineKeyboardButton]] = ()) -> tuple[str, InlineKeyboardMarkup]:
    """A typed step: the prompt, «Сейчас: …» and «Оставить» when a value is there."""
    if current:
        prompt += "\n" + i18n.get("ask-current", value=current)
    keep = bool(current) if keep is None else keep
    rows = [*above, *nav_rows(i18n, back, keep=keep, skip=skip)]
    return prompt, InlineKeyboardMarkup(inline_keyboard=rows)
