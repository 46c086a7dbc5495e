"""What still needs translating: the state of every page and snippet in every language.

For each page and translatable snippet of the source language (Dutch) and
each other language:

- missing: no translation yet (nothing, or only the alias that tree
  synchronisation made, which shows the Dutch content);
- in progress: a translation was started in wagtail-localize and some of its
  segments are not translated yet (with the share that is);
- outdated: the source was published (pages) or changed (snippets) after
  the translation was last synchronised with it;
- up to date: everything else.

A bounded number of queries, whatever the number of pages.
"""

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef, Q, TextChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def translatable_snippet_models():
    """Every snippet model with a language (topics, events, and any added later)."""
    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


class State(TextChoices):
    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")


@dataclass
class Row:
    title: str
    kind: str  # a page type or snippet model, for people
    section: str
    locale: Locale
    state: str
    translated: int = 0
    total: int = 0
    action_url: str = ""
    action_label: str = ""
    source_url: str = ""
    target_live: bool = True

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 100

    def get_state_display(self):
        return State(self.state).label


def _progress(sources, locale):
    """{source id: (translated, total)} for the string segments of these sources."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"),
        locale_id=locale.pk, has_error=False,
    )
    rows = (StringSegment.objects.filter(source_id__in=[s.pk for s in sources])
            .annotate(is_translated=Exists(translated))
            .values("source_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True))))
    return {row["source_id"]: (row["done"], row["total"]) for row in rows}


def _sources_and_translations(keys, source_locale, locale):
    sources = {s.object_id: s for s in
               TranslationSource.objects.filter(object_id__in=keys, locale=source_locale)}
    translations = {t.source_id: t for t in Translation.objects.filter(
        source__in=sources.values(), target_locale=locale, enabled=True)}
    return sources, translations, _progress(list(sources.values()), locale)


def _state(target, source, translation, progress, changed_after):
    """The state of one target, given whether the source changed after ``changed_after``."""
    if target is None or getattr(target, "alias_of_id", None):
        return State.MISSING, (0, 0)
    if source is None or translation is None:
        # Translated outside the translation editor: compare dates only.
        return (State.OUTDATED if changed_after(None) else State.UP_TO_DATE), (0, 0)
    done, total = progress.get(source.pk, (0, 0))
    if changed_after(source.last_updated_at):
        return State.OUTDATED, (done, total)
    if done < total:
        return State.IN_PROGRESS, (done, total)
    return State.UP_TO_DATE, (done, total)


def _set_action(row, synced_source, translate_url, edit_url):
    """What to do about a row: translate it, bring it up to date, or edit it."""
    if row.state == State.MISSING:
        row.action_url, row.action_label = translate_url, _("Translate")
    elif row.state == State.OUTDATED and synced_source is not None:
        row.action_url = reverse("wagtail_localize:update_translations", args=[synced_source.pk])
        row.action_label = _("Update the translation")
    else:
        row.action_url, row.action_label = edit_url(), _("Edit the translation")


def _section_titles(source_locale):
    return {page.path: page.title for page in
            Page.objects.filter(locale=source_locale, depth=3).only("path", "title")}


def page_rows(locale, source_locale):
    sections = _section_titles(source_locale)
    sources_qs = (Page.objects.filter(locale=source_locale, depth__gte=2)
                  .select_related("content_type").order_by("path"))
    source_pages = list(sources_qs)
    keys = [page.translation_key for page in source_pages]
    targets = {page.translation_key: page for page in
               Page.objects.filter(locale=locale, translation_key__in=keys)}
    sources, translations, progress = _sources_and_translations(keys, source_locale, locale)
    rows = []
    for page in source_pages:
        target = targets.get(page.translation_key)
        source = sources.get(page.translation_key)
        translation = translations.get(source.pk) if source else None

        def changed_after(moment, page=page, target=target):
            published = page.last_published_at
            if moment is None:  # no sync record: compare with the translation's own edits
                moment = target.latest_revision_created_at if target else None
            return bool(published and moment and published > moment)

        state, (done, total) = _state(target, source, translation, progress, changed_after)
        row = Row(
            title=page.title,
            kind=page.content_type.model_class()._meta.verbose_name,
            section=sections.get(page.path[:12], _("Home")) if page.depth > 2 else _("Home"),
            locale=locale, state=state, translated=done, total=total,
            source_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            target_live=bool(target and target.live),
        )
        _set_action(row, source if translation else None,
                    reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                    lambda target=target: reverse("wagtailadmin_pages:edit", args=[target.pk]))
        rows.append(row)
    return rows


def _serialised(instance):
    return json.loads(json.dumps(get_serializable_data_for_fields(instance),
                                 cls=DjangoJSONEncoder))


def snippet_rows(model, locale, source_locale):
    finder = AdminURLFinder()
    originals = list(model.objects.filter(locale=source_locale))
    keys = [item.translation_key for item in originals]
    targets = {item.translation_key: item for item in
               model.objects.filter(locale=locale, translation_key__in=keys)}
    sources, translations, progress = _sources_and_translations(keys, source_locale, locale)
    rows = []
    for item in originals:
        target = targets.get(item.translation_key)
        source = sources.get(item.translation_key)
        translation = translations.get(source.pk) if source else None

        def changed_after(moment, item=item, source=source):
            # Snippets keep no dates: compare with the content the translation was made from.
            return source is not None and _serialised(item) != json.loads(source.content_json)

        state, (done, total) = _state(target, source, translation, progress, changed_after)
        row = Row(
            title=str(item), kind=model._meta.verbose_name,
            section=str(model._meta.verbose_name_plural).capitalize(), locale=locale,
            state=state, translated=done, total=total, source_url=finder.get_edit_url(item) or "",
        )
        _set_action(row, source if translation else None,
                    reverse("wagtail_localize:submit_snippet_translation", args=[
                        model._meta.app_label, model._meta.model_name, item.pk]),
                    lambda target=target: finder.get_edit_url(target) or "")
        rows.append(row)
    return rows


def report():
    """Every row, for every language other than the source language."""
    source_locale = Locale.get_default()
    rows = []
    for locale in Locale.objects.exclude(pk=source_locale.pk).order_by("language_code"):
        rows += page_rows(locale, source_locale)
        for model in translatable_snippet_models():
            rows += snippet_rows(model, locale, source_locale)
    return rows
