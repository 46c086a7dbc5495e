"""Demo forum: questions and answers in both languages, with every state a moderator meets."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from analytics.demo import DemoItem
from analytics.kinds import Kind
from pages.demo import bilingual_page
from pages.models import HomePage
from topics.models import Topic
from usertext.render import render_markdown

from .models import Answer, Flag, ForumIndexPage, Question, Status

INDEX = {
    "nl": {"title": "Forum", "slug": "forum", "show_in_menus": True,
           "intro": "<p>Stel je vragen aan collega-aankopers en experten. Deel ook wat "
                    "minder goed liep: daar leren we het meest van.</p>"},
    "en": {"title": "Forum", "slug": "forum", "show_in_menus": True,
           "intro": "<p>Put your questions to fellow buyers and experts. Share what went "
                    "less well too: that is where we learn most.</p>"},
}

# author, topic slug, language, title, body, days ago, status, anonymous,
# answers: (author, language, body, expert?, accepted?, status)
QUESTIONS = [
    ("participant@example.org", "ict", "nl",
     "Hoe vraag je refurbished laptops zonder de markt uit te sluiten?",
     "We willen in ons volgende bestek **refurbished** laptops toelaten, maar vrezen dat "
     "grote leveranciers dan afhaken. Hoe hebben jullie dat aangepakt?", 9, Status.PUBLISHED,
     False, [
         ("moderator@example.org", "nl",
          "Laat zowel nieuwe als refurbished toestellen toe en beoordeel ze op **dezelfde "
          "prestatie-eisen**. Vraag een garantie van minstens drie jaar, ongeacht de "
          "herkomst. Zo sluit je niemand uit.", True, True, Status.PUBLISHED),
         ("coordinator@example.org", "nl",
          "In de actiedag van maart staan twee voorbeeldbestekken, zie de bibliotheek.",
          True, False, Status.PUBLISHED),
     ]),
    ("editor@example.org", "kantoormeubilair", "en",
     "Has anyone leased office furniture instead of buying it?",
     "We are considering *furniture as a service*. What did you agree on maintenance and "
     "take-back at the end of the contract?", 6, Status.PUBLISHED, False, [
         ("participant@example.org", "en",
          "We did, for three years. Put the take-back in the contract from the start, with "
          "a list of what happens to each item.", False, False, Status.PUBLISHED),
     ]),
    ("participant@example.org", "intern-draagvlak-creeren", "nl",
     "Onze directie ziet circulair aankopen als te duur",
     "Hoe overtuig je een directie die alleen naar de aankoopprijs kijkt? Het liep bij "
     "ons al twee keer mis.", 3, Status.PUBLISHED, True, []),
    ("translator@example.org", "catering", "en",
     "Reusable cups at events: who washes them?",
     "We want to drop single-use cups at our events. Did your caterer take care of "
     "washing, or did you hire a separate service?", 1, Status.PENDING, False, []),
]


def _users():
    return {u.email: u for u in get_user_model().objects.filter(email__endswith="@example.org")}


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    bilingual_page(homes, ForumIndexPage, INDEX)
    if Question.objects.exists():
        command.stdout.write("Forum: already has questions.")
        return
    users = _users()
    nl = homes["nl"].locale
    now = timezone.now()
    for (email, topic_slug, language, title, body, days, status, anonymous,
         answers) in QUESTIONS:
        asked = now - timedelta(days=days)
        question = Question.objects.create(
            author=users.get(email), topic=Topic.objects.get(locale=nl, slug=topic_slug),
            language=language, title=title, body_markdown=body, body_html=render_markdown(body),
            status=status, anonymous=anonymous,
        )
        accepted = None
        for index, (a_email, a_language, a_body, expert, is_accepted, a_status) in \
                enumerate(answers):
            reply = Answer.objects.create(
                author=users.get(a_email), question=question, language=a_language,
                body_markdown=a_body, body_html=render_markdown(a_body), status=a_status,
                is_expert=expert,
            )
            Answer.objects.filter(pk=reply.pk).update(
                created_at=asked + timedelta(hours=index + 2))
            if is_accepted:
                accepted = reply
        Question.objects.filter(pk=question.pk).update(
            created_at=asked, last_activity_at=asked + timedelta(hours=len(answers) + 1),
            accepted_answer=accepted,
            answer_count=question.answers.filter(status=Status.PUBLISHED).count(),
        )
    # A reported answer, waiting in the moderation queue.
    leasing = Question.objects.get(title__startswith="Has anyone leased")
    reported = Answer.objects.create(
        author=users.get("translator@example.org"), question=leasing, language="en",
        body_markdown="Just buy the cheapest chairs, nobody cares about this.",
        body_html=render_markdown("Just buy the cheapest chairs, nobody cares about this."),
        status=Status.PUBLISHED, flag_count=1,
    )
    Flag.objects.create(answer=reported, user=users.get("participant@example.org"),
                        reason=Flag.Reason.OFFENSIVE, note="Niet constructief.")
    Question.objects.filter(pk=leasing.pk).update(answer_count=2)
    command.stdout.write(f"Forum: {len(QUESTIONS)} questions, one waiting for review and one "
                         "reported answer.")


def analytics_items(locale):
    """The questions in the analytics demo history (analytics.demo): answered now
    and then, and asked on busy topics."""
    return [DemoItem.of(question, [question.topic], rates={Kind.ANSWER: 0.04},
                        posted=Kind.QUESTION)
            for question in Question.objects.select_related("topic")]


# The teams' own questions (members/demo_teams.py asks for them through the
# leerkring_team_demo hook, once each team exists): team slug → (topic, title, text).
TEAM_QUESTIONS = {
    "ict": ("ict", "Welke garantie vragen jullie op refurbished laptops?",
            "Binnen het team: wie heeft al drie jaar garantie gekregen op refurbished "
            "laptops, en tegen welke meerprijs?"),
    "catering": ("catering", "Wie wast de herbruikbare plateaus?",
                 "Voor ons volgende teamoverleg: hebben jullie de afwas intern gehouden of "
                 "uitbesteed?"),
}


def team_question(command, team, asker):
    """A published question only ``team``'s members and the moderators see."""
    spec = TEAM_QUESTIONS.get(team.slug)
    if spec is None or Question.objects.filter(team=team).exists():
        return
    topic_slug, title, body = spec
    Question.objects.create(
        author=asker, team=team, topic=Topic.objects.get(locale=team.locale, slug=topic_slug),
        language="nl", title=title, body_markdown=body, body_html=render_markdown(body),
        status=Status.PUBLISHED)
    command.stdout.write(f"Forum: a question of the team {team.name}.")
