"""Translating pages and snippets in code, through wagtail-localize.

The admin translates through wagtail-localize's translation editor, which
keeps a record of every source and translated segment; that record is what
tells translators what is missing or out of date. Code that creates content
(the demo, imports) must leave the same record, or its translations would
look untracked. ``translate()`` does that: it takes the source object and
the target language's values, pairs the segments of both, stores them as
translations of the source's segments and lets wagtail-localize build the
translated object.

``sync_new_page()`` is what wagtail-localize's admin hook does after a page
is created: it gives the page an alias in every language synchronised from
the page's own, so that English visitors find it (in Dutch, with a notice)
until it is translated.
"""

from django.db import transaction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import create_aliases_for_new_page


class StructureMismatch(ValueError):
    """The target values do not have the source's structure (other blocks, other paragraphs)."""


def _string_segments(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def _example(translation_source, values):
    """A copy of the source object with the target language's values, never saved."""
    example = translation_source.as_instance()
    for name, value in values.items():
        setattr(example, name, value)
    return example


@transaction.atomic
def translate(source, values, locale, user=None):
    """Translate ``source`` into ``locale`` with ``values`` ({field: translated value}).

    Fields left out keep the source's text. Returns the translated object,
    published (pages) or saved (snippets).
    """
    if isinstance(source, Page):
        source = source.specific
    translation_source, _ = TranslationSource.update_or_create_from_instance(source)
    translation, _ = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    source_segments = _string_segments(translation_source.as_instance())
    target_segments = _string_segments(_example(translation_source, values))
    source_paths = [s.path for s in source_segments]
    target_paths = [s.path for s in target_segments]
    if source_paths != target_paths:
        difference = next(((a, b) for a, b in zip(source_paths, target_paths, strict=False)
                           if a != b), (len(source_paths), len(target_paths)))
        raise StructureMismatch(f"{source!r}: the translation has another structure "
                                f"(source, translation: {difference})")
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.translation_key)
    }
    for original, translated in zip(source_segments, target_segments, strict=True):
        # Also when the text is the same in both languages (a name): translated as itself.
        StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source.locale, original.string),
            locale=locale,
            context=contexts[original.path],
            defaults={"data": translated.string.data,
                      "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "last_translated_by": user, "has_error": False},
        )
    draft = isinstance(source, DraftStateMixin)
    target, _ = translation_source.create_or_update_translation(
        locale, user=user, publish=not draft, fallback=True, copy_parent_pages=True,
    )
    if draft:
        # Published now rather than when the transaction commits, so that
        # code (and tests) reading the translation right away find it live.
        target.get_latest_revision().publish(user=user)
        target = type(target).objects.get(pk=target.pk)
    return target


def sync_new_page(page):
    """Create the aliases wagtail-localize's admin hook creates for a new page."""
    create_aliases_for_new_page(page)
