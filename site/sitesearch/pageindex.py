"""The base of every index of Wagtail pages: publishing and privacy decide."""

from django.db.models import Q

from pages.visibility import page_pks_visible_to, pages_open_to_members

from .indexes import SiteIndex, html_text


class PageIndex(SiteIndex):
    """Live pages that are not private and not aliases (untranslated copies).

    An English alias shows the Dutch text: the Dutch index holds it once.
    Changes of publishing, privacy and place in the tree are queued for
    every page model by sitesearch.signals.
    """

    def indexable(self, queryset):
        return pages_open_to_members(queryset).filter(alias_of__isnull=True)

    def visible_pks(self, user, pks):
        # Search asks at request time: from the page tree this process keeps.
        return page_pks_visible_to(user, pks)

    def language_of(self, obj):
        return obj.locale.language_code

    def in_language(self, queryset, language):
        return queryset.filter(Q(locale__language_code=language))

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("locale")

    def prepare_title(self, obj):
        return obj.title

    def prepare_url(self, obj):
        return obj.get_url() or ""

    def prepare_date(self, obj):
        return obj.last_published_at or obj.first_published_at

    def page_text(self, obj, *parts):
        return " ".join(part for part in (obj.title, obj.search_description, *parts) if part)

    def prepare_summary(self, obj):
        return html_text(getattr(obj, "summary", "") or obj.search_description)
