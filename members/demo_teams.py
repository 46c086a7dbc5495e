"""Demo teams: ICT, office furniture and catering, with leaders and members among the
demo members (demo.py), two meetings each (one to come), minutes with a file, and
one request to join waiting for the ICT leader. Called by demo.py once the
members exist.

The forum adds a team-only question to a team through the
``leerkring_team_demo(command, team, asker)`` hook (forum/wagtail_hooks.py):
this app does not know the forum.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Locale

from topics.models import Topic
from translations.content import translate
from usertext.render import render_markdown

from .models.teams import (
    JoinRequest,
    Minutes,
    MinutesAttachment,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamRole,
)

DEMO_HOOK = "leerkring_team_demo"

# A small valid PDF (one empty page): what the upload check would accept.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")

# Dutch name, slug, description; English name, slug, description; topic slugs;
# leader; members; the meeting place, the minutes (title, Markdown); who asks
# the team's question.
TEAMS = [
    {
        "nl": ("ICT", "ict", "Aankopers die laptops, smartphones en servers circulair inkopen: "
               "refurbished toestellen, terugname en langere levensduur."),
        "en": ("ICT", "ict", "Buyers who purchase laptops, smartphones and servers the circular "
               "way: refurbished devices, take-back and longer life."),
        "topics": ["ict"],
        "leader": "lotte.vermeulen@example.org",
        "members": ["participant@example.org", "david.martin@example.org",
                    "ines.claes@example.org", "nina.van.damme@example.org"],
        "place": "Provinciehuis Antwerpen, zaal 3",
        "minutes": ("Kick-off: refurbished laptops in het bestek",
                    "**Aanwezig:** vijf leden.\n\n- Lotte deelt het bestek van de provincie.\n"
                    "- We vergelijken garantietermijnen voor refurbished toestellen.\n"
                    "- Actie: David zoekt uit hoe Brussel terugname regelt."),
        "asker": "participant@example.org",
        "request": "hanne.jacobs@example.org",
    },
    {
        "nl": ("Kantoormeubilair", "kantoormeubilair",
               "Hergebruik, huur en herstel van bureaus, stoelen en kasten."),
        "en": ("Office furniture", "office-furniture",
               "Reuse, rental and repair of desks, chairs and cabinets."),
        "topics": ["kantoormeubilair"],
        "leader": "koen.mertens@example.org",
        "members": ["bram.de.smet@example.org", "wouter.peeters@example.org"],
        "place": "Stadhuis Gent",
        "minutes": ("Inventaris van bestaand meubilair",
                    "We bespreken hoe je een inventaris opstelt vóór een verhuis.\n\n"
                    "> Eerst tellen, dan pas kopen.\n\nVolgende keer: huurcontracten."),
        "asker": "bram.de.smet@example.org",
        "request": None,
    },
    {
        "nl": ("Catering", "catering",
               "Schoolmaaltijden, ziekenhuiskeukens en evenementen zonder wegwerp."),
        "en": ("Catering", "catering",
               "School meals, hospital kitchens and events without single use."),
        "topics": ["catering"],
        "leader": "tom.willems@example.org",
        "members": ["sarah.dubois@example.org", "youssef.amrani@example.org"],
        "place": "",
        "minutes": ("Herbruikbare plateaus: eerste ervaringen",
                    "Sarah vertelt over de test met herbruikbare plateaus in het "
                    "ziekenhuis.\n\n1. Afwas: intern of uitbesteed?\n2. Breuk: wie betaalt?"),
        "asker": "tom.willems@example.org",
        "request": None,
    },
]


def load(command, homes):
    if Team.objects.exists():
        command.stdout.write("Teams: already there.")
        return
    nl, en = homes["nl"].locale, homes["en"].locale
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@example.org")}
    topics = {t.slug: t for t in Topic.objects.filter(locale=nl)}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number, spec in enumerate(TEAMS):
        name, slug, description = spec["nl"]
        team = Team.objects.create(locale=nl, name=name, slug=slug, description=description)
        team.topics.set([topics[s] for s in spec["topics"] if s in topics])
        en_name, en_slug, en_description = spec["en"]
        translate(team, {"name": en_name, "slug": en_slug, "description": en_description}, en)
        leader = users.get(spec["leader"])
        if leader is not None:
            TeamMembership.objects.create(team=team, user=leader, role=TeamRole.LEADER,
                                          joined_at=now - timedelta(days=120))
        for offset, email in enumerate(spec["members"]):
            if email in users:
                TeamMembership.objects.create(team=team, user=users[email],
                                              joined_at=now - timedelta(days=100 - offset))
        online = "" if spec["place"] else "https://meet.example.org/leerkring-" + slug
        past = TeamMeeting.objects.create(
            team=team, title="Kick-off" if number == 0 else "Teamoverleg",
            starts_at=now - timedelta(days=30 + number), ends_at=now - timedelta(
                days=30 + number) + timedelta(hours=2),
            place=spec["place"], online_url=online, created_by=leader)
        TeamMeeting.objects.create(
            team=team, title="Volgend teamoverleg",
            starts_at=now + timedelta(days=14 + number), ends_at=now + timedelta(
                days=14 + number, hours=2),
            place=spec["place"], online_url=online, created_by=leader)
        title, body = spec["minutes"]
        minutes = Minutes.objects.create(team=team, meeting=past, held_on=past.starts_at.date(),
                                         title=title, body_markdown=body,
                                         body_html=render_markdown(body), author=leader)
        attachment = MinutesAttachment(minutes=minutes, title="Presentatie")
        attachment.file.save(f"{slug}-presentatie.pdf", ContentFile(PDF), save=True)
        if spec["request"] and spec["request"] in users:
            JoinRequest.objects.create(team=team, user=users[spec["request"]],
                                       message="Mag ik aansluiten? Ik volg dit thema op.")
        asker = users.get(spec["asker"])
        if asker is not None:
            for hook in hooks.get_hooks(DEMO_HOOK):
                hook(command, team, asker)
    count = Team.objects.filter(locale=Locale.get_default()).count()
    command.stdout.write(f"Teams: {count} teams with members, meetings and minutes.")
