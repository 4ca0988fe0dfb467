"""Storage of broadcasts (domain/broadcasts)."""

from storage.broadcasts.models import BroadcastAuditRow, BroadcastOptOutRow, BroadcastRow
from storage.broadcasts.repo import SqlBroadcasts, audience_query

__all__ = ["BroadcastAuditRow", "BroadcastOptOutRow", "BroadcastRow", "SqlBroadcasts",
           "audience_query"]
