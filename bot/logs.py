"""Logging: LOG_FORMAT=text|json and LOG_LEVEL.

JSON lines carry ``time``, ``level``, ``logger``, ``message`` and, while an update is handled,
its ``update_id`` and ``user_id`` (set by ``bot.metrics.UpdateMetricsMiddleware``). Nothing
people typed is logged at any level: our log calls name updates by ids and types only (the
error handler redacts, ``handlers/errors.py``), and a traceback in a JSON line is reduced to
the exception type and the frames through our code, without the exception's message (which
may quote a value).

aiogram logs one line per update at INFO ("Update id=… is handled"); its logger is raised to
WARNING: the one line per update is our middleware's, at DEBUG only.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

update_id_var: ContextVar[int | None] = ContextVar("update_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("user_id", default=None)

HANDLER_NAME = "marshrut"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            # the record's own creation time (not a clock read of ours)
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        update_id = getattr(record, "update_id", None) or update_id_var.get()
        user_id = getattr(record, "user_id", None) or user_id_var.get()
        if update_id is not None:
            line["update_id"] = update_id
        if user_id is not None:
            line["user_id"] = user_id
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line["exception"] = type(exc).__name__
            frames = _our_frames(exc)
            if frames:
                line["traceback"] = frames
        return json.dumps(line, ensure_ascii=False, default=str)


def _our_frames(exc: BaseException) -> str:
    try:
        from handlers.errors import our_traceback
    except Exception:  # pragma: no cover — logging must never fail
        return ""
    return our_traceback(exc)[1]


def quiet_libraries(level: str) -> None:
    """Library loggers that would write per-update lines or data at any level we allow."""
    # aiogram's per-update INFO line: ours is the one, at DEBUG
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # SQLAlchemy at DEBUG logs result rows (names, answers), aiosqlite every call: never
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("aiosqlite").setLevel(logging.WARNING)
    # one line per HTTP request (path, user agent; no body): only at DEBUG
    logging.getLogger("aiohttp.access").setLevel(logging.DEBUG if level == "DEBUG"
                                                 else logging.WARNING)


def setup_logging(level: str = "INFO", fmt: str = "text") -> None:
    """Configure the root logger, like ``logging.basicConfig``: not when someone else already
    did (a test runner, an embedding program); an earlier call's handler is replaced."""
    root = logging.getLogger()
    quiet_libraries(level)
    if any(h.get_name() != HANDLER_NAME for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.set_name(HANDLER_NAME)
    for old in list(root.handlers):
        if old.get_name() == HANDLER_NAME:
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
