"""Demo catalogue: the page in both languages and projects in every phase, some not shared."""

from django.contrib.auth import get_user_model

from pages.demo import bilingual_page
from pages.models import HomePage
from topics.models import Topic

from . import consent, projects
from .models import CatalogueIndexPage, Project

INDEX = {
    "nl": {"title": "Projecten", "slug": "projecten", "show_in_menus": True,
           "intro": "<p>Circulaire aankoopprojecten van collega's, gedeeld met hun "
                    "toestemming. Vind wie al deed wat jij van plan bent.</p>"},
    "en": {"title": "Projects", "slug": "projects", "show_in_menus": True,
           "intro": "<p>Circular procurement projects of colleagues, shared with their "
                    "consent. Find who already did what you are planning.</p>"},
}

# owner, co-owner, language, title, organisation, type, product group, themes, strategies,
# phase, year, listed?, contact?, description
PROJECTS = [
    ("participant@example.org", "editor@example.org", "nl",
     "Refurbished laptops voor alle medewerkers", "Stad Gent", "public_buyer", "ict",
     ["ambities-vertalen-naar-een-bestek"], ["A3", "C1", "C5"], "contract", 2018, True, True,
     "We kochten 1.200 **refurbished** laptops met vijf jaar garantie."),
    ("participant@example.org", None, "nl", "Werkkledij in huur voor de groendienst",
     "Stad Gent", "public_buyer", "textiel", ["samenwerking-in-de-keten-en-marktdialoog"],
     ["A2", "C2", "E3"], "impact", 2017, True, False,
     "De leverancier blijft eigenaar van de kledij, herstelt ze en recycleert ze."),
    ("participant@example.org", None, "nl", "Kantoorverhuis met hergebruikt meubilair",
     "Stad Gent", "public_buyer", "kantoormeubilair", ["intern-draagvlak-creeren"],
     ["A1", "A3", "D5"], "ambition", 2019, False, False,
     "We willen bij de verhuis 80 % van het meubilair hergebruiken."),
    ("editor@example.org", None, "en", "Lighting as a service in the head office",
     "Provincie Antwerpen", "public_buyer", "verlichting-en-energie",
     ["circulaire-opdrachten-gunnen"], ["A2", "C2", "C7", "D6"], "contract", 2018, True, True,
     "We pay for light, not for fittings: the supplier keeps and maintains them."),
    ("editor@example.org", None, "nl", "Circulair renoveren van een schoolgebouw",
     "Provincie Antwerpen", "public_buyer", "bouw", ["ambities-en-behoeften"],
     ["D1", "D4", "E2", "B2"], "baseline", 2019, True, False,
     "Een materiaalinventaris als start van de renovatie."),
    ("moderator@example.org", None, "nl", "Herbruikbare bekers op evenementen",
     "Expertisecentrum Circulair Aankopen", "facilitator", "evenementen",
     ["samenwerking-in-de-keten-en-marktdialoog"], ["A5", "A2"], "impact", 2018, True, True,
     "Statiegeld op bekers: 95 % kwam terug."),
    ("moderator@example.org", None, "en", "Market dialogue for circular catering",
     "Expertisecentrum Circulair Aankopen", "facilitator", "catering",
     ["samenwerking-in-de-keten-en-marktdialoog", "strategieen-en-instrumenten"],
     ["A5", "B3", "E5"], "ambition", 2019, True, False,
     "Three market meetings before the tender for our staff restaurant."),
    ("translator@example.org", None, "en", "Shared pool cars instead of a fleet",
     "Port of Ostend", "private_buyer", "voertuigen-en-mobiliteit", ["ambities-en-behoeften"],
     ["A1", "A2", "C8"], "contract", 2018, True, True,
     "Twenty pool cars replaced forty lease cars, booked through one app."),
    ("translator@example.org", None, "en", "Green cleaning with concentrated products",
     "Port of Ostend", "private_buyer", "schoonmaak", ["impact-meten-tijdens-de-uitvoering"],
     ["A4", "E4"], "impact", 2017, False, False,
     "Refillable bottles and concentrates halved the packaging."),
    ("coordinator@example.org", "participant@example.org", "nl",
     "Modulaire bureaus met terugnamegarantie", "Vlaamse overheid", "public_buyer",
     "kantoormeubilair", ["circulaire-opdrachten-gunnen"], ["C6", "D2", "D5", "E1"],
     "contract", 2019, True, True,
     "Bureaus die we kunnen aanpassen bij elke reorganisatie, met terugname na tien jaar."),
    ("coordinator@example.org", None, "nl", "Recycled content in wegenbouw",
     "Vlaamse overheid", "public_buyer", "bouw", ["ambities-vertalen-naar-een-bestek"],
     ["B1", "B2", "E2"], "ambition", 2018, True, False,
     "We vragen minstens 30 % gerecycleerd granulaat in nieuwe fietspaden."),
    ("participant@example.org", None, "nl", "Smartphones langer gebruiken",
     "Stad Gent", "public_buyer", "ict", ["impact-meten-tijdens-de-uitvoering"],
     ["C3", "C4", "C5"], "baseline", 2019, True, True,
     "Hoe lang gebruiken we onze toestellen vandaag echt? Een nulmeting."),
    ("editor@example.org", None, "en", "Biobased uniforms for park rangers",
     "Provincie Antwerpen", "public_buyer", "textiel", ["strategieen-en-instrumenten"],
     ["B3", "E5"], "baseline", 2019, False, False,
     "Exploring biobased fibres for the next uniform tender."),
]


PHASE_TEXTS = {
    "nl": {"baseline": "Zo kochten we tot nu toe aan.", "ambition": "Dit willen we bereiken.",
           "contract": "Dit staat in het contract.", "impact": "Dit werd echt geleverd."},
    "en": {"baseline": "How we used to buy.", "ambition": "What we want to achieve.",
           "contract": "What the contract says.", "impact": "What was really delivered."},
}


def _phase_texts(language, phase):
    order = list(PHASE_TEXTS["nl"])
    reached = order[: order.index(phase) + 1]
    return {f"{code}_text": PHASE_TEXTS[language][code] if code in reached else ""
            for code in order}


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    bilingual_page(homes, CatalogueIndexPage, INDEX)
    if Project.objects.exists():
        command.stdout.write("Catalogue: already has projects.")
        return
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@example.org")}
    topics = {t.slug: t for t in Topic.objects.filter(locale=homes["nl"].locale)}
    listed = 0
    for (owner_email, co_email, language, title, organisation, org_type, group, themes,
         strategies, phase, year, show, contact, description) in PROJECTS:
        owner = users[owner_email]
        data = {
            "title": title, "language": language, "organisation": organisation,
            "organisation_type": org_type, "product_group": topics[group],
            "themes": [topics[slug] for slug in themes], "strategies": strategies,
            "phase": phase, "year": year, "description": description,
            "lessons": "Betrek de gebruikers vroeg." if language == "nl"
            else "Involve the users early.",
            **_phase_texts(language, phase),
            "contact_name": owner.full_name, "contact_email": owner.email,
            "contact_phone": "+32 9 123 45 67" if contact else "",
            "co_owners": [],
            "consent_listing": show, "consent_contact": show and contact,
        }
        project = projects.save(owner, data)
        if co_email:
            project.owners.add(users[co_email])  # an invitation the colleague accepted
        listed += show
    # A consent given and withdrawn again: the history shows both.
    unlisted = Project.objects.get(title="Green cleaning with concentrated products")
    consent.grant(users["translator@example.org"], unlisted, consent.LISTING)
    consent.withdraw(users["translator@example.org"], unlisted, consent.LISTING)
    command.stdout.write(f"Catalogue: {len(PROJECTS)} projects, {listed} shown to participants.")
