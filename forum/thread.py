"""A question page's posts, read once per forum generation and shared by every member.

The question, all its answers whatever their state, and the names of their
authors are kept in the shared cache (caching, scope "forum"). A new
generation starts when any post is saved or deleted, and when a member's
name changes or an account is deleted (apps.py), so a name never outlives
its owner's wishes. Who sees which post is decided per reader
(visibility.sees_post); what the reader did (follows, reports) is read per
request (``marks``).
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

import caching

from .models.follows import Follow
from .models.moderation import Flag
from .models.posts import Question

# A member's name as posts show it: a save naming other fields keeps the cache.
NAME_FIELDS = ("first_name", "last_name", "email")


@dataclass
class Thread:
    question: Question
    answers: list  # every answer, oldest first; each knows its question
    names: dict = field(default_factory=dict)  # author pk -> full name


def read(request, pk):
    """The thread of question ``pk`` from the shared cache; Http404 when there is none
    (only questions that exist are stored: nobody fills the cache at will)."""
    return caching.remember(("forum", "topics"), ("forum-thread", pk), lambda: load(pk))


def load(pk, question=None):
    """The thread read from the database (for writing: always current)."""
    question = question or load_question(pk)
    answers = list(question.answers.defer("body_markdown").order_by("created_at", "pk"))
    authors = {post.author_id for post in [question, *answers]} - {None}
    names = {user.pk: user.full_name
             for user in get_user_model().objects.filter(pk__in=authors).only(*NAME_FIELDS)}
    return Thread(question, answers, names)


def load_question(pk):
    """Question ``pk`` as the thread holds it, read anew; Http404 when there is none."""
    # The Markdown source is only needed to edit, which reads the post anew.
    question = (Question.objects.select_related("topic").defer("body_markdown")
                .filter(pk=pk).first())
    if question is None:
        raise Http404
    return question


def marks(user, thread):
    """(whether ``user`` follows the question, the posts they reported as (kind, pk))."""
    pk = thread.question.pk
    following = Follow.objects.filter(user=user, question_id=pk).exists()
    reported = {("question", q) if q else ("answer", a) for q, a in
                Flag.objects.filter(user=user)
                .filter(Q(question_id=pk) | Q(answer__question_id=pk))
                .values_list("question_id", "answer_id")}
    return following, reported
