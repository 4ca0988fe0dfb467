"""Files people sent (evidence, diplomas, meeting notes, a broadcast's photo), shown to someone
else — possibly in the other messenger.

A stored file id is a messenger's own handle: Telegram's ids mean nothing to MAX and MAX's
attachment tokens nothing to Telegram. MAX's ids carry the prefix ``max:``
(bot/max/convert.py), so the id says where the file lives. A viewer in the same messenger gets
the file by its id; a viewer in the other one gets a copy: downloaded once through the bot of
the messenger the file came from, uploaded once through the viewer's, and its new id kept in
the copy cache (domain/files.py) for every later viewer or broadcast recipient, after a restart
too. When the file cannot be brought over (its messenger is switched off, no longer has it, or
the other refuses it), the viewer hears so (``file-unavailable``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramEntityTooLarge, TelegramNotFound
from aiogram.types import BufferedInputFile, InputFile, Message

from domain.files import CopyBusy, FileCopies, FileUnavailable

log = logging.getLogger(__name__)

MAX_PREFIX = "max:"
#: what a relayed file may weigh (the Telegram Bot API downloads at most 20 MB)
RELAY_LIMIT = 20 * 1024 * 1024
#: how long a sender waits for another one making the same copy, and how often it looks
WAIT, POLL = 15.0, 0.25
#: the messenger refused the file or the id: nothing was delivered
REFUSED = (TelegramBadRequest, TelegramEntityTooLarge, TelegramNotFound)

Media = str | InputFile


def file_channel(file_id: str) -> str:
    return "max" if file_id.startswith(MAX_PREFIX) else "telegram"


def bot_channel(bot: Bot) -> str:
    return str(getattr(bot, "channel", "telegram"))


def sent_file_id(message: Any) -> str | None:
    """The id the messenger gave a file we sent (its copy there)."""
    if getattr(message, "document", None) is not None:
        return str(message.document.file_id)
    photo = getattr(message, "photo", None)
    if photo:
        return str(photo[-1].file_id)
    return None


def received_file(message: Any, default: str = "document") -> tuple[str, str] | None:
    """(file id, name) of a document or a photo a person sent (a photo's largest size,
    named «photo.jpg»); None for anything else."""
    if getattr(message, "document", None) is not None:
        return str(message.document.file_id), message.document.file_name or default
    photo = getattr(message, "photo", None)
    if photo:
        return str(photo[-1].file_id), "photo.jpg"
    return None


def _name(path: str | None) -> str:
    """A file's name from the messenger's path (Telegram: ``documents/file_3.pdf``; MAX: the
    URL with the name as its fragment, bot/max/convert.py)."""
    path = path or ""
    if "#" in path:
        return unquote(path.rsplit("#", 1)[1])[:64] or "file"
    last = path.split("?", 1)[0].rsplit("/", 1)[-1]
    return last if "." in last and len(last) <= 64 else "file"


@dataclass(slots=True)
class Prepared:
    """A file ready to send through one bot: its id there, or the bytes to upload (then this
    sender holds the copy's claim and must call ``sent`` or ``refused`` or ``aborted``)."""

    relay: FileRelay
    source: str
    channel: str
    media: Media
    claimed: bool = False
    cached: bool = False

    async def sent(self, message: Any) -> None:
        if not self.claimed:
            return
        self.claimed = False
        copy = sent_file_id(message)
        if copy:
            await self.relay.copies.save(self.source, self.channel, self.relay.worker, copy)
        else:
            await self.relay.copies.release(self.source, self.channel, self.relay.worker)

    async def refused(self, error: BaseException) -> None:
        """The target messenger refused the upload: no retry for a while."""
        log.warning("a %s file was refused by %s: %s", file_channel(self.source), self.channel,
                    error)
        if self.claimed:
            self.claimed = False
            await self.relay.copies.fail(self.source, self.channel, self.relay.worker,
                                         f"upload refused: {error}")
        elif self.cached and isinstance(self.media, str):
            await self.relay.copies.forget(self.source, self.channel, self.media)

    async def aborted(self) -> None:
        if self.claimed:
            self.claimed = False
            await self.relay.copies.release(self.source, self.channel, self.relay.worker)


Sleep = Callable[[float], Awaitable[Any]]


class FileRelay:
    """Stored files for any bot: by id in their own messenger, else a cached copy, made once.

    ``copies`` is the cache (storage/files); without one every cross-messenger view downloads
    and uploads again (as before the cache)."""

    def __init__(self, bots: Mapping[str, Bot], copies: FileCopies | None = None, *,
                 wait: float = WAIT, sleep: Sleep = asyncio.sleep) -> None:
        self.bots = bots
        self.copies = copies
        self.wait, self.sleep = wait, sleep
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[-64:]

    async def prepare(self, bot: Bot, file_id: str, filename: str | None = None) -> Prepared:
        """What ``bot`` sends for ``file_id``. Raises ``FileUnavailable`` (cannot be brought
        over) or ``CopyBusy`` (another sender is still making the copy after ``wait``)."""
        source, target = file_channel(file_id), bot_channel(bot)
        if source == target:
            return Prepared(self, file_id, target, file_id)
        if self.copies is None:
            return Prepared(self, file_id, target, await self.download(file_id, filename))
        deadline = time.monotonic() + self.wait
        while True:
            copy = await self.copies.find(file_id, target)
            if copy is not None and copy.file_id:
                return Prepared(self, file_id, target, copy.file_id, cached=True)
            if copy is not None and copy.failed:
                raise FileUnavailable()
            if await self.copies.claim(file_id, target, self.worker):
                break
            if time.monotonic() >= deadline:
                raise CopyBusy(file_id)
            await self.sleep(POLL)
        try:
            data = await self.download(file_id, filename)
        except FileUnavailable as exc:
            await self.copies.fail(file_id, target, self.worker, f"download: {exc.params}")
            raise
        except BaseException:
            await self.copies.release(file_id, target, self.worker)
            raise
        return Prepared(self, file_id, target, data, claimed=True)

    async def download(self, file_id: str, filename: str | None = None) -> InputFile:
        """The file's bytes from the messenger it came from."""
        source = file_channel(file_id)
        origin = self.bots.get(source)
        if origin is None:
            raise FileUnavailable(reason="messenger off")
        try:
            found = await origin.get_file(file_id)
            data = await origin.download_file(found.file_path or "")
        except Exception as exc:  # noqa: BLE001 — gone, too big, or the messenger is unreachable
            log.warning("a %s file could not be fetched: %s", source, type(exc).__name__)
            raise FileUnavailable(reason=type(exc).__name__) from None
        content = data.getvalue() if data is not None else b""  # type: ignore[attr-defined]
        if not content or len(content) > RELAY_LIMIT:
            raise FileUnavailable(reason=f"{len(content)} bytes")
        return BufferedInputFile(content, filename=filename or _name(found.file_path))

    async def send(self, bot: Bot, chat_id: int, file_id: str, *, filename: str | None = None,
                   caption: str | None = None, photo: bool = False) -> Message:
        """Send a stored file to ``chat_id`` through ``bot``: as a document, or as a photo
        (``photo``: Telegram refuses a photo's id sent as a document, and the reverse)."""
        for attempt in (1, 2):
            try:
                prepared = await self.prepare(bot, file_id, filename)
            except CopyBusy:  # someone else is slow to copy it: bring it over ourselves
                prepared = Prepared(self, file_id, bot_channel(bot),
                                    await self.download(file_id, filename))
            try:
                if photo:
                    message = await bot.send_photo(chat_id, prepared.media, caption=caption)
                else:
                    message = await bot.send_document(chat_id, prepared.media, caption=caption)
            except REFUSED as exc:
                if prepared.media == file_id:  # its own messenger refused its own id
                    raise
                await prepared.refused(exc)
                if prepared.cached and attempt == 1:  # a stale copy: make a new one
                    continue
                raise FileUnavailable() from None
            except BaseException:
                await prepared.aborted()
                raise
            await prepared.sent(message)
            return message
        raise FileUnavailable()
