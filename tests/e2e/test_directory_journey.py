"""A member opts in from My account and appears in the directory, seen by another
member; withdraws and is gone at once (directory and profile address)."""

from django.utils import translation

from members.models import MemberDirectoryPage, Profile
from tests.e2e.test_journeys import _log_in_with_form

PASSWORD = "a-long-test-password"


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_opt_in_appear_withdraw_disappear(browser, site, make_member):
    member = make_member(email="ilse@example.org", first_name="Ilse", last_name="Gijsbrechts",
                         organisation="Gemeente Schoten")
    reader = make_member(email="rik@example.org", first_name="Rik")
    directory = MemberDirectoryPage.objects.get(locale__language_code="nl")

    # From My account, where a first-time member is invited, to the profile form.
    own = browser.new_context(base_url=site.url).new_page()
    own.goto("/nl/inloggen/")
    _log_in_with_form(own, member.email, PASSWORD, "nl")
    own.goto("/nl/account/")
    own.get_by_role("link", name=_("nl", "Complete my profile")).click()
    own.get_by_label(_("nl", "Job title")).fill("Aankoper ICT")
    own.get_by_label(_("nl", "About me")).fill("Ik zoek **refurbished** laptops.")
    own.get_by_label(_("nl", "Show my profile to other members")).check()
    own.get_by_role("button", name=_("nl", "Save my profile")).click()
    own.get_by_text(_("nl", "Your profile is saved. Your choices apply at once.")).wait_for()
    slug = Profile.objects.get(user=member).slug

    # Another member finds her in the directory, and opens her profile.
    reading = browser.new_context(base_url=site.url).new_page()
    reading.goto("/nl/inloggen/")
    _log_in_with_form(reading, reader.email, PASSWORD, "nl")
    reading.goto(directory.url + "?q=schoten")
    reading.get_by_role("link", name="Ilse Gijsbrechts").click()
    reading.get_by_role("heading", name="Ilse Gijsbrechts").wait_for()
    assert "refurbished" in reading.locator(".profile").inner_text()
    assert member.email not in reading.content()

    # She withdraws; gone at once from the directory and at her address.
    own.goto(directory.url + "my-profile/")
    own.get_by_label(_("nl", "Show my profile to other members")).uncheck()
    own.get_by_role("button", name=_("nl", "Save my profile")).click()
    own.get_by_text(_("nl", "Your profile is saved. Your choices apply at once.")).wait_for()
    reading.goto(directory.url)
    assert reading.get_by_role("link", name="Ilse Gijsbrechts").count() == 0
    assert reading.goto(directory.url + f"{slug}/").status == 404
    # She still sees her own, marked as seen by her alone.
    own.goto(directory.url + f"{slug}/")
    own.get_by_text(_("nl", "Only you see this: other members do not see your profile.")) \
        .wait_for()
