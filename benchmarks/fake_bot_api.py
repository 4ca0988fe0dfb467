"""A fake Bot API over real HTTP on localhost, for senders running in other processes.

It records every ``sendMessage`` it accepted (chat, text, arrival time) and can:

* refuse requests above a rate with ``429 Too Many Requests`` (``retry_after``), as Telegram
  does: a token bucket refilled at ``rate`` per second that holds at most ``burst`` tokens
  (a little tolerance for the jitter of a request's way through the event loops);
* answer after ``latency`` seconds, so that a sender killed at a random moment is often in
  the middle of a request;
* never answer in time (``hang``), to test a sender's timeout.

A sender reaches it with ``TelegramAPIServer.from_base(api.url)``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass(slots=True)
class Received:
    chat_id: int
    text: str
    at: float  # time.time() on arrival


@dataclass(slots=True)
class Call:
    """Any Bot API request (the webhook workers' test records them all)."""

    method: str  # lower case: sendmessage, editmessagetext, answercallbackquery, …
    chat_id: int | None
    text: str
    callback_query_id: str | None
    at: float


@dataclass
class FakeBotAPI:
    rate: float | None = None
    burst: float = 2.0
    latency: float = 0.0
    hang: float = 0.0
    received: list[Received] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)  # every request but getMe
    refused: int = 0  # 429 answers
    url: str = ""
    _runner: web.AppRunner | None = None
    _tokens: float = 0.0
    _refilled: float = 0.0
    _ids: Any = field(default_factory=lambda: itertools.count(1000))

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._tokens, self._refilled = self.burst, time.monotonic()
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _allowed(self) -> bool:
        if self.rate is None:
            return True
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._refilled) * self.rate)
        self._refilled = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        form = await request.post()
        if method == "getme":
            return _ok({"id": 4242, "is_bot": True, "first_name": "Маршрут",
                        "username": "marshrut_test_bot"})
        arrived = time.time()
        chat = str(form.get("chat_id", "") or "")
        self.calls.append(Call(method, int(chat) if chat.lstrip("-").isdigit() else None,
                               str(form.get("text", "") or ""),
                               str(form["callback_query_id"]) if "callback_query_id" in form
                               else None, arrived))
        if method == "editmessagetext" and chat:
            return _ok({"message_id": int(str(form.get("message_id", 1))), "date": int(arrived),
                        "chat": {"id": int(chat), "type": "private"},
                        "text": str(form.get("text", ""))})
        if method != "sendmessage":
            return _ok(True)
        if not self._allowed():
            self.refused += 1
            return web.json_response(
                {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                 "parameters": {"retry_after": 1}}, status=429,
            )
        chat_id, text = int(str(form["chat_id"])), str(form["text"])
        self.received.append(Received(chat_id, text, arrived))
        if self.hang:
            await asyncio.sleep(self.hang)
        elif self.latency:
            await asyncio.sleep(self.latency)
        return _ok({"message_id": next(self._ids), "date": int(arrived),
                    "chat": {"id": chat_id, "type": "private"}, "text": text})

    # ---- figures ------------------------------------------------------------------------

    def texts(self) -> list[str]:
        return [r.text for r in self.received]

    def rate_achieved(self) -> float:
        """Messages per second from the first to the last one accepted."""
        if len(self.received) < 2:
            return 0.0
        times = sorted(r.at for r in self.received)
        return (len(times) - 1) / (times[-1] - times[0])

    def busiest_second(self) -> int:
        """The most messages accepted within any one-second window."""
        times = sorted(r.at for r in self.received)
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best


def _ok(result: Any) -> web.Response:
    return web.Response(text=json.dumps({"ok": True, "result": result}),
                        content_type="application/json")
