"""What is new in learning for one member (whatsnew.news).

Learning packages and lessons published or updated in the window that the
member may open (pages/visibility.py), each in the member's language where it
has a version in it (pages.languages.versions_for_reader). A lesson of a
package that is itself new or updated is left out: the package stands for
its lessons. With ``in_topics`` (the home page), only packages, and lessons
of packages, in the member's topics. A lesson is about its package's topics.
"""

from django.db.models import Exists, OuterRef, Q, Subquery, UUIDField, Value
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext as _

from pages.languages import as_read, versions_for_reader, written_in
from pages.visibility import pages_visible_to
from whatsnew.news import Item, merged, open_section, take

from .models.pages import LearningIndexPage, LearningPackagePage, LessonPage

TOPICS = LearningPackagePage.topics.through
FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")


def _published(window):
    return Q(published_at__gte=window.since, published_at__lt=window.until)


def _with_times(pages):
    """Publishing times as readers meet them (an alias's are its original's)."""
    return pages.annotate(published_at=as_read("last_published_at"),
                          first_published=as_read("first_published_at"))


def _package_path():
    """The path of the package above the lesson the subquery is asked for."""
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - LessonPage.steplen)


def _topic_key(window, **package):
    """The first of the member's topics the package (named by ``package``) is about."""
    if not window.topics:
        return Value(None, output_field=UUIDField())
    return Subquery(TOPICS.objects.filter(topic__translation_key__in=window.topics, **package)
                    .order_by("pk").values("topic__translation_key")[:1])


def _pages(window, model):
    pages = pages_visible_to(window.user, model.objects.all())
    return (_with_times(versions_for_reader(pages, window.language)).filter(_published(window))
            .annotate(language_code=written_in()))


def news(window):
    index = open_section(window.user, window.language, LearningIndexPage)
    if index is None:
        return None
    packages = _pages(window, LearningPackagePage).annotate(
        topic_key=_topic_key(window, learningpackagepage_id=OuterRef("pk")))
    lessons = (
        _pages(window, LessonPage)
        .exclude(Exists(_with_times(LearningPackagePage.objects.filter(path=_package_path()))
                        .filter(_published(window))))
        .annotate(topic_key=_topic_key(window, learningpackagepage__path=_package_path()),
                  package_title=Subquery(LearningPackagePage.objects.filter(
                      path=_package_path()).values("title")[:1])))
    if window.in_topics:
        packages = packages.filter(topic_key__isnull=False)
        lessons = lessons.filter(topic_key__isnull=False)
    parts = [take(pages.only(*FIELDS).order_by("-published_at", "-pk"), window.limit)
             for pages in (packages, lessons)]

    def item(page, new_label, updated_label, why=""):
        new = page.first_published is not None and page.first_published >= window.since
        return Item(title=page.title, url=page.url, when=page.published_at,
                    label=new_label if new else updated_label,
                    why=window.topic_reason(page.topic_key) or why,
                    language=page.language_code if page.language_code != window.language else "")

    (package_rows, package_total), (lesson_rows, lesson_total) = parts
    return merged("learning", _("Learning"), [
        ([item(p, _("New learning package"), _("Updated learning package"))
          for p in package_rows], package_total),
        ([item(lesson, _("New lesson"), _("Updated lesson"),
               _("Part of %(package)s") % {"package": lesson.package_title})
          for lesson in lesson_rows], lesson_total),
    ], window.limit, url=index.url, order=30)
