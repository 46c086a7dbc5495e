from django.template.response import TemplateResponse
from wagtail.models import Locale

from pages.sections import section_page

from . import progress
from .models import LearningIndexPage


def my_learning(request):
    """The member's packages: in progress (with where to continue) and completed."""
    locale = Locale.get_active()
    in_progress, done = progress.my_learning(request.user, locale)
    return TemplateResponse(request, "learning/my_learning.html", {
        "in_progress": in_progress,
        "done": done,
        # None when the member may not enter it: no link then.
        "learning_index": section_page(request, LearningIndexPage),
    })
