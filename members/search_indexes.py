"""Profiles and teams in the site search. Profiles: only those their members consented to show.

The rule is members.consent.listed_profiles, the same check the directory
uses. A consent record saved for a member, or a change of their account
(name, organisation, a deactivation), queues their profile again, so a
withdrawal takes it out of the index at once (with the queue inline) or on
the worker's next pass; until then the query-time check hides it. The
email address is never indexed.

A profile goes to the index of its member's preferred language (what they
write about themselves is most likely in it); the directory of either
language shows it.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from haystack import indexes

from pages.sections import subpage_url
from sitesearch.indexes import Kind, SiteIndex, html_text, language_choice, topic_keys

from .consent import listed_profile_pks, listed_profiles
from .models.pages import MemberDirectoryPage
from .models.records import ConsentRecord, Profile
from .team_search import TeamIndex  # noqa: F401 - teams' public face: haystack looks here


def _profile_pks_of(user_id):
    if user_id is None:
        return []
    return list(Profile.objects.filter(user_id=user_id).values_list("pk", flat=True))


class ProfileIndex(SiteIndex, indexes.Indexable):
    section = MemberDirectoryPage
    result_kind = Kind("profile", _("Member"), _("Members"), order=70)

    def get_model(self):
        return Profile

    def indexable(self, queryset):
        return queryset.filter(pk__in=listed_profiles().values("pk"))

    def visible_pks(self, user, pks):
        if not user.is_authenticated or not user.is_active:
            return set()
        listed = listed_profile_pks()
        return {int(pk) for pk in pks if int(pk) in listed}

    def language_of(self, obj):
        return obj.user.preferred_language

    def in_language(self, queryset, language):
        return queryset.filter(language_choice("user__preferred_language", language))

    def related(self):
        return [(ConsentRecord, lambda record: _profile_pks_of(record.user_id)),
                (get_user_model(), lambda user: _profile_pks_of(user.pk))]

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("user") \
            .prefetch_related("expertise")

    def prepare_text(self, obj):
        return " ".join([
            obj.name, obj.user.organisation, obj.job_title,
            html_text(obj.bio_html), *[topic.name for topic in obj.expertise.all()],
        ])

    def prepare_title(self, obj):
        return obj.name

    def prepare_summary(self, obj):
        parts = [obj.job_title, obj.user.organisation, html_text(obj.bio_html)]
        return " · ".join(part for part in parts if part)[:300]

    def prepare_url(self, obj):
        return profile_url(obj.slug, obj.user.preferred_language)

    def prepare_topics(self, obj):
        return topic_keys(obj.expertise.all())

    def prepare_date(self, obj):
        return obj.updated_at

    def url_in(self, result, language, topics):
        """The profile in the reader's directory: both directories list every profile."""
        slug = (result.url or "").rstrip("/").rsplit("/", 1)[-1]
        return profile_url(slug, language) if slug else result.url


def profile_url(slug, language):
    return subpage_url(MemberDirectoryPage, language, "profile", slug=slug)
