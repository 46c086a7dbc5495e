"""The forum's part of a member's data (accounts.personal_data).

Download: their questions and answers, the earlier versions of their own
posts (whoever edited them), the edits they made to other people's posts
(which post and when: the text is the author's), follows, reports, and as a
moderator their actions and when they were last told about the queue. What
the forum told them, and which emails they want, is in the notifications'
part (notices/personal_data.py).

Erasure: posts and their earlier versions stay, shown as written by "a
former member" (others' answers and threads rely on them); the moderation
log stays without the moderator. Follows, reports and the moderator notice go
with the account (their foreign keys cascade).
"""

from django.db.models import Q

from accounts.personal_data import Section, iso

from .models.follows import Follow
from .models.moderation import Flag, ModerationAction, ModeratorNotice
from .models.posts import Answer, PostEdit, Question


def _post(edit):
    post = edit.question or edit.answer
    return {post.kind: post.pk}


def collect(user):
    own_posts = Q(question__author=user) | Q(answer__author=user)
    notice = ModeratorNotice.objects.filter(user=user).first()
    return {"forum": {
        "questions": [{
            "title": q.title, "text": q.body_markdown, "language": q.language,
            "status": q.status, "anonymous": q.anonymous, "created_at": iso(q.created_at),
        } for q in Question.objects.filter(author=user).order_by("pk")],
        "answers": [{
            "question": a.question.title, "text": a.body_markdown, "language": a.language,
            "status": a.status, "created_at": iso(a.created_at),
        } for a in Answer.objects.filter(author=user).select_related("question")
            .order_by("pk")],
        "earlier_versions": [{
            **_post(e), "title": e.title, "text": e.body_markdown,
            "replaced_at": iso(e.edited_at), "edited_by_me": e.editor_id == user.pk,
        } for e in PostEdit.objects.filter(own_posts).select_related("question", "answer")
            .order_by("edited_at", "pk")],
        "edits_of_others_posts": [{**_post(e), "at": iso(e.edited_at)}
                                  for e in PostEdit.objects.filter(editor=user)
                                  .exclude(own_posts).order_by("edited_at", "pk")],
        "follows": [{"question": f.question.title if f.question else None,
                     "topic_key": str(f.topic_key) if f.topic_key else None}
                    for f in Follow.objects.filter(user=user).select_related("question")],
        "reports": [{"reason": f.reason, "note": f.note, "at": iso(f.created_at)}
                    for f in Flag.objects.filter(user=user)],
        "moderation_actions": [{"action": a.kind, "note": a.note, "at": iso(a.created_at)}
                               for a in ModerationAction.objects.filter(moderator=user)],
        "last_told_about_the_queue": iso(notice.last_sent_at) if notice else None,
    }}


SECTION = Section(order=30, collect=collect, covers=(
    "forum.Question.author", "forum.Answer.author", "forum.PostEdit.editor", "forum.Flag.user",
    "forum.ModerationAction.moderator", "forum.Follow.user", "forum.ModeratorNotice.user"))
