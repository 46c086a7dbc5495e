"""Catalogue fixtures: the demo's catalogue page and a quick way to make projects."""

import pytest

from catalogue import consent, projects
from catalogue.models import CatalogueIndexPage
from topics.models import Topic


@pytest.fixture
def catalogue(demo):
    return CatalogueIndexPage.objects.get(locale__language_code="nl")


@pytest.fixture
def url(catalogue):
    """url(route, **kwargs): a route of the Dutch catalogue page."""
    return lambda name="index", **kwargs: catalogue.url_for(name, **kwargs)


def project_data(**changes):
    """Cleaned form data for a project, as the form gives it to projects.save."""
    data = {
        "title": "Circulaire koffiemachines", "language": "nl", "organisation": "Stad Leuven",
        "organisation_type": "public_buyer",
        "product_group": Topic.objects.get(locale__language_code="nl", slug="catering"),
        "themes": [], "strategies": ["A2", "C2"], "phase": "ambition", "year": 2019,
        "baseline_text": "", "ambition_text": "Koffie als dienst.", "contract_text": "",
        "impact_text": "", "description": "We huren **koffiemachines** met onderhoud.",
        "lessons": "", "contact_name": "Karel Koffie", "contact_email": "karel@leuven.example",
        "contact_phone": "+32 16 11 22 33", "co_owners": [], "document": None,
        "document_title": "", "consent_listing": False, "consent_contact": False,
    }
    data.update(changes)
    return data


@pytest.fixture
def make_project(demo):
    """make_project(owner, listed=..., contact=..., **fields): a saved project."""
    def make(owner, listed=True, contact=False, **changes):
        return projects.save(owner, project_data(consent_listing=listed,
                                                 consent_contact=contact, **changes))
    return make


@pytest.fixture
def consent_module():
    return consent
