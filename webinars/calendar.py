"""A webinar (or any one event, such as a team meeting) as an iCalendar file (RFC
5545), for the confirmation email and the page.

Times are written in UTC, which every calendar converts to the reader's own
time zone. The join link is not in the file: it is shown on the page, to
registered participants, shortly before the start.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def _escape(text):
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for character in line:
        piece = character.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(uid, starts_at, ends_at, summary, description, location, url, product="Webinars"):
    """One event as an .ics file; ``uid`` is unique on this site (the host is added)."""
    host = settings.BASE_URL.split("://", 1)[-1].split("/")[0]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Leerkring//{product}//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{url}",
        f"LOCATION:{_escape(location)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def ics_for(webinar, url):
    return event_ics(webinar.translation_key, webinar.starts_at, webinar.ends_at, webinar.title,
                     webinar.summary + "\n\n" + url, url, url)
