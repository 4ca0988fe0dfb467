"""An aiogram session that speaks the MAX Bot API: the same handlers, a different messenger.

aiogram builds a Telegram method (``SendMessage``, ``EditMessageText``, …); this session turns
it into MAX's HTTP call (``POST /messages?user_id=…``, ``PUT /messages?message_id=…``, …) with
the token in the ``Authorization`` header, and turns the answer back into the aiogram object
the handler expects. MAX's errors become aiogram's exceptions (403 → forbidden, 429 → retry
after, 404/400 → bad request, 5xx → server error, network → network error with its cause), so
the outbox and the handlers' error paths work unchanged.

MAX's limits are kept here, for every caller at once (handlers, the outbox, broadcasts):
at most ``rps`` requests in any second (30, dev.max.ru), and at most two callback answers a
second per dialog (POST /answers); a caller over a limit waits its turn.

MAX message ids are strings ("mid.…"); aiogram's are integers: the session numbers the ids it
sees and keeps both directions for the process's lifetime (``MessageIds``). After a restart an
old message cannot be edited: the edit fails as "message to edit not found" and the handlers
send a new message instead (handlers.views.show).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import json
import logging
import ssl
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast

import certifi
from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteMyCommands,
    DeleteWebhook,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendChatAction,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
    SetWebhook,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, File, InputFile, Message, Update, User
from aiohttp import ClientError, FormData

import bot.max.convert as convert

log = logging.getLogger("marshrut.max")

DEFAULT_API = "https://platform-api2.max.ru"
Timer = Callable[[], float]
#: seconds added to MAX's windows (clock resolution; delays on the way are covered by
#: counting from the answer: ``Window``)
MARGIN = 0.02
#: a request MAX refused with 429 is tried again this many times, a second apart
RETRIES_429 = 2
Sleep = Callable[[float], Awaitable[Any]]
#: SendChatAction → MAX's POST /chats/{chatId}/actions
_ACTIONS = {"typing": "typing_on", "upload_photo": "sending_photo",
            "upload_document": "sending_file", "upload_video": "sending_video",
            "record_voice": "sending_audio", "upload_voice": "sending_audio"}


class Window:
    """At most ``count`` requests in any ``seconds``, as the server counts them.

    A request holds a slot from before it is sent (``take``) until ``seconds`` after its
    answer came (``give``): whenever the server counted it, that was before the answer, so two
    requests on one slot reach the server at least ``seconds`` apart, however long either was
    on its way. (Counting from when a request was let go, a stalled event loop or a slow
    connection could deliver the requests of one second together with the next second's.)"""

    def __init__(self, count: int, seconds: float, timer: Timer, sleep: Sleep) -> None:
        self.count, self.seconds = count, seconds
        self.timer, self.sleep = timer, sleep
        self.free_at: list[float] = []  # a heap: when the slots given back may be used again
        self.busy = 0  # slots of requests not answered yet
        self.lock = asyncio.Lock()
        self._given = asyncio.Event()

    async def take(self) -> None:
        async with self.lock:  # one waiter at a time, in order
            while True:
                now = self.timer()
                while self.free_at and self.free_at[0] <= now:
                    heapq.heappop(self.free_at)
                if self.busy + len(self.free_at) < self.count:
                    self.busy += 1
                    return
                if self.free_at:
                    await self.sleep(self.free_at[0] - now)
                else:  # every slot is in flight: the first answer frees one a while later
                    self._given.clear()
                    await self._given.wait()

    def give(self) -> None:
        self.busy -= 1
        heapq.heappush(self.free_at, self.timer() + self.seconds)
        self._given.set()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.take()
        try:
            yield
        finally:
            self.give()


class MessageIds:
    """MAX message ids (strings) ↔ aiogram's integers, the newest ``size`` kept."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self._numbers = itertools.count(1)
        self.by_mid: OrderedDict[str, int] = OrderedDict()
        self.by_number: dict[int, str] = {}

    def number(self, mid: str) -> int:
        found = self.by_mid.get(mid)
        if found is not None:
            self.by_mid.move_to_end(mid)
            return found
        n = next(self._numbers)
        self.by_mid[mid] = n
        self.by_number[n] = mid
        if len(self.by_mid) > self.size:
            old, old_n = self.by_mid.popitem(last=False)
            self.by_number.pop(old_n, None)
        return n

    def mid(self, number: int) -> str | None:
        return self.by_number.get(number)


class MaxApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class MaxSession(AiohttpSession):
    """aiogram's session for a MAX bot. ``ca_file``: an extra root certificate to trust (the
    Минцифры root CA, which MAX's servers use), besides certifi's."""

    channel = "max"

    def __init__(self, token: str, api_url: str = DEFAULT_API, *, rps: int = 30,
                 answers_per_second: int = 2, ca_file: str | None = None,
                 timer: Timer = time.monotonic, sleep: Sleep = asyncio.sleep,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_token = token
        self.base = api_url.rstrip("/")
        # aiogram downloads a file from api.file_url(token, file_path): the path is the URL
        self.api = TelegramAPIServer(base=self.base + "/{token}/{method}", file="{path}")
        if ca_file:
            context = ssl.create_default_context(cafile=certifi.where())
            context.load_verify_locations(cafile=ca_file)
            self._connector_init["ssl"] = context
        self.timer, self.sleep = timer, sleep
        self.rps = Window(rps, 1.0 + MARGIN, timer, sleep)
        self.answers_per_second = answers_per_second
        self._answers: dict[int, Window] = {}
        self.ids = MessageIds()
        self.files = convert.FileRegistry()
        self._update_ids = itertools.count(1)
        #: callback id → the user whose dialog it belongs to (the per-dialog answer limit)
        self._callbacks: OrderedDict[str, int] = OrderedDict()
        #: user id → their dialog's chat id (chat actions are sent to a chat)
        self._dialogs: dict[int, int] = {}
        self._groups: set[int] = set()
        self._me: User | None = None
        self.marker: int | None = None

    # ---- updates ----------------------------------------------------------------------

    def to_update(self, raw: dict[str, Any], bot_user: User | None = None) -> Update | None:
        """A MAX update → an aiogram Update (None: ignored); remembers what later calls need."""
        me = bot_user or self._me or User(id=0, is_bot=True, first_name="bot")
        update = convert.to_update(raw, next(self._update_ids), self.ids.number, self.files, me)
        if update is None:
            return None
        if update.callback_query is not None:
            self._callbacks[update.callback_query.id] = update.callback_query.from_user.id
            if len(self._callbacks) > 10_000:
                self._callbacks.popitem(last=False)
        message = raw.get("message") or {}
        recipient = message.get("recipient") or {}
        user = (message.get("sender") or {}).get("user_id") or (raw.get("user") or {}).get(
            "user_id")
        if recipient.get("chat_type") == "dialog" and user and recipient.get("chat_id"):
            sender_is_bot = (message.get("sender") or {}).get("is_bot")
            if not sender_is_bot:
                self._dialogs[int(user)] = int(recipient["chat_id"])
        elif recipient.get("chat_type") not in (None, "dialog") and recipient.get("chat_id"):
            self._groups.add(int(recipient["chat_id"]))
        if raw.get("update_type") == "bot_started" and raw.get("chat_id") and user:
            self._dialogs[int(user)] = int(raw["chat_id"])
        return update

    async def get_updates(self, bot: Bot, timeout: int = 30, limit: int = 100,
                          types: tuple[str, ...] = ("message_created", "message_callback",
                                                    "bot_started")) -> list[Update]:
        """Long polling: GET /updates from the last marker."""
        params: dict[str, Any] = {"timeout": timeout, "limit": limit, "types": ",".join(types)}
        if self.marker is not None:
            params["marker"] = self.marker
        answer = await self.call("GET", "/updates", params, timeout=timeout + 10)
        self.marker = answer.get("marker", self.marker)
        me = await self.me(bot)
        return [u for u in (self.to_update(raw, me) for raw in answer.get("updates") or [])
                if u is not None]

    async def me(self, bot: Bot) -> User:
        if self._me is None:
            await self.make_request(bot, GetMe())
        assert self._me is not None
        return self._me

    # ---- HTTP -------------------------------------------------------------------------

    async def call(self, verb: str, path: str, params: dict[str, Any] | None = None,
                   body: Any = None, *, timeout: float | None = None) -> dict[str, Any]:
        """One MAX API request within the rate limit; the JSON answer, or ``MaxApiError``.
        A 429 (another process used the budget) is retried after a second, twice."""
        for attempt in range(RETRIES_429 + 1):
            try:
                return await self._call(verb, path, params, body, timeout)
            except MaxApiError as exc:
                if exc.status != 429 or attempt == RETRIES_429:
                    raise
                log.warning("max: 429 on %s %s; again in 1 s", verb, path)
                await self.sleep(1.0)
        raise AssertionError("unreachable")

    async def _call(self, verb: str, path: str, params: dict[str, Any] | None,
                    body: Any, timeout: float | None) -> dict[str, Any]:
        session = await self.create_session()
        query = {k: (str(v).lower() if isinstance(v, bool) else str(v))
                 for k, v in (params or {}).items() if v is not None}
        headers = {"Authorization": self.max_token}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False)
            headers["Content-Type"] = "application/json"
        async with self.rps.slot(), session.request(
                verb, self.base + path, params=query, data=data, headers=headers,
                timeout=self.timeout if timeout is None else timeout) as resp:
            text = await resp.text()
            status = resp.status
        try:
            answer = json.loads(text) if text else {}
        except ValueError:
            answer = {"message": text[:200]}
        if status >= 400:
            raise MaxApiError(status, str(answer.get("code", "")), str(answer.get("message", "")))
        if isinstance(answer, dict) and answer.get("success") is False:
            raise MaxApiError(400, "failed", str(answer.get("message", "")))
        return answer if isinstance(answer, dict) else {"result": answer}

    async def make_request(self, bot: Bot, method: TelegramMethod[TelegramType],
                           timeout: int | None = None) -> TelegramType:
        try:
            return cast(TelegramType, await self._convert(bot, method))
        except MaxApiError as exc:
            raise self._error(method, exc) from None
        except asyncio.TimeoutError as exc:
            raise TelegramNetworkError(method=method, message="Request timeout error") from exc
        except ClientError as exc:
            raise TelegramNetworkError(method=method,
                                       message=f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _error(method: Any, exc: MaxApiError) -> Exception:
        text = f"MAX: {exc.code}: {exc.message}"
        if exc.status == 429:
            return TelegramRetryAfter(method=method, message=text, retry_after=1)
        if exc.status == 401:
            return TelegramUnauthorizedError(method=method, message=text)
        if exc.status == 403:
            return TelegramForbiddenError(method=method, message="Forbidden: " + text)
        if exc.status == 404:
            if isinstance(method, EditMessageText | EditMessageReplyMarkup | DeleteMessage):
                return TelegramBadRequest(method=method,
                                          message="Bad Request: message to edit not found")
            return TelegramNotFound(method=method, message=text)
        if exc.status >= 500:
            return TelegramServerError(method=method, message=text)
        return TelegramBadRequest(method=method, message="Bad Request: " + text)

    # ---- methods ----------------------------------------------------------------------

    async def _convert(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, SendMessage):
            return await self._send(bot, method.chat_id, method.text, method.parse_mode,
                                    method.reply_markup, [], method.disable_notification)
        if isinstance(method, SendDocument | SendPhoto):
            kind = "image" if isinstance(method, SendPhoto) else "file"
            media = method.photo if isinstance(method, SendPhoto) else method.document
            attachment = await self._attachment(bot, kind, media)
            return await self._send(bot, method.chat_id, method.caption or "",
                                    method.parse_mode, method.reply_markup, [attachment],
                                    method.disable_notification)
        if isinstance(method, EditMessageText):
            return await self._edit(bot, method, method.text, method.parse_mode,
                                    method.reply_markup)
        if isinstance(method, EditMessageCaption):
            return await self._edit(bot, method, method.caption or "", method.parse_mode,
                                    method.reply_markup)
        if isinstance(method, EditMessageReplyMarkup):
            return await self._edit(bot, method, None, None, method.reply_markup)
        if isinstance(method, DeleteMessage):
            mid = self.ids.mid(method.message_id)
            if mid is None:
                raise MaxApiError(404, "not.found", "message to delete not found")
            await self.call("DELETE", "/messages", {"message_id": mid})
            return True
        if isinstance(method, AnswerCallbackQuery):
            return await self._answer(method)
        if isinstance(method, GetMe):
            raw = await self.call("GET", "/me")
            self._me = User(id=int(raw["user_id"]), is_bot=True,
                            first_name=raw.get("first_name") or raw.get("name") or "bot",
                            username=raw.get("username"))
            return self._me
        if isinstance(method, GetFile):
            url = await self.files.find(method.file_id)
            if url is None:
                raise MaxApiError(404, "not.found", "file is no longer available")
            return File(file_id=method.file_id, file_unique_id=method.file_id[:64],
                        file_path=url)
        if isinstance(method, SendChatAction):
            chat = self._dialogs.get(int(method.chat_id))
            action = _ACTIONS.get(str(getattr(method.action, "value", method.action)))
            if chat is not None and action is not None:
                await self.call("POST", f"/chats/{chat}/actions", body={"action": action})
            return True
        if isinstance(method, SetMyCommands):
            if method.language_code is None:  # MAX keeps one list: the default language's
                commands = [{"name": c.command, "description": c.description}
                            for c in method.commands]
                await self.call("PATCH", "/me", body={"commands": commands})
            return True
        if isinstance(method, DeleteMyCommands | SetWebhook | DeleteWebhook):
            return True  # MAX: subscriptions are set by bot.max.runner, not through aiogram
        raise MaxApiError(400, "unsupported", f"{type(method).__name__} has no MAX equivalent")

    def _recipient(self, chat_id: int | str) -> dict[str, Any]:
        chat = int(chat_id)
        return {"chat_id": chat} if chat in self._groups else {"user_id": chat}

    def _body(self, bot: Bot, text: str | None, parse_mode: Any, markup: Any,
              attachments: list[dict[str, Any]]) -> dict[str, Any]:
        if isinstance(parse_mode, Default):
            parse_mode = bot.default[parse_mode.name]
        is_html = parse_mode is not None and str(getattr(parse_mode, "value", parse_mode)
                                                 ).lower() == ParseMode.HTML.value.lower()
        body: dict[str, Any] = {}
        if text is not None:
            text = convert.fit_text(text, is_html)
            if is_html:
                body["text"], body["format"] = convert.to_max_html(text), "html"
            else:
                body["text"] = text
        kb = convert.keyboard(markup)
        body["attachments"] = attachments + ([kb] if kb else [])
        return body

    async def _send(self, bot: Bot, chat_id: int | str, text: str, parse_mode: Any,
                    markup: Any, attachments: list[dict[str, Any]],
                    silent: Any = None) -> Message:
        body = self._body(bot, text, parse_mode, markup, attachments)
        if not body["attachments"]:
            del body["attachments"]
        if isinstance(silent, bool) and silent:
            body["notify"] = False
        params = {**self._recipient(chat_id), "disable_link_preview": True}
        for attempt in range(5):
            try:
                answer = await self.call("POST", "/messages", params, body)
                break
            except MaxApiError as exc:  # a just-uploaded file is processed for a moment
                if exc.code != "attachment.not.ready" or attempt == 4:
                    raise
                await self.sleep(0.5 * (attempt + 1))
        return self._message(answer.get("message") or {}, int(chat_id), text, attachments)

    def _message(self, raw: dict[str, Any], chat_id: int, text: str | None,
                 attachments: list[dict[str, Any]] | None = None) -> Message:
        """The sent message as aiogram's; a file we attached carries its id here (``max:`` +
        token), as Telegram's answer does, so the copy cache can keep it (handlers/files)."""
        body = raw.get("body") or {}
        mid = str(body.get("mid") or f"local-{next(self._update_ids)}")
        files = convert.sent_files(attachments or [])
        return Message(message_id=self.ids.number(mid), date=convert._when(raw.get("timestamp")),
                       chat=Chat(id=chat_id, type="group" if chat_id in self._groups
                                 else "private"),
                       text=body.get("text", text), **files)

    async def _edit(self, bot: Bot, method: Any, text: str | None, parse_mode: Any,
                    markup: Any) -> Any:
        if method.message_id is None:  # an inline message: the bot sends none
            raise MaxApiError(400, "unsupported", "inline messages are not used in MAX")
        mid = self.ids.mid(method.message_id)
        if mid is None:
            raise MaxApiError(404, "not.found", "message to edit not found")
        # attachments: [] removes a keyboard, as Telegram does when reply_markup is absent
        body = self._body(bot, text, parse_mode, markup, [])
        await self.call("PUT", "/messages", {"message_id": mid}, body)
        return Message(message_id=method.message_id, date=convert._when(None),
                       chat=Chat(id=int(method.chat_id or 0), type="private"), text=text)

    async def _answer(self, method: AnswerCallbackQuery) -> bool:
        """POST /answers with a notification; nothing to say → no request (MAX needs a
        message or a notification, and the per-dialog limit is two answers a second)."""
        if not method.text:
            return True
        user = self._callbacks.get(method.callback_query_id, 0)
        window = self._answers.get(user)
        if window is None:
            window = self._answers[user] = Window(self.answers_per_second, 1.0 + MARGIN,
                                                  self.timer, self.sleep)
            if len(self._answers) > 10_000:
                self._answers.pop(next(iter(self._answers)))
        async with window.slot():
            await self.call("POST", "/answers", {"callback_id": method.callback_query_id},
                            {"notification": convert.plain(method.text)[:200]})
        return True

    async def _attachment(self, bot: Bot, kind: str, media: Any) -> dict[str, Any]:
        """A file for a message: a token we have (a file_id), or an upload (POST /uploads,
        then the file to the URL it gives; the answer, or the first call, has the token)."""
        if isinstance(media, str):
            return {"type": kind, "payload": {"token": convert.token_of(media)}}
        if not isinstance(media, InputFile):
            raise MaxApiError(400, "unsupported", f"cannot send {type(media).__name__}")
        slot = await self.call("POST", "/uploads", {"type": kind})
        content = b"".join([chunk async for chunk in media.read(bot)])
        form = FormData()
        form.add_field("data", content, filename=media.filename or "file")
        session = await self.create_session()
        try:
            async with self.rps.slot(), session.post(
                    slot["url"], data=form, headers={"Authorization": self.max_token}) as resp:
                text = await resp.text()
                status = resp.status
        except (ClientError, asyncio.TimeoutError) as exc:  # no message was sent yet: retry
            raise MaxApiError(503, "upload.failed", type(exc).__name__) from None
        if status >= 400:
            raise MaxApiError(status, "upload.failed", text[:200])
        try:
            uploaded = json.loads(text) if text else {}
        except ValueError:
            uploaded = {}
        token = uploaded.get("token") or slot.get("token")
        if not token and isinstance(uploaded.get("photos"), dict):
            first = next(iter(uploaded["photos"].values()), {})
            token = first.get("token")
        if not token:
            raise MaxApiError(400, "upload.failed", "no token for the uploaded file")
        return {"type": kind, "payload": {"token": token}}
