from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

import caching

from .models import DailyCount
from .report import CONTENT_TYPES, Filters, type_label

MAX_DAYS = 3 * 366
# The calendar a custom period may use. Date arithmetic on the report (weeks
# starting on Monday, one day past the end) overflows near the year 9999, and
# nothing was counted before the platform existed.
FIRST_DAY = date(2000, 1, 1)


def last_day():
    """The last day a period may reach: the end of next year."""
    return date(timezone.localdate().year + 1, 12, 31)


def _distinct(column):
    """The values found in a column of the counts (a full scan: kept ten minutes)."""
    return caching.remember("counts", ("distinct-count-values", column), lambda: list(
        DailyCount.objects.order_by().values_list(column, flat=True).distinct()))


class PeriodForm(forms.Form):
    PERIODS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days")),
               ("year", _("This year")), ("custom", _("Custom period"))]

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    start = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language"), required=False)
    content_type = forms.ChoiceField(label=_("Content type"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        names = dict(settings.LANGUAGES)
        found = set(_distinct("language"))
        languages = [code for code, _name in settings.LANGUAGES] + sorted(found - set(names))
        self.fields["language"].choices = everything + [(c, names.get(c, c)) for c in languages]
        types = set(_distinct("content_type"))
        ordered = [t for t in CONTENT_TYPES if t in types or t != "catalogue.project"]
        ordered += sorted(types - set(ordered))
        self.fields["content_type"].choices = everything + [(t, type_label(t).capitalize())
                                                            for t in ordered]

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give both dates of a custom period."))
            if not FIRST_DAY <= start <= last_day() or not FIRST_DAY <= end <= last_day():
                raise forms.ValidationError(
                    _("Choose dates from %(first)s to %(last)s.") % {
                        "first": formats.date_format(FIRST_DAY, "j F Y"),
                        "last": formats.date_format(last_day(), "j F Y")})
            if start > end:
                raise forms.ValidationError(_("The period must start before it ends."))
            if (end - start).days > MAX_DAYS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(days)s days.") % {"days": MAX_DAYS})
        return data

    def filters(self):
        """The chosen Filters; the last 30 days when nothing (valid) was chosen."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        period = data.get("period") or "30"
        if period == "custom":
            start, end = data["start"], data["end"]
        elif period == "year":
            start, end = date(today.year, 1, 1), today
        else:
            start, end = today - timedelta(days=int(period) - 1), today
        return Filters(start=start, end=end, language=data.get("language", ""),
                       content_type=data.get("content_type", ""))
