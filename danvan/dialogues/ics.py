"""A small iCalendar (RFC 5545) writer for the public feed of a unit's reception days.

`icalendar` is not installed; this writes only what the feed needs, by the RFC: CRLF line ends (§3.1), content
lines folded at 75 octets without splitting a UTF-8 character (§3.1), TEXT values escaped (`\\`, `;`, `,` and
newlines, §3.3.11), DTSTAMP and a stable UID in each VEVENT (§3.6.1), local times with TZID=Asia/Ho_Chi_Minh
and the matching VTIMEZONE (UTC+07:00 all year, no daylight saving since 1975, §3.6.5). A cancelled day stays
in the feed with STATUS:CANCELLED so subscribed calendars drop it.
"""

import datetime as dt

TZID = "Asia/Ho_Chi_Minh"
PRODID = "-//danvan//Lich tiep cong dan//VI"
FOLD_AT = 75

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (continuation lines start with a space), CRLF-terminated."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line + "\r\n"
    parts, start, limit = [], 0, FOLD_AT
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split inside a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, FOLD_AT - 1  # the leading space of a continuation line counts
    return "\r\n ".join(parts) + "\r\n"


def _local(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).strftime("%Y%m%dT%H%M%S")


def calendar(name: str, events, *, stamp: dt.datetime | None = None) -> str:
    """The VCALENDAR text. `events`: dicts with uid, day, start, end, summary, location, description,
    cancelled (bool)."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e['uid']}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={TZID}:{_local(e['day'], e['start'])}",
            f"DTEND;TZID={TZID}:{_local(e['day'], e['end'])}",
            f"SUMMARY:{escape_text(e['summary'])}",
            f"LOCATION:{escape_text(e['location'])}",
            f"DESCRIPTION:{escape_text(e.get('description', ''))}",
            f"STATUS:{'CANCELLED' if e.get('cancelled') else 'CONFIRMED'}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
