import pytest

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from notices import preferences
from notices.kinds import NEWSLETTER
from pages.demo import bilingual_page


@pytest.fixture
def make_issue(db):
    """make_issue(items=[(nl page, en page, note)], english=True) -> (nl, en or None)."""
    counter = iter(range(1, 1000))

    def make(items=(), english=True):
        n = next(counter)
        indexes = {code: NewsletterIndexPage.objects.get(locale__language_code=code)
                   for code in ("nl", "en")}

        def blocks(column):
            return [{"type": "item", "id": f"00000000-0000-4000-8000-{i:012d}",
                     "value": {"page": item[column].pk, "note": item[2][column]}}
                    for i, item in enumerate(items)]
        texts = {
            "nl": {"title": f"Nummer {n}", "slug": f"nummer-{n}",
                   "introduction": "<p>Dag allemaal.</p><p>Tweede alinea.</p>",
                   "items": blocks(0)},
            "en": {"title": f"Issue {n}", "slug": f"issue-{n}",
                   "introduction": "<p>Hello all.</p><p>Second paragraph.</p>",
                   "items": blocks(1)},
        }
        if english:
            return bilingual_page(indexes, NewsletterIssuePage, texts)
        issue = NewsletterIssuePage(**texts["nl"])
        indexes["nl"].add_child(instance=issue)
        issue.save_revision().publish()
        return NewsletterIssuePage.objects.get(pk=issue.pk), None

    return make


@pytest.fixture
def subscriber(make_member):
    """subscriber(language="nl", **fields): a member who opted in."""
    def make(language="nl", **fields):
        member = make_member(language=language, **fields)
        preferences.set_email(member, NEWSLETTER, True)
        return member
    return make
