"""Mention a colleague in an answer, in both languages: "@An" offers her (never a member
who did not consent), the keyboard picks her, and the published answer links her
mention to her profile. (Her notification is added with the notification core.)"""

import re

import pytest
from django.utils import translation

from forum.models import ForumIndexPage, ModerationMode, ModerationRule, Question
from members import consent
from members.models import Profile


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_mention_a_colleague_in_an_answer(page, log_in_as, make_member, language):
    colleague = make_member(first_name="Annelies", last_name="Wouters",
                            organisation="Stad Brugge")
    consent.choose(colleague, {consent.DIRECTORY: True})
    make_member(first_name="Anneke", last_name="Verborgen")  # never consented
    writer = make_member(first_name="Wim", last_name="Schrijver", language=language)
    question = Question.objects.filter(status="published", team__isnull=True) \
        .order_by("pk").first()
    ModerationRule.objects.update_or_create(topic=question.topic,
                                            defaults={"mode": ModerationMode.NONE})
    forum = ForumIndexPage.objects.get(locale__language_code=language)
    log_in_as(writer)
    page.goto(forum.url + f"question/{question.pk}/")

    box = page.get_by_label(_(language, "Your answer"), exact=True)
    box.click()
    box.press_sequentially("Ask @An")
    listbox = page.get_by_role("listbox", name=_(language, "Members you can mention"))
    listbox.wait_for()
    option = listbox.get_by_role("option", name=re.compile("Annelies Wouters"))
    option.wait_for()
    assert "Anneke" not in listbox.inner_text()
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")

    # Escape closes the list; typing on after another "@" opens it again.
    box.press("Escape")
    listbox.wait_for(state="hidden")
    box.press_sequentially(" @Anne")
    option.wait_for()
    for _step in range(8):
        if option.get_attribute("aria-selected") == "true":
            break
        box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    listbox.wait_for(state="hidden")
    assert box.input_value() == "Ask @An @Annelies Wouters "
    box.press_sequentially("what she thinks.")

    page.get_by_role("button", name=_(language, "Post my answer")).click()
    answer = question.answers.get(author=writer)
    mention = page.locator(f"#answer-{answer.pk} a.mention")
    mention.wait_for()
    assert mention.inner_text() == "@Annelies Wouters"
    slug = Profile.objects.get(user=colleague).slug
    directory = {"nl": "/nl/leden/", "en": "/en/members/"}[language]
    assert mention.get_attribute("href") == f"{directory}{slug}/"
    mention.click()
    page.get_by_role("heading", name="Annelies Wouters").wait_for()


def test_the_open_list_is_accessible(checker_page, checker_log_in_as, make_member,
                                     check_accessibility, check_html):
    """axe-core on a team's minutes form with the list open, and the Nu Html Checker on
    the form (SITE_PAGES visits as a member of no team): only team members are
    offered there."""
    from members.models import Team, TeamIndexPage, TeamMembership

    team = Team.objects.get(locale__language_code="nl", slug="ict")
    colleague = make_member(first_name="Annelies", last_name="Wouters")
    consent.choose(colleague, {consent.DIRECTORY: True})
    outsider = make_member(first_name="Annemie", last_name="Buiten")
    consent.choose(outsider, {consent.DIRECTORY: True})
    writer = make_member(first_name="Wim", last_name="Schrijver")
    for member in (colleague, writer):
        TeamMembership.objects.create(team=team, user=member)
    checker_log_in_as(writer)
    teams = TeamIndexPage.objects.get(locale__language_code="nl")
    response = checker_page.goto(teams.url + "ict/minutes/new/")
    check_html(response.text(), "team-minutes-new")
    box = checker_page.get_by_label(_("nl", "Minutes"), exact=True)
    box.press_sequentially("Actie voor @Anne")
    option = checker_page.get_by_role("option", name=re.compile("Annelies Wouters"))
    option.wait_for()
    assert "Annemie" not in checker_page.get_by_role("listbox").inner_text()
    check_accessibility(checker_page)
