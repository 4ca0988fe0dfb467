"""The form engine's pieces for forms kept outside the conversation (the course forms): answers
in a store of the form's own (``Form.answers``), steps computed from them (one per ticked
group), buttons naming their step (``Form.step_cb``), a sub-step outside the order, a file
step, a change from the summary card that returns to it, a draft that disappeared."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

import bot.app
from domain import profile as rules
from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step, nav_rows, text_view
from handlers.routing import Routes
from handlers.views import show
from tests.harness import Person


class TStepCb(CallbackData, prefix="tsc"):
    step: str
    action: str
    value: str = ""


GROUPS = ("a", "b", "c")
STORE: dict[int, dict[str, Any]] = {}  # the form's own store (a draft row, for the engine)
FINISHED: list[dict[str, Any]] = []


def _uid(c: FormCtx) -> int:
    return c.event.from_user.id  # type: ignore[union-attr]


async def answers(c: FormCtx) -> dict[str, Any] | None:
    found = STORE.get(_uid(c))
    return None if found is None else dict(found)


def _put(c: FormCtx, **values: Any) -> None:
    STORE[_uid(c)].update(values)


def _markup(c: FormCtx, rows: list[list[Any]], back: bool) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, *nav_rows(c.i18n, back, pack=c.pack)])


async def title_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return text_view(c.i18n, "TITLE?", c.answers.get("title"), back, pack=c.pack)


async def got_title(c: FormCtx, text: str) -> None:
    _put(c, title=rules.validate_full_name(text))


async def groups_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    ticked = c.answers.get("groups") or []
    rows = [[kb.button(("✅ " if g in ticked else "") + "group " + g, c.pack("tog", g))]
            for g in GROUPS]
    rows.append([kb.button(c.i18n.get("btn-done"), c.pack("done"))])
    return "GROUPS?", _markup(c, rows, back)


async def toggle(c: FormCtx, action: str, value: str) -> Next:
    if action != "tog" or value not in GROUPS:
        raise DomainError("error-use-buttons")
    ticked = set(c.answers.get("groups") or []) ^ {value}
    _put(c, groups=[g for g in GROUPS if g in ticked])
    return Next.STAY


async def groups_done(c: FormCtx) -> None:
    if not c.answers.get("groups"):
        raise DomainError("error-use-buttons")


def diff_step(group: str) -> Step:
    key = "diff_" + group

    async def view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
        return text_view(c.i18n, f"DIFFICULTY {group}?", c.answers.get(key), back, pack=c.pack)

    async def parse(c: FormCtx, text: str) -> None:
        _put(c, **{key: text})

    return Step(key, Kind.TEXT, view, parse=parse, has_value=lambda c: key in c.answers,
                when=lambda data: group in (data.get("groups") or []))


async def items_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    items = c.answers.get("items") or []
    rows = [[kb.button("ADD", c.pack("add"))], [kb.button("NO MORE", c.pack("none"))]]
    return "ITEMS: " + "; ".join(items), _markup(c, rows, back)


async def items_act(c: FormCtx, action: str, value: str) -> Next | str:
    if action == "add":
        return "item"
    if action == "none":
        _put(c, items=c.answers.get("items") or [])
        return Next.GO
    raise DomainError("error-stale-button")


async def item_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return "ITEM?", _markup(c, [], back)


async def got_item(c: FormCtx, text: str) -> None:
    _put(c, items=[*(c.answers.get("items") or []), text])


async def item_back(c: FormCtx) -> None:
    await FORM.ask(c, "items")


async def file_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return text_view(c.i18n, "FILE?", c.answers.get("file"), back, pack=c.pack)


async def got_file(c: FormCtx, message: Message) -> None:
    if message.document is None:
        raise DomainError("crs-error-file-type")
    _put(c, file=message.document.file_id)


async def confirm_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    text = "\n\n".join([*c.above, "SUMMARY " + str(sorted(c.answers.items()))])
    c.above = []  # the card shows the intro and the error itself
    rows = [[kb.button(c.i18n.get("btn-confirm"), c.pack("confirm"))]]
    return text, _markup(c, rows, back=False)


async def finish(c: FormCtx) -> None:
    FINISHED.append(dict(c.answers))
    await c.state.set_state(None)
    await show(c.event, "FINISHED")


async def cancel(c: FormCtx) -> None:
    await c.state.set_state(None)
    await show(c.event, "CANCELLED")


async def lost(c: FormCtx) -> None:
    await c.state.set_state(None)
    await show(c.event, "LOST", new=True)


def _has(key: str) -> Any:
    return lambda c: key in c.answers


FORM = Form(
    name="StoreForm",
    steps=[
        Step("title", Kind.TEXT, title_view, parse=got_title, has_value=_has("title")),
        Step("groups", Kind.MULTI, groups_view, act=toggle, done=groups_done,
             has_value=_has("groups")),
        *(diff_step(g) for g in GROUPS),
        Step("items", Kind.CHOICE, items_view, act=items_act, has_value=_has("items")),
        Step("item", Kind.TEXT, item_view, parse=got_item, anchor="items",
             then=lambda c: "items", on_back=item_back),
        Step("file", Kind.FILE, file_view, receive=got_file, has_value=_has("file")),
        Step("confirm", Kind.CONFIRM, confirm_view),
    ],
    on_finish=finish,
    on_cancel=cancel,
    on_lost=lost,
    answers=answers,
    plan=lambda data: [k for k in ("title", "groups", *("diff_" + g for g in GROUPS),
                                   "items", "file", "confirm")],
    step_cb=TStepCb,
    unexpected=lambda m: "fallback-unknown-command" if (m.text or "").startswith("/")
    else "crs-error-unexpected",
    file_expected="crs-error-file-expected",
    file_not_here="crs-error-file-not-here",
)
ROUTES = Routes("store-form")


def _ctx(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
         actor: Actor) -> FormCtx:
    return FormCtx(message, state, i18n, uow, actor)


@ROUTES.message(Command("tstart"))
async def start(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor) -> None:
    STORE[message.from_user.id] = {}  # type: ignore[union-attr]
    await state.set_data({})
    await FORM.ask(_ctx(message, state, i18n, uow, actor), "title")


@ROUTES.message(Command("tedit"))
async def start_edit(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor) -> None:
    """/tedit <field>: change one field of the stored draft from its summary card."""
    await state.set_data({})
    field = (message.text or "").split()[-1]
    await FORM.edit(_ctx(message, state, i18n, uow, actor), field, intro="EDITING")


@ROUTES.message(Command("tsummary"))
async def summary(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  actor: Actor) -> None:
    await state.set_data({})
    await FORM.ask(_ctx(message, state, i18n, uow, actor), "confirm", intro="RESUMED")


FORM.register(ROUTES)
USER = 557_001
FULL = {"title": "Иванова Мария", "groups": ["b"], "diff_b": "нет", "items": [],
        "file": "F-1"}


@pytest.fixture
async def form_app(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    real = bot.app.setup_routers

    def with_test_form(parent: Router | None = None) -> Router:
        assert parent is not None
        parent.include_router(ROUTES.build())  # in front of the features'
        return real(parent)

    monkeypatch.setattr(bot.app, "setup_routers", with_test_form)
    FINISHED.clear()
    STORE.clear()
    return make_app


async def test_steps_from_the_answers_a_sub_step_and_a_file(form_app: Any) -> None:
    p = Person(await form_app(), USER)
    await p.send("/tstart")
    assert "Шаг 1 из 4" in p.last.text and "TITLE?" in p.last.text
    await p.send("Иванова Мария")
    assert "Шаг 2 из 4" in p.last.text
    await p.press("group a")
    await p.press("group c")
    assert "Шаг 2 из 6" in p.last.text  # one step per ticked group joins the count
    await p.press("Готово")
    assert "Шаг 3 из 6" in p.last.text and "DIFFICULTY a?" in p.last.text
    await p.send("дроби")
    assert "Шаг 4 из 6" in p.last.text and "DIFFICULTY c?" in p.last.text
    await p.send("графики")
    assert "Шаг 5 из 6" in p.last.text and "ITEMS" in p.last.text
    await p.press("ADD")
    assert "Шаг 5 из 6" in p.last.text and "ITEM?" in p.last.text  # counted as its anchor
    await p.send("лицей")
    assert "ITEMS: лицей" in p.last.text  # back to the list, not on to the next step
    await p.press("ADD")
    await p.press("Назад")  # leaves the sub-step: nothing added
    assert "ITEMS: лицей" in p.last.text and "Шаг 5 из 6" in p.last.text
    await p.press("NO MORE")
    assert "Шаг 6 из 6" in p.last.text and "FILE?" in p.last.text
    await p.send("вот файл")
    assert "фото или файл PDF" in p.last.text and "FILE?" in p.last.text
    await p.send_photo()
    assert "Подходят только PDF" in p.last.text and "FILE?" in p.last.text
    await p.send_document(file_id="DOC-9")
    assert "SUMMARY" in p.last.text and "Шаг" not in p.last.text
    await p.press("Всё верно")
    assert FINISHED == [{"title": "Иванова Мария", "groups": ["a", "c"], "diff_a": "дроби",
                         "diff_c": "графики", "items": ["лицей"], "file": "DOC-9"}]


async def test_buttons_name_their_step(form_app: Any) -> None:
    app = await form_app()
    p = Person(app, USER)
    await p.send("/tstart")
    await p.send("Иванова Мария")
    await p.press_data("tsc:title:keep:")  # a button of the step before
    assert "неактуальна" in p.last.text and "GROUPS?" in p.last.text
    await p.press_data("tsc:groups:tog:zzz")  # a forged value
    assert any("кнопкой" in a for a in p.alerts()) and "GROUPS?" in p.last.text
    await p.press_data("tsc:groups:done:")  # nothing ticked
    assert "GROUPS?" in p.last.text and STORE[USER] == {"title": "Иванова Мария"}
    await p.press_data("tsc:groups:keep:")  # nothing to keep
    assert "неактуальна" in p.last.text
    await p.send_document()
    assert "Файл здесь не нужен" in p.last.text and "GROUPS?" in p.last.text
    await p.send("/nonsense")
    assert "Такой команды нет" in p.last.text and "GROUPS?" in p.last.text
    await p.press("group b")
    second = await form_app()  # a restart: the step is in the FSM, the answers in the store
    p2 = Person(second, USER)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])
    await p2.press("Готово")
    assert "DIFFICULTY b?" in p2.last.text and "Шаг 3 из 5" in p2.last.text
    await p2.press_data("tsc:title:cancel:")  # «Отмена» works from any step's button
    assert p2.last.text == "CANCELLED" and STORE[USER]["groups"] == ["b"]


async def test_a_change_from_the_summary_returns_to_it(form_app: Any) -> None:
    p = Person(await form_app(), USER)
    STORE[USER] = dict(FULL)
    await p.send("/tedit title")
    assert "EDITING" in p.last.text and "Шаг 1 из 5" in p.last.text
    await p.send("Петрова Анна")
    assert "SUMMARY" in p.last.text and "Петрова Анна" in p.last.text
    assert "EDITING" not in p.last.text
    await p.send("/tedit groups")
    await p.press("group a")
    await p.press("Готово")  # a new group: its step has no answer yet, it is asked
    assert "DIFFICULTY a?" in p.last.text
    await p.send("дроби")
    assert "SUMMARY" in p.last.text
    await p.send("/tedit file")
    await p.press("Назад")  # back from a change: the summary
    assert "SUMMARY" in p.last.text
    await p.send("/tsummary")
    assert p.last.text.count("RESUMED") == 1  # the card shows the intro once, itself
    await p.press("Всё верно")
    assert FINISHED[-1]["diff_a"] == "дроби" and FINISHED[-1]["title"] == "Петрова Анна"


async def test_a_draft_gone_leaves_the_form(form_app: Any) -> None:
    app = await form_app()
    p = Person(app, USER)
    STORE[USER] = dict(FULL)
    await p.send("/tedit title")
    del STORE[USER]  # deleted elsewhere (another device)
    await p.send("Петрова Анна")
    assert p.last.text == "LOST"
    await p.press_data("tsc:title:keep:")  # the form was left: the engine does not answer
    assert p.texts.count("LOST") == 1 and "LOST" not in p.last.text
