"""The adapter's conversions and MAX's limits, against the fake MAX server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiohttp import web

from bot.max import convert
from bot.max.runner import SECRET_HEADER, add_webhook_route, poll
from tests.max.fake_max import BUTTONS, ROW_WIDTH, ROWS, FakeMax, dialog
from tests.max.user import MaxUser
from tests.support.delivery import deliver, start

USER = 790_001


def _kb(rows: int, width: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=f"{r}-{c}", callback_data=f"x:{r}:{c}") for c in range(width)]
        for r in range(rows)])


def test_keyboards_fit_maxs_grid() -> None:
    for rows, width in ((40, 1), (1, 300), (35, 7), (3, 9)):
        kb = convert.keyboard(_kb(rows, width))
        assert kb is not None and kb["type"] == "inline_keyboard"
        grid = kb["payload"]["buttons"]
        assert len(grid) <= ROWS and all(1 <= len(r) <= ROW_WIDTH for r in grid)
        assert sum(map(len, grid)) == min(rows * width, BUTTONS)
    link = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Сайт",
                                                                       url="https://x.ru")]])
    assert convert.keyboard(link)["payload"]["buttons"] == [  # type: ignore[index]
        [{"type": "link", "text": "Сайт", "url": "https://x.ru"}]]
    reply = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Да"), KeyboardButton(text="Нет")]])
    assert convert.keyboard(reply)["payload"]["buttons"] == [  # type: ignore[index]
        [{"type": "message", "text": "Да"}, {"type": "message", "text": "Нет"}]]


def test_telegram_html_becomes_maxs_subset() -> None:
    text = ('<blockquote>цитата</blockquote> <tg-spoiler>тайна</tg-spoiler> '
            '<span class="tg-spoiler">ещё</span> <b>жирный</b> <strong>и</strong> '
            '<a href="https://x.ru/?a=1&amp;b=2">ссылка</a> &lt;3')
    assert convert.to_max_html(text) == (
        'цитата тайна ещё <b>жирный</b> <b>и</b> '
        '<a href="https://x.ru/?a=1&amp;b=2">ссылка</a> &lt;3')


async def test_long_texts_and_big_keyboards_are_accepted(app, fake_max: FakeMax) -> None:
    bot = app.max_bot
    await bot.send_message(USER, "<b>" + "я&amp;" * 3000 + "</b>", reply_markup=_kb(40, 9))
    shown = fake_max.last(USER)
    assert len(shown.visible) <= 4000 and shown.visible.endswith("…")
    assert len(shown.buttons()) == BUTTONS
    await bot.send_message(USER, "просто текст", parse_mode=None)
    assert fake_max.last(USER).format is None
    assert fake_max.rejected == []


async def test_callback_answers_keep_two_a_second_per_dialog(app, fake_max: FakeMax) -> None:
    u = MaxUser(app, fake_max, USER)
    await app.max_bot.send_message(USER, "кнопка", reply_markup=_kb(1, 1))
    ids = []
    for _ in range(5):
        cb = f"burst{len(ids)}"
        fake_max.callbacks[cb] = USER
        app.max_bot.session.to_update({
            "update_type": "message_callback", "timestamp": 0,
            "callback": {"timestamp": 0, "callback_id": cb, "payload": "x:0:0",
                         "user": {"user_id": USER, "first_name": "М"}},
            "message": fake_max._raw(u.last)})
        ids.append(cb)
    started = asyncio.get_running_loop().time()
    await asyncio.gather(*(app.max_bot.answer_callback_query(i, text="ок") for i in ids))
    assert asyncio.get_running_loop().time() - started >= 2.0  # 5 answers: 3 windows
    assert len(fake_max.of("POST", "/answers")) == 5
    assert fake_max.rejected == []


async def test_long_polling_feeds_updates(app, fake_max: FakeMax) -> None:
    fake_max.updates.append({
        "update_type": "bot_started", "timestamp": 0, "chat_id": dialog(USER),
        "user": {"user_id": USER, "first_name": "Мария", "is_bot": False},
        "payload": None, "user_locale": "ru"})
    fake_max.updates.append({"update_type": "message_edited", "timestamp": 0, "message": {}})
    stop = asyncio.Event()
    task = asyncio.create_task(poll(app.dp, app.max_bot, timeout=0, stop=stop))
    for _ in range(100):
        if fake_max.messages[USER]:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert "Согласен" in str(fake_max.last(USER).buttons())
    assert app.max_bot.session.marker == 2
    assert fake_max.rejected == []


@contextlib.asynccontextmanager
async def max_hook(app: Any) -> AsyncIterator[tuple[str, set[asyncio.Task[Any]]]]:
    """MAX's webhook route on loopback: (its URL, the updates in progress)."""
    web_app = web.Application()
    tasks = add_webhook_route(web_app, app.dp, app.max_bot, "/max", "s3cret-value")
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/max", tasks
    finally:
        await runner.cleanup()


def max_start(mid: str) -> dict[str, Any]:
    return {"update_type": "message_created", "timestamp": 0, "user_locale": "ru",
            "message": {"sender": {"user_id": USER, "first_name": "Мария", "is_bot": False},
                        "recipient": {"chat_id": dialog(USER), "chat_type": "dialog"},
                        "timestamp": 0, "body": {"mid": mid, "seq": 1, "text": "/start"}}}


async def post_max(url: str, tasks: set[asyncio.Task[Any]], raw: dict[str, Any],
                   secret: str | None = "s3cret-value") -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with aiohttp.ClientSession() as http, http.post(url, json=raw,
                                                          headers=headers) as resp:
        status = resp.status
    if tasks:
        await asyncio.wait(list(tasks), timeout=10)
    return status


async def test_webhook_takes_updates_with_the_secret_only(app, fake_max: FakeMax) -> None:
    raw = max_start("mid.w1")
    async with max_hook(app) as (url, tasks):
        assert await post_max(url, tasks, raw, secret=None) == 401
        assert await post_max(url, tasks, raw, secret="wrong") == 401
        assert not fake_max.messages[USER]
        assert await post_max(url, tasks, raw) == 200
        assert "Согласен" in str(fake_max.last(USER).buttons())
    assert fake_max.rejected == []


async def test_max_updates_are_never_taken_for_telegram_repeats(make_app, fake_max: FakeMax
                                                                ) -> None:
    """MAX updates are numbered per process (1, 2, … again after a restart), so only
    Telegram's are remembered against a repeat delivery (bot/redelivery.py)."""
    app = await make_app()
    await deliver(app, start(1, 790_101))  # Telegram's update 1, remembered
    async with max_hook(app) as (url, tasks):
        assert await post_max(url, tasks, max_start("mid.r1")) == 200  # MAX's update 1
    assert len(fake_max.messages[USER]) == 1
    again = await make_app()  # a restart: MAX's numbering starts again
    async with max_hook(again) as (url, tasks):
        assert await post_max(url, tasks, max_start("mid.r2")) == 200  # update 1 again
    assert len(fake_max.messages[USER]) == 2
    assert fake_max.rejected == []
