"""A webinar as an iCalendar file (RFC 5545), for the confirmation email and the page.

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


def ics_for(webinar, url):
    host = settings.BASE_URL.split("://", 1)[-1].split("/")[0]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Leerkring//Webinars//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{webinar.translation_key}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(webinar.starts_at)}",
        f"DTEND:{_utc(webinar.ends_at)}",
        f"SUMMARY:{_escape(webinar.title)}",
        f"DESCRIPTION:{_escape(webinar.summary + chr(10) + chr(10) + url)}",
        f"URL:{url}",
        f"LOCATION:{_escape(url)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
