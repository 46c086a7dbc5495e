"""Each role, logged in: what it may open and do, and what it is refused."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from pages.models import HomePage, LandingPage

ROLES = ["participant", "editor", "moderator", "translator", "coordinator"]


def _landing(language):
    return LandingPage.objects.get(locale__language_code=language)


def _home(language):
    return HomePage.objects.get(locale__language_code=language)


def _edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


PATHS = {
    "site home nl": lambda: "/nl/",
    "site home en": lambda: "/en/",
    "profile": lambda: reverse("profile"),
    "landing page": lambda: _landing("nl").url,
    "admin": lambda: "/admin/",
    "explore Dutch home": lambda: reverse("wagtailadmin_explore", args=[_home("nl").pk]),
    "explore English home": lambda: reverse("wagtailadmin_explore", args=[_home("en").pk]),
    "members": lambda: reverse("accounts_admin:members"),
    "invite": lambda: reverse("accounts_admin:invite"),
    "admin users": lambda: "/admin/users/",
    "admin groups": lambda: "/admin/groups/",
    "admin settings": lambda: "/admin/settings/pages/sitelinks/",
    "edit Dutch home": lambda: _edit(_home("nl")),
    "edit Dutch landing": lambda: _edit(_landing("nl")),
    "add under Dutch home": lambda: reverse(
        "wagtailadmin_pages:add", args=["pages", "informationpage", _home("nl").pk]),
    "edit English home": lambda: _edit(_home("en")),
    "edit English landing": lambda: _edit(_landing("en")),
    "learning report": lambda: reverse("learning_report"),
    "topic analytics report": lambda: reverse("analytics_report"),
    "topic analytics export": lambda: reverse("analytics_export"),
    "webinar registrations": lambda: reverse("webinar_registrations", args=[_webinar().pk]),
    "documents": lambda: reverse("wagtaildocs:index"),
    "events": lambda: "/admin/snippets/library/event/",
    "my learning": lambda: reverse("learning:my_learning"),
    "forum": lambda: _forum().url,
    "forum moderation": lambda: _forum().url + "moderation/",
    "forum moderation rules": lambda: "/admin/forum_moderation_rules/",
    "catalogue": lambda: _catalogue().url,
    "new project": lambda: _catalogue().url + "new/",
    "my projects": lambda: _catalogue().url + "mine/",
    "listed project": lambda: _catalogue().url + f"project/{_project(listed=True).pk}/",
    "unlisted project": lambda: _catalogue().url + f"project/{_project(listed=False).pk}/",
    "edit someone's project": lambda: _catalogue().url + f"project/{_project(True).pk}/edit/",
    "catalogue summary": lambda: _catalogue().url + "coordination/",
    "catalogue export": lambda: _catalogue().url + "coordination/export/",
    "consent texts": lambda: "/admin/catalogue_consent_texts/",
    "my data": lambda: reverse("my_data"),
    "my data download": lambda: reverse("download_my_data"),
}


def _catalogue():
    from catalogue.models import CatalogueIndexPage

    return CatalogueIndexPage.objects.get(locale__language_code="nl")


def _project(listed):
    """A demo project of the demo participant (no role here owns it)."""
    from catalogue import consent

    projects = consent.with_consent(consent.Project.objects.filter(
        owners__email="translator@example.org")).order_by("pk")
    return projects.filter(listed=True).first() if listed else projects.exclude(
        listed=True).first()


def _forum():
    from forum.models import ForumIndexPage

    return ForumIndexPage.objects.get(locale__language_code="nl")


def _webinar():
    from webinars.models import WebinarPage

    return WebinarPage.objects.filter(locale__language_code="nl").first()

# y: 200; n: refused (see _refused).
ACCESS = """
                          participant editor moderator translator coordinator
site home nl                    y       y       y         y          y
site home en                    y       y       y         y          y
profile                         y       y       y         y          y
landing page                    y       y       y         y          y
admin                           n       y       n         y          y
explore Dutch home              n       y       n         n          y
explore English home            n       y       n         y          y
members                         n       n       n         n          y
invite                          n       n       n         n          y
admin users                     n       n       n         n          n
admin groups                    n       n       n         n          n
admin settings                  n       n       n         n          n
edit Dutch home                 n       y       n         n          y
edit Dutch landing              n       y       n         n          y
add under Dutch home            n       y       n         n          y
edit English home               n       y       n         y          y
edit English landing            n       y       n         y          y
learning report                 n       y       n         n          y
topic analytics report          n       y       n         n          y
topic analytics export          n       y       n         n          y
webinar registrations           n       y       n         n          y
documents                       n       y       n         n          y
events                          n       y       n         y          y
my learning                     y       y       y         y          y
forum                           y       y       y         y          y
forum moderation                n       n       y         n          y
forum moderation rules          n       y       n         n          y
catalogue                       y       y       y         y          y
new project                     y       y       y         y          y
my projects                     y       y       y         y          y
listed project                  y       y       y         y          y
unlisted project                n       n       n         n          y
edit someone's project          n       n       n         n          n
catalogue summary               n       n       n         n          y
catalogue export                n       n       n         n          y
consent texts                   n       n       n         n          y
my data                         y       y       y         y          y
my data download                y       y       y         y          y
"""


def _access_table():
    lines = [line for line in ACCESS.strip().splitlines()]
    roles = lines[0].split()
    assert roles == ROLES
    rows = []
    for line in lines[1:]:
        *words, = line.split()
        what, marks = " ".join(words[:-len(roles)]), words[-len(roles):]
        assert what in PATHS, what
        rows += [(role, what, mark == "y") for role, mark in zip(roles, marks, strict=True)]
    return rows


# Pages whose very existence is private: refused with a 404, like a page that is not there.
NOT_FOUND_WHEN_REFUSED = {"unlisted project"}


def _refused(response):
    """403, or Wagtail's way: a redirect to the admin's front page or the member's own tree."""
    if response.status_code == 403:
        return True
    return (response.status_code == 302 and response["Location"].startswith("/admin/")
            and response["Location"] != response.wsgi_request.path)


@pytest.mark.parametrize("role", ROLES)
def test_role_may_open_only_what_it_should(logged_in, member_of, demo, role):
    """One row of ACCESS per page; every mismatch is reported."""
    client = logged_in(member_of(role), raise_request_exception=False)
    wrong = []
    for row_role, what, allowed in _access_table():
        if row_role != role:
            continue
        response = client.get(PATHS[what]())
        answer = (response.status_code, response.get("Location"))
        if allowed and response.status_code != 200:
            wrong.append(f"{what}: should open, got {answer}")
        hidden = what in NOT_FOUND_WHEN_REFUSED and response.status_code == 404
        if not allowed and not (_refused(response) or hidden):
            wrong.append(f"{what}: should be refused, got {answer}")
    assert not wrong, "\n".join(wrong)


def _retitle_translation(page, title):
    """A new title for a translated page, as typed in wagtail-localize's editor."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = StringSegment.objects.get(source__object_id=page.translation_key,
                                        context__path="title")
    StringTranslation.objects.filter(translation_of=segment.string, context=segment.context,
                                     locale=page.locale).update(data=title)


def _publish_landing(client, page, title):
    if page.locale.language_code != "nl":
        # A translation is edited and published in wagtail-localize's editor.
        _retitle_translation(page, title)
        return client.post(_edit(page), {"action": "publish"})
    data = nested_form_data({
        "title": title, "slug": page.slug, "intro": page.intro,
        "body": rich_text(page.body), "how_to_join": rich_text(page.how_to_join),
        "contact_email": page.contact_email, "comments": {"TOTAL_FORMS": 0,
        "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    })
    data["action-publish"] = "action-publish"
    return client.post(_edit(page), data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_only_editors_publish(logged_in, member_of, demo, role, language):
    """Editors and coordinators publish in both trees; translators never publish."""
    client = logged_in(member_of(role), raise_request_exception=False)
    page = _landing(language)
    response = _publish_landing(client, page, f"Published by {role}")
    page.refresh_from_db()
    if role in ("editor", "coordinator"):
        assert response.status_code in (200, 302), response.content[:2000]
        assert page.title == f"Published by {role}" and page.live
    else:
        assert response.status_code in (200, 302, 403)
        assert page.title != f"Published by {role}"
        assert not page.has_unpublished_changes


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_invite_and_resend(logged_in, member_of, make_member, demo, role):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    invitee = make_member(email="pending@example.org")
    invitee.set_unusable_password()
    invitee.save()
    client = logged_in(member_of(role), raise_request_exception=False)
    invited = client.post(reverse("accounts_admin:invite"), {
        "email": "someone.new@example.org", "first_name": "Some", "last_name": "One",
        "organisation_type": "other", "preferred_language": "nl",
        "roles": [Group.objects.get(name="Participants").pk],
    })
    resent = client.post(reverse("accounts_admin:resend", args=[invitee.pk]))
    created = get_user_model().objects.filter(email="someone.new@example.org").exists()
    if role == "coordinator":
        assert invited.status_code == resent.status_code == 302
        assert created and len(mail.outbox) == 2
    else:
        assert _refused(invited) and _refused(resent)
        assert not created and mail.outbox == []
