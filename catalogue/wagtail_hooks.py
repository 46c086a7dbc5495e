from wagtail import hooks
from wagtail.models import Locale

from . import consent
from .models import CatalogueIndexPage


@hooks.register("leerkring_home_panels")
def projects_panel(request, home):
    """The home page's "projects of colleagues" card: listed projects only."""
    locale = Locale.get_active()
    catalogue = CatalogueIndexPage.objects.live().filter(locale=locale).first()
    if catalogue is None:
        return None
    projects = list(consent.listed_projects()
                    .only("pk", "title", "organisation", "year", "language")
                    .order_by("-updated_at", "-pk")[:5])
    return {"template": "catalogue/home_panel.html", "order": 40, "projects": projects,
            "catalogue": catalogue,
            "my_count": request.user.catalogue_projects.count()}
