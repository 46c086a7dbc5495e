"""Demo pages: home intros, the public landing page and the privacy statement."""

from wagtail.models import Locale, Site

from translations.content import sync_new_page, translate

from .models import HomePage, InformationPage, LandingPage, SiteLinks

HOME_INTRO = {
    "nl": "<p>Leer in je eigen tempo, bekijk webinars terug, vind de slides van onze "
          "inspiratie- en actiedagen en stel je vragen aan collega-aankopers en experten.</p>",
    "en": "<p>Learn at your own pace, catch up on webinars, find the slides of our "
          "inspiration and action days, and put your questions to fellow buyers and experts.</p>",
}

LANDING = {
    "nl": dict(
        title="Samen circulair aankopen", slug="welkom",
        intro="Leerkring is de lerende gemeenschap van publieke en private aankopers die "
              "circulair willen aankopen, met facilitatoren en experten aan hun zijde.",
        body="<h2>Wat vind je er?</h2><ul><li>Leerpakketten voor wie begint en voor wie al "
             "verder staat</li><li>Opnames van webinars, met hoofdstukken en transcript</li>"
             "<li>Een bibliotheek met de slides van alle events</li><li>Een forum waar je "
             "veilig vragen stelt en ervaringen deelt, ook de minder goede</li><li>Een "
             "catalogus van projecten van collega's, alleen met hun toestemming</li></ul>",
        how_to_join="<p>Leerkring is enkel toegankelijk voor leden. Organisaties die zich "
                    "engageren om circulaire aankoopprojecten op te zetten, krijgen een "
                    "uitnodiging van de coördinatoren. Interesse? Stuur ons een bericht.</p>",
    ),
    "en": dict(
        title="Buying circular, together", slug="welcome",
        intro="Leerkring is the learning community of public and private buyers who want to "
              "purchase circular, with facilitators and experts at their side.",
        body="<h2>What you will find</h2><ul><li>Learning packages for newcomers and for "
             "frontrunners</li><li>Webinar recordings with chapters and transcripts</li>"
             "<li>A library with the slides of every event</li><li>A forum to ask questions "
             "and share experiences safely, the disappointing ones too</li><li>A catalogue "
             "of colleagues' projects, shared only with their consent</li></ul>",
        how_to_join="<p>Leerkring is for members only. Organisations that commit to running "
                    "circular procurement projects are invited by the coordinators. "
                    "Interested? Send us a message.</p>",
    ),
}

PRIVACY = {
    "nl": dict(
        title="Privacyverklaring", slug="privacy",
        body="<p>Leerkring verwerkt alleen de gegevens die nodig zijn om de gemeenschap te "
             "laten werken: je naam, e-mailadres, organisatie en taalvoorkeur. Projecten en "
             "contactgegevens worden pas aan andere leden getoond als je daar uitdrukkelijk "
             "toestemming voor geeft, en je kunt die toestemming altijd intrekken.</p>"
             "<p>We gebruiken geen trackers van derden. Bezoekcijfers per onderwerp worden "
             "geanonimiseerd en geaggregeerd bijgehouden.</p>",
    ),
    "en": dict(
        title="Privacy statement", slug="privacy",
        body="<p>Leerkring processes only the data needed to run the community: your name, "
             "email address, organisation and language preference. Projects and contact "
             "details are shown to other members only with your explicit consent, which you "
             "can withdraw at any time.</p><p>We use no third-party trackers. Visits per "
             "topic are counted anonymously and in aggregate.</p>",
    ),
}


def publish(page):
    page.save_revision().publish()
    return page


def bilingual_page(parents, page_class, texts, relations=None, **shared):
    """A Dutch page under ``parents["nl"]`` and its English translation, created once.

    ``texts`` holds the fields per language ({"nl": {...}, "en": {...}}), the
    slug among them; ``shared`` the fields both versions have in common and
    ``relations`` their many-to-many fields (topics). The page is created as
    an editor would: published, given an English alias by tree
    synchronisation, then translated through wagtail-localize, so that the
    translators' report knows its state. Returns the (Dutch, English) pair.
    """
    nl_page = page_class.objects.child_of(parents["nl"]).filter(slug=texts["nl"]["slug"]).first()
    if nl_page is None:
        nl_page = page_class(**texts["nl"], **shared)
        for name, value in (relations or {}).items():
            setattr(nl_page, name, value)
        parents["nl"].add_child(instance=nl_page)
        publish(nl_page)
        sync_new_page(nl_page)
    en_locale = parents["en"].locale
    en_page = nl_page.get_translation_or_none(en_locale)
    if en_page is None or en_page.alias_of_id:
        en_page = translate(nl_page, texts["en"], en_locale)
    # Fresh from the database: publishing updated the URL paths there, not here.
    return page_class.objects.get(pk=nl_page.pk), page_class.objects.get(pk=en_page.pk)


def load(command):
    nl, en = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    homes = {"nl": HomePage.objects.get(locale=nl), "en": HomePage.objects.get(locale=en)}
    if not homes["nl"].intro:
        homes["nl"].intro = HOME_INTRO["nl"]
        publish(homes["nl"])
        translate(homes["nl"], {"intro": HOME_INTRO["en"], "slug": homes["en"].slug}, en)
    landing, _ = bilingual_page(homes, LandingPage, LANDING, contact_email="info@leerkring.example")
    privacy, _ = bilingual_page(homes, InformationPage, PRIVACY, public=True)
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    if links.landing_page_id is None or links.privacy_page_id is None:
        links.landing_page, links.privacy_page = landing, privacy
        links.save()
    command.stdout.write("Pages: home, landing page and privacy statement in Dutch and English.")
