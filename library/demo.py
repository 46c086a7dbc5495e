"""Demo events and slide decks (PDF and PPTX drawn here), and the library page."""

from datetime import date

from wagtail.models import Locale

from analytics.demo import DemoItem
from analytics.kinds import Kind
from pages.demo import bilingual_page
from pages.demo_files import demo_document, simple_pdf, simple_pptx
from pages.models import HomePage
from topics.models import Topic
from translations.content import translate

from .models import Event, EventKind, LibraryDocument, LibraryPage

LIBRARY = {
    "nl": {"title": "Bibliotheek", "slug": "bibliotheek", "show_in_menus": True,
           "intro": "<p>De slides en documenten van alle inspiratiedagen, actiedagen, "
                    "buyer-meets-supplier-events en webinars.</p>"},
    "en": {"title": "Library", "slug": "library", "show_in_menus": True,
           "intro": "<p>The slides and documents of every inspiration day, action day, "
                    "buyer-meets-supplier event and webinar.</p>"},
}

# key: (Dutch name, English name, date, kind, place)
EVENTS = {
    "inspiration": ("Inspiratiedag circulair aankopen", "Inspiration day on circular procurement",
                    date(2017, 10, 12), EventKind.INSPIRATION_DAY, "Brussel"),
    "tender": ("Actiedag: ambities vertalen naar een bestek",
               "Action day: translating ambitions into a tender",
               date(2018, 3, 15), EventKind.ACTION_DAY, "Gent"),
    "furniture": ("Buyer meets supplier: kantoormeubilair",
                  "Buyer meets supplier: office furniture",
                  date(2018, 6, 7), EventKind.BUYER_MEETS_SUPPLIER, "Antwerpen"),
    "ict": ("Webinar circulaire ICT", "Webinar on circular ICT",
            date(2019, 2, 5), EventKind.WEBINAR, ""),
    "impact": ("Actiedag: impact meten", "Action day: measuring impact",
               date(2019, 5, 16), EventKind.ACTION_DAY, "Mechelen"),
}

# title, file name, event, language, speakers, topic slugs, description, slides
DECKS = [
    ("Waarom circulair aankopen?", "waarom-circulair-aankopen.pptx", "inspiration", "nl",
     "Lotte Claes", ["strategieen-en-instrumenten", "ambities-en-behoeften"],
     "Openingssessie van de inspiratiedag: de kringloop van materialen en de rol van de aankoper.",
     [("Lineair versus circulair", ["Nemen, maken, weggooien", "Sluiten van kringlopen",
                                    "Waarde behouden"]),
      ("De rol van de aankoper", ["Vraag stuurt aanbod", "Functie in plaats van product"])]),
    ("Circular procurement in Europe", "circular-procurement-europe.pdf", "inspiration", "en",
     "Mark de Vries", ["strategieen-en-instrumenten"],
     "Keynote on circular procurement practice in other European regions.",
     ["Green public procurement and circularity", "Examples from the Netherlands and Scotland",
      "Lessons on market engagement", "Measuring the effect of circular tenders"]),
    ("Van ambitie naar bestek", "van-ambitie-naar-bestek.pptx", "tender", "nl",
     "Amira El Idrissi", ["ambities-vertalen-naar-een-bestek", "circulaire-opdrachten-gunnen"],
     "Hoe je een circulaire ambitie omzet in eisen, gunningscriteria en contractclausules.",
     [("De ambitiekaart als vertrekpunt", ["Kies doelen", "Kies strategieën", "Weeg af"]),
      ("Eisen en criteria", ["Minimumeisen", "Gunningscriteria", "Contractvoorwaarden",
                             "Terugnameclausules"])]),
    ("Checklist circulair bestek", "checklist-circulair-bestek.pdf", "tender", "nl",
     "Jonas Maes", ["ambities-vertalen-naar-een-bestek"],
     "Een afvinklijst voor wie een circulair bestek nakijkt.",
     ["Is de behoefte functioneel omschreven?", "Staat de gewenste levensduur erin?",
      "Zijn herstel en onderhoud geregeld?", "Is terugname na gebruik voorzien?",
      "Worden resultaten opgevolgd tijdens de uitvoering?"]),
    ("Refurbished kantoormeubilair", "refurbished-kantoormeubilair.pptx", "furniture", "nl",
     "Pieter Janssens, Sofie Peeters",
     ["kantoormeubilair", "samenwerking-in-de-keten-en-marktdialoog"],
     "Leveranciers stellen opgeknapte bureaus, stoelen en kasten voor.",
     [("Wat is refurbished?", ["Demonteren", "Herstellen en bekleden", "Garantie zoals nieuw"]),
      ("Huren of kopen?", ["Meubilair als dienst", "Terugname na gebruik"])]),
    ("Furniture as a service", "furniture-as-a-service.pdf", "furniture", "en",
     "Anna Lindqvist", ["kantoormeubilair"],
     "Business models for leasing and taking back office furniture.",
     ["Pay per use instead of ownership", "Maintenance included", "Take-back and reuse",
      "Contract length and exit clauses"]),
    ("Laptops met een langer leven", "laptops-langer-leven.pptx", "ict", "nl",
     "Amira El Idrissi", ["ict", "ambities-vertalen-naar-een-bestek"],
     "Garantie, reserveonderdelen en refurbished toestellen in een ICT-bestek.",
     [("Levensduur verlengen", ["Vijf jaar garantie", "Batterijen vervangbaar",
                                "Reserveonderdelen zeven jaar"]),
      ("Refurbished", ["Kwaliteitslabels", "Dataverwijdering", "Prijs en prestaties"])]),
    ("Impact meten tijdens de uitvoering", "impact-meten.pdf", "impact", "nl",
     "Lotte Claes", ["impact-meten-tijdens-de-uitvoering"],
     "Welke indicatoren je afspreekt en hoe je ze opvolgt.",
     ["Nulmeting bij de start", "Indicatoren voor hergebruik en herstel",
      "Jaarlijkse rapportering door de leverancier", "Bijsturen tijdens het contract"]),
    ("Circulaire catering", "circulaire-catering.pdf", "impact", "nl",
     "Jonas Maes", ["catering"],
     "Voedselverspilling meten en herbruikbare verpakkingen in cateringcontracten.",
     ["Meet de verspilling per maaltijd", "Herbruikbaar servies", "Lokale en seizoensproducten"]),
]


def _events():
    nl, en = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    events = {}
    for key, (nl_name, en_name, day, kind, place) in EVENTS.items():
        event = Event.objects.filter(locale=nl, name=nl_name).first()
        if event is None:
            event = Event.objects.create(locale=nl, name=nl_name, date=day, kind=kind,
                                         place=place)
        if not Event.objects.filter(translation_key=event.translation_key, locale=en).exists():
            translate(event, {"name": en_name}, en)
        events[key] = event
    return events


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    bilingual_page(homes, LibraryPage, LIBRARY)
    events = _events()
    nl = Locale.objects.get(language_code="nl")
    for title, filename, event, language, speakers, topic_slugs, description, content in DECKS:
        if filename.endswith(".pptx"):
            data = simple_pptx(title, content)
        else:
            data = simple_pdf(title, content)
        demo_document(
            title, filename, content=data,
            topics=list(Topic.objects.filter(locale=nl, slug__in=topic_slugs)),
            event=events[event], language=language, speakers=speakers, description=description,
        )
    command.stdout.write(f"Library: {len(EVENTS)} events and {len(DECKS)} slide decks.")


def analytics_items(locale):
    """The slides and documents in the analytics demo history (analytics.demo):
    downloaded (which is how they are read), in Dutch. Videos are the
    webinars' recordings, counted as plays there."""
    return [
        DemoItem.of(document, document.topics.all(),
                    rates={Kind.DOWNLOAD: 1.0, Kind.VIEW: 0.0}, language="nl")
        for document in LibraryDocument.objects.prefetch_related("topics")
        if not document.is_video
    ]
