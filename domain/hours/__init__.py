"""The hours ledger (зачётно-накопительная система): hours accumulate per teacher, by kind

Re-exports ``domain.hours.ledger`` (the former ``domain/hours.py``)."""

from domain.hours.ledger import (  # noqa: F401
    LedgerEntry,
    YearTotals,
    credit_report_hours,
    my_hours,
    subscribe,
    summarize,
)
