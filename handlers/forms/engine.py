"""One engine for the step-by-step forms: a form is data — an ordered list of ``Step``s — and
the engine does the conversation once: which steps apply (a step's ``when``), «Шаг n из N»
over them, back / cancel / keep-as-is / skip / done / confirm, a search with paging, a file,
a bad answer shown above the same step, the answers kept in FSM data as they come (a restart
continues at the same step) and the form's ``finish`` after the last step.

A form may keep its answers elsewhere (``Form.answers``: a draft row in the database), give its
buttons the step they belong to (``Form.step_cb``: a button of another step is stale), walk
sub-steps outside the order (``Step.then`` / ``Step.anchor`` / ``Step.on_back``) and change one
field from its summary card (``Form.edit``: after the answer, back to the summary).

A step draws itself with the helpers below (``text_view``, ``choice_view``, …) and says what
an answer does through small hooks; a hook refuses an answer by raising ``DomainError`` with a
locale key, and the engine shows it. The FSM state is ``"<form name>:<step key>"`` (a
``StatesGroup`` built from the steps, so ``StateFilter(form.states)`` works as before).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aiogram.filters import Command, Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.errors import DomainError
from domain.orgs import OrgPage
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.callbacks import ChoiceCb, NavCb, PageCb, PickOrgCb
from handlers.filters import PlainText
from handlers.forms import counter
from handlers.views import ack, error_html, error_plain, esc, show


class Kind(StrEnum):
    TEXT = "text"        # a typed answer (``parse``), maybe with buttons beside it (a date picker)
    CHOICE = "choice"    # one button ends the step (``pick``)
    MULTI = "multi"      # buttons toggle (``pick``), «Готово» ends the step (``done``)
    SEARCH = "search"    # typed text searches, pages of buttons, a button picks (``pick``)
    CONFIRM = "confirm"  # the summary: «Подтвердить» finishes the form; not counted
    FILE = "file"        # a document or a photo (``receive``)


class Next(StrEnum):
    """What an answer does: go on to the next step, or stay and ask the step again (a hook may
    also return a step's key: ask that one, e.g. a sub-step)."""

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
        self.answers: dict[str, Any] = {}  # the answers the order is computed from
        self.step: str | None = None  # the step being drawn (``pack`` names it)
        self.above: list[str] = []  # intro and error; a view that shows them itself empties it
        self.form: Form | None = None

    def pack(self, action: str, value: str = "") -> str:
        """A button of the step being drawn: the form's ``step_cb`` names the step; otherwise
        a choice is a ``ChoiceCb`` and the rest a ``NavCb``."""
        form = self.form
        if form is not None and form.step_cb is not None:
            return form.step_cb(step=self.step or "", action=action, value=value).pack()
        if action == "pick":
            return (form.choice_cb if form is not None else ChoiceCb)(value=value).pack()
        return NavCb(action=action).pack()

    def pick_org(self, org_id: int) -> str:
        """An organisation's button on a SEARCH step (the form's ``org_cb``)."""
        return (self.form.org_cb if self.form is not None else PickOrgCb)(org_id=org_id).pack()

    @property
    def query(self) -> str | None:
        """What a SEARCH step was asked to find (None: nothing typed, or the search reset)."""
        return self.data.get("query") or None

    @property
    def page(self) -> int:
        return int(self.data.get("page") or 0)

    async def load(self) -> dict[str, Any]:
        self.data = await self.state.get_data()
        return self.data

    async def update(self, **values: Any) -> None:
        await self.state.update_data(**values)
        self.data.update(values)


Hook = Callable[[FormCtx], Awaitable[Any]]
Outcome = Next | str
View = Callable[[FormCtx, bool], Awaitable[tuple[str, InlineKeyboardMarkup]]]


def _always(data: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """One question. ``view(ctx, back)`` draws it (prompt, keyboard); the hooks store answers
    in FSM data and raise ``DomainError`` to refuse one:
    ``parse(ctx, text)`` (TEXT), ``pick(ctx, value) -> Next`` (a button: ``ChoiceCb``'s value,
    a ``PickOrgCb``'s id as text), ``done(ctx)`` («Готово»), ``skip(ctx)`` («Пропустить»),
    ``has_value(ctx)`` (offers «Оставить»), ``when(data)`` (the step applies),
    ``receive(ctx, message)`` (FILE: the document or photo),
    ``act(ctx, action, value) -> Next | key`` (the step's other buttons, with ``step_cb``),
    ``then(ctx)`` (the step asked after an answer instead of the next one: a sub-step),
    ``anchor`` (a sub-step outside the order is counted as this step),
    ``on_back(ctx)`` («Назад» from this step, instead of the previous one)."""

    key: str
    kind: Kind
    view: View
    parse: Callable[[FormCtx, str], Awaitable[None]] | None = None
    pick: Callable[[FormCtx, str], Awaitable[Next]] | None = None
    done: Hook | None = None
    skip: Hook | None = None
    has_value: Callable[[FormCtx], bool] | None = None
    when: Callable[[dict[str, Any]], bool] = _always
    receive: Callable[[FormCtx, Message], Awaitable[None]] | None = None
    act: Callable[[FormCtx, str, str], Awaitable[Outcome]] | None = None
    then: Callable[[FormCtx], str | None] | None = None
    anchor: str | None = None
    on_back: Hook | None = None


class HasFile(Filter):
    """A document or a photo."""

    async def __call__(self, event: Any) -> bool:
        return bool(getattr(event, "document", None) or getattr(event, "photo", None))


EDITING = "form_edit"  # FSM data: one field is being changed from the summary card


@dataclass
class Form:
    """``plan(data)`` names the steps of this run in order (all of them by default; an edit of
    one field names its own); ``counted(data)`` says whether «Шаг n из N» is shown;
    ``on_finish`` runs after the last step (it answers the «Подтвердить» button),
    ``on_cancel`` on «Отмена» and /cancel,
    ``on_first_back`` on «Назад» at the first step (default: ask it again). A run that is not
    counted (an edit of one field) shows «Назад» at its first step too.

    For a form kept elsewhere: ``answers(ctx)`` returns the answers ``plan`` and ``when`` see
    (None: the draft is gone — ``on_lost`` runs); ``counted_of(ctx, answers)`` the steps the
    counter numbers; ``marker(ctx, key, (n, total) | None)`` the line above the prompt;
    ``step_cb`` a ``CallbackData`` with ``step``, ``action``, ``value`` for the buttons;
    ``org_cb`` the ``CallbackData`` (with ``org_id``) a SEARCH step's organisations pick with;
    ``unexpected(message)`` the error key for a sticker or an unknown command;
    ``file_expected`` / ``file_not_here`` the error keys around a FILE step."""

    name: str
    steps: Sequence[Step]
    on_finish: Hook
    on_cancel: Hook
    on_first_back: Hook | None = None
    plan: Callable[[dict[str, Any]], Sequence[str]] | None = None
    counted: Callable[[dict[str, Any]], bool] = _always
    filters: tuple[Any, ...] = ()
    choice_cb: Any = ChoiceCb
    org_cb: Any = PickOrgCb
    need_text: str | None = None
    error_prefix: str = "⚠️ "
    answers: Callable[[FormCtx], Awaitable[dict[str, Any] | None]] | None = None
    on_lost: Hook | None = None
    counted_of: Callable[[FormCtx, dict[str, Any]], Sequence[str]] | None = None
    marker: Callable[[FormCtx, str, tuple[int, int] | None], str | None] | None = None
    step_cb: type[CallbackData] | None = None
    unexpected: Callable[[Message], str] | None = None
    file_expected: str = "error-use-buttons"
    file_not_here: str = "error-use-buttons"
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

    async def _answers(self, c: FormCtx) -> dict[str, Any] | None:
        """The answers the order is computed from: FSM data, or the form's own store."""
        c.form = self
        answers = c.data if self.answers is None else await self.answers(c)
        if answers is not None:
            c.answers = answers
        return answers

    def _counted(self, c: FormCtx, answers: dict[str, Any]) -> list[str]:
        if self.counted_of is not None:
            return list(self.counted_of(c, answers))
        return self.counted_steps(answers)

    def _marker(self, c: FormCtx, key: str, answers: dict[str, Any]) -> str | None:
        place = None
        if self.counted(c.data):
            place = counter.position(self._counted(c, answers), self.by_key[key].anchor or key)
        if self.marker is not None:
            return self.marker(c, key, place)
        return c.i18n.get("step-marker", n=place[0], total=place[1]) if place else None

    async def ask(self, c: FormCtx, key: str, error: DomainError | None = None,
                  intro: str | None = None, new: bool = False) -> None:
        """Show step ``key`` (and remember it is the current one)."""
        await c.state.set_state(f"{self.name}:{key}")
        await c.load()
        answers = await self._answers(c)
        if answers is None:
            await self._lost(c)
            return
        step = self.by_key[key]
        order = self.order(answers)
        back = (not self.counted(c.data) or (key in order and order.index(key) > 0)
                or step.on_back is not None or bool(c.data.get(EDITING)))
        c.step = key
        c.above = [intro] if intro else []
        if error is not None:
            c.above.append(self.error_prefix + error_html(c.i18n, error))
        prompt, markup = await step.view(c, back)
        if marker := self._marker(c, key, answers):
            prompt = marker + "\n" + prompt
        await show(c.event, "\n\n".join([*c.above, prompt]), markup, new=new)

    async def reask(self, c: FormCtx, error: DomainError | None = None, new: bool = True) -> bool:
        """Show the current step again (a stray message, a restart); False if not in the form."""
        key = await self.current(c.state)
        if key is None:
            return False
        await self.ask(c, key, error=error, new=new)
        return True

    async def edit(self, c: FormCtx, key: str, error: DomainError | None = None,
                   intro: str | None = None) -> None:
        """Change one field from the summary card: after its answer, back to the summary (or
        to a step still without a value)."""
        await c.state.set_state(f"{self.name}:{key}")
        await c.update(**{EDITING: True, "page": 0, "query": None})
        await self.ask(c, key, error=error, intro=intro)

    def _summary(self) -> str:
        return next(s.key for s in self.steps if s.kind is Kind.CONFIRM)

    async def advance(self, c: FormCtx, done: str, new: bool = False) -> None:
        """The step ``done`` is answered: ask the next one that applies, or finish."""
        await c.update(page=0, query=None)
        answers = await self._answers(c)
        if answers is None:
            await self._lost(c)
            return
        step = self.by_key[done]
        if step.then is not None and (sub := step.then(c)) is not None:
            await self.ask(c, sub, new=new)
            return
        order = self.order(answers)
        if c.data.get(EDITING):
            gaps = [k for k in order if (h := self.by_key[k].has_value) is not None and not h(c)]
            await self.ask(c, gaps[0] if gaps else self._summary(), new=new)
            return
        later = self._after(done, order)
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
        hook = self.by_key[key].on_back
        if hook is not None:
            await hook(c)
            return
        if c.data.get(EDITING):
            await self.ask(c, self._summary())
            return
        answers = await self._answers(c) or {}
        order = self.order(answers)
        earlier = order[:len(order) - len(self._after(key, order))]
        if key in earlier:
            earlier.remove(key)
        if earlier:
            await self.ask(c, earlier[-1])
        elif self.on_first_back is not None:
            await self.on_first_back(c)
        else:
            await self.ask(c, order[0])

    async def _lost(self, c: FormCtx) -> None:
        """The form's answers are gone (a deleted draft): leave the form."""
        if self.on_lost is not None:
            await self.on_lost(c)
            return
        await c.state.set_state(None)
        await ack(c.event, c.i18n.get("error-stale-button"))

    # ---- the handlers, registered once per form -------------------------------------------

    def register(self, router: Any) -> None:
        in_form = StateFilter(self.states)
        router.message(Command("cancel"), in_form, *self.filters)(self._on_cancel)
        router.message(in_form, PlainText(), *self.filters)(self._on_text)
        if any(s.kind is Kind.FILE for s in self.steps):
            router.message(in_form, HasFile(), *self.filters)(self._on_file)
        if self.need_text is not None or self.unexpected is not None:
            router.message(in_form, *self.filters)(self._on_other)
        router.callback_query(self.org_cb.filter(), in_form, *self.filters)(self._on_org)
        router.callback_query(self.choice_cb.filter(), in_form, *self.filters)(self._on_choice)
        router.callback_query(PageCb.filter(), in_form, *self.filters)(self._on_page)
        router.callback_query(NavCb.filter(), in_form, *self.filters)(self._on_nav)
        if self.step_cb is not None:
            router.callback_query(self.step_cb.filter(), in_form, *self.filters)(self._on_step)

    def _ctx(self, event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
             uow: UnitOfWork, actor: Actor, kwargs: dict[str, Any]) -> FormCtx:
        c = FormCtx(event, state, i18n, uow, actor, kwargs.get("person"), kwargs)
        c.form = self
        return c

    async def _enter(self, c: FormCtx) -> str | None:
        """The current step with the FSM data and the answers read; None: not in the form
        (or its answers are gone: ``on_lost`` has run)."""
        key = await self.current(c.state)
        if key is None:
            return None
        await c.load()
        if await self._answers(c) is None:
            await self._lost(c)
            return None
        return key

    async def _on_cancel(self, message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        await c.load()
        await self.on_cancel(c)

    async def _on_text(self, message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        key = await self._enter(c)
        if key is None:
            return
        step = self.by_key[key]
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
            wrong = self.file_expected if step.kind is Kind.FILE else "error-use-buttons"
            await self.ask(c, key, error=DomainError(wrong), new=True)
            return
        await self._message_answer(c, key, step.parse(c, text))

    async def _on_file(self, message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        key = await self._enter(c)
        if key is None:
            return
        step = self.by_key[key]
        if step.receive is None:
            await self.ask(c, key, error=DomainError(self.file_not_here), new=True)
            return
        await self._message_answer(c, key, step.receive(c, message))

    async def _message_answer(self, c: FormCtx, key: str, answer: Awaitable[None]) -> None:
        """A typed answer or a file: a refusal is shown in a new message above the step."""
        try:
            await answer
        except DomainError as err:
            await self.ask(c, key, error=err, new=True)
            return
        await self.advance(c, key, new=True)

    async def _on_other(self, message: Message, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(message, state, i18n, uow, actor, kwargs)
        key = await self._enter(c)
        if key is None:
            return
        if self.unexpected is not None:
            error = self.unexpected(message)
        else:
            error = (self.by_key[key].kind is Kind.TEXT and self.need_text) or "error-use-buttons"
        await self.ask(c, key, error=DomainError(error), new=True)

    async def _picked(self, c: FormCtx, value: str, org: bool) -> None:
        """A button with a value: an organisation on a search step, a choice elsewhere."""
        key = await self._enter(c)
        if key is None:
            return
        step = self.by_key[key]
        if step.pick is None or org != (step.kind is Kind.SEARCH):
            await self._stale(c, key)
            return
        await self._run(c, key, lambda: step.pick(c, value))  # type: ignore[misc]

    async def _run(self, c: FormCtx, key: str, hook: Callable[[], Awaitable[Any]]) -> None:
        """Run an answer's hook: a refusal is shown above the same step, else go on."""
        try:
            outcome = await hook()
        except DomainError as err:
            await ack(c.event, error_plain(c.i18n, err), alert=True)
            await self.ask(c, key, error=err)
            return
        await ack(c.event)
        if outcome is Next.STAY:
            await self.ask(c, key)
        elif isinstance(outcome, str) and outcome in self.by_key:
            await self.ask(c, outcome)
        else:
            await self.advance(c, key)

    async def _on_choice(self, query: CallbackQuery, callback_data: Any, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                         **kwargs: Any) -> None:
        await self._picked(self._ctx(query, state, i18n, uow, actor, kwargs),
                           callback_data.value, org=False)

    async def _on_org(self, query: CallbackQuery, callback_data: Any, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        await self._picked(self._ctx(query, state, i18n, uow, actor, kwargs),
                           str(callback_data.org_id), org=True)

    async def _on_page(self, query: CallbackQuery, callback_data: PageCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        c = self._ctx(query, state, i18n, uow, actor, kwargs)
        key = await self._enter(c)
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
        key = await self._enter(c)
        if key is not None:
            await self._action(c, key, callback_data.action, "")

    async def _on_step(self, query: CallbackQuery, callback_data: Any, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, **kwargs: Any) -> None:
        """A button naming its step (``step_cb``): «Отмена» works from any step, any other
        button only on its own."""
        c = self._ctx(query, state, i18n, uow, actor, kwargs)
        key = await self._enter(c)
        if key is None:
            return
        action = callback_data.action
        if action != "cancel" and callback_data.step != key:
            await self._stale(c, key)
            return
        step = self.by_key[key]
        if action == "pick" and step.pick is not None and step.kind is not Kind.SEARCH:
            await self._run(c, key, lambda: step.pick(c, callback_data.value))  # type: ignore[misc]
            return
        await self._action(c, key, action, callback_data.value)

    async def _action(self, c: FormCtx, key: str, action: str, value: str) -> None:
        step = self.by_key[key]
        hook: Hook | None = None
        if action in ("cancel", "back", "reset") or (action == "confirm"
                                                     and step.kind is Kind.CONFIRM):
            await self._navigate(c, key, action)
            return
        if action == "keep" and step.has_value is not None and step.has_value(c):
            hook = _nothing
        elif action == "done" and (step.kind is Kind.MULTI or step.done is not None):
            hook = step.done or _nothing
        elif action == "skip" and step.skip is not None:
            hook = step.skip
        elif step.act is not None and action not in ("keep", "done", "skip", "confirm"):
            act = step.act
            await self._run(c, key, lambda: act(c, action, value))
            return
        if hook is None:
            await self._stale(c, key)
            return
        await self._run(c, key, lambda: hook(c))  # type: ignore[misc]

    async def _navigate(self, c: FormCtx, key: str, action: str) -> None:
        if action == "confirm":
            await self.finish(c)
            return
        if action == "reset" and self.by_key[key].kind is not Kind.SEARCH:
            await self._stale(c, key)
            return
        await ack(c.event)
        if action == "cancel":
            await self.on_cancel(c)
        elif action == "back":
            await self.back(c, key)
        else:  # reset the search
            await c.update(query=None, page=0)
            await self.ask(c, key)

    async def finish(self, c: FormCtx) -> None:
        await c.load()
        await self.on_finish(c)


async def _nothing(c: FormCtx) -> None:
    return None


# ---- drawing a step: the pieces every form uses -----------------------------------------------


def nav_rows(i18n: I18nContext, back: bool, keep: bool = False, skip: str | None = None,
             pack: Callable[[str], str] | None = None) -> list[list[InlineKeyboardButton]]:
    """«Оставить как есть» when a value is there, the step's skip button, «Назад» «Отмена»;
    ``pack`` (``FormCtx.pack``) makes them buttons of the step (a form with ``step_cb``)."""
    if pack is None:
        def pack(action: str) -> str:
            return NavCb(action=action).pack()
    rows = []
    if keep:
        rows.append([kb.button(i18n.get("btn-keep"), pack("keep"))])
    if skip:
        rows.append([kb.button(i18n.get(skip), pack("skip"))])
    last = [kb.button(i18n.get("btn-back"), pack("back"))] if back else []
    rows.append([*last, kb.button(i18n.get("btn-cancel"), pack("cancel"))])
    return rows


def text_view(i18n: I18nContext, prompt: str, current: str | None, back: bool,
              keep: bool | None = None, skip: str | None = None,
              above: Iterable[list[InlineKeyboardButton]] = (),
              pack: Callable[[str], str] | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """A typed step: the prompt, «Сейчас: …» and «Оставить» when a value is there."""
    if current:
        prompt += "\n" + i18n.get("ask-current", value=current)
    keep = bool(current) if keep is None else keep
    rows = [*above, *nav_rows(i18n, back, keep=keep, skip=skip, pack=pack)]
    return prompt, InlineKeyboardMarkup(inline_keyboard=rows)


async def org_view(c: FormCtx, prompt: str, result: OrgPage, back: bool, *,
                   empty: str | None = None, extra: Sequence[InlineKeyboardButton] = (),
                   top: Sequence[InlineKeyboardButton] = (), marked: Collection[int] | None = None,
                   hint: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """A SEARCH step over organisations, the one every form draws: the prompt, «Поиск «…»:
    найдено N» (or the step's ``hint`` before anything is typed), what to do when nothing is
    there (``empty``: the list itself is empty) and a page of them — picks with the form's
    ``org_cb`` (``marked``: a multi-select with ✅), paging, «Сбросить поиск», the step's ``top``
    and ``extra`` buttons, «Назад» «Отмена». The page shown is kept (a page past the end shows
    the last one)."""
    query = c.query
    if query:
        prompt += "\n" + c.i18n.get("search-results", query=esc(query), count=result.total)
    elif hint:
        prompt += "\n" + c.i18n.get(hint)
    if not result.items and (query or empty):
        prompt += "\n" + c.i18n.get("search-nothing" if query else empty)
    await c.update(page=result.page)
    return prompt, kb.org_page(c.i18n, result.items, result.page, result.total, query, extra,
                               back, pick=c.pick_org, marked=marked, top=top)
