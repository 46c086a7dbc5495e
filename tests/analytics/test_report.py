"""The report in the admin: who sees it, what it shows, and that the CSV says the same."""

import csv
import io
import uuid
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics.models import DailyCount, DailyParticipant, DailyReach
from forum.models import Question, Status
from topics.models import Topic

pytestmark = pytest.mark.django_db

# A quiet week long ago: only what a test adds is there.
START, END = date(2020, 3, 2), date(2020, 3, 8)
QUIET = {"period": "custom", "start": START.isoformat(), "end": END.isoformat()}


class TableCells(HTMLParser):
    """The text of each body row of the table with the given id."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.inside, self.in_body, self.cell = table_id, False, False, None
        self.rows = []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if self.in_body and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "tbody" and self.in_body:
            self.in_body = self.inside = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def _table(html):
    parser = TableCells("topics-table")
    parser.feed(html)
    return parser.rows


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def _topic(slug="ict"):
    return Topic.objects.get(locale__language_code="nl", slug=slug)


def _count(topic, kind, n, day=START, language="nl", content_type="learning.lessonpage",
           item_key=None):
    DailyCount.objects.create(day=day, topic_key=topic.translation_key, kind=kind, count=n,
                              language=language, content_type=content_type,
                              item_key=item_key or str(uuid.uuid4()))


@pytest.fixture
def report_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_report_shows_the_demo_history_with_charts(demo, report_client):
    assert DailyCount.objects.filter(
        day__lt=timezone.localdate() - timedelta(days=150)).exists()  # ~180 days of demo
    response = report_client.get(reverse("analytics_report"), {"period": "90"})
    html = response.content.decode()
    assert response.status_code == 200
    rows = _table(html)
    assert len(rows) == Topic.objects.filter(locale__language_code="nl").count()
    assert sum(int(row[1]) for row in rows) > 100  # views
    # Server-drawn, accessible SVG: a bar chart and a trend chart per topic with views.
    assert html.count('role="img"') >= 2
    assert '<svg class="analytics-chart" id="topics-bar"' in html
    assert '<title id="topics-bar-title">' in html and '<desc id="topics-bar-desc">' in html
    assert html.count("analytics-chart--small") >= 3
    svgs = [part.split("</svg>", 1)[0] for part in html.split("<svg")[1:]
            if part.startswith(' class="analytics-chart')]
    assert len(svgs) >= 4
    assert not any("<script" in svg or "href" in svg for svg in svgs)


@pytest.mark.parametrize("period", ["7", "30", "90", "year"])
def test_the_csv_matches_the_table(demo, report_client, period):
    query = {"period": period, "sort": "participants", "dir": "desc"}
    table = _table(report_client.get(reverse("analytics_report"), query).content.decode())
    exported = _csv(report_client.get(reverse("analytics_export"), query))
    assert exported[0][0] == "Onderwerp" and len(exported[0]) == 9
    assert exported[1:] == table


def test_few_participants_are_shown_as_fewer_than_the_threshold(demo, report_client):
    ict, textile = _topic("ict"), _topic("textiel")
    _count(ict, "view", 12)
    _count(textile, "view", 40)
    DailyReach.objects.create(day=START, topic_key=ict.translation_key, participants=3)
    DailyReach.objects.create(day=START, topic_key=textile.translation_key, participants=7)
    rows = {row[0]: row for row in _csv(report_client.get(reverse("analytics_export"), QUIET))}
    assert rows["ICT"][1:3] == ["12", "< 5"]
    assert rows["Textiel"][1:3] == ["40", "7"]
    table = {row[0]: row for row in _table(
        report_client.get(reverse("analytics_report"), QUIET).content.decode())}
    assert table["ICT"][2] == "< 5"


def test_participants_of_days_not_rolled_up_are_counted_live(demo, report_client):
    ict = _topic("ict")
    for n in range(6):
        DailyParticipant.objects.create(day=START, topic_key=ict.translation_key,
                                        digest=f"{n:032d}")
    rows = {row[0]: row for row in _csv(report_client.get(reverse("analytics_export"), QUIET))}
    assert rows["ICT"][2] == "6"


def test_filters_by_language_and_content_type(demo, report_client):
    ict = _topic("ict")
    _count(ict, "view", 5, language="nl")
    _count(ict, "view", 3, language="en")
    _count(ict, "download", 2, language="en", content_type="library.librarydocument")

    def ict_row(**extra):
        rows = _csv(report_client.get(reverse("analytics_export"), {**QUIET, **extra}))
        return next(row for row in rows if row[0] == "ICT")

    assert ict_row()[1] == "8" and ict_row()[3] == "2"
    assert ict_row(language="en")[1] == "3"
    assert ict_row(content_type="library.librarydocument")[1:4] == ["0", "0", "2"]


def test_the_table_sorts_by_any_column(demo, report_client):
    _count(_topic("ict"), "view", 1)
    _count(_topic("bouw"), "view", 9)
    _count(_topic("ict"), "answer", 4, content_type="forum.question")
    by = lambda **sort: [row[0] for row in _table(  # noqa: E731
        report_client.get(reverse("analytics_report"), {**QUIET, **sort}).content.decode())]
    assert by(sort="view")[:2] == ["Bouw", "ICT"]
    assert by(sort="answer")[0] == "ICT"
    assert by(sort="view", dir="asc")[-2:] == ["ICT", "Bouw"]
    names = by(sort="topic", dir="asc")
    assert names == sorted(names, key=str.lower)


def test_a_custom_period_needs_both_dates_in_order(demo, report_client):
    html = report_client.get(reverse("analytics_report"), {
        "period": "custom", "start": "2020-03-08", "end": "2020-03-01"}).content.decode()
    assert "De periode moet beginnen voor ze eindigt." in html


@pytest.mark.parametrize("start,end", [
    ("9999-12-25", "9999-12-31"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-07"),
    ("1999-12-31", "2000-01-05"), ("0000-00-00", "2020-03-01"),
])
@pytest.mark.parametrize("view", ["report", "topic", "export"])
def test_dates_past_the_calendar_are_refused_with_a_message(demo, report_client, view, start,
                                                           end):
    """Year 9999 overflowed the date arithmetic (500); the form says which dates it takes."""
    report_client.raise_request_exception = False
    ict = _topic("ict").translation_key
    url = {"report": reverse("analytics_report"), "export": reverse("analytics_export"),
           "topic": reverse("analytics_topic", args=[ict])}[view]
    response = report_client.get(url, {"period": "custom", "start": start, "end": end})
    assert response.status_code == 200
    if view != "export":
        html = response.content.decode()
        assert ("Kies datums van 1 januari 2000 tot" in html
                or "Voer een geldige datum in." in html), html[-3000:]
        assert f'value="{start}"' in html  # what was typed stays in the form


def test_drill_down_lists_a_topics_items_with_links(demo, client, editor):
    """Editors (not moderators) see no title of a question that waits for review."""
    from learning.models import LessonPage

    client.force_login(editor)

    ict = _topic("ict")
    lesson = LessonPage.objects.live().filter(locale__language_code="nl").first()
    hidden = Question.objects.filter(status=Status.PENDING).first()
    _count(ict, "view", 30, item_key=str(lesson.translation_key))
    _count(ict, "view", 4, content_type="forum.question", item_key=str(hidden.pk))
    html = client.get(reverse("analytics_topic", args=[ict.translation_key]),
                      QUIET).content.decode()
    assert f'<a href="{lesson.url}">{lesson.title}</a>' in html
    assert hidden.title not in html  # waiting for review: not named in the report
    assert "Niet beschikbaar" in html


@pytest.mark.parametrize("role", ["participant", "moderator", "translator"])
def test_other_roles_are_refused(demo, client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in [reverse("analytics_report"), reverse("analytics_export"),
                reverse("analytics_topic", args=[_topic().translation_key])]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/")


def test_editors_see_the_report_in_the_reports_menu(demo, client, editor):
    client.force_login(editor)
    assert client.get(reverse("analytics_report")).status_code == 200
    assert reverse("analytics_report") in client.get("/admin/").content.decode()
