"""Who sees which forum posts: the one place for that rule (views, search, feeds).

Published posts are for every member. A post waiting for review, rejected
or hidden is seen by its author (marked as such) and by moderators only;
an answer is seen only where its question is seen. The rule for a list is
the posts' ``visible_to`` (models/posts.py, so that a model can answer it
too); ``sees_post`` is the same rule for one post already read.
"""

from .models.posts import Answer, Question, Status, is_moderator


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
    return moderator or post.status == Status.PUBLISHED or post.author_id == user.pk


def public_answers(question):
    """What everybody sees: for counts, emails to others and search."""
    return question.answers.filter(status=Status.PUBLISHED)


def public_questions(questions=None):
    """The questions every member sees: what search indexes and feeds show."""
    questions = Question.objects.all() if questions is None else questions
    return questions.filter(status=Status.PUBLISHED)
