"""Pure conversions between aiogram's Telegram objects and the MAX Bot API's JSON.

Outgoing: Telegram HTML → MAX ``format: "html"`` (the tags MAX knows, the rest unwrapped),
texts within MAX's 4 000 characters, inline keyboards → an ``inline_keyboard`` attachment
(callback buttons carry our callback data as the payload, url buttons become ``link``), reply
keyboards → ``message`` buttons (MAX has no reply keyboard; a ``message`` button sends its
label as the user's message, which is what a reply keyboard does), at most 30 rows × 7.

Incoming: MAX updates → aiogram ``Update`` objects, so the same routers, filters, FSM and
middlewares handle them: ``message_created`` → ``message``, ``message_callback`` →
``callback_query``, ``bot_started`` → the message ``/start <payload>`` (Telegram's deep link),
everything else (edits, removals, group events) → None (ignored).

References: dev.max.ru/docs-api (POST /messages, NewMessageBody, InlineKeyboardAttachment,
Update), dev.max.ru/docs/chatbots/bots-coding/formatting.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)

from domain.files import FileSources
from handlers.files import MAX_PREFIX
from handlers.formatting import cut_html, shorten

log = logging.getLogger("marshrut.max")

#: dev.max.ru: NewMessageBody.text, up to 4 000 characters
TEXT_LIMIT = 4000
#: dev.max.ru: an inline keyboard has at most 210 buttons, 30 rows, 7 buttons a row
MAX_ROWS, MAX_ROW_WIDTH, MAX_BUTTONS = 30, 7, 210
#: a button's label (MAX: up to 128 characters) and a callback payload (up to 1 024)
BUTTON_TEXT_LIMIT, PAYLOAD_LIMIT = 128, 1024

#: Telegram HTML tag → the MAX tag, or None: unwrapped (the text stays, the tag goes)
_TAGS: dict[str, str | None] = {
    "b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s",
    "strike": "s", "del": "s", "a": "a", "code": "code", "pre": "pre",
    "blockquote": None, "span": None, "tg-spoiler": None, "tg-emoji": None,
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_HREF = re.compile(r"""href\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""")


def to_max_html(text: str) -> str:
    """Telegram HTML → MAX HTML: known tags kept (``a`` with its href only), the others
    unwrapped; entities are left as they are (both parse the same ones)."""

    def tag(m: re.Match[str]) -> str:
        closing, name = m.group(1), m.group(2).lower()
        target = _TAGS.get(name)
        if target is None:
            return ""
        if closing:
            return f"</{target}>"
        if target == "a":
            href = _HREF.search(m.group(3))
            return f"<a href={href.group(1)}>" if href else "<a>"
        return f"<{target}>"

    return _TAG.sub(tag, text)


def fit_text(text: str, is_html: bool, limit: int = TEXT_LIMIT) -> str:
    """A text within MAX's limit: HTML cut safely (no broken tag or entity, tags closed)."""
    if is_html:
        return cut_html(text, limit)
    return shorten(text, limit)


def plain(text: str) -> str:
    """HTML → the visible text (for notifications, which MAX shows unformatted)."""
    return html.unescape(_TAG.sub("", text))


# ---- keyboards ------------------------------------------------------------------------------


def _button(b: Any, reply: bool) -> dict[str, Any] | None:
    text = shorten(b.text, BUTTON_TEXT_LIMIT)
    if reply:  # a reply keyboard: the label goes back as the user's message
        return {"type": "message", "text": text}
    if getattr(b, "url", None):
        return {"type": "link", "text": text, "url": b.url}
    data = getattr(b, "callback_data", None)
    if data is not None:
        return {"type": "callback", "text": text, "payload": data[:PAYLOAD_LIMIT]}
    log.warning("max: a %r button has no MAX equivalent; dropped", b.text)
    return None


def keyboard(markup: Any) -> dict[str, Any] | None:
    """An aiogram reply markup → MAX's ``inline_keyboard`` attachment (or None).

    Rows wider than 7 are wrapped; beyond 30 rows the buttons are packed seven a row, in
    order; what still does not fit (more than 210 buttons) is dropped and logged — a screen
    that should page its list."""
    if markup is None or isinstance(markup, ReplyKeyboardRemove | ForceReply):
        return None
    reply = isinstance(markup, ReplyKeyboardMarkup)
    source = markup.keyboard if reply else getattr(markup, "inline_keyboard", None)
    if not source:
        return None
    rows: list[list[dict[str, Any]]] = []
    for row in source:
        buttons = [x for x in (_button(b, reply) for b in row) if x is not None]
        for i in range(0, len(buttons), MAX_ROW_WIDTH):
            rows.append(buttons[i:i + MAX_ROW_WIDTH])
    if len(rows) > MAX_ROWS:  # too many rows: pack the buttons densely, in order
        flat = [b for row in rows for b in row]
        rows = [flat[i:i + MAX_ROW_WIDTH] for i in range(0, len(flat), MAX_ROW_WIDTH)]
    if len(rows) > MAX_ROWS:
        log.warning("max: a keyboard of %d buttons cut to %d", sum(map(len, rows)),
                    MAX_BUTTONS)
        rows = rows[:MAX_ROWS]
    total = 0
    kept: list[list[dict[str, Any]]] = []
    for row in rows:
        room = MAX_BUTTONS - total
        if room <= 0:
            break
        kept.append(row[:room])
        total += len(kept[-1])
    if not kept:
        return None
    return {"type": "inline_keyboard", "payload": {"buttons": kept}}


# ---- incoming -------------------------------------------------------------------------------


def _when(ms: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(ms) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.fromtimestamp(0, UTC)


def to_user(u: dict[str, Any], locale: str | None = None) -> User:
    first = u.get("first_name") or u.get("name") or str(u["user_id"])
    return User(id=int(u["user_id"]), is_bot=bool(u.get("is_bot", False)), first_name=first,
                last_name=u.get("last_name") or None, username=u.get("username") or None,
                language_code=(locale or "")[:2] or None)


def chat_of(message: dict[str, Any], user_id: int) -> Chat:
    """A dialog is the private chat with the user: its id is the user's id (the bot writes to
    ``user_id``); a group chat keeps MAX's chat id."""
    recipient = message.get("recipient") or {}
    if recipient.get("chat_type", "dialog") == "dialog":
        return Chat(id=user_id, type="private")
    return Chat(id=int(recipient["chat_id"]), type="group")


#: MAX file ids as aiogram (and the database) see them: "max:" + MAX's attachment token, so a
#: file sent in MAX is never mistaken for a Telegram file id (handlers/files.py relays files
#: between the messengers)
FILE_PREFIX = MAX_PREFIX


def token_of(file_id: str) -> str:
    """MAX's attachment token of a file id (an id stored before the prefix is taken as is)."""
    return file_id.removeprefix(FILE_PREFIX)


class FileRegistry:
    """file_id (a MAX attachment token) → the URL to download it from (MAX gives the URL with
    the update; aiogram downloads by file_id later). The newest ``size`` are kept in memory;
    with a ``store`` (storage/files, table max_file_urls) every URL is kept past the process
    too: ``remember`` (called while an update is converted, synchronously) queues it, ``keep``
    writes the queue (bot/max/middleware.py, before the update's handler runs), and ``find``
    reads it back after a restart."""

    def __init__(self, size: int = 20_000, store: FileSources | None = None) -> None:
        self.size = size
        self.store = store
        self.urls: dict[str, str] = {}
        self.pending: list[tuple[str, str]] = []

    def remember(self, file_id: str, url: str | None, name: str | None = None) -> None:
        """``name``: the file's name, kept as the URL's fragment (never sent to the server),
        so a copy uploaded to Telegram keeps it (handlers/files.py)."""
        if not url:
            return
        if name and "#" not in url:
            url = f"{url}#{quote(name)}"
        self._cache(file_id, url)
        if self.store is not None:
            self.pending.append((file_id, url))

    def _cache(self, file_id: str, url: str) -> None:
        if len(self.urls) >= self.size and file_id not in self.urls:
            self.urls.pop(next(iter(self.urls)))
        self.urls[file_id] = url

    def url(self, file_id: str) -> str | None:
        return self.urls.get(file_id)

    async def keep(self) -> None:
        """Write the URLs received since the last call (each file once, the latest URL)."""
        if self.store is None or not self.pending:
            return
        batch, self.pending = dict(self.pending), []
        for file_id, url in batch.items():
            await self.store.keep(file_id, url)

    async def find(self, file_id: str) -> str | None:
        """The URL from memory, else from the store (a file received before a restart)."""
        found = self.urls.get(file_id)
        if found is None and self.store is not None:
            found = await self.store.find(file_id)
            if found is not None:
                self._cache(file_id, found)
        return found


def _attachments(body: dict[str, Any], files: FileRegistry) -> dict[str, Any]:
    """Incoming files and images → aiogram's ``document`` / ``photo``."""
    out: dict[str, Any] = {}
    for a in body.get("attachments") or []:
        payload = a.get("payload") or {}
        kind = a.get("type")
        raw = payload.get("token") or (str(payload["photo_id"]) if "photo_id" in payload else None)
        if not raw:
            continue
        token = FILE_PREFIX + raw  # a stored file id says which messenger it belongs to
        files.remember(token, payload.get("url"), a.get("filename"))
        if kind == "file" and "document" not in out:
            out["document"] = Document(file_id=token, file_unique_id=token[:64],
                                       file_name=a.get("filename"), file_size=a.get("size"),
                                       mime_type=_mime(a.get("filename")))
        elif kind == "image" and "photo" not in out:
            out["photo"] = [PhotoSize(file_id=token, file_unique_id=token[:64], width=0,
                                      height=0, file_size=a.get("size"))]
    return out


def sent_files(attachments: list[dict[str, Any]]) -> dict[str, Any]:
    """The files of a message the bot sent (our own attachments) → aiogram's fields."""
    out: dict[str, Any] = {}
    for a in attachments:
        token = (a.get("payload") or {}).get("token")
        if not token:
            continue
        file_id = FILE_PREFIX + str(token)
        if a.get("type") == "file" and "document" not in out:
            out["document"] = Document(file_id=file_id, file_unique_id=file_id[:64])
        elif a.get("type") == "image" and "photo" not in out:
            out["photo"] = [PhotoSize(file_id=file_id, file_unique_id=file_id[:64], width=0,
                                      height=0)]
    return out


_MIMES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg",
          "png": "image/png", "docx": "application/vnd.openxmlformats-officedocument."
          "wordprocessingml.document", "doc": "application/msword",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "txt": "text/plain", "zip": "application/zip"}


def _mime(name: str | None) -> str | None:
    if not name or "." not in name:
        return None
    return _MIMES.get(name.rsplit(".", 1)[1].lower())


MessageIds = Callable[[str], int]


def to_update(raw: dict[str, Any], update_id: int, message_id: MessageIds,
              files: FileRegistry, bot_user: User) -> Update | None:
    """A MAX update → an aiogram Update, or None for the kinds the bot ignores.

    ``message_id`` maps MAX's message ids ("mid.…", strings) to the integers aiogram expects
    (the session keeps the mapping both ways)."""
    kind = raw.get("update_type")
    locale = raw.get("user_locale")
    if kind == "message_created":
        m = raw.get("message") or {}
        sender, body = m.get("sender"), m.get("body") or {}
        if not sender or sender.get("is_bot"):
            return None
        user = to_user(sender, locale)
        message = Message(
            message_id=message_id(str(body.get("mid", ""))), date=_when(m.get("timestamp")),
            chat=chat_of(m, user.id), from_user=user, text=body.get("text") or None,
            **_attachments(body, files),
        )
        return Update(update_id=update_id, message=message)
    if kind == "message_callback":
        cb = raw.get("callback") or {}
        if not cb.get("user") or not cb.get("callback_id"):
            return None
        user = to_user(cb["user"], locale)
        m = raw.get("message")
        shown = None
        if m:
            body = m.get("body") or {}
            shown = Message(message_id=message_id(str(body.get("mid", ""))),
                            date=_when(m.get("timestamp")), chat=chat_of(m, user.id),
                            from_user=bot_user, text=body.get("text") or None)
        query = CallbackQuery(id=str(cb["callback_id"]), from_user=user, chat_instance="max",
                              data=cb.get("payload"), message=shown)
        return Update(update_id=update_id, callback_query=query)
    if kind == "bot_started":
        if not raw.get("user"):
            return None
        user = to_user(raw["user"], locale)
        payload = (raw.get("payload") or "").strip()
        text = f"/start {payload}" if payload else "/start"
        message = Message(message_id=message_id(f"start-{update_id}"),
                          date=_when(raw.get("timestamp")), chat=Chat(id=user.id, type="private"),
                          from_user=user, text=text)
        return Update(update_id=update_id, message=message)
    return None
