"""Quiet hours: nothing is broadcast between ``start`` and ``end`` local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: time = time(21, 0)
    end: time = time(8, 0)
    tz: ZoneInfo = ZoneInfo("Europe/Moscow")

    def until(self, now: datetime) -> datetime | None:
        """The end of the quiet period ``now`` falls in (aware, UTC), or None outside one."""
        if self.start == self.end:
            return None
        local = now.astimezone(self.tz)
        t = local.time()
        if self.start > self.end:  # over midnight: 21:00–08:00
            if t >= self.start:
                day = local.date() + timedelta(days=1)
            elif t < self.end:
                day = local.date()
            else:
                return None
        else:  # within one day: 13:00–15:00
            if not (self.start <= t < self.end):
                return None
            day = local.date()
        end = datetime.combine(day, self.end, tzinfo=self.tz)
        return end.astimezone(now.tzinfo)
