"""Views of shared catalogue projects count for their product group and themes."""

from catalogue import projects
from catalogue.models import CatalogueIndexPage
from tests.catalogue.conftest import project_data
from topics.models import Topic


def _project_url(project):
    catalogue = CatalogueIndexPage.objects.get(locale__language_code="nl")
    return catalogue.url + catalogue.reverse_subpage("project", kwargs={"pk": project.pk})


def test_a_listed_project_view_counts_for_each_of_its_topics(demo, client, make_member,
                                                             counted):
    ict = Topic.objects.get(locale__language_code="nl", slug="ict")
    project = projects.save(make_member(), project_data(consent_listing=True, themes=[ict]))
    client.force_login(make_member())
    assert client.get(_project_url(project)).status_code == 200
    keys = {project.product_group.translation_key, ict.translation_key}
    assert counted(kind="view", content_type="catalogue.project") == {
        (key, "view", "nl", "catalogue.project", str(project.pk)): 1 for key in keys}


def test_an_unlisted_project_counts_nothing_even_for_its_owner(demo, client, make_member,
                                                               counted):
    owner = make_member()
    project = projects.save(owner, project_data(consent_listing=False))
    client.force_login(owner)
    assert client.get(_project_url(project)).status_code == 200
    assert counted(content_type="catalogue.project") == {}
