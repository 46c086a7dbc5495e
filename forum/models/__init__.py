"""The forum's models, for Django and for other apps: posts.py (questions, answers,
their earlier versions), moderation.py (rules, reports, the log), follows.py
(what members follow) and pages.py (the forum page).

Modules of the forum import the module that holds what they need, not this one.
"""

from .follows import Follow
from .moderation import Flag, ModerationAction, ModerationMode, ModerationRule, ModeratorNotice
from .pages import ForumIndexPage
from .posts import MODERATE, Answer, PostEdit, Question, Status

__all__ = [
    "MODERATE", "Answer", "Flag", "Follow", "ForumIndexPage", "ModerationAction",
    "ModerationMode", "ModerationRule", "ModeratorNotice", "PostEdit",
    "Question", "Status",
]
