"""The learning section's models, for Django and for other apps: pages.py (the
section, packages, lessons) and records.py (each member's progress and answers).

Modules of the learning section import the module that holds what they need,
not this one.
"""

from .pages import LearningIndexPage, LearningPackagePage, LessonPage, Level
from .records import LessonProgress, SelfCheckAnswer

__all__ = [
    "LearningIndexPage", "LearningPackagePage", "LessonPage", "LessonProgress", "Level",
    "SelfCheckAnswer",
]
