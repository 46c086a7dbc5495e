"""The forms on a team's page: asking to join, meetings, minutes and their files.

Text members type goes through usertext.fields; files through the library's
upload check (library/uploads.py) with the catalogue's document types.
Meeting times are typed in Brussels time, whatever the server's zone.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from library.uploads import extension_of, validate_upload
from usertext.fields import LineField, MarkdownTextField, TextField

from . import mentions

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odp"]
MARKDOWN_HELP = _("Markdown works: **bold**, *italic*, lists with - or 1., > quotes and links.")


class DayInput(forms.DateInput):
    """A browser's date field: its value is always YYYY-MM-DD, whatever the language
    (Dutch dates as 30-11-2026 left the field empty)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class JoinForm(forms.Form):
    message = TextField(label=_("Message to the team leader (optional)"), required=False,
                        max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class MeetingForm(forms.Form):
    title = LineField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=DayInput())
    starts = forms.TimeField(label=_("Starts (Brussels time)"),
                             widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends (Brussels time)"),
                           widget=forms.TimeInput(attrs={"type": "time"}))
    place = LineField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False,
                                max_length=200, assume_scheme="https")

    def clean_online_url(self):
        url = self.cleaned_data["online_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Give a web address starting with https://."))
        return url

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The meeting must end after it starts."))
            else:
                data["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=BRUSSELS)
                data["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=BRUSSELS)
        if not data.get("place") and not data.get("online_url") and not self.has_error(
                "online_url"):
            self.add_error("place", _("Give a place, an online meeting link or both."))
        return data

    def meeting_fields(self):
        data = self.cleaned_data
        return {"title": data["title"].strip(), "starts_at": data["starts_at"],
                "ends_at": data["ends_at"], "place": data["place"].strip(),
                "online_url": data["online_url"]}


class MinutesForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"),
                              widget=DayInput())
    title = LineField(label=_("Title"), max_length=200)
    body = MarkdownTextField(label=_("Minutes"), max_length=20_000, min_length=10,
                             help_text=format_lazy("{} {}", MARKDOWN_HELP, mentions.HELP),
                             widget=forms.Textarea(attrs={"rows": 10}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PPTX or ODP)"))
    title = LineField(label=_("Title of the file"), max_length=200, required=False)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if extension_of(file.name) not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(_("Upload a PDF, DOCX, XLSX, PPTX or ODP file."))
        validate_upload(file)
        return file

    def clean(self):
        data = super().clean()
        if data.get("file") and not data.get("title"):
            data["title"] = data["file"].name.rsplit(".", 1)[0][:200]
        return data
