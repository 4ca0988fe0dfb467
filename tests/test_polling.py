"""`python -m bot` end to end: migrations, setMyCommands and long polling against a local
Bot API–compatible server given by TELEGRAM_API_URL (no network beyond 127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.runner import run
from bot.settings import Settings
from tests.harness import BOT_ID, BOT_TOKEN


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[dict[str, Any]] = []
        #: later getUpdates answers, one list each (after ``updates``)
        self.batches: list[list[dict[str, Any]]] = []
        self.got_reply = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        data: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        self.calls.append((method, data))
        result: Any = True
        if method == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "Маршрут",
                      "username": "marshrut_test_bot"}
        elif method == "getUpdates":
            if self.updates or self.batches:
                result = self.updates or self.batches.pop(0)
                self.updates = []
            else:
                await asyncio.sleep(0.05)
                result = []
        elif method == "sendMessage":
            result = {"message_id": len(self.calls), "date": 0,
                      "chat": {"id": int(data["chat_id"]), "type": "private"},
                      "text": data.get("text", "")}
            self.got_reply.set()
        return web.json_response({"ok": True, "result": result})


def start_update(update_id: int, text: str = "/start") -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {"message_id": update_id, "date": 0, "text": text,
                    "chat": {"id": 777, "type": "private"},
                    "from": {"id": 777, "is_bot": False, "first_name": "Анна",
                             "language_code": "ru"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]},
    }


@contextlib.asynccontextmanager
async def polling(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[None]:
    """``bot.runner.run`` long-polling ``api`` on loopback, stopped on leaving."""
    app = web.Application()
    app.router.add_post(f"/bot{BOT_TOKEN}/{{method}}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite'}",
        TELEGRAM_API_URL=f"http://127.0.0.1:{port}",
    )
    task = asyncio.create_task(run(settings))
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await runner.cleanup()


async def test_run_polls_a_bot_api_server_from_settings(tmp_path: Path) -> None:
    api = FakeBotApi()
    api.updates.append(start_update(1))
    async with polling(api, tmp_path):
        await asyncio.wait_for(api.got_reply.wait(), timeout=120)  # a cold start under load
    methods = [m for m, _ in api.calls]
    assert "setMyCommands" in methods and "getUpdates" in methods
    reply = next(d for m, d in api.calls if m == "sendMessage")
    assert "152-ФЗ" in reply["text"]
    markup = json.loads(reply["reply_markup"])
    assert markup["inline_keyboard"][0][0]["callback_data"] == "c:yes"


async def test_an_update_fetched_again_is_answered_once(tmp_path: Path) -> None:
    # a process that stopped before confirming its offset leaves the update to be fetched
    # again (by itself after a restart, or by the next process)
    api = FakeBotApi()
    api.updates.append(start_update(1))
    api.batches.append([start_update(1), start_update(2, "/help")])

    def replies() -> int:
        return sum(1 for m, _ in api.calls if m == "sendMessage")

    async with polling(api, tmp_path):
        async def two() -> None:
            while replies() < 2 or api.batches:
                await asyncio.sleep(0.02)

        await asyncio.wait_for(two(), timeout=120)
        await asyncio.sleep(0.5)  # time for a third answer, if there were one
    assert replies() == 2  # update 1 once, update 2 once
