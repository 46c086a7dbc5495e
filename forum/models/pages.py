"""The forum page: one per language, and every forum page (the index, a question,
asking, the moderation queue, ...) is a route of it, so they live under
/nl/forum/ and /en/forum/, behind the login like every page.

Each route hands the request to its view in forum/views.py.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from pages.models import SectionIndexPage

from .. import views


class ForumIndexPage(RoutablePageMixin, SectionIndexPage):
    """The forum: questions and answers of all topics, in both languages."""

    class Meta:
        verbose_name = _("forum")

    @cached_property
    def url(self):
        # Every link and form on a forum page starts with it (a dozen per
        # question page); Wagtail works it out anew on each use. The forum
        # page a request serves is its own copy (pages/routing.py).
        return Page.url.fget(self)

    def url_for(self, name, **kwargs):
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    # The order counts: a path matching two routes goes to the first
    # (question/1/edit/ is an edit, not a post action).

    @path("", name="index")
    def index(self, request):
        return views.index(request, self)

    @path("ask/", name="ask")
    def ask(self, request):
        return views.ask(request, self)

    @path("question/<int:pk>/", name="question")
    def question(self, request, pk):
        return views.question(request, self, pk)

    @path("preview/", name="preview")
    def preview(self, request):
        return views.preview(request, self)

    @path("question/<int:pk>/edit/", name="edit_question")
    def edit_question(self, request, pk):
        return views.edit_question(request, self, pk)

    @path("answer/<int:pk>/edit/", name="edit_answer")
    def edit_answer(self, request, pk):
        return views.edit_answer(request, self, pk)

    @path("<str:kind>/<int:pk>/<str:action>/", name="post_action")
    def post_action(self, request, kind, pk, action):
        return views.post_action(request, self, kind, pk, action)

    @path("follow-topic/<slug:slug>/", name="follow_topic")
    def follow_topic(self, request, slug):
        return views.follow_topic(request, self, slug)

    @path("preferences/", name="preferences")
    def preferences(self, request):
        return views.preferences(request, self)

    @path("moderation/", name="moderation")
    def moderation(self, request):
        return views.moderation_queue(request, self)

    @path("moderation/<str:kind>/<int:pk>/<str:action>/", name="moderate")
    def moderate(self, request, kind, pk, action):
        return views.moderate(request, self, kind, pk, action)
