"""The form engine (handlers/forms/engine.py) through the real Dispatcher, on a small form of
its own: order, a conditional step and the counter, skip, keep, back, cancel, a bad answer,
stale and forged buttons, a restart in the middle."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy import select

import bot.app
from domain import profile as rules
from domain.access import Actor
from domain.enums import Position, Subject
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step, text_view
from handlers.routing import Routes
from handlers.views import esc, show
from storage.models import FsmStateRow
from tests.harness import Person

FINISHED: list[dict[str, Any]] = []


def _draft(c: FormCtx) -> dict[str, Any]:
    return dict(c.data.get("draft") or {})


async def _put(c: FormCtx, **values: Any) -> None:
    await c.update(draft={**_draft(c), **values})


async def name_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    name = _draft(c).get("name")
    return text_view(c.i18n, c.i18n.get("ask-full-name"), esc(name) if name else None, back)


async def got_name(c: FormCtx, text: str) -> None:
    await _put(c, name=rules.validate_full_name(text))


async def position_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return c.i18n.get("ask-position"), kb.choices(
        c.i18n, "position", [p.value for p in Position][:4], [], back=back)


async def got_position(c: FormCtx, value: str) -> Next:
    await _put(c, position=rules.validate_position(value).value)
    return Next.GO


async def subjects_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    return c.i18n.get("ask-subjects"), kb.choices(
        c.i18n, "subject", [s.value for s in Subject][:4], _draft(c).get("subjects", []),
        done=True, back=back)


async def toggled(c: FormCtx, value: str) -> Next:
    await _put(c, subjects=rules.toggle(_draft(c).get("subjects", []), value, Subject))
    return Next.STAY


async def subjects_done(c: FormCtx) -> None:
    rules.require_subjects(_draft(c).get("subjects", []))


async def years_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    years = _draft(c).get("years")
    return text_view(c.i18n, c.i18n.get("ask-experience"),
                     None if years is None else str(years), back, skip="ev-btn-skip")


async def got_years(c: FormCtx, text: str) -> None:
    await _put(c, years=rules.validate_years(text))


async def skip_years(c: FormCtx) -> None:
    await _put(c, years=None)


async def confirm_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    markup = kb.choices(c.i18n, "position", [], [], back=back)
    markup.inline_keyboard.insert(0, [kb.button(c.i18n.get("btn-confirm"), "n:confirm")])
    return c.i18n.get("ask-confirm") + f" {_draft(c)}", markup


async def finish(c: FormCtx) -> None:
    FINISHED.append(_draft(c))
    await c.state.set_state(None)
    await c.state.set_data({})
    await show(c.event, "FINISHED " + str(_draft(c)))


async def cancel(c: FormCtx) -> None:
    await c.state.set_state(None)
    await show(c.event, "CANCELLED")


async def first_back(c: FormCtx) -> None:
    if c.data.get("mode") != "edit":  # the whole form: its first step again
        await FORM.ask(c, "name")
        return
    await c.state.set_state(None)
    await show(c.event, "LEFT THE EDIT")


def _teaches(data: dict[str, Any]) -> bool:
    return (data.get("draft") or {}).get("position") == Position.TEACHER.value


FORM = Form(
    name="TestForm",
    steps=[
        Step("name", Kind.TEXT, name_view, parse=got_name,
             has_value=lambda c: bool(_draft(c).get("name"))),
        Step("position", Kind.CHOICE, position_view, pick=got_position),
        Step("subjects", Kind.MULTI, subjects_view, pick=toggled, done=subjects_done,
             when=_teaches),
        Step("years", Kind.TEXT, years_view, parse=got_years, skip=skip_years,
             has_value=lambda c: _draft(c).get("years") is not None),
        Step("confirm", Kind.CONFIRM, confirm_view),
    ],
    on_finish=finish,
    on_cancel=cancel,
    on_first_back=first_back,
    plan=lambda data: ["years"] if data.get("mode") == "edit" else
    ["name", "position", "subjects", "years", "confirm"],
    counted=lambda data: data.get("mode") != "edit",
)
ROUTES = Routes("test-form")


@ROUTES.message(Command("testform"))
async def start(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor) -> None:
    await state.set_data({"draft": {}})
    await FORM.ask(FormCtx(message, state, i18n, uow, actor), "name")


@ROUTES.message(Command("testedit"))
async def start_edit(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor) -> None:
    await state.set_data({"mode": "edit", "draft": {"name": "Иванова Мария", "years": 3}})
    await FORM.ask(FormCtx(message, state, i18n, uow, actor), "years")


FORM.register(ROUTES)


@pytest.fixture
async def form_app(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The real app with the test form's router in front of the features'."""
    real = bot.app.setup_routers

    def with_test_form(parent: Router | None = None) -> Router:
        assert parent is not None
        parent.include_router(ROUTES.build())  # in front of the features'
        return real(parent)

    monkeypatch.setattr(bot.app, "setup_routers", with_test_form)
    FINISHED.clear()

    async def build() -> Any:
        return await make_app()

    return build


async def named(app: Any, user_id: int, name: str = "Иванова Мария") -> Person:
    """A person in the test form, the first step answered."""
    p = Person(app, user_id)
    await p.send("/testform")
    await p.send(name)
    return p


async def fsm_data(app: Any) -> tuple[str | None, dict[str, Any]]:
    async with app.sessions() as s:
        row = (await s.scalars(select(FsmStateRow))).one()
    return row.state, row.data


async def test_order_conditional_step_and_counter(form_app: Any) -> None:
    p = await named(await form_app(), 556_001, "Иванова Мария Петровна")
    # a step applies by the answers so far: the subjects step counts once a teacher is chosen
    assert "Шаг 1 из 3" in p.texts[-2]
    assert "Шаг 2 из 3" in p.last.text and "должность" in p.last.text
    await p.press("Директор")  # not a teacher: no subjects step
    assert "Шаг 3 из 3" in p.last.text and "стажа" in p.last.text
    await p.press("Назад")
    await p.press("Учитель", exact=True)  # a teacher: the subjects step applies
    assert "Шаг 3 из 4" in p.last.text and "предметы" in p.last.text
    await p.press("Математика")
    assert "Шаг 3 из 4" in p.last.text and "✅ Математика" in [b for b, _ in p.last.buttons()]
    await p.press("Готово")
    assert "Шаг 4 из 4" in p.last.text
    await p.send("12")
    assert "Шаг" not in p.last.text and "Проверьте" in p.last.text  # the summary is not counted
    await p.press("Всё верно")
    assert FINISHED == [{"name": "Иванова Мария Петровна", "position": "teacher",
                         "subjects": ["math"], "years": 12}]
    assert "FINISHED" in p.last.text


async def test_bad_answers_keep_the_step_and_the_data(form_app: Any) -> None:
    app = await form_app()
    p = Person(app, 556_002)
    await p.send("/testform")
    await p.send("Иванова 2 Мария")
    assert "не должно быть цифр" in p.last.text and "Шаг 1 из 3" in p.last.text
    assert await fsm_data(app) == ("TestForm:name", {"draft": {}})
    await p.send("Иванова Мария")
    await p.send("учитель")  # typed where a button is expected
    assert "кнопкой" in p.last.text and "Шаг 2 из 3" in p.last.text
    await p.press("Учитель", exact=True)
    await p.press("Готово")  # nothing ticked
    assert any("хотя бы один предмет" in a for a in p.alerts())
    assert "Шаг 3 из 4" in p.last.text
    await p.press("Информатика")
    await p.press("Готово")
    await p.send("двенадцать")
    assert "целое число" in p.last.text and "Шаг 4 из 4" in p.last.text
    state, data = await fsm_data(app)
    assert state == "TestForm:years"
    assert data["draft"] == {"name": "Иванова Мария", "position": "teacher",
                             "subjects": ["informatics"]}


async def test_skip_keep_back_and_cancel(form_app: Any) -> None:
    p = Person(await form_app(), 556_003)
    await p.send("/testform")
    labels = [b for b, _ in p.last.buttons()]
    assert "◀️ Назад" not in labels and not any("Назад" in b for b in labels)  # the first step
    await p.press_data("n:back")  # forged: back from the first step asks it again
    assert "Шаг 1 из 3" in p.last.text
    await p.send("Иванова Мария")
    await p.press("Назад")
    assert "Сейчас: <b>Иванова Мария</b>" in p.last.text
    await p.press("Оставить")  # keep the name
    assert "Шаг 2 из 3" in p.last.text
    await p.press("Директор")
    await p.press("Пропустить")
    assert "Проверьте" in p.last.text
    await p.press("Назад")
    assert "Шаг 3 из 3" in p.last.text and "Оставить" not in str(p.last.buttons())
    await p.press("Отмена")
    assert p.last.text == "CANCELLED"
    await p.press_data("n:confirm")  # the form is left: the engine does not answer
    assert FINISHED == []


async def test_edit_run_keep_and_back_leave(form_app: Any) -> None:
    p = Person(await form_app(), 556_004)
    await p.send("/testedit")
    assert "Шаг" not in p.last.text and "Сейчас: <b>3</b>" in p.last.text
    assert any("Назад" in b for b, _ in p.last.buttons())  # an edit can go back out
    await p.press("Оставить")
    assert FINISHED == [{"name": "Иванова Мария", "years": 3}]
    await p.send("/testedit")
    await p.press("Назад")
    assert p.last.text == "LEFT THE EDIT"


async def test_stale_and_forged_buttons(form_app: Any) -> None:
    p = await named(await form_app(), 556_005)
    await p.press_data("o:1")  # an organisation on a choice step
    assert "неактуальна" in p.last.text and "Шаг 2 из 3" in p.last.text
    await p.press_data("ch:astronaut")  # a forged choice value
    assert any("Такого варианта нет" in a for a in p.alerts()) and "Шаг 2 из 3" in p.last.text
    await p.press_data("n:keep")  # no value to keep on a choice step
    assert "неактуальна" in p.last.text and "Шаг 2 из 3" in p.last.text
    await p.press_data("p:3")  # paging on a step without pages
    assert "Шаг 2 из 3" in p.last.text


async def test_a_restart_continues_at_the_same_step(form_app: Any) -> None:
    p = await named(await form_app(), 556_006)
    await p.press("Учитель", exact=True)
    await p.press("Математика")
    second = await form_app()  # the process restarted: new Dispatcher, same database
    p2 = Person(second, 556_006)
    p2.tg.messages[p2.chat.id] = list(p.tg.messages[p.chat.id])
    await p2.press("Готово")  # the old message's button; the tick survived
    assert "Шаг 4 из 4" in p2.last.text
    await p2.send("/cancel")
    assert p2.last.text == "CANCELLED"
    state, data = await fsm_data(second)
    assert state is None and data["draft"]["subjects"] == ["math"]  # nothing lost
