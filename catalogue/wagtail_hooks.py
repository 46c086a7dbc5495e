from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import consent_texts
from pages.sections import section_page

from . import consent, personal_data, whats_new
from .models import CatalogueIndexPage, ConsentText


@hooks.register("register_admin_viewset")
def register_consent_texts():
    """Admin → Consent texts: every version, and a new one (coordinators)."""
    return consent_texts.admin_viewset(ConsentText, "catalogue_consent_texts",
                                       menu_label=_("Consent texts"), icon="doc-full",
                                       menu_order=270)


@hooks.register("leerkring_home_panels")
def projects_panel(request, home):
    """The home page's "projects of colleagues" card: listed projects only."""
    catalogue = section_page(request, CatalogueIndexPage)
    if catalogue is None:
        return None
    # Listed projects are the same for every member: the template keeps their
    # HTML in the "catalogue" scope and reads them only to render it afresh.
    def projects():
        return list(consent.listed_projects()
                    .only("pk", "title", "organisation", "year", "language")
                    .order_by("-updated_at", "-pk")[:5])

    return {"template": "catalogue/home_panel.html", "order": 40, "projects": projects,
            "catalogue": catalogue,
            "my_count": request.user.catalogue_projects.count()}


@hooks.register("leerkring_personal_data")
def member_data():
    """Projects, consents, relayed messages and invitations (accounts.personal_data)."""
    return personal_data.SECTION


@hooks.register("leerkring_profile_sections")
def profile_projects(request, member):
    """On a member's profile (members.contributions): the projects they own that
    every participant may see (listed ones only, whoever reads)."""
    catalogue = section_page(request, CatalogueIndexPage)
    if catalogue is None:
        return None
    projects = list(consent.listed_projects().filter(owners=member)
                    .only("pk", "title", "organisation", "year", "language")
                    .order_by("-updated_at", "-pk")[:20])
    if not projects:
        return None
    return {"template": "catalogue/profile_section.html", "order": 20,
            "catalogue": catalogue, "projects": projects}


@hooks.register("leerkring_whats_new")
def project_news(window):
    """Projects newly shared in the member's topics (whatsnew.news)."""
    return whats_new.news(window)
