"""Who sees which forum posts: the one place for that rule (views, search, emails,
the home card, the analytics report, a team's page).

Published posts are for every member. A post waiting for review, rejected
or hidden is seen by its author (marked as such) and by moderators only;
an answer is seen only where its question is seen. A team's question
(``Question.team``) and its answers are seen by the team's members and by
moderators only (members.teams: membership is read per request), never by
an outsider, not even its author after leaving the team. The rule for a
list is the posts' ``visible_to`` (models/posts.py, so that a model can
answer it too); ``sees_post`` is the same rule for one post already read;
``public_questions`` and ``public_answers`` are what every member sees, for
what is the same for everyone (search index, the home card, counts).
``may_read`` adds the forum page's own privacy (pages.visibility), for what
reaches a member outside the page: emails, notifications of mentions.
"""

from django.apps import apps

from members.teams import team_ids_of
from pages.visibility import pages_visible_to

from .models.posts import FORUM_PAGE, Answer, Question, Status, is_moderator


def visible_questions(user):
    return Question.objects.visible_to(user)


def visible_answers(user, question=None):
    answers = Answer.objects.all() if question is None else question.answers.all()
    answers = answers.visible_to(user)
    if question is None and not is_moderator(user):
        answers = answers.filter(question__in=visible_questions(user))
    return answers


def sees_post(user, post, moderator=None):
    """The rule above for one post already read: a question, or an answer of a
    question the member sees (the question page keeps its posts in the shared
    cache and decides per reader). ``moderator`` saves asking again per post."""
    if not user.is_authenticated or not user.is_active:
        return False
    if moderator is None:
        moderator = is_moderator(user)
    if moderator:
        return True
    team_id = post.question.team_id
    if team_id is not None and team_id not in team_ids_of(user):
        return False
    return post.status == Status.PUBLISHED or post.author_id == user.pk


def public_answers(question):
    """The answers everybody who sees ``question`` sees: for its count of answers,
    emails (sent only to who sees the question) and search."""
    return question.answers.filter(status=Status.PUBLISHED)


def public_questions(questions=None):
    """The questions every member sees (published, not a team's): what the search
    index and the home card show."""
    questions = Question.objects.all() if questions is None else questions
    return questions.public()


def may_enter_forum(user):
    """Whether ``user`` may enter the forum page in some language (pages/visibility.py):
    what names a question and links to it goes only to them."""
    return pages_visible_to(user, apps.get_model(FORUM_PAGE).objects.all()).exists()


def may_read(user, post):
    """``sees_post`` for the post and its question, where the member may also enter the
    forum: for what tells a member about a post away from its page."""
    return (sees_post(user, post.question) and sees_post(user, post)
            and may_enter_forum(user))
