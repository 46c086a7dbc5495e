"""Demo learning packages in Dutch and English, and some progress for the demo participant."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from analytics.demo import DemoItem
from analytics.kinds import Kind
from pages.demo import bilingual_page
from pages.demo_files import demo_document, demo_image
from pages.models import HomePage
from topics.ambition_map import GOALS
from topics.models import Topic

from . import progress
from .models import LearningIndexPage, LearningPackagePage, LessonPage, LessonProgress, Level

INDEX = {
    "nl": {"title": "Leren", "slug": "leren", "show_in_menus": True,
           "intro": "<p>Leerpakketten die je in je eigen tempo volgt: van een eerste kennismaking "
                    "met circulair aankopen tot het schrijven van een circulair bestek.</p>"},
    "en": {"title": "Learning", "slug": "learning", "show_in_menus": True,
           "intro": "<p>Learning packages you follow at your own pace: from a first look at "
                    "circular procurement to writing a circular tender.</p>"},
}


def _q(question, options):
    """A self-check value: options are (text, correct, feedback)."""
    return {"question": question,
            "options": [{"text": t, "correct": c, "feedback": f} for t, c, f in options]}


def _lessons_basics(files):
    map_pdf, loop_image = files["map_pdf"].pk, files["loop_image"].pk
    return [
        {
            "nl": {"title": "Wat is circulair aankopen?", "slug": "wat-is-circulair-aankopen",
                   "summary": "Waarom aankopers een sleutelrol spelen in het sluiten van "
                              "kringlopen."},
            "en": {"title": "What is circular procurement?",
                   "slug": "what-is-circular-procurement",
                   "summary": "Why buyers hold a key to closing material loops."},
            "duration": 10,
            "body": [
                ("text",
                 "<p>Elke aankoop is een keuze over grondstoffen. Wie circulair aankoopt, "
                 "kiest voor producten, diensten en contracten die materialen zo lang mogelijk "
                 "en zo hoogwaardig mogelijk in gebruik houden.</p>",
                 "<p>Every purchase is a choice about raw materials. Buying circular means "
                 "choosing products, services and contracts that keep materials in use for as "
                 "long as possible, at the highest possible value.</p>"),
                ("image",
                 {"image": loop_image, "alt_text": "Cirkels die in elkaar grijpen: "
                  "materialen die blijven rondgaan in plaats van weggegooid te worden.",
                  "caption": "Kringlopen sluiten: gebruiken, herstellen, hergebruiken."},
                 {"image": loop_image, "alt_text": "Interlocking circles: materials that keep "
                  "going round instead of being thrown away.",
                  "caption": "Closing loops: use, repair, reuse."}),
                ("heading", {"text": "Waarom de aankoper?", "level": "h2"},
                 {"text": "Why the buyer?", "level": "h2"}),
                ("text",
                 "<p>Overheden en bedrijven kopen samen voor enorme bedragen. Wanneer zij "
                 "vragen naar herstelbare, deelbare of terugneembare oplossingen, verschuift "
                 "de markt mee. Jij bepaalt welke vraag die markt krijgt.</p>",
                 "<p>Public bodies and companies together spend huge sums. When they ask for "
                 "repairable, shareable or returnable solutions, the market moves with them. "
                 "You decide which question the market receives.</p>"),
                ("callout",
                 {"kind": "tip", "title": "Begin bij de behoefte",
                  "text": "<p>Vraag niet eerst welk product je nodig hebt, maar welke functie. "
                          "Je hebt geen printer nodig, maar afgedrukte documenten.</p>"},
                 {"kind": "tip", "title": "Start from the need",
                  "text": "<p>Do not ask which product you need, ask which function. You do not "
                          "need a printer, you need printed documents.</p>"}),
                ("self_check",
                 _q("Wat is het belangrijkste verschil met een klassieke aankoop?", [
                     ("Je kijkt naar de volledige levensduur en wat er daarna met de materialen "
                      "gebeurt.", True, "Juist: circulair aankopen kijkt voorbij het moment "
                      "van levering."),
                     ("Je koopt altijd het goedkoopste product.", False,
                      "Niet noodzakelijk: de totale kost over de levensduur telt."),
                     ("Je koopt alleen nog tweedehands.", False,
                      "Hergebruik is één strategie, maar er zijn er veel meer."),
                 ]),
                 _q("What is the main difference with a conventional purchase?", [
                     ("You look at the whole lifetime and what happens to the materials "
                      "afterwards.", True, "Right: circular procurement looks beyond the "
                      "moment of delivery."),
                     ("You always buy the cheapest product.", False,
                      "Not necessarily: the total cost over the lifetime is what counts."),
                     ("You only buy second-hand.", False,
                      "Reuse is one strategy, but there are many more."),
                 ])),
            ],
        },
        {
            "nl": {"title": "De circulaire ambitiekaart", "slug": "de-circulaire-ambitiekaart",
                   "summary": "Vijf doelen en hun strategieën om je ambitie te benoemen."},
            "en": {"title": "The circular ambition map", "slug": "the-circular-ambition-map",
                   "summary": "Five goals and their strategies to name your ambition."},
            "duration": 15,
            "body": [
                ("text",
                 "<p>De ambitiekaart helpt om scherp te stellen wat je met een aankoop wil "
                 "bereiken. Ze telt vijf doelen, van A tot E, elk met concrete strategieën.</p>",
                 "<p>The ambition map helps you sharpen what a purchase should achieve. It has "
                 "five goals, A to E, each with concrete strategies.</p>"),
                ("heading", {"text": "De vijf doelen", "level": "h2"},
                 {"text": "The five goals", "level": "h2"}),
                ("text",
                 "<ul>" + "".join(f"<li><b>{g.code}</b> {g.label_nl}</li>" for g in GOALS)
                 + "</ul>",
                 "<ul>" + "".join(f"<li><b>{g.code}</b> {g.label_en}</li>" for g in GOALS)
                 + "</ul>"),
                ("callout",
                 {"kind": "example", "title": "Kantoormeubilair",
                  "text": "<p>Een stad koos voor doel C: bestaande bureaus werden opgeknapt en "
                          "de leverancier tekende voor onderhoud gedurende acht jaar.</p>"},
                 {"kind": "example", "title": "Office furniture",
                  "text": "<p>A city chose goal C: existing desks were refurbished and the "
                          "supplier signed up for eight years of maintenance.</p>"}),
                ("download",
                 {"document": map_pdf, "title": "De ambitiekaart op één blad",
                  "description": "Alle doelen en strategieën, om af te drukken."},
                 {"document": map_pdf, "title": "The ambition map on one page",
                  "description": "Every goal and strategy, ready to print."}),
                ("self_check",
                 _q("Welke strategieën horen bij doel C, de gebruiksduur verlengen?", [
                     ("Garanties oprekken", True, "Klopt, dat is C1."),
                     ("Ontwerpen voor lange levensduur", True, "Klopt, dat is C4."),
                     ("Aandeel recycled content verhogen", False,
                      "Dat is B2: minder nieuwe grondstoffen."),
                 ]),
                 _q("Which strategies belong to goal C, extending the useful life?", [
                     ("Extending guarantees", True, "Right, that is C1."),
                     ("Design for longevity", True, "Right, that is C4."),
                     ("Increase recycled content", False, "That is B2: fewer virgin inputs."),
                 ])),
            ],
        },
        {
            "nl": {"title": "Intern draagvlak creëren", "slug": "intern-draagvlak-creeren",
                   "summary": "Collega's, juristen en directie mee krijgen."},
            "en": {"title": "Creating internal support", "slug": "creating-internal-support",
                   "summary": "Bringing colleagues, lawyers and management along."},
            "duration": 12,
            "body": [
                ("text",
                 "<p>Een circulaire aankoop slaagt zelden door één enthousiaste aankoper. Je "
                 "hebt de gebruikers, de budgethouder en vaak ook de jurist nodig.</p>",
                 "<p>A circular purchase rarely succeeds thanks to one keen buyer. You need the "
                 "users, the budget holder and often the lawyer too.</p>"),
                ("video",
                 {"title": "Draagvlak in drie stappen", "video_file": None,
                  "external_url": "https://vimeo.com/76979871",
                  "transcript": "Stap één: zoek een bondgenoot. Stap twee: maak de winst "
                                "zichtbaar. Stap drie: vier de eerste resultaten."},
                 {"title": "Support in three steps", "video_file": None,
                  "external_url": "https://vimeo.com/76979871",
                  "transcript": "Step one: find an ally. Step two: make the gain visible. "
                                "Step three: celebrate the first results."}),
                ("callout",
                 {"kind": "warning", "title": "Onderschat de tijd niet",
                  "text": "<p>Reken een paar maanden voor overleg voor je het bestek schrijft. "
                          "Wie dat overslaat, botst later op weerstand.</p>"},
                 {"kind": "warning", "title": "Do not underestimate the time",
                  "text": "<p>Allow a few months of consultation before writing the tender. "
                          "Skipping it means meeting resistance later.</p>"}),
                ("self_check",
                 _q("Wie betrek je best als eerste?", [
                     ("Een bondgenoot die de gebruikers kent.", True,
                      "Ja: gebruikers overtuigen gaat het best via iemand die ze vertrouwen."),
                     ("Niemand: eerst het bestek afwerken.", False,
                      "Dan kom je te laat met je vragen."),
                 ]),
                 _q("Whom do you best involve first?", [
                     ("An ally who knows the users.", True,
                      "Yes: users are best convinced by someone they trust."),
                     ("Nobody: finish the tender first.", False,
                      "Then your questions come too late."),
                 ])),
            ],
        },
    ]


def _lessons_ict(files):
    questionnaire, ict_image = files["questionnaire_pdf"].pk, files["ict_image"].pk
    return [
        {
            "nl": {"title": "Behoeften in kaart brengen", "slug": "behoeften-in-kaart-brengen",
                   "summary": "Hoeveel toestellen heb je echt nodig, en hoe lang?"},
            "en": {"title": "Mapping your needs", "slug": "mapping-your-needs",
                   "summary": "How many devices do you really need, and for how long?"},
            "duration": 15,
            "body": [
                ("heading", {"text": "Inventaris eerst", "level": "h2"},
                 {"text": "Inventory first", "level": "h2"}),
                ("text",
                 "<p>Breng in kaart welke laptops, schermen en smartphones in gebruik zijn, "
                 "hoe oud ze zijn en hoe vaak ze echt gebruikt worden. Vaak blijkt een deel "
                 "overbodig of perfect herbruikbaar.</p>",
                 "<p>Map which laptops, screens and smartphones are in use, how old they are "
                 "and how often they are really used. Often part of them turns out to be "
                 "superfluous or perfectly reusable.</p>"),
                ("callout",
                 {"kind": "tip", "title": "Deel binnen je organisatie",
                  "text": "<p>Een interne uitleenpool voor schermen en headsets voorkomt "
                          "nieuwe aankopen (strategie A1).</p>"},
                 {"kind": "tip", "title": "Share within your organisation",
                  "text": "<p>An internal lending pool for screens and headsets avoids new "
                          "purchases (strategy A1).</p>"}),
                ("self_check",
                 _q("Wat levert een inventaris meestal op?", [
                     ("Toestellen die je kunt herverdelen of laten opknappen.", True,
                      "Precies: dat is de goedkoopste circulaire winst."),
                     ("Niets: iedereen gebruikt altijd alles.", False,
                      "In de praktijk blijkt dat zelden zo."),
                 ]),
                 _q("What does an inventory usually yield?", [
                     ("Devices you can redistribute or have refurbished.", True,
                      "Exactly: the cheapest circular gain there is."),
                     ("Nothing: everyone always uses everything.", False,
                      "In practice that is rarely the case."),
                 ])),
            ],
        },
        {
            "nl": {"title": "Marktdialoog voeren", "slug": "marktdialoog-voeren",
                   "summary": "Leveranciers vroeg betrekken, zonder de concurrentie te "
                              "verstoren."},
            "en": {"title": "Holding a market dialogue", "slug": "holding-a-market-dialogue",
                   "summary": "Involving suppliers early without distorting competition."},
            "duration": 20,
            "body": [
                ("text",
                 "<p>Een marktdialoog toont wat leveranciers vandaag al kunnen: refurbished "
                 "toestellen, terugname, levenslange updates. Publiceer je vragen vooraf en "
                 "deel de antwoorden met alle deelnemers.</p>",
                 "<p>A market dialogue shows what suppliers can already do today: refurbished "
                 "devices, take-back, lifelong updates. Publish your questions beforehand and "
                 "share the answers with all participants.</p>"),
                ("image",
                 {"image": ict_image, "alt_text": "Schema van een marktdialoog: aankoper en "
                  "leveranciers rond dezelfde tafel.", "caption": ""},
                 {"image": ict_image, "alt_text": "Diagram of a market dialogue: buyer and "
                  "suppliers around the same table.", "caption": ""}),
                ("download",
                 {"document": questionnaire, "title": "Vragenlijst voor de marktdialoog",
                  "description": "Voorbeeldvragen over levensduur, herstel en terugname."},
                 {"document": questionnaire, "title": "Market dialogue questionnaire",
                  "description": "Sample questions on lifetime, repair and take-back."}),
                ("self_check",
                 _q("Hoe blijft een marktdialoog eerlijk?", [
                     ("Door iedereen dezelfde informatie te geven.", True,
                      "Juist: transparantie houdt de latere aanbesteding open."),
                     ("Door alleen met de huidige leverancier te praten.", False,
                      "Dat bevoordeelt één partij."),
                 ]),
                 _q("How does a market dialogue stay fair?", [
                     ("By giving everyone the same information.", True,
                      "Right: transparency keeps the later tender open."),
                     ("By talking only to the current supplier.", False,
                      "That favours one party."),
                 ])),
            ],
        },
        {
            "nl": {"title": "Circulaire eisen en gunningscriteria",
                   "slug": "circulaire-eisen-en-gunningscriteria",
                   "summary": "Je ambitie vertalen naar meetbare eisen."},
            "en": {"title": "Circular requirements and award criteria",
                   "slug": "circular-requirements-and-award-criteria",
                   "summary": "Turning your ambition into measurable requirements."},
            "duration": 20,
            "body": [
                ("text",
                 "<p>Minimumeisen leggen de lat, gunningscriteria belonen wie verder gaat. "
                 "Voor ICT kan je bijvoorbeeld een garantie van vijf jaar eisen en extra punten "
                 "geven voor beschikbare reserveonderdelen.</p>",
                 "<p>Minimum requirements set the bar, award criteria reward those who go "
                 "further. For ICT you might require a five-year guarantee and give extra "
                 "points for available spare parts.</p>"),
                ("callout",
                 {"kind": "example", "title": "Refurbished laptops",
                  "text": "<p>Een provincie vroeg laptops als dienst: de leverancier blijft "
                          "eigenaar, herstelt en neemt terug.</p>"},
                 {"kind": "example", "title": "Refurbished laptops",
                  "text": "<p>A province asked for laptops as a service: the supplier stays "
                          "owner, repairs and takes back.</p>"}),
                ("self_check",
                 _q("Welke eisen maken een ICT-bestek circulair?", [
                     ("Een verlengde garantie", True, "Ja: strategie C1."),
                     ("Terugname na gebruik", True, "Ja: strategie D5."),
                     ("De laagste aankoopprijs als enige criterium", False,
                      "Dat beloont net de kortste levensduur."),
                 ]),
                 _q("Which requirements make an ICT tender circular?", [
                     ("An extended guarantee", True, "Yes: strategy C1."),
                     ("Take-back after use", True, "Yes: strategy D5."),
                     ("The lowest purchase price as the only criterion", False,
                      "That rewards the shortest lifetime."),
                 ])),
            ],
        },
        {
            "nl": {"title": "Opvolgen tijdens de uitvoering",
                   "slug": "opvolgen-tijdens-de-uitvoering",
                   "summary": "Meten wat het contract echt oplevert."},
            "en": {"title": "Following up during the contract",
                   "slug": "following-up-during-the-contract",
                   "summary": "Measuring what the contract really delivers."},
            "duration": 10,
            "body": [
                ("text",
                 "<p>Leg bij de gunning vast welke cijfers de leverancier jaarlijks bezorgt: "
                 "aantal herstellingen, teruggenomen toestellen en hun bestemming.</p>",
                 "<p>Agree at award which figures the supplier reports each year: number of "
                 "repairs, devices taken back and where they went.</p>"),
                ("video",
                 {"title": "Impact meten in de praktijk", "video_file": None,
                  "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                  "transcript": ""},
                 {"title": "Measuring impact in practice", "video_file": None,
                  "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                  "transcript": ""}),
                ("self_check",
                 _q("Wanneer spreek je de rapportering af?", [
                     ("Bij de gunning, in het contract.", True,
                      "Juist: achteraf is het moeilijk afdwingbaar."),
                     ("Pas als er een probleem is.", False, "Dan ontbreekt de nulmeting."),
                 ]),
                 _q("When do you agree on reporting?", [
                     ("At award, in the contract.", True,
                      "Right: afterwards it is hard to enforce."),
                     ("Only when there is a problem.", False, "Then the baseline is missing."),
                 ])),
            ],
        },
    ]


PACKAGES = [
    {
        "nl": {"title": "Circulair aankopen: de basis", "slug": "circulair-aankopen-de-basis",
               "summary": "Een eerste kennismaking: wat circulair aankopen is, hoe je je ambitie "
                          "benoemt met de ambitiekaart en hoe je collega's meekrijgt.",
               "objectives": ["Uitleggen wat circulair aankopen is",
                              "De vijf doelen van de ambitiekaart herkennen",
                              "Een plan maken om intern draagvlak te creëren"]},
        "en": {"title": "Circular procurement: the basics", "slug": "circular-procurement-basics",
               "summary": "A first introduction: what circular procurement is, how to name your "
                          "ambition with the ambition map and how to bring colleagues along.",
               "objectives": ["Explain what circular procurement is",
                              "Recognise the five goals of the ambition map",
                              "Plan how to create internal support"]},
        "level": Level.INTRODUCTION, "duration": 40, "image": "loop_image",
        "topics": ["strategieen-en-instrumenten", "intern-draagvlak-creeren",
                   "ambities-en-behoeften"],
        "lessons": _lessons_basics,
    },
    {
        "nl": {"title": "Van ambitie naar bestek: ICT", "slug": "van-ambitie-naar-bestek-ict",
               "summary": "Voor wie verder wil: een circulaire ICT-aankoop voorbereiden, met de "
                          "markt in dialoog gaan, eisen formuleren en de uitvoering opvolgen.",
               "objectives": ["Een behoefteanalyse voor ICT uitvoeren",
                              "Een eerlijke marktdialoog organiseren",
                              "Circulaire eisen en gunningscriteria schrijven"]},
        "en": {"title": "From ambition to tender: ICT", "slug": "from-ambition-to-tender-ict",
               "summary": "For those ready to go further: preparing a circular ICT purchase, "
                          "talking to the market, writing requirements and following up.",
               "objectives": ["Carry out a needs analysis for ICT",
                              "Organise a fair market dialogue",
                              "Write circular requirements and award criteria"]},
        "level": Level.IN_DEPTH, "duration": 65, "image": "ict_image",
        "topics": ["ict", "ambities-vertalen-naar-een-bestek",
                   "samenwerking-in-de-keten-en-marktdialoog"],
        "lessons": _lessons_ict,
    },
]


def _files():
    map_lines = []
    for goal in GOALS:
        map_lines.append(f"{goal.code}  {goal.label_nl} / {goal.label_en}")
        map_lines += [f"    {s.code}  {s.label_nl} / {s.label_en}" for s in goal.strategies]
    return {
        "loop_image": demo_image("Kringlopen sluiten", "green"),
        "ict_image": demo_image("Marktdialoog ICT", "ink"),
        "map_pdf": demo_document("Circulaire ambitiekaart", "ambitiekaart.pdf", map_lines),
        "questionnaire_pdf": demo_document("Vragenlijst marktdialoog ICT",
                                           "vragenlijst-marktdialoog.pdf", [
            "1. Welke levensduur garandeert u? / Which lifetime do you guarantee?",
            "2. Hoe lang zijn reserveonderdelen beschikbaar? / How long are spare parts available?",
            "3. Neemt u toestellen terug na gebruik? / Do you take devices back after use?",
            "4. Welk aandeel refurbished kunt u leveren?",
            "   What share of refurbished devices can you supply?",
        ]),
    }


def _with_item_ids(value, block_id):
    """Self-check options as list items with ids, the same in both languages.

    wagtail-localize only translates list items stored with ids (Wagtail's
    current list format), and pairs them across languages by those ids.
    """
    if "options" not in value:
        return value
    items = [{"type": "item", "value": option, "id": str(uuid.uuid5(uuid.UUID(block_id), str(i)))}
             for i, option in enumerate(value["options"])]
    return {**value, "options": items}


def _body(blocks, language, ids):
    """Raw StreamField data; both languages share block ids (answers count in both)."""
    column = 1 if language == "nl" else 2
    return [{"type": block[0], "value": _with_item_ids(block[column], ids[i])
             if block[0] == "self_check" else block[column], "id": ids[i]}
            for i, block in enumerate(blocks)]


def _objectives(texts, ids):
    return [{"type": "objective", "value": text, "id": ids[i]} for i, text in enumerate(texts)]


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    already = LearningIndexPage.objects.filter(locale=homes["nl"].locale).exists()
    indexes = dict(zip(("nl", "en"), bilingual_page(homes, LearningIndexPage, INDEX),
                       strict=True))
    files = _files()
    lessons_created = 0
    for spec in PACKAGES:
        texts = {}
        objective_ids = [str(uuid.uuid4()) for _ in spec["nl"]["objectives"]]
        for language in ("nl", "en"):
            fields = dict(spec[language])
            fields["objectives"] = _objectives(fields["objectives"], objective_ids)
            texts[language] = fields
        topics = Topic.objects.filter(locale=homes["nl"].locale, slug__in=spec["topics"])
        package_nl, package_en = bilingual_page(
            indexes, LearningPackagePage, texts, relations={"topics": list(topics)},
            level=spec["level"], duration_minutes=spec["duration"],
            cover_image=files[spec["image"]],
        )
        for lesson in spec["lessons"](files):
            ids = [str(uuid.uuid4()) for _ in lesson["body"]]
            lesson_texts = {
                language: {**lesson[language], "body": _body(lesson["body"], language, ids)}
                for language in ("nl", "en")
            }
            if not LessonPage.objects.child_of(package_nl).filter(
                    slug=lesson["nl"]["slug"]).exists():
                lessons_created += 1
            bilingual_page({"nl": package_nl, "en": package_en}, LessonPage, lesson_texts,
                           duration_minutes=lesson["duration"])
    if not already:
        _demo_progress()
    command.stdout.write(
        f"Learning: {len(PACKAGES)} packages in Dutch and English, {lessons_created} lessons "
        "created."
    )


def _demo_progress():
    """The demo participant finished two lessons of the basics and opened the third."""
    participant = get_user_model().objects.filter(email="participant@example.org").first()
    if participant is None:
        return
    basics = LearningPackagePage.objects.get(slug=PACKAGES[0]["nl"]["slug"],
                                             locale__language_code="nl")
    lessons = list(basics.lessons())
    for lesson in lessons[:2]:
        progress.mark_complete(participant, lesson)
    progress.record_visit(participant, lessons[2])
    # The visits happened earlier than "now": make the last one the most recent.
    LessonProgress.objects.filter(user=participant, completed_at__isnull=False).update(
        last_visited_at=timezone.now() - timedelta(days=2),
        completed_at=timezone.now() - timedelta(days=2),
    )


def analytics_items(locale):
    """The packages and their lessons in the analytics demo history (analytics.demo)."""
    items = []
    for package in LearningPackagePage.objects.filter(locale=locale).prefetch_related("topics"):
        topics = list(package.topics.all())
        items.append(DemoItem.of(package, topics))
        for lesson in LessonPage.objects.child_of(package).filter(locale=locale):
            items.append(DemoItem.of(lesson, topics, rates={Kind.LESSON_COMPLETED: 0.25}))
    return items
