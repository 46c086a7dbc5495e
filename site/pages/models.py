from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from topics.models import TopicKind, topics_in_language

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# The fields of Wagtail's Page that every translated page translates.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


def home_panels(request, home):
    """The cards content apps add to the home page, through the hook below.

    Each app registers a function ``(request, home_page)`` with the
    ``leerkring_home_panels`` hook returning a dict with a ``template``, an
    ``order`` and whatever that template needs (or None to show nothing), so
    the site shell needs no knowledge of learning, webinars or the forum.
    """
    if not request.user.is_authenticated:
        return []
    panels = [panel for hook in hooks.get_hooks("leerkring_home_panels")
              if (panel := hook(request, home))]
    return sorted(panels, key=lambda panel: panel.get("order", 100))


class SiteLanguage(models.TextChoices):
    """The languages the platform speaks (settings.LANGUAGES), for what members
    write in one of them: forum posts, catalogue projects."""

    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class SectionIndexPage(Page):
    """What every section of the site (learning, webinars, library, forum,
    catalogue) has in common: one page per language, right under the home
    page, with a short introduction. A section page lists or routes to its
    content; pages/sections.py finds it for links."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(Page):
    """The participants' home: the root of each language's tree, behind the login."""

    intro = RichTextField(
        _("welcome text"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Shown under the greeting on the participants' home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [TranslatableField("title"), TranslatableField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 2  # one per language
    is_public = False

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the topics card is rendered (it is kept as HTML).
        def of_kind(kind):
            return lambda: [t for t in topics_in_language(self.locale.language_code)
                            if t.kind == kind]
        context["product_groups"] = of_kind(TopicKind.PRODUCT_GROUP)
        context["themes"] = of_kind(TopicKind.THEME)
        context["home_panels"] = home_panels(request, self)
        return context


class LandingPage(Page):
    """The public face of the community: what it is and how to join."""

    intro = models.TextField(_("introduction"))
    body = RichTextField(_("about the community"), features=RICH_TEXT_FEATURES)
    how_to_join = RichTextField(_("how to join"), features=RICH_TEXT_FEATURES)
    contact_email = models.EmailField(_("contact email address"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("how_to_join"), FieldPanel("contact_email")],
                        heading=_("Joining")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("how_to_join"),
        SynchronizedField("contact_email"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    is_public = True

    class Meta:
        verbose_name = _("landing page")


class InformationPage(Page):
    """A plain page of text: a privacy statement, house rules, a colophon."""

    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES)
    public = models.BooleanField(
        _("visible without logging in"),
        default=False,
        help_text=_("For texts everyone must be able to read, such as the privacy statement."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("public")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("body"),
        SynchronizedField("public"),
    ]
    parent_page_types = ["pages.HomePage", "pages.InformationPage"]

    class Meta:
        verbose_name = _("information page")

    @property
    def is_public(self):
        return self.public


@register_setting(icon="site")
class SiteLinks(BaseSiteSetting):
    """Pages the site shell links to from every page (login, footer)."""

    landing_page = models.ForeignKey(
        "pages.LandingPage", verbose_name=_("landing page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    privacy_page = models.ForeignKey(
        "pages.InformationPage", verbose_name=_("privacy statement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [FieldPanel("landing_page"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("site links")
