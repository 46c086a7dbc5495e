"""A project shared with consent to listing only, contacted through the relay, then withdrawn."""

from django.core import mail
from django.utils import translation

from catalogue.models import CatalogueIndexPage, Project
from tests.e2e.test_journeys import _log_in_with_form

PASSWORD = "a-long-test-password"


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_share_contact_through_the_relay_and_withdraw(browser, site, make_member):
    owner = make_member(email="owner@example.org", first_name="Olga", organisation="Stad Lier")
    reader = make_member(email="reader@example.org", first_name="Rik")
    catalogue = CatalogueIndexPage.objects.get(locale__language_code="nl")

    # The owner adds a project: listing yes, contact details no.
    owning = browser.new_context(base_url=site.url).new_page()
    owning.goto("/nl/inloggen/")
    _log_in_with_form(owning, owner.email, PASSWORD, "nl")
    owning.goto(catalogue.url)
    owning.get_by_role("link", name=_("nl", "Add your project")).first.click()
    owning.get_by_label(_("nl", "Project title")).fill("Deelfietsen voor het stadhuis")
    owning.get_by_label(_("nl", "Description")).fill("Twintig **deelfietsen** in huur.")
    owning.get_by_label("A2 Huren of peer to peer delen").check()
    owning.keyboard.press("Tab")
    owning.keyboard.press("Space")  # the next cell on the map, with the keyboard: A3
    owning.get_by_label(_("nl", "Show this project to other participants")).check()
    owning.get_by_role("button", name=_("nl", "Save the project")).click()
    owning.get_by_text(_("nl", "Your project is saved.")).wait_for()
    project = Project.objects.get(title="Deelfietsen voor het stadhuis")
    assert project.strategies == ["A2", "A3"]
    assert project.organisation == "Stad Lier"
    assert owning.locator(".ambition-map__cell--chosen").count() == 2

    # Another participant finds it, without the contact details, and writes through Leerkring.
    reading = browser.new_context(base_url=site.url).new_page()
    reading.goto("/nl/inloggen/")
    _log_in_with_form(reading, reader.email, PASSWORD, "nl")
    reading.goto(catalogue.url)
    reading.get_by_role("link", name="Deelfietsen voor het stadhuis").click()
    assert owner.email not in reading.content()
    reading.get_by_role("link", name=_("nl", "Send a message")).click()
    reading.get_by_label(_("nl", "Subject")).fill("Jullie deelfietsen")
    reading.get_by_label(_("nl", "Your message")).fill("Hoe regelen jullie het onderhoud?")
    reading.get_by_role("button", name=_("nl", "Send the message")).click()
    reading.get_by_text(_("nl", "Your message is sent. The contact person answers you by "
                                "email.")).wait_for()
    assert owner.email not in reading.content()
    relayed = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(relayed) == 1 and relayed[0].reply_to == [reader.email]
    assert "Hoe regelen jullie het onderhoud?" in relayed[0].body

    # The owner withdraws; the project is gone from the catalogue at once.
    owning.goto(catalogue.url + f"project/{project.pk}/consent/")
    owning.get_by_label(_("nl", "Show this project to other participants")).uncheck()
    owning.get_by_role("button", name=_("nl", "Save my choice")).click()
    owning.get_by_text(_("nl", "Your choice is recorded and applies at once.")).wait_for()
    reading.goto(catalogue.url)
    assert reading.get_by_role("link", name="Deelfietsen voor het stadhuis").count() == 0
    response = reading.goto(catalogue.url + f"project/{project.pk}/")
    assert response.status == 404
    assert [(r.kind, r.granted) for r in project.consent_records.order_by("pk")] == [
        ("listing", True), ("listing", False)]
