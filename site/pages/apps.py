from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Collection, CollectionViewRestriction, Page
        from wagtail.models.i18n import LocaleManager

        # why: these modules use models, which cannot be imported before the
        # app registry is ready.
        from . import chrome, routing, shared, visibility

        # Wagtail looks up the active locale several times per page, by query,
        # and the sites' root paths (for every page URL) in the cache.
        LocaleManager.get_for_language = routing.memoised_get_for_language
        routing.memoise_site_root_paths()
        # Wagtail applies a page's privacy rules to its subtree in one language
        # only; ours apply to every language version (visibility._page_rules).
        # Wagtail's serving, its privacy hook and the admin ask this method.
        wagtails_rules = Page.get_view_restrictions
        Page.get_view_restrictions = lambda page: visibility.page_view_restrictions(
            page, wagtails_rules(page))
        # The collections' privacy rules, kept for every list of documents
        # (visibility.py), and which collection each file is in: HTML showing
        # images and documents is kept under this scope's generation.
        shared.watch("collections", Collection, CollectionViewRestriction,
                     get_image_model(), get_document_model(),
                     m2m=[CollectionViewRestriction.groups.through])

        # A process starting may follow a restored database or a deploy: its
        # cache may describe another page tree, or other privacy rules.
        chrome.invalidate()
        shared.invalidate("collections")
