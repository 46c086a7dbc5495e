"""A participant finds a deck by topic and event and downloads it; visitors get nothing."""

import re

from django.utils import translation

from library.models import Event, LibraryDocument, LibraryPage


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_filter_the_library_and_download_a_deck(page, log_in_as, make_member, browser, site):
    log_in_as(make_member(language="en"))
    library = LibraryPage.objects.get(locale__language_code="en")
    event = Event.objects.get(locale__language_code="en", name__startswith="Buyer meets")
    page.goto(library.url)
    page.get_by_label(_("en", "Topic"), exact=True).select_option(label="Office furniture")
    page.get_by_label(_("en", "Event"), exact=True).select_option(label=str(event))
    page.get_by_role("button", name=_("en", "Show"), exact=True).click()
    titles = page.locator(".document-row__title").all_inner_texts()
    assert sorted(t.split("\n")[0].split(" (")[0] for t in titles) == ["Furniture as a service",
                                                          "Refurbished kantoormeubilair"]
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download\s*: Furniture as a service$")).click()
    assert open(download.value.path(), "rb").read().startswith(b"%PDF")

    # Someone without an account gets the login page, not the file.
    document = LibraryDocument.objects.get(title="Furniture as a service")
    anonymous = browser.new_context(base_url=site.url)
    response = anonymous.request.get(document.url)
    assert b"%PDF" not in response.body()
    assert "/login/" in response.url or "/inloggen/" in response.url
    media = anonymous.request.get(f"/media/{document.file.name}")
    assert b"%PDF" not in media.body()
    anonymous.close()
