"""Small async filters (no magic-filter thread hops on the hot path)."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter

from domain.entities import Person


class Consented(Filter):
    """The person gave consent to personal-data processing."""

    async def __call__(self, event: Any, person: Person | None = None) -> bool:
        return person is not None and person.has_consented


class Onboarded(Filter):
    """The person finished the profile: the main menu is theirs."""

    async def __call__(self, event: Any, person: Person | None = None) -> bool:
        return person is not None and person.is_onboarded


class PrivateChat(Filter):
    """Messages from private chats only: a teacher's data never shows up in a group."""

    async def __call__(self, event: Any) -> bool:
        chat = getattr(event, "chat", None)
        return chat is not None and chat.type == "private"


class PlainText(Filter):
    """A text message that is not a command (commands keep working inside forms)."""

    async def __call__(self, event: Any) -> bool:
        text = getattr(event, "text", None)
        return text is not None and not text.startswith("/")
