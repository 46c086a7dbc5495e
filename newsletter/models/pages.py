"""The newsletter's pages: the archive (one per language, under the home page)
and its issues, translated like every page (wagtail-localize).

An issue is an introduction and items: pages of the site picked in the
editor, each with an optional note. It is composed and previewed as a page;
Wagtail's preview also shows it as the email ("Email" and "Email, plain
text"), as the editor would get it. On the site an issue shows only once it
was sent (newsletter/sending.py): a draft, even a published one, never
appears in the archive nor at its address.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from pages.models import PAGE_TRANSLATABLE_FIELDS, SectionIndexPage
from pages.visibility import visible_pages

from .. import views
from .records import Dispatch


class ItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    note = blocks.TextBlock(label=_("note"), required=False, max_length=600,
                            help_text=_("A sentence on why it is worth a look (optional)."))

    class Meta:
        icon = "link"
        label = _("item")


class NewsletterIndexPage(SectionIndexPage):
    """The archive: the issues sent, newest first."""

    subpage_types = ["newsletter.NewsletterIssuePage"]
    template = "newsletter/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sent = Dispatch.objects.filter(issue_key=OuterRef("translation_key"))
        issues = (NewsletterIssuePage.objects.child_of(self).live()
                  .annotate(sent_on=Subquery(sent.values("sent_at")[:1]))
                  .filter(sent_on__isnull=False).order_by("-sent_on", "-pk"))
        context["issues"] = visible_pages(request.user, issues)
        return context


class NewsletterIssuePage(Page):
    """One issue of the newsletter."""

    introduction = RichTextField(_("introduction"), features=[
        "h2", "h3", "bold", "italic", "ol", "ul", "link"])
    items = StreamField([("item", ItemBlock())], verbose_name=_("items"), blank=True,
                        help_text=_("Recent pages worth a look. Members get only the items "
                                    "they may open."))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("items")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("introduction"),
                           TranslatableField("items")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    template = "newsletter/newsletter_issue_page.html"

    class Meta:
        verbose_name = _("newsletter issue")

    @property
    def preview_modes(self):
        return [("", _("Page")), ("email", _("Email")), ("email-text", _("Email, plain text"))]

    @property
    def sent_at(self):
        """When the issue was sent (in any language), or None."""
        if not hasattr(self, "_sent_at"):
            self._sent_at = (Dispatch.objects.filter(issue_key=self.translation_key)
                             .values_list("sent_at", flat=True).first())
        return self._sent_at

    def serve(self, request, *args, **kwargs):
        if self.sent_at is None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        if mode_name in ("email", "email-text"):
            return views.preview_email(request, self, plain=mode_name == "email-text")
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = views.items_for(self, request.user)
        return context
