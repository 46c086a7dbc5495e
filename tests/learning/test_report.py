"""The editors' learning report: counts only, no names."""

import pytest
from django.urls import reverse

from learning import progress
from learning.models.pages import lessons_by_package

pytestmark = pytest.mark.django_db


def test_report_counts_started_completed_and_median(make_member, make_package):
    package, _, lessons = make_package(lessons=2)
    a, b, c = make_member(), make_member(), make_member()
    for lesson in lessons:
        progress.mark_complete(a, lesson)  # 100 %
    progress.mark_complete(b, lessons[0])  # 50 %
    progress.record_visit(c, lessons[1])  # 0 %
    [row] = progress.report([package], lessons_by_package([package]))
    assert (row["lessons"], row["started"], row["completed"], row["median"]) == (2, 3, 1, 50)


def test_report_page_for_editors_without_names(client, editor, make_member, make_package):
    _, _, lessons = make_package(lessons=1)
    learner = make_member(first_name="Zoë", last_name="Verborgen")
    progress.mark_complete(learner, lessons[0])
    client.force_login(editor)
    html = client.get(reverse("learning_report")).content.decode()
    assert "Pakket" in html
    assert "Verborgen" not in html and learner.email not in html


def test_report_is_refused_to_translators(client, translator):
    client.force_login(translator)
    response = client.get(reverse("learning_report"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
