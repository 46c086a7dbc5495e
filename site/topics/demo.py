"""Demo topics: the programme's product groups and themes, in Dutch and English."""

from django.utils.text import slugify
from wagtail.models import Locale

from translations.content import translate

from .models import Topic, TopicKind

P, T = TopicKind.PRODUCT_GROUP, TopicKind.THEME

# kind, Dutch name, Dutch description, English name, English description
TOPICS = [
    (P, "Textiel", "Werkkledij, uniformen en linnen: langer gebruiken, herstellen, terugnemen.",
     "Textile", "Workwear, uniforms and linen: longer use, repair and take-back."),
    (P, "Catering", "Maaltijden, drank en keukeninrichting met minder verspilling.",
     "Catering", "Meals, drinks and kitchen equipment with less waste."),
    (P, "ICT", "Laptops, smartphones en servers: refurbished, modulair en langer mee.",
     "ICT", "Laptops, smartphones and servers: refurbished, modular and longer lasting."),
    (P, "Kantoormeubilair", "Bureaus en stoelen hergebruiken, opknappen of huren.",
     "Office furniture", "Reusing, refurbishing or leasing desks and chairs."),
    (P, "Bouw", "Gebouwen en infrastructuur: materiaalpaspoorten, demontage, hergebruik.",
     "Construction", "Buildings and infrastructure: material passports, disassembly, reuse."),
    (P, "Voertuigen en mobiliteit", "Wagenpark, deelmobiliteit en onderhoud.",
     "Vehicles and mobility", "Fleets, shared mobility and maintenance."),
    (P, "Schoonmaak", "Schoonmaakdiensten en -producten met minder impact.",
     "Cleaning", "Cleaning services and products with a smaller footprint."),
    (P, "Verlichting en energie", "Licht als dienst, herstelbare armaturen.",
     "Lighting and energy", "Light as a service, repairable fittings."),
    (P, "Evenementen", "Evenementen zonder wegwerpmateriaal.",
     "Events", "Events without single-use materials."),
    (T, "Intern draagvlak creëren", "Collega's en directie mee krijgen.",
     "Creating internal support", "Bringing colleagues and management along."),
    (T, "Ambities en behoeften", "Wat wil je bereiken, en wat heb je echt nodig?",
     "Ambitions and needs", "What do you want to achieve, and what do you really need?"),
    (T, "Strategieën en instrumenten", "Methoden en hulpmiddelen voor circulair aankopen.",
     "Strategies and tools", "Methods and tools for circular purchasing."),
    (T, "Samenwerking in de keten en marktdialoog", "Leveranciers vroeg betrekken.",
     "Cooperation in the supply chain and market dialogue", "Involving suppliers early."),
    (T, "Ambities vertalen naar een bestek", "Circulaire eisen en criteria formuleren.",
     "Translating ambitions into a tender", "Writing circular requirements and criteria."),
    (T, "Circulaire opdrachten gunnen", "Gunningscriteria en beoordeling.",
     "Awarding circular tenders", "Award criteria and evaluation."),
    (T, "Impact meten tijdens de uitvoering", "Opvolgen wat het contract oplevert.",
     "Measuring impact during contract execution", "Following up what the contract delivers."),
]


def load(command):
    nl = Locale.objects.get(language_code="nl")
    en = Locale.objects.get(language_code="en")
    created = 0
    for kind, nl_name, nl_text, en_name, en_text in TOPICS:
        source = Topic.objects.filter(locale=nl, slug=slugify(nl_name)).first()
        if source is None:
            source = Topic.objects.create(
                locale=nl, name=nl_name, slug=slugify(nl_name), kind=kind, description=nl_text
            )
            created += 1
        if not Topic.objects.filter(translation_key=source.translation_key, locale=en).exists():
            translate(source, {"name": en_name, "slug": slugify(en_name),
                               "description": en_text}, en)
    command.stdout.write(f"Topics: {created} created, {len(TOPICS)} in the demo.")
