"""A fake MAX Bot API server on loopback (aiohttp), written from dev.max.ru's reference, and a
MAX user who talks to the bot through it.

It is strict where MAX is: the token in the ``Authorization`` header (never in the query),
``POST /messages`` with ``user_id`` or ``chat_id``, a text of at most 4 000 characters, the
HTML tags MAX knows (stricter than MAX, which drops unknown tags silently: here they are an
error, so a Telegram tag that slipped through the adapter shows), inline keyboards of at most
30 rows × 7 and 210 buttons with well-formed buttons, 30 requests per second (429
``too.many.requests``) and two callback answers a second per dialog. Every rejected call is
kept in ``rejected``: a test asserts it stays empty.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.clock import TEST_CLOCK

TOKEN = "max-test-token-0123456789abcdef"
BOT_USER_ID = 9_000_001
BOT_NICK = "marshrut_max_bot"
TEXT_LIMIT, ROWS, ROW_WIDTH, BUTTONS = 4000, 30, 7, 210
RPS, ANSWERS_PER_SECOND = 30, 2
TAGS = {"b", "strong", "i", "em", "del", "s", "ins", "u", "a", "pre", "code", "mark", "h1"}
BUTTON_TYPES = {"callback", "link", "message", "request_contact", "request_geo_location",
                "open_app", "chat"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")


class Reject(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Shown:
    """A message as the MAX user's phone shows it (edits applied)."""

    mid: str
    user_id: int
    text: str
    attachments: list[dict[str, Any]]
    format: str | None = None

    def buttons(self) -> list[tuple[str, str]]:
        out = []
        for a in self.attachments:
            if a.get("type") == "inline_keyboard":
                for row in a["payload"]["buttons"]:
                    for b in row:
                        out.append((b["text"], b.get("payload") or b.get("url") or ""))
        return out

    def files(self) -> list[dict[str, Any]]:
        return [a for a in self.attachments if a.get("type") in ("file", "image")]

    @property
    def visible(self) -> str:
        return html.unescape(_TAG.sub("", self.text))


@dataclass
class FakeMax:
    calls: list[tuple[str, str, dict[str, str], Any]] = field(default_factory=list)
    rejected: list[tuple[str, str, str]] = field(default_factory=list)
    messages: dict[int, list[Shown]] = field(default_factory=lambda: defaultdict(list))
    callbacks: dict[str, int] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    subscriptions: list[dict[str, Any]] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    #: set by a test: the upload server refuses files with this (status, code)
    refuse_uploads: tuple[int, str] | None = None
    url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _times: deque[float] = field(default_factory=lambda: deque())
    _answers: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _runner: Any = None

    # ---- the server -------------------------------------------------------------------

    async def start(self) -> FakeMax:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        try:
            if path.startswith("/upload/"):
                return await self._upload(request, path)
            if path.startswith("/files/"):
                data = self.files.get(path.removeprefix("/files/"))
                if data is None:
                    raise Reject(404, "not.found", "no such file")
                return web.Response(body=data)
            if "access_token" in request.query:
                raise Reject(401, "verify.token", "the token goes in the Authorization header")
            if request.headers.get("Authorization") != TOKEN:
                raise Reject(401, "verify.token", "Invalid access_token")
            self._pace()
            body: Any = None
            if request.can_read_body:
                try:
                    body = json.loads(await request.text())
                except ValueError:
                    raise Reject(400, "proto.payload", "malformed JSON") from None
            query = dict(request.query)
            self.calls.append((request.method, path, query, body))
            return web.json_response(await self._route(request.method, path, query, body))
        except Reject as r:
            self.rejected.append((request.method, path, f"{r.code}: {r.message}"))
            return web.json_response({"code": r.code, "message": r.message}, status=r.status)

    def _pace(self) -> None:
        now = time.monotonic()
        while self._times and now - self._times[0] >= 1.0:
            self._times.popleft()
        if len(self._times) >= RPS:
            raise Reject(429, "too.many.requests", "more than 30 requests per second")
        self._times.append(now)

    async def _route(self, verb: str, path: str, q: dict[str, str], body: Any) -> Any:
        if (verb, path) == ("GET", "/me"):
            return {"user_id": BOT_USER_ID, "first_name": "Маршрут", "username": BOT_NICK,
                    "is_bot": True, "last_activity_time": _ms()}
        if (verb, path) == ("PATCH", "/me"):
            commands = _obj(body).get("commands")
            if not isinstance(commands, list) or not all(
                    isinstance(c, dict) and c.get("name") for c in commands):
                raise Reject(400, "proto.payload", "commands: a list of {name, description}")
            self.commands = commands
            return {"user_id": BOT_USER_ID, "first_name": "Маршрут", "is_bot": True}
        if (verb, path) == ("POST", "/messages"):
            return self._send(q, _obj(body))
        if (verb, path) == ("PUT", "/messages"):
            return self._edit(q, _obj(body))
        if (verb, path) == ("DELETE", "/messages"):
            shown = self._find(q.get("message_id"))
            self.messages[shown.user_id].remove(shown)
            return {"success": True}
        if (verb, path) == ("POST", "/answers"):
            return self._answer(q, _obj(body))
        if (verb, path) == ("POST", "/uploads"):
            if q.get("type") not in ("image", "video", "audio", "file"):
                raise Reject(400, "proto.payload", "type: image, video, audio or file")
            n = next(self._ids)
            return {"url": f"{self.url}/upload/{q['type']}-{n}"}
        if (verb, path) == ("GET", "/updates"):
            marker = int(q.get("marker", 0))
            # long polling, as MAX does it: nothing new → the request is held (up to its
            # timeout; a quarter of a second here, to keep the tests quick)
            deadline = time.monotonic() + min(float(q.get("timeout", 0)), 0.25)
            while len(self.updates) <= marker and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            batch = self.updates[marker:marker + int(q.get("limit", 100))]
            return {"updates": batch, "marker": marker + len(batch)}
        if (verb, path) == ("POST", "/subscriptions"):
            b = _obj(body)
            if not str(b.get("url", "")).startswith("https://"):
                raise Reject(400, "proto.payload", "url must be https")
            self.subscriptions.append(b)
            return {"success": True}
        if verb == "POST" and re.fullmatch(r"/chats/-?\d+/actions", path):
            if _obj(body).get("action") not in ("typing_on", "sending_photo", "sending_video",
                                                "sending_audio", "sending_file", "mark_seen"):
                raise Reject(400, "proto.payload", "unknown action")
            return {"success": True}
        raise Reject(404, "not.found", f"{verb} {path}")

    # ---- methods ----------------------------------------------------------------------

    def _check_body(self, body: dict[str, Any], *, edit: bool = False) -> None:
        unknown = set(body) - {"text", "attachments", "link", "notify", "format"}
        if unknown:
            raise Reject(400, "proto.payload", f"unknown fields {sorted(unknown)}")
        text = body.get("text")
        fmt = body.get("format")
        if fmt not in (None, "markdown", "html"):
            raise Reject(400, "proto.payload", "format: markdown or html")
        if text is not None:
            if not isinstance(text, str):
                raise Reject(400, "proto.payload", "text must be a string")
            visible = text
            if fmt == "html":
                visible = _check_html(text)
            if len(visible) > TEXT_LIMIT:
                raise Reject(400, "proto.payload", "text: at most 4000 characters")
        attachments = body.get("attachments")
        if attachments is not None:
            if not isinstance(attachments, list):
                raise Reject(400, "proto.payload", "attachments must be a list")
            for a in attachments:
                _check_attachment(a, self.files)
        if not edit and not text and not attachments:
            raise Reject(400, "proto.payload", "a message needs a text or an attachment")

    def _send(self, q: dict[str, str], body: dict[str, Any]) -> Any:
        if ("user_id" in q) == ("chat_id" in q):
            raise Reject(400, "proto.payload", "exactly one of user_id and chat_id")
        self._check_body(body)
        user = int(q.get("user_id") or q["chat_id"])
        shown = Shown(f"mid.{next(self._ids):016x}", user, body.get("text") or "",
                      list(body.get("attachments") or []), body.get("format"))
        self.messages[user].append(shown)
        return {"message": self._raw(shown)}

    def _raw(self, shown: Shown) -> dict[str, Any]:
        return {"sender": {"user_id": BOT_USER_ID, "first_name": "Маршрут", "is_bot": True},
                "recipient": {"chat_id": dialog(shown.user_id), "chat_type": "dialog",
                              "user_id": shown.user_id},
                "timestamp": _ms(),
                "body": {"mid": shown.mid, "seq": 1, "text": shown.text,
                         "attachments": shown.attachments}}

    def _find(self, mid: str | None) -> Shown:
        for shown_list in self.messages.values():
            for shown in shown_list:
                if shown.mid == mid:
                    return shown
        raise Reject(404, "not.found", f"message {mid} not found")

    def _edit(self, q: dict[str, str], body: dict[str, Any]) -> Any:
        shown = self._find(q.get("message_id"))
        self._check_body(body, edit=True)
        if "text" in body:
            shown.text, shown.format = body["text"] or "", body.get("format")
        if "attachments" in body:
            shown.attachments = list(body["attachments"] or [])
        self.messages[shown.user_id].remove(shown)
        self.messages[shown.user_id].append(shown)
        return {"success": True}

    def _answer(self, q: dict[str, str], body: dict[str, Any]) -> Any:
        user = self.callbacks.get(q.get("callback_id", ""))
        if user is None:
            raise Reject(400, "proto.payload", "unknown callback_id")
        if not body.get("notification") and not body.get("message"):
            raise Reject(400, "proto.payload", "an answer needs a message or a notification")
        if body.get("message") is not None:
            self._check_body(_obj(body["message"]), edit=True)
        now = time.monotonic()
        times = self._answers[user]
        while times and now - times[0] >= 1.0:
            times.popleft()
        if len(times) >= ANSWERS_PER_SECOND:
            raise Reject(429, "too.many.requests", "two answers per second per dialog")
        times.append(now)
        return {"success": True}

    async def _upload(self, request: web.Request, path: str) -> web.Response:
        post = await request.post()
        data = post.get("data")
        if data is None or not hasattr(data, "file"):
            self.rejected.append(("POST", path, "upload: no 'data' file"))
            return web.json_response({"code": "proto.payload", "message": "no file"},
                                     status=400)
        content = data.file.read()
        if self.refuse_uploads is not None:
            status, code = self.refuse_uploads
            self.rejected.append(("POST", path, f"{code}: refused by the test"))
            return web.json_response({"code": code, "message": "refused"}, status=status)
        token = f"tok{next(self._ids)}"
        self.files[token] = content
        if path.startswith("/upload/image"):
            return web.json_response({"photos": {"p1": {"token": token}}})
        return web.json_response({"token": token, "fileId": next(self._ids)})

    # ---- what the user saw ------------------------------------------------------------

    def last(self, user_id: int) -> Shown:
        assert self.messages[user_id], f"the bot sent nothing to {user_id}"
        return self.messages[user_id][-1]

    def of(self, verb: str, path: str) -> list[tuple[str, str, dict[str, str], Any]]:
        return [c for c in self.calls if c[0] == verb and c[1] == path]


def dialog(user_id: int) -> int:
    return 10_000_000_000 + user_id


def _ms() -> int:
    return int(TEST_CLOCK.now().timestamp() * 1000)


def _obj(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Reject(400, "proto.payload", "a JSON object expected")
    return body


def _check_html(text: str) -> str:
    stack: list[str] = []
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        if name not in TAGS:
            raise Reject(400, "proto.payload", f"unsupported tag <{name}>")
        if closing:
            if not stack or stack.pop() != name:
                raise Reject(400, "proto.payload", f"unbalanced </{name}>")
        else:
            stack.append(name)
    if stack:
        raise Reject(400, "proto.payload", f"unclosed <{stack[-1]}>")
    return html.unescape(_TAG.sub("", text))


def _check_attachment(a: Any, files: dict[str, bytes]) -> None:
    if not isinstance(a, dict) or "type" not in a or not isinstance(a.get("payload"), dict):
        raise Reject(400, "proto.payload", "an attachment is {type, payload}")
    kind, payload = a["type"], a["payload"]
    if kind in ("file", "image"):
        token = payload.get("token")
        if not token and not payload.get("url"):
            raise Reject(400, "proto.payload", "a file needs a token")
        if token and token not in files:
            raise Reject(400, "attachment.invalid", f"unknown token {token}")
        return
    if kind != "inline_keyboard":
        raise Reject(400, "proto.payload", f"unsupported attachment {kind}")
    rows = payload.get("buttons")
    if not isinstance(rows, list) or not rows:
        raise Reject(400, "proto.payload", "buttons: a list of rows")
    if len(rows) > ROWS:
        raise Reject(400, "proto.payload", "at most 30 rows")
    total = 0
    for row in rows:
        if not isinstance(row, list) or not row or len(row) > ROW_WIDTH:
            raise Reject(400, "proto.payload", "a row has 1-7 buttons")
        total += len(row)
        for b in row:
            if not isinstance(b, dict) or b.get("type") not in BUTTON_TYPES:
                raise Reject(400, "proto.payload", "unknown button type")
            text = b.get("text")
            if not isinstance(text, str) or not text or len(text) > 128:
                raise Reject(400, "proto.payload", "button text: 1-128 characters")
            if b["type"] == "callback":
                p = b.get("payload")
                if not isinstance(p, str) or not p or len(p) > 1024:
                    raise Reject(400, "proto.payload", "callback payload: 1-1024 characters")
            if b["type"] == "link" and not re.match(r"^https?://", str(b.get("url", ""))):
                raise Reject(400, "proto.payload", "link url must be http(s)")
    if total > BUTTONS:
        raise Reject(400, "proto.payload", "at most 210 buttons")
