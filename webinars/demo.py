"""Demo webinars: two coming up, two recordings with chapters and transcripts."""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.documents import get_document_model

from analytics.demo import DemoItem
from analytics.kinds import Kind
from library.models import LibraryPage
from pages.demo import bilingual_page
from pages.models import HomePage
from topics.models import Topic

from .models import Registration, WebinarIndexPage, WebinarPage

BRUSSELS = ZoneInfo("Europe/Brussels")

INDEX = {
    "nl": {"title": "Webinars", "slug": "webinars", "show_in_menus": True,
           "intro": "<p>Korte online sessies met experten en collega-aankopers. Kon je er niet "
                    "bij zijn? Bekijk de opname, met hoofdstukken en transcript.</p>"},
    "en": {"title": "Webinars", "slug": "webinars", "show_in_menus": True,
           "intro": "<p>Short online sessions with experts and fellow buyers. Missed one? Watch "
                    "the recording, with chapters and a transcript.</p>"},
}


def _speakers(people, column, ids):
    """Speaker blocks in one language; both languages share the block ids."""
    return [{"type": "speaker", "id": ids[i],
             "value": {"name": person[0], "organisation": person[1], "bio": person[column]}}
            for i, person in enumerate(people)]


def _chapters(items, ids):
    return [{"type": "chapter", "id": ids[i], "value": {"time": t, "title": title}}
            for i, (t, title) in enumerate(items)]


def _soon(hours, minutes=60):
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(hours=hours)
    return start, start + timedelta(minutes=minutes)


def _at(days, hour, minutes=60):
    day = timezone.localdate() + timedelta(days=days)
    start = datetime.combine(day, time(hour, 0), tzinfo=BRUSSELS)
    return start, start + timedelta(minutes=minutes)


WEBINARS = [
    {
        "nl": {"title": "Circulaire schoonmaakdiensten aankopen", "slug": "circulaire-schoonmaak",
               "summary": "Hoe schrijf je een bestek voor schoonmaak dat producten, machines en "
                          "verpakkingen in de kringloop houdt? Twee aankopers delen hun aanpak."},
        "en": {"title": "Buying circular cleaning services", "slug": "circular-cleaning",
               "summary": "How do you write a cleaning tender that keeps products, machines and "
                          "packaging in the loop? Two buyers share their approach."},
        # Tomorrow at about this time: the demo participant has a place, so
        # send_reminders has a day-before reminder to send right after load_demo.
        "starts_in_hours": 20, "capacity": 40,
        "topics": ["schoonmaak", "ambities-vertalen-naar-een-bestek"],
        "speakers": [("Lotte Claes", "Provincie Antwerpen",
                      "Aankoper facilitaire diensten, schreef het eerste circulaire "
                      "schoonmaakbestek van de provincie.",
                      "Facilities buyer who wrote the province's first circular cleaning "
                      "tender.")],
    },
    {
        "nl": {"title": "Marktdialoog voor verlichting als dienst",
               "slug": "verlichting-als-dienst",
               "summary": "Licht kopen in plaats van lampen: wat vraag je aan de markt, en hoe "
                          "vergelijk je de antwoorden?"},
        "en": {"title": "Market dialogue for lighting as a service",
               "slug": "lighting-as-a-service",
               "summary": "Buying light instead of lamps: what do you ask the market, and how do "
                          "you compare the answers?"},
        "when": (21, 14), "capacity": 2, "topics": ["verlichting-en-energie",
                                                     "samenwerking-in-de-keten-en-marktdialoog"],
        "speakers": [("Mark de Vries", "Rijkswaterstaat", "Expert functioneel aanbesteden.",
                      "Expert in functional tendering.")],
    },
    {
        "nl": {"title": "Laptops met een langer leven", "slug": "laptops-met-een-langer-leven",
               "summary": "Opname van het webinar over garanties, reserveonderdelen en "
                          "refurbished laptops in ICT-bestekken.",
               "transcript": "Welkom iedereen bij dit webinar over circulaire ICT.\n\n"
                             "We beginnen met de levensduur: de meeste laptops worden na vier "
                             "jaar vervangen, terwijl ze technisch veel langer meekunnen.\n\n"
                             "Daarna bekijken we hoe je garanties en reserveonderdelen in je "
                             "bestek opneemt, en wat refurbished toestellen vandaag kosten.\n\n"
                             "We sluiten af met de vragen uit de chat."},
        "en": {"title": "Laptops with a longer life", "slug": "laptops-with-a-longer-life",
               "summary": "Recording of the webinar on guarantees, spare parts and refurbished "
                          "laptops in ICT tenders.",
               "transcript": "Welcome everyone to this webinar on circular ICT.\n\n"
                             "We start with lifetime: most laptops are replaced after four years, "
                             "while technically they can last much longer.\n\n"
                             "Then we look at how to put guarantees and spare parts in your "
                             "tender, and what refurbished devices cost today.\n\n"
                             "We close with the questions from the chat."},
        "when": (-30, 11), "topics": ["ict"],
        "recording_url": "https://vimeo.com/76979871",
        "chapters": [("0:00", "Welkom", "Welcome"), ("3:15", "Levensduur", "Lifetime"),
                     ("12:40", "Garanties en onderdelen", "Guarantees and spare parts"),
                     ("25:05", "Vragen uit de chat", "Questions from the chat")],
        "slides": ["Laptops met een langer leven"],
        "speakers": [("Amira El Idrissi", "Expertisecentrum Circulair Aankopen",
                      "Begeleidt aankopers bij circulaire ICT-projecten.",
                      "Coaches buyers in circular ICT projects.")],
    },
    {
        "nl": {"title": "Kantoormeubilair hergebruiken", "slug": "kantoormeubilair-hergebruiken",
               "summary": "Opname: van inventaris tot refurbished meubilair, met ervaringen "
                          "van een stad en een leverancier.",
               "transcript": "In dit webinar vertelt een stad hoe ze haar meubilair in kaart "
                             "bracht voor ze iets nieuws kocht.\n\nEen leverancier legt uit hoe "
                             "opknappen werkt en welke garantie je krijgt."},
        "en": {"title": "Reusing office furniture", "slug": "reusing-office-furniture",
               "summary": "Recording: from inventory to refurbished furniture, with the "
                          "experience of a city and a supplier.",
               "transcript": "In this webinar a city explains how it mapped its furniture before "
                             "buying anything new.\n\nA supplier explains how refurbishing works "
                             "and which guarantee you get."},
        "when": (-90, 14), "topics": ["kantoormeubilair"],
        "recording_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "chapters": [("0:00", "Inleiding", "Introduction"),
                     ("8:30", "De inventaris van de stad", "The city's inventory"),
                     ("21:10", "Hoe opknappen werkt", "How refurbishing works")],
        "slides": ["Refurbished kantoormeubilair", "Furniture as a service"],
        "speakers": [("Pieter Janssens", "Stad Gent", "Projectleider facilitair beheer.",
                      "Project lead for facilities management."),
                     ("Anna Lindqvist", "ReFurn", "Ontwikkelt circulaire verdienmodellen.",
                      "Circular business developer.")],
    },
]


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    indexes = dict(zip(("nl", "en"), bilingual_page(homes, WebinarIndexPage, INDEX), strict=True))
    _menu_order(indexes)
    nl_locale = homes["nl"].locale
    Document = get_document_model()
    created = 0
    for spec in WEBINARS:
        if WebinarPage.objects.filter(slug=spec["nl"]["slug"], locale=nl_locale).exists():
            continue
        starts_at, ends_at = (_soon(spec["starts_in_hours"]) if "starts_in_hours" in spec
                              else _at(*spec["when"]))
        speaker_ids = [str(uuid.uuid4()) for _ in spec["speakers"]]
        chapter_ids = [str(uuid.uuid4()) for _ in spec.get("chapters", [])]
        texts = {}
        for column, language in ((1, "nl"), (2, "en")):
            texts[language] = {
                **spec[language],
                "speakers": _speakers(spec["speakers"], column + 1, speaker_ids),
                "chapters": _chapters([(c[0], c[column]) for c in spec.get("chapters", [])],
                                      chapter_ids),
            }
        relations = {
            "topics": list(Topic.objects.filter(locale=nl_locale, slug__in=spec["topics"])),
            "slides": list(Document.objects.filter(title__in=spec.get("slides", []))),
        }
        bilingual_page(
            indexes, WebinarPage, texts, relations=relations, starts_at=starts_at,
            ends_at=ends_at, capacity=spec.get("capacity"),
            recording_url=spec.get("recording_url", ""),
            join_url="https://meet.example.org/leerkring-" + spec["nl"]["slug"],
        )
        created += 1
    if created:
        _register_demo_participant()
    command.stdout.write(f"Webinars: {created} created (two upcoming, two recordings).")


def _menu_order(indexes):
    """Webinars come before the library in the main menu."""
    for index in indexes.values():
        library = LibraryPage.objects.filter(locale=index.locale).first()
        if library is not None and library.path < index.path:
            index.move(library, pos="left")


def _register_demo_participant():
    """The participant is registered for the first; two colleagues filled the second."""
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[
        "participant@example.org", "editor@example.org", "moderator@example.org"])}
    places = [(WEBINARS[0], ["participant@example.org"]),
              (WEBINARS[1], ["editor@example.org", "moderator@example.org"])]
    for spec, emails in places:
        webinar = WebinarPage.objects.filter(slug=spec["nl"]["slug"]).first()
        for email in emails:
            if webinar and email in users:
                Registration.objects.get_or_create(
                    user=users[email], webinar_key=webinar.translation_key,
                    defaults={"status": Registration.Status.REGISTERED},
                )


def analytics_items(locale):
    """The webinars in the analytics demo history (analytics.demo): registrations
    for those to come, plays of the recordings."""
    now = timezone.now()
    return [
        DemoItem.of(webinar, webinar.topics.all(),
                    rates={Kind.PLAY: 0.3} if webinar.ends_at < now and (
                        webinar.recording_file_id or webinar.recording_url)
                    else {Kind.REGISTRATION: 0.12})
        for webinar in WebinarPage.objects.filter(locale=locale).prefetch_related("topics")
    ]
