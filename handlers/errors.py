"""The central error handler: a short apology and a way back; the log gets the context.

The log names the update by ids and types only — never what the person typed, their name or
phone number: the update id, user and chat ids, the update and content type, the callback
prefix, the handler, the exception type and the traceback through our own code.

A database or Redis outage (``outage`` is set by a middleware in ``bot/``) gets its own answer:
the service is temporarily unavailable and nothing entered before is lost. The locale is
known even when the update failed before the locale middleware ran (``bot/`` runs it for
error events too).
"""

from __future__ import annotations

import contextlib
import logging
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiogram.types import ErrorEvent, InlineKeyboardMarkup, Update

from domain.errors import DomainError
from handlers.callbacks import MenuCb
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import escaped_params

log = logging.getLogger("marshrut.errors")
router = Routes("errors")

ROOT = Path(__file__).resolve().parent.parent
OURS = tuple(str(ROOT / d) + "/" for d in ("bot", "handlers", "domain", "storage"))
REDACTED = "‹…›"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _redact(text: str, update: Update) -> str:
    """Remove every string of the update (and its longer words) from ``text``."""
    secrets: set[str] = set()
    for s in _strings(update.model_dump(exclude_none=True)):
        if len(s) >= 3:
            secrets.add(s)
            secrets.update(w for w in s.split() if len(w) >= 4)
    for s in sorted(secrets, key=len, reverse=True):
        text = text.replace(s, REDACTED)
    return text


def describe(update: Update) -> str:
    """``update 17 (message/text) from user 5 in chat 5`` — ids and types, nothing typed."""
    kind = update.event_type
    detail = ""
    user = chat = None
    if update.message is not None:
        content = update.message.content_type
        detail = f"/{getattr(content, 'value', content)}"
        chat = update.message.chat.id
        if update.message.text and update.message.text.startswith("/"):
            detail += " command"
    elif update.callback_query is not None:
        prefix = (update.callback_query.data or "").split(":", 1)[0][:16]
        detail = f"/{prefix}" if re.fullmatch(r"[A-Za-z0-9_-]+", prefix) else ""
        message = update.callback_query.message
        chat = message.chat.id if message is not None else None
    event = update.event
    from_user = getattr(event, "from_user", None)
    if from_user is not None:
        user = from_user.id
    text = f"update {update.update_id} ({kind}{detail})"
    if user is not None:
        text += f" from user {user}"
    if chat is not None and chat != user:
        text += f" in chat {chat}"
    return text


def _first_line(exc: BaseException, update: Update) -> str:
    """The exception type and the first line of its message, redacted; for SQLAlchemy errors
    the driver's message without the statement and its parameters."""
    shown: BaseException = getattr(exc, "orig", None) or exc
    message = (str(shown).strip().splitlines() or [""])[0][:300]
    name = type(exc).__name__
    if shown is not exc:
        name += f" ({type(shown).__module__}.{type(shown).__qualname__})"
    return f"{name}: {_redact(message, update)}" if message else name


_ROUTING = str(ROOT / "handlers" / "routing.py")  # a frame per router level: nothing to read


def our_traceback(exc: BaseException) -> tuple[str, str]:
    """(the handler, the traceback through our code only: file:line in function, source)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.startswith(OURS) and f.filename != _ROUTING]  # not the routers'
    handler = "-"
    for f in frames:
        if f.filename.startswith(str(ROOT / "handlers")) and not f.filename.endswith("errors.py"):
            module = Path(f.filename).relative_to(ROOT / "handlers").with_suffix("")
            handler = ".".join((*module.parts, f.name))  # e.g. profile.screens.got_full_name
            break
    lines = []
    for f in frames:
        where = Path(f.filename).relative_to(ROOT)
        lines.append(f"  {where}:{f.lineno} in {f.name}")
        if f.line:
            lines.append(f"    {f.line.strip()}")
    return handler, "\n".join(lines)


@router.errors()
async def on_error(event: ErrorEvent, **data: Any) -> bool:
    update, exc = event.update, event.exception
    what = describe(update)
    outage = bool(data.get("outage"))
    if isinstance(exc, DomainError):
        log.info("refused %s: %s", what, exc.key)
    elif outage:
        log.warning("%s: database or Redis unavailable: %s", what, _first_line(exc, update))
    else:
        handler, frames = our_traceback(exc)
        log.error("%s failed in %s: %s\n%s", what, handler, _first_line(exc, update), frames)

    i18n = data.get("i18n")
    core = data.get("i18n_core")
    locale = i18n.locale if i18n else None

    def t(key: str, **kw: Any) -> str:
        if i18n is not None:
            return i18n.get(key, **kw)
        return core.get(key, locale or core.default_locale, **kw) if core else key

    try:
        if isinstance(exc, DomainError):
            # parameters may carry what someone typed: escaped for the HTML message
            text = t(exc.key, **escaped_params(exc.params))
        else:
            text = t("error-unavailable" if outage else "error-internal")
        markup = InlineKeyboardMarkup(inline_keyboard=[[button(t("btn-menu"),
                                                               MenuCb(to="home").pack())]])
    except Exception:  # noqa: BLE001 — the error path must not fail in turn
        log.exception("%s: cannot render the error message", what)
        return True
    bot = data.get("bot")
    with contextlib.suppress(Exception):
        if update.callback_query is not None:
            query = update.callback_query
            answered = False
            with contextlib.suppress(Exception):
                await query.answer(text[:190], show_alert=True)
                answered = True
            if outage and answered:
                return True  # the alert says it all; the message they pressed is still there
            chat = query.message.chat.id if query.message else query.from_user.id
            if bot is not None:
                await bot.send_message(chat, text, reply_markup=markup)
        elif update.message is not None and bot is not None:
            await bot.send_message(update.message.chat.id, text, reply_markup=markup)
    return True
