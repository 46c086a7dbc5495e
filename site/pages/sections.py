"""Where each section of the site lives in a language: the learning index, the
forum, the catalogue, the webinars.

A section is the one live page of its type in a language. Apps link to their
own section (and to its routes, such as a forum question) from home cards,
emails and search results; this is the one place that finds it. The lookup is
kept by the process until the page tree moves (caching memo "sections"), so a
list of search results costs no query per result.

A section is named by its page class or by its label
("catalogue.CatalogueIndexPage"): an app's rules modules, which its views
import, name it by label, since its page class imports those views.
"""

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale

import caching

from .visibility import visible_pages


def section_in(model, language):
    """The live page of type ``model`` in ``language``, else in any language, or None.

    Treat it as read-only: it is shared by every request of this process.
    """
    if isinstance(model, str):
        model = apps.get_model(model)
    return caching.memo("sections", (model._meta.label_lower, language), lambda: (
        model.objects.live().filter(locale__language_code=language).first()
        or model.objects.live().first()))


def section_pks(model):
    """The pks of the live pages of type ``model``, in every language (a tuple, no
    query once the process keeps it): the search asks whether a reader may enter
    a section in some language."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return caching.memo("sections", (model._meta.label_lower, "all"), lambda: tuple(
        model.objects.live().values_list("pk", flat=True)))


def subpage_url(model, language, route, absolute=False, **kwargs):
    """The address of ``route`` of the section ``model`` in ``language`` ("" without
    such a section). ``absolute`` for emails: with the site's BASE_URL."""
    section = section_in(model, language)
    if section is None:
        return settings.BASE_URL if absolute else ""
    url = section.url + section.reverse_subpage(route, kwargs=kwargs or None)
    return settings.BASE_URL + url if absolute else url


def section_page(request, model):
    """The live page of type ``model`` in the active language, or None, also when
    the reader may not see it (pages/visibility.py): home cards then leave it out."""
    locale = Locale.get_active()
    section = caching.memo("sections", (model._meta.label_lower, "exact", locale.pk),
                           lambda: model.objects.live().filter(locale=locale).first())
    if section is None or not visible_pages(request.user, [section]):
        return None
    return section
