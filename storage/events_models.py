"""Compatibility path: the events tables live in ``storage.events.models``."""

from storage.events.models import (  # noqa: F401
    EventAudienceRow,
    EventChangeRow,
    EventRegistrationRow,
    EventRow,
    EventSessionRow,
    HoursLedgerRow,
)
