"""`python -m bot` end to end: migrations, setMyCommands and long polling against a local
Bot API–compatible server given by TELEGRAM_API_URL (no network beyond 127.0.0.1)."""

from __future__ import annotations

import asyncio
import json
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
            if self.updates:
                result, self.updates = self.updates, []
            else:
                await asyncio.sleep(0.05)
                result = []
        elif method == "sendMessage":
            result = {"message_id": len(self.calls), "date": 0,
                      "chat": {"id": int(data["chat_id"]), "type": "private"},
                      "text": data.get("text", "")}
            self.got_reply.set()
        return web.json_response({"ok": True, "result": result})


async def test_run_polls_a_bot_api_server_from_settings(tmp_path: Path) -> None:
    api = FakeBotApi()
    api.updates.append({
        "update_id": 1,
        "message": {"message_id": 1, "date": 0, "text": "/start",
                    "chat": {"id": 777, "type": "private"},
                    "from": {"id": 777, "is_bot": False, "first_name": "Анна",
                             "language_code": "ru"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}]},
    })
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
        await asyncio.wait_for(api.got_reply.wait(), timeout=120)  # a cold start under load
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await runner.cleanup()
    methods = [m for m, _ in api.calls]
    assert "setMyCommands" in methods and "getUpdates" in methods
    reply = next(d for m, d in api.calls if m == "sendMessage")
    assert "152-ФЗ" in reply["text"]
    markup = json.loads(reply["reply_markup"])
    assert markup["inline_keyboard"][0][0]["callback_data"] == "c:yes"
