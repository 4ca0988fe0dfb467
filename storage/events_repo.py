"""Compatibility path: the events repository lives in ``storage.events.repo``."""

from storage.events.repo import (  # noqa: F401
    SqlEvents,
    SqlHoursLedger,
    event_from_row,
    registration_from_row,
)
