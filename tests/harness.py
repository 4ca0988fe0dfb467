"""Drive the real Dispatcher as a Telegram user would, through a fake Bot API session.

``FakeTelegram`` answers Bot API calls in memory and records them; ``Person`` sends text and
presses buttons on the messages the bot sent to them.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict, deque
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    Chat,
    Document,
    File,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    Update,
    User,
)

from tests.clock import TEST_CLOCK

BOT_ID = 4242
BOT_TOKEN = f"{BOT_ID}:TEST-token-for-the-fake-bot-api-0000"
BOT_USERNAME = "marshrut_test_bot"
_update_ids = itertools.count(1)

# ---- Telegram's HTML parse mode, as strict as the Bot API ---------------------------------

#: https://core.telegram.org/bots/api#html-style
ALLOWED_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "code", "pre", "blockquote", "tg-emoji",
})
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_ATTR = r"""\s+([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?"""
_START = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*)((?:{_ATTR})*)\s*>")
_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")


class HtmlError(ValueError):
    pass


class _ByteOffset:
    """Telegram reports positions in bytes; computed only when an error shows one."""

    def __init__(self, text: str, index: int) -> None:
        self.text, self.index = text, index

    def __str__(self) -> str:
        return str(len(self.text[:self.index].encode()))


def parse_html(text: str) -> str:
    """The visible text of an HTML-formatted message; raises ``HtmlError`` where Telegram
    answers "can't parse entities": an unknown or unclosed tag, a mismatched end tag, a ``<``
    that starts no tag, a ``&`` that starts no entity (lt, gt, amp, quot or numeric)."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        offset = _ByteOffset(text, i)
        if ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise HtmlError(f"Character '&' is reserved at byte offset {offset}")
            out.append(html.unescape(m.group()))
            i = m.end()
        elif ch == "<" and text.startswith("</", i):
            m = _END.match(text, i)
            if not m:
                raise HtmlError(f"Unclosed end tag at byte offset {offset}")
            name = m.group(1).lower()
            if not stack:
                raise HtmlError(f'Unexpected end tag "{name}" at byte offset {offset}')
            if stack[-1] != name:
                raise HtmlError(f'Unmatched end tag at byte offset {offset}, expected '
                                f'"</{stack[-1]}>", found "</{name}>"')
            stack.pop()
            i = m.end()
        elif ch == "<":
            m = _START.match(text, i)
            name = m.group(1).lower() if m else text[i + 1:i + 11].split(" ")[0]
            if not m or name not in ALLOWED_TAGS:
                raise HtmlError(f'Unsupported start tag "{name}" at byte offset {offset}')
            attrs = {a.lower(): v.strip("\"'") for a, v in re.findall(_ATTR, m.group(2))}
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise HtmlError('Tag "span" must have class "tg-spoiler"')
            if name == "tg-emoji" and "emoji-id" not in attrs:
                raise HtmlError('Tag "tg-emoji" must have attribute "emoji-id"')
            stack.append(name)
            i = m.end()
        else:
            out.append(ch)
            i += 1
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_formatted(bot: Bot, method: TelegramMethod[Any]) -> None:
    """Answer as Telegram does when a text or caption does not parse or is too long."""
    if isinstance(method, (SendMessage, EditMessageText)):
        text, limit, what = method.text, TEXT_LIMIT, "message"
    elif isinstance(method, (SendDocument, SendPhoto)):
        text, limit, what = method.caption, CAPTION_LIMIT, "message caption"
        if not text:
            return
    else:
        return
    mode = method.parse_mode
    if isinstance(mode, Default):
        mode = bot.default[mode.name]
    visible = text
    if mode is not None and str(getattr(mode, "value", mode)).lower() == "html":
        try:
            visible = parse_html(text)
        except HtmlError as exc:
            raise TelegramBadRequest(
                method=method, message=f"Bad Request: can't parse entities: {exc}"
            ) from None
    if what == "message" and not visible.strip():
        raise TelegramBadRequest(method=method, message="Bad Request: message text is empty")
    if utf16_length(visible) > limit:
        raise TelegramBadRequest(method=method, message=f"Bad Request: {what} is too long")


@dataclass
class Sent:
    """A message as the user's phone shows it now (edits applied)."""

    chat_id: int
    message_id: int
    text: str
    markup: InlineKeyboardMarkup | None
    document: Any = None

    def buttons(self) -> list[tuple[str, str]]:
        if self.markup is None:
            return []
        return [
            (b.text, b.callback_data or b.url or "")
            for row in self.markup.inline_keyboard
            for b in row
        ]


@dataclass
class FakeTelegram(BaseSession):
    """An in-memory Bot API: records every call; errors can be queued per method. Texts and
    captions are checked as Telegram checks them (HTML parse mode, length)."""

    calls: list[TelegramMethod[Any]] = field(default_factory=list)
    messages: dict[int, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[type, deque[Exception]] = field(default_factory=lambda: defaultdict(deque))
    _ids: Any = field(default_factory=lambda: itertools.count(100))
    #: what getFile and the file server give: file_id → bytes (put there by a test)
    files: dict[str, bytes] = field(default_factory=dict)
    #: check texts as Telegram would (tests); benchmarks turn it off: that is Telegram's work,
    #: not the bot's
    check: bool = True

    def __post_init__(self) -> None:
        BaseSession.__init__(self)

    def fail(self, method: type, *exceptions: Exception) -> None:
        self.errors[method].extend(exceptions)

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str = "", *args: Any, **kwargs: Any
                             ) -> AsyncGenerator[bytes, None]:
        yield self.files.get(url.rsplit("/", 1)[-1], b"")

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
                           ) -> Any:
        self.calls.append(method)
        queue = self.errors.get(type(method))
        if queue:
            raise queue.popleft()
        if self.check:
            check_formatted(bot, method)
        now = TEST_CLOCK.now()
        if isinstance(method, GetMe):
            return User(id=BOT_ID, is_bot=True, first_name="Маршрут", username=BOT_USERNAME)
        if isinstance(method, GetFile):
            if method.file_id not in self.files:
                raise TelegramBadRequest(method=method, message="Bad Request: file not found")
            return File(file_id=method.file_id, file_unique_id=method.file_id,
                        file_size=len(self.files[method.file_id]),
                        file_path=f"documents/{method.file_id}")
        if isinstance(method, (SendMessage, SendDocument, SendPhoto)):
            chat_id = int(method.chat_id)
            text = method.text if isinstance(method, SendMessage) else (method.caption or "")
            sent = Sent(chat_id, next(self._ids), text, method.reply_markup,  # type: ignore[arg-type]
                        getattr(method, "document", None) or getattr(method, "photo", None))
            self.messages[chat_id].append(sent)
            return Message(
                message_id=sent.message_id, date=now, chat=Chat(id=chat_id, type="private"),
                text=text, **self._sent_file(method, sent.message_id),
            )
        if isinstance(method, EditMessageReplyMarkup):
            chat_id = int(method.chat_id)  # type: ignore[arg-type]
            for sent in self.messages[chat_id]:
                if sent.message_id == method.message_id:
                    sent.markup = method.reply_markup  # stays where it is in the chat
                    return True
            raise AssertionError(f"edit of unknown message {method.message_id}")
        if isinstance(method, EditMessageText):
            chat_id = int(method.chat_id)  # type: ignore[arg-type]
            for sent in self.messages[chat_id]:
                if sent.message_id == method.message_id:
                    sent.text, sent.markup = method.text, method.reply_markup  # type: ignore[assignment]
                    # the phone shows the edited message where it was; for the tests "last"
                    # means the message the bot touched most recently
                    self.messages[chat_id].remove(sent)
                    self.messages[chat_id].append(sent)
                    return Message(
                        message_id=sent.message_id, date=now,
                        chat=Chat(id=chat_id, type="private"), text=method.text,
                    )
            raise AssertionError(f"edit of unknown message {method.message_id}")
        return True

    def _sent_file(self, method: TelegramMethod[Any], n: int) -> dict[str, Any]:
        """A sent file as Telegram answers it: its id (a new one for an upload, kept in
        ``files`` so the bot can download it again)."""
        media = getattr(method, "document", None) or getattr(method, "photo", None)
        if media is None:
            return {}
        file_id = media if isinstance(media, str) else f"tg-upload-{n}"
        if isinstance(media, BufferedInputFile):
            self.files[file_id] = media.data
        if isinstance(method, SendPhoto):
            return {"photo": [PhotoSize(file_id=file_id, file_unique_id=file_id, width=1,
                                        height=1)]}
        return {"document": Document(file_id=file_id, file_unique_id=file_id)}

    # ---- reading what the bot did ----------------------------------------------------

    def of(self, method: type) -> list[Any]:
        return [c for c in self.calls if isinstance(c, method)]

    def last(self, chat_id: int) -> Sent:
        assert self.messages[chat_id], f"the bot sent nothing to {chat_id}"
        return self.messages[chat_id][-1]


class Person:
    """A Telegram user talking to the bot in a private chat."""

    def __init__(self, app: Any, user_id: int, first_name: str = "Мария",
                 language_code: str = "ru") -> None:
        self.app = app
        self.user = User(id=user_id, is_bot=False, first_name=first_name,
                         language_code=language_code)
        self.chat = Chat(id=user_id, type="private")

    @property
    def tg(self) -> FakeTelegram:
        return self.app.bot.session  # type: ignore[no-any-return]

    async def _feed(self, update: Update) -> list[TelegramMethod[Any]]:
        before = len(self.tg.calls)
        await self.app.dp.feed_update(self.app.bot, update)
        return self.tg.calls[before:]

    async def send(self, text: str) -> list[TelegramMethod[Any]]:
        message = Message(
            message_id=next(self.tg._ids), date=TEST_CLOCK.now(), chat=self.chat,
            from_user=self.user, text=text,
        )
        return await self._feed(Update(update_id=next(_update_ids), message=message))

    async def send_document(self, file_name: str = "udostoverenie.pdf",
                            mime: str | None = "application/pdf", size: int | None = 250_000,
                            file_id: str | None = None) -> list[TelegramMethod[Any]]:
        """Send a file as Telegram describes it (file_id, name, MIME type, size)."""
        n = next(self.tg._ids)
        document = Document(file_id=file_id or f"DOC-{n}", file_unique_id=f"U-{n}",
                            file_name=file_name, mime_type=mime, file_size=size)
        message = Message(message_id=n, date=TEST_CLOCK.now(), chat=self.chat,
                          from_user=self.user, document=document)
        return await self._feed(Update(update_id=next(_update_ids), message=message))

    async def send_photo(self, size: int = 180_000, file_id: str | None = None
                         ) -> list[TelegramMethod[Any]]:
        """Send a photo: Telegram gives several sizes, the largest last."""
        n = next(self.tg._ids)
        photo = [
            PhotoSize(file_id=f"PH-{n}-s", file_unique_id=f"U-{n}-s", width=90, height=60,
                      file_size=2_000),
            PhotoSize(file_id=file_id or f"PH-{n}", file_unique_id=f"U-{n}", width=1280,
                      height=853, file_size=size),
        ]
        message = Message(message_id=n, date=TEST_CLOCK.now(), chat=self.chat,
                          from_user=self.user, photo=photo)
        return await self._feed(Update(update_id=next(_update_ids), message=message))

    async def send_command(self, text: str) -> list[TelegramMethod[Any]]:
        return await self.send(text)

    async def press(self, label: str, exact: bool = False) -> list[TelegramMethod[Any]]:
        """Press the newest button whose label contains ``label`` (on any earlier message)."""
        for sent in reversed(self.tg.messages[self.chat.id]):
            for text, data in sent.buttons():
                if (text == label) if exact else (label in text):
                    return await self.press_data(data, sent)
        raise AssertionError(f"no button {label!r}; last message: {self.last.text!r} "
                             f"{self.last.buttons()}")

    async def press_data(self, data: str, sent: Sent | None = None) -> list[TelegramMethod[Any]]:
        """Send a callback query with any data, as a forged client could."""
        sent = sent or self.last
        message = Message(
            message_id=sent.message_id, date=TEST_CLOCK.now(), chat=self.chat,
            text=sent.text, from_user=User(id=BOT_ID, is_bot=True, first_name="Маршрут"),
        )
        query = CallbackQuery(
            id=str(next(_update_ids)), from_user=self.user, chat_instance="ci", data=data,
            message=message,
        )
        return await self._feed(Update(update_id=next(_update_ids), callback_query=query))

    @property
    def last(self) -> Sent:
        return self.tg.last(self.chat.id)

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.tg.messages[self.chat.id]]

    def alerts(self) -> list[str]:
        return [c.text or "" for c in self.tg.of(AnswerCallbackQuery) if c.text]
