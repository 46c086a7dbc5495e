"""What is new in the catalogue for one member (whatsnew.news): projects shared
in the window in the member's topics (their product group or one of their
themes), never their own.

Shared means listed for other participants (consent.listed_projects, the one
check): a project is new when the grant now in force was given in the window,
so a project listed again after a withdrawal is news again, and one whose
consent was withdrawn is gone at once.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from whatsnew.news import Item, merged, open_section, route_url, take

from .consent import LISTING, listed_projects
from .models.records import ConsentRecord, Project

CATALOGUE_PAGE = "catalogue.CatalogueIndexPage"
THEMES = Project.themes.through
OWNERS = Project.owners.through


def news(window):
    user = window.user
    catalogue = open_section(user, window.language, CATALOGUE_PAGE)
    if catalogue is None or not window.topics:
        return None
    themes = THEMES.objects.filter(project_id=OuterRef("pk"),
                                   topic__translation_key__in=window.topics)
    projects = (
        listed_projects()
        .annotate(shared_at=Subquery(ConsentRecord.objects.filter(
            project_id=OuterRef("pk"), kind=LISTING).order_by("-pk").values("created_at")[:1]),
            theme_key=Subquery(themes.order_by("pk").values("topic__translation_key")[:1]))
        .filter(shared_at__gte=window.since, shared_at__lt=window.until)
        .filter(Q(product_group__translation_key__in=window.topics) | Exists(themes))
        .exclude(Exists(OWNERS.objects.filter(project_id=OuterRef("pk"), user_id=user.pk)))
        .select_related("product_group")
        .only("pk", "title", "language", "product_group__translation_key")
        .order_by("-shared_at", "-pk"))
    rows, total = take(projects, window.limit)
    items = [Item(
        title=row.title, url=route_url(catalogue, "project", pk=row.pk), when=row.shared_at,
        label=_("Newly shared project"),
        why=window.topic_reason(
            row.product_group.translation_key if row.product_group else None, row.theme_key),
        language=row.language,
    ) for row in rows]
    return merged("catalogue", _("Projects"), [(items, total)], window.limit,
                  url=catalogue.url, order=50)
