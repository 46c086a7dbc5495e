"""Demo members with profiles, and the teams (demo_teams.py). Loaded by ``manage.py
load_demo`` only, after the accounts, topics and content apps before it.

About two thirds of the members below agree to be in the directory; of the
role accounts (accounts.demo) the participant, moderator and coordinator do,
and the translator (Emma Wilson) does not: she appears in no list or profile.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import usertext
from accounts.demo import DEMO_PASSWORD
from accounts.models import OrganisationType
from accounts.roles import PARTICIPANTS
from pages.demo import bilingual_page
from pages.models import HomePage
from topics.models import Topic

from . import consent, demo_teams
from .models.pages import MemberDirectoryPage, TeamIndexPage
from .models.records import Profile

PB, FA, PR, OT = (OrganisationType.PUBLIC_BUYER, OrganisationType.FACILITATOR,
                  OrganisationType.PRIVATE_BUYER, OrganisationType.OTHER)

# email, first name, last name, organisation, type, language, job title,
# expertise (Dutch topic slugs), languages spoken, in the directory, email shown, bio
MEMBERS = [
    ("lotte.vermeulen@example.org", "Lotte", "Vermeulen", "Provincie Antwerpen", PB, "nl",
     "Aankoper ICT", ["ict", "ambities-vertalen-naar-een-bestek"], ["nl", "en"], True, True,
     "Ik koop laptops en smartphones voor 2.000 medewerkers en zoek collega's die "
     "**refurbished** toestellen al in een bestek hebben gevraagd."),
    ("bram.de.smet@example.org", "Bram", "De Smet", "Stad Leuven", PB, "nl",
     "Facility manager", ["kantoormeubilair", "intern-draagvlak-creeren"], ["nl", "fr"], True,
     False, "Ons stadhuis verhuist in 2027. Ik wil zoveel mogelijk meubilair hergebruiken."),
    ("ines.claes@example.org", "Ines", "Claes", "Vlaamse Overheid", PB, "nl",
     "Beleidsmedewerker duurzaam aankopen",
     ["strategieen-en-instrumenten", "impact-meten-tijdens-de-uitvoering"], ["nl", "en", "fr"],
     True, True, "Ik begeleid aankopers bij het meten van de impact van hun contracten."),
    ("tom.willems@example.org", "Tom", "Willems", "Gemeente Mechelen", PB, "nl",
     "Aankoper catering", ["catering", "circulaire-opdrachten-gunnen"], ["nl"], True, False,
     "Schoolmaaltijden zonder wegwerpverpakking: daar werk ik aan."),
    ("hanne.jacobs@example.org", "Hanne", "Jacobs", "OVAM", FA, "nl",
     "Adviseur circulaire economie",
     ["samenwerking-in-de-keten-en-marktdialoog", "ambities-en-behoeften"], ["nl", "en"],
     True, True, "Ik organiseer marktdialogen tussen aankopers en leveranciers."),
    ("david.martin@example.org", "David", "Martin", "City of Brussels", PB, "en",
     "Procurement officer", ["ict", "verlichting-en-energie"], ["en", "fr", "nl"], True, True,
     "I buy lighting and IT for the city and like to compare **tender texts**."),
    ("ana.ferreira@example.org", "Ana", "Ferreira", "Circular Procurement Lab", FA, "en",
     "Researcher", ["strategieen-en-instrumenten", "bouw"], ["en", "pt"], True, False,
     "I study how circular criteria hold up during contract execution."),
    ("koen.mertens@example.org", "Koen", "Mertens", "Stad Gent", PB, "nl",
     "Aankoper kantoorinrichting", ["kantoormeubilair"], ["nl"], True, False,
     "Twintig jaar aankoper, sinds kort ook met huurcontracten voor meubilair."),
    ("sarah.dubois@example.org", "Sarah", "Dubois", "Hôpital Saint-Luc", PR, "en",
     "Purchasing manager", ["catering", "textiel"], ["fr", "en"], True, True,
     "Hospital catering and linen: we are testing reusable trays."),
    ("wouter.peeters@example.org", "Wouter", "Peeters", "Intercommunale Leiedal", PB, "nl",
     "Projectleider", ["bouw", "voertuigen-en-mobiliteit"], ["nl", "en"], False, False,
     "Ik werk aan circulaire renovaties van publieke gebouwen."),
    ("nina.van.damme@example.org", "Nina", "Van Damme", "Refurb Solutions", OT, "nl",
     "Accountmanager", ["ict"], ["nl", "en"], False, False,
     "Leverancier van refurbished laptops."),
    ("youssef.amrani@example.org", "Youssef", "Amrani", "Stad Antwerpen", PB, "nl",
     "Aankoper schoonmaak", ["schoonmaak", "catering"], ["nl", "ar", "fr"], False, False,
     "Schoonmaakcontracten met minder chemie en meer hergebruik."),
    ("julia.schmidt@example.org", "Julia", "Schmidt", "Bundesamt für Beschaffung", PB, "en",
     "Procurement advisor", ["evenementen", "ambities-en-behoeften"], ["de", "en"], False,
     False, "Events without single-use materials, from the German federal side."),
]

# The role accounts (accounts.demo): in the directory, email shown, job title,
# expertise, languages, bio. Missing from here: the translator and the editor.
ROLE_PROFILES = {
    "participant@example.org": (True, False, "Aankoper", ["ict", "kantoormeubilair"],
                                ["nl", "en"], "Ik koop in voor de stad Gent."),
    "moderator@example.org": (True, True, "Expert circulair aankopen",
                              ["strategieen-en-instrumenten"], ["nl", "en", "fr"],
                              "Ik beantwoord vragen op het forum."),
    "coordinator@example.org": (True, True, "Coördinator van de leerkring",
                                ["intern-draagvlak-creeren"], ["nl", "en"],
                                "Ik breng aankopers samen in teams."),
}

INDEX = {
    "nl": {"title": "Leden", "slug": "leden",
           "intro": "<p>Collega's die zich voorstellen aan de leerkring.</p>"},
    "en": {"title": "Members", "slug": "members",
           "intro": "<p>Colleagues who introduce themselves to the community.</p>"},
}
TEAMS_INDEX = {
    "nl": {"title": "Teams", "slug": "teams",
           "intro": "<p>Productgroepteams: aankopers die samen aan één thema werken.</p>"},
    "en": {"title": "Teams", "slug": "teams",
           "intro": "<p>Product-group teams: buyers working together on one topic.</p>"},
}


def _profile(user, topics, listed, email, job_title, expertise, languages, bio):
    profile = Profile.objects.of(user)
    profile.job_title = job_title
    profile.bio_markdown = bio
    profile.bio_html = usertext.render_markdown(bio)
    profile.languages = languages
    profile.completed_at = timezone.now()
    profile.save()
    profile.expertise.set([topics[slug] for slug in expertise if slug in topics])
    consent.choose(user, {consent.DIRECTORY: listed, consent.EMAIL: email})


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    bilingual_page(homes, MemberDirectoryPage, INDEX)
    bilingual_page(homes, TeamIndexPage, TEAMS_INDEX)
    if Profile.objects.exists():
        command.stdout.write("Members: already have profiles.")
        return
    User = get_user_model()
    topics = {t.slug: t for t in Topic.objects.filter(locale=homes["nl"].locale)}
    participants = Group.objects.filter(name=PARTICIPANTS)
    for (email, first, last, organisation, org_type, language, job_title, expertise,
         languages, listed, email_shown, bio) in MEMBERS:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last,
            organisation=organisation, organisation_type=org_type,
            preferred_language=language)
        user.groups.set(participants)
        _profile(user, topics, listed, email_shown, job_title, expertise, languages, bio)
    for email, (listed, email_shown, job_title, expertise, languages, bio) in \
            ROLE_PROFILES.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            _profile(user, topics, listed, email_shown, job_title, expertise, languages, bio)
    demo_teams.load(command, homes)
    shown = consent.listed_profiles().count()
    command.stdout.write(f"Members: {Profile.objects.count()} profiles, {shown} in the "
                         "directory; the translator's is not.")
