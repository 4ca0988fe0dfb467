"""Domain errors carry a message key (in locales/) and its arguments, never text."""

from typing import Any


class DomainError(Exception):
    key = "error-generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key, params)


class ValidationError(DomainError):
    """Input the user can correct; the step is asked again."""


class AccessDenied(DomainError):
    key = "error-access-denied"


class NotFound(DomainError):
    key = "error-not-found"


class InviteError(DomainError):
    key = "invite-unknown"
