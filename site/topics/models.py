from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

import caching


class TopicKind(models.TextChoices):
    PRODUCT_GROUP = "product_group", _("Product group")
    THEME = "theme", _("Theme")


class TopicQuerySet(models.QuerySet):
    def in_locale(self, locale):
        """The versions of these topics in ``locale``, in one query.

        Content keeps the topics chosen on its source page (they are
        synchronised, not translated), so the English page of a lesson points
        at Dutch topics; this finds their English counterparts.
        """
        keys = self.values("translation_key")
        return Topic.objects.filter(translation_key__in=keys, locale=locale)


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A product group or theme: what every piece of content is about."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TopicKind.choices)
    description = models.TextField(_("short description"), blank=True, max_length=500)

    objects = TopicQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("slug"),
        TranslatableField("description"),
        SynchronizedField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


def versions_in_locale(topics, locale, request=None):
    """{translation key: that topic's version in ``locale``} for topics already loaded.

    One query whatever the number of topics; lists of questions or projects
    use it to name their (synchronised, source-language) topics in the
    reader's language. With the request, from the cached topics of the
    language instead (no query).
    """
    keys = {topic.translation_key for topic in topics if topic is not None}
    if request is not None:
        return {topic.translation_key: topic
                for topic in topics_in_language(locale.language_code)
                if topic.translation_key in keys}
    return {topic.translation_key: topic
            for topic in Topic.objects.filter(translation_key__in=keys, locale=locale)}


def topics_in_language(language):
    """The topics of ``language`` by name: the same for every member, so kept in
    the shared cache until a topic changes."""
    return caching.remember("topics", ("topics-in-language", language), lambda: list(
        Topic.objects.filter(locale__language_code=language).order_by("name")))


def topic_slugs(language):
    """The slugs of the topics of ``language`` (a set), kept as topics_in_language."""
    return caching.remember("topics", ("topic-slugs", language), lambda: set(
        Topic.objects.filter(locale__language_code=language).values_list("slug", flat=True)))
