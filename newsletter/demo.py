"""Demo newsletter: the archive in both languages with one issue, sent."""

from django.apps import apps
from django.utils import timezone

from pages.demo import bilingual_page
from pages.models import HomePage

from .models import Dispatch, NewsletterIndexPage, NewsletterIssuePage

INDEX = {
    "nl": {"title": "Nieuwsbrief", "slug": "nieuwsbrief",
           "intro": "<p>Eerdere nummers van de nieuwsbrief van de leerkring. Zelf ontvangen? "
                    "Zet de nieuwsbrief aan in je e-mailinstellingen.</p>"},
    "en": {"title": "Newsletter", "slug": "newsletter",
           "intro": "<p>Past issues of the community's newsletter. Want to receive it? Switch "
                    "the newsletter on in your email settings.</p>"},
}

ISSUE = {
    "nl": {"title": "Nieuwsbrief: voorjaar", "slug": "voorjaar",
           "introduction": "<p>Dag iedereen, de eerste teams hebben hun circulaire bestekken "
                           "gepubliceerd. Hieronder vind je wat er de voorbije weken bijkwam.</p>"},
    "en": {"title": "Newsletter: spring", "slug": "spring",
           "introduction": "<p>Hello everyone, the first teams have published their circular "
                           "tenders. Below is what was added in the past weeks.</p>"},
}

NOTES = {"nl": "Bekijk de opname als je er niet bij kon zijn.",
         "en": "Watch the recording if you could not be there."}


def _items(language):
    """A webinar of the demo, if there is one, in ``language``."""
    try:
        model = apps.get_model("webinars", "WebinarPage")
    except LookupError:
        return []
    page = model.objects.live().filter(locale__language_code=language).order_by("pk").first()
    if page is None:
        return []
    return [{"type": "item", "id": "9d1c0e2a-5f43-4c1b-9a57-2b7f0f1c0a01",
             "value": {"page": page.pk, "note": NOTES[language]}}]


def load(command):
    homes = {code: HomePage.objects.get(locale__language_code=code) for code in ("nl", "en")}
    indexes = dict(zip(("nl", "en"), bilingual_page(homes, NewsletterIndexPage, INDEX),
                       strict=True))
    if NewsletterIssuePage.objects.filter(slug=ISSUE["nl"]["slug"]).exists():
        return
    texts = {code: {**ISSUE[code], "items": _items(code)} for code in ("nl", "en")}
    nl_issue, _en_issue = bilingual_page(indexes, NewsletterIssuePage, texts)
    Dispatch.objects.get_or_create(issue_key=nl_issue.translation_key, defaults={
        "title": nl_issue.title, "sent_at": timezone.now()})
    command.stdout.write("Newsletter: the archive and one issue sent, in Dutch and English.")
