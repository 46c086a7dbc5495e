"""Catalogue projects in the site search: only while their owners consent to show them."""

from catalogue import consent, projects
from tests.catalogue.conftest import project_data
from tests.sitesearch.conftest import ident
from tests.sitesearch.test_visibility import found


def test_a_project_is_findable_only_while_listed(search_index, make_member, participant):
    owner = make_member()
    unlisted = projects.save(owner, project_data(title="Modulaire bureaustoelen huren",
                                                 description="Stoelen als dienst."))
    listed = projects.save(owner, project_data(title="Circulaire koffiemachines",
                                               consent_listing=True))
    search_index.run()
    assert ident(unlisted) not in search_index.ids()
    assert ident(listed) in search_index.ids()
    assert found(participant, "koffiemachines") == ["Circulaire koffiemachines"]
    assert found(owner, "bureaustoelen") == []  # the index holds only what everyone may see

    consent.withdraw(owner, listed, consent.LISTING)
    # Withdrawn: gone from results at once (checked per reader), then from the index.
    assert found(participant, "koffiemachines") == []
    search_index.run()
    assert ident(listed) not in search_index.ids()

    consent.grant(owner, unlisted, consent.LISTING)
    search_index.run()
    assert found(participant, "bureaustoelen") == ["Modulaire bureaustoelen huren"]


def test_contact_details_are_never_indexed(search_index, make_member, participant):
    owner = make_member()
    projects.save(owner, project_data(consent_listing=True, consent_contact=True))
    search_index.run()
    assert found(participant, "koffiemachines") == ["Circulaire koffiemachines"]
    for detail in ("Karel", "karel@leuven.example", "+32 16 11 22 33"):
        assert found(participant, detail) == []


def test_snippets_show_the_rendered_words_not_the_markdown(search_index, make_member,
                                                          participant):
    from sitesearch.search import search

    projects.save(make_member(), project_data(consent_listing=True))
    search_index.run()
    results = search(participant, "koffiemachines", reader_language="nl").results
    [result] = [r for r in results if r.title == "Circulaire koffiemachines"]
    assert "koffiemachines" in result.snippet and "**" not in result.snippet
