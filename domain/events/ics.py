"""ics"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.events.model import Event

# ---- .ics ----------------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _ics_fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character."""
    out: list[bytes] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += b
    out.append(current)
    return "\r\n ".join(x.decode("utf-8") for x in out)


def _ics_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(event: Event, now: datetime, host: str = "marshrut.bot") -> bytes:
    """An iCalendar file with one VEVENT per session and a reminder an hour before."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Marshrut//Events//RU",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    ]
    location = ", ".join(x for x in (event.place, event.online_url) if x)
    for n, s in enumerate(sorted(event.sessions, key=lambda s: s.starts_at), 1):
        title = event.title if len(event.sessions) == 1 else f"{event.title} ({n}/{len(event.sessions)})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.id}-{n}@{host}",
            f"DTSTAMP:{_ics_time(now)}",
            f"SEQUENCE:{event.reschedules}",
            f"DTSTART:{_ics_time(s.starts_at)}",
            f"DTEND:{_ics_time(s.ends_at)}",
            f"SUMMARY:{_ics_text(title)}",
        ]
        if location:
            lines.append(f"LOCATION:{_ics_text(location)}")
        if event.online_url:
            lines.append(f"URL:{event.online_url}")
        if event.description:
            lines.append(f"DESCRIPTION:{_ics_text(event.description)}")
        lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_ics_text(title)}",
                  "TRIGGER:-PT1H", "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_ics_fold(x) for x in lines) + "\r\n").encode("utf-8")
