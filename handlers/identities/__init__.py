"""Linking a person's account in the other messenger (/link): one profile in Telegram and MAX."""

from handlers.identities.screens import router

__all__ = ["router"]
