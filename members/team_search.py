"""Teams in the site search: their public face only (name and description), which
every member sees on the teams page.

Each team is indexed in its own language, linking to its page there. Minutes,
their files, meetings and team-only questions are not indexed: the search
index is shared by every member, and even a count or a spelling suggestion
from it would tell an outsider something. Team members find their team's
questions with the forum's own search, which applies the reader's rule
(forum.visibility).
"""

from django.utils.translation import gettext_lazy as _
from haystack import indexes

from pages.sections import subpage_url
from sitesearch.indexes import Kind, SiteIndex, language_choice, topic_keys

from .models.pages import TeamIndexPage
from .models.teams import Team


class TeamIndex(SiteIndex, indexes.Indexable):
    section = TeamIndexPage
    result_kind = Kind("team", _("Team"), _("Teams"), order=65)

    def get_model(self):
        return Team

    def indexable(self, queryset):
        return queryset

    def visible_pks(self, user, pks):
        # The public face is for every member (the search itself is for members only).
        return set(Team.objects.filter(pk__in=pks).values_list("pk", flat=True))

    def language_of(self, obj):
        return obj.locale.language_code

    def in_language(self, queryset, language):
        return queryset.filter(language_choice("locale__language_code", language))

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("locale")

    def prepare_text(self, obj):
        return " ".join([obj.name, obj.description])

    def prepare_title(self, obj):
        return obj.name

    def prepare_summary(self, obj):
        return obj.description[:300]

    def prepare_url(self, obj):
        return subpage_url(TeamIndexPage, obj.locale.language_code, "team", slug=obj.slug)

    def prepare_topics(self, obj):
        return topic_keys(obj.source.topics.all())

    def prepare_date(self, obj):
        return obj.created_at
