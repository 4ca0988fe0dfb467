"""Copies of a file in the other messenger: the rules of the copy cache.

A file a person sent (a diploma, a broadcast's photo) has an id only in the messenger it was
sent in. To show it in the other messenger the bot downloads it once and uploads it once; the
id it gets there is kept (``FileCopies``) and reused for every later viewer and recipient, across
restarts and processes. One sender at a time makes a copy: it claims the row for
``COPY_LEASE`` (a sender that dies mid-upload gives the claim up after that); the others wait for
its result. A file that could not be copied is not tried again for ``FAILURE_PAUSE``, so a
broadcast to thousands does not download a missing file thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from domain.errors import DomainError

#: how long a claim to make a copy lasts (a download and an upload of at most 20 MB)
COPY_LEASE = timedelta(minutes=5)
#: how long a failed copy is not tried again
FAILURE_PAUSE = timedelta(minutes=10)


class FileUnavailable(DomainError):
    """The file cannot be brought to this messenger (gone, too big, messenger off)."""

    key = "file-unavailable"


class CopyBusy(Exception):
    """Another sender is making this copy right now; try again shortly."""


@dataclass(frozen=True, slots=True)
class Copy:
    """What is known of a file's copy in one messenger."""

    #: the file's id in that messenger, once copied
    file_id: str | None = None
    #: the last attempt failed less than ``FAILURE_PAUSE`` ago
    failed: bool = False
    #: another sender holds the claim (within ``COPY_LEASE``)
    busy: bool = False


class FileCopies(Protocol):
    """The copy cache, keyed by (source file id, target channel). Each call is its own short
    transaction: a claim must be visible to other processes before the upload starts."""

    async def find(self, source: str, channel: str) -> Copy | None: ...
    async def claim(self, source: str, channel: str, worker: str) -> bool: ...
    async def save(self, source: str, channel: str, worker: str, file_id: str) -> None: ...
    async def release(self, source: str, channel: str, worker: str) -> None: ...
    async def fail(self, source: str, channel: str, worker: str, error: str) -> None: ...
    async def forget(self, source: str, channel: str, file_id: str) -> None: ...


class FileSources(Protocol):
    """Where the bot can download a file a messenger sent it, kept past the process: MAX gives
    a file's download URL only with the incoming update (its token alone cannot fetch it), so
    a file first opened in the other messenger after a restart is fetched from here. Whether
    the URL still works is MAX's to say: a dead one ends as ``FileUnavailable``."""

    async def keep(self, file_id: str, url: str) -> None: ...
    async def find(self, file_id: str) -> str | None: ...
