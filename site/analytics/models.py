"""What analytics stores: counts, never who.

``DailyCount`` is the aggregate, kept for good: one row per day, topic,
content item, event kind and language, with a count that each event raises
by one. Distinct participants are counted from ``DailyParticipant`` rows:
a keyed hash of the user id and the day, made with that day's secret
(``DailySecret``), which is deleted once the day is over, so that a hash can
no longer be tied to anyone. ``analytics_rollup`` turns those rows into
``DailyReach`` counts and deletes them after ANALYTICS_RETENTION_DAYS.
No IP address, user agent or user id is stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind

REPORT_PERMISSION = "analytics.view_analytics_report"


class DailyCount(models.Model):
    day = models.DateField()
    topic_key = models.UUIDField(help_text="The topic's wagtail-localize translation key.")
    # app_label.model of the content, e.g. "learning.lessonpage"
    content_type = models.CharField(max_length=100)
    # The translation key for translatable content (both languages are one
    # item), else the primary key.
    item_key = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=8)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "topic_key", "kind", "language", "content_type", "item_key"],
                name="one_count_per_day_topic_item_kind_language"),
        ]
        indexes = [
            # The report's queries read only these columns (a covering index).
            models.Index(fields=["day", "kind", "topic_key", "language", "content_type",
                                 "count"], name="analytics_report_idx"),
            models.Index(fields=["topic_key", "day"], name="analytics_topic_idx"),
        ]
        permissions = [("view_analytics_report", _("Can see the topic analytics report"))]

    def __str__(self):
        return f"{self.day} {self.topic_key} {self.content_type}:{self.item_key} {self.kind}"


class DailyParticipant(models.Model):
    """A pseudonymous participant of one topic on one day (raw data, deleted after retention)."""

    day = models.DateField()
    topic_key = models.UUIDField()
    digest = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "topic_key", "digest"],
                                    name="one_participant_per_day_topic"),
        ]

    def __str__(self):
        return f"{self.day} {self.topic_key}"


class DailyReach(models.Model):
    """Distinct participants of one topic on one day, once the day is rolled up."""

    day = models.DateField()
    topic_key = models.UUIDField()
    participants = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "topic_key"], name="one_reach_per_day_topic"),
        ]

    def __str__(self):
        return f"{self.day} {self.topic_key}: {self.participants}"


class DailySecret(models.Model):
    """The key of today's participant hashes; older ones are deleted."""

    day = models.DateField(unique=True)
    secret = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)
