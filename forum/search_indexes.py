"""Forum questions in the site search, with their published answers.

Only published questions are indexed (forum.visibility.public_questions);
pending, rejected and hidden answers never add their words. Moderation
saves the post, which queues its question again.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from haystack import indexes

from pages.sections import subpage_url
from sitesearch.indexes import Kind, SiteIndex, html_text, language_choice, topic_keys

from .models.pages import ForumIndexPage
from .models.posts import Answer, Question, Status
from .visibility import public_answers, public_questions, visible_questions


class QuestionIndex(SiteIndex, indexes.Indexable):
    section = ForumIndexPage
    result_kind = Kind("question", _("Forum question"), _("Forum questions"), order=50)
    topic_weight = Count("questions", filter=Q(questions__status=Status.PUBLISHED),
                         distinct=True)

    def get_model(self):
        return Question

    def indexable(self, queryset):
        return public_questions(queryset)

    def visible_pks(self, user, pks):
        return set(visible_questions(user).filter(pk__in=pks).values_list("pk", flat=True))

    def language_of(self, obj):
        return obj.language

    def in_language(self, queryset, language):
        return queryset.filter(language_choice("language", language))

    def related(self):
        return [(Answer, lambda answer: [answer.question_id])]

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("topic")

    def prepare_text(self, obj):
        # The rendered text, not the Markdown: snippets show words, not ** or [](...).
        answers = public_answers(obj).values_list("body_html", flat=True)
        return " ".join([obj.title, html_text(obj.body_html), *map(html_text, answers)])

    def prepare_title(self, obj):
        return obj.title

    def prepare_summary(self, obj):
        return html_text(obj.body_html)[:300]

    def prepare_url(self, obj):
        return question_url(obj.pk, obj.language)

    def prepare_topics(self, obj):
        return topic_keys([obj.topic])

    def prepare_date(self, obj):
        return obj.last_activity_at

    def url_in(self, result, language, topics):
        """The question in the reader's forum: both forums show every post."""
        return question_url(result.pk, language) or result.url


def question_url(pk, language):
    return subpage_url(ForumIndexPage, language, "question", pk=pk)
