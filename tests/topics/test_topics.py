"""Topics and the circular ambition map."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from topics.ambition_map import GOALS, STRATEGIES, strategy_choices
from topics.models import Topic, TopicKind

pytestmark = pytest.mark.django_db


def test_topic_translation_shares_its_key_and_kind(db):
    nl = Locale.objects.get(language_code="nl")
    en = Locale.objects.get(language_code="en")
    textile = Topic.objects.create(locale=nl, name="Textielzorg", slug="textielzorg",
                                   kind=TopicKind.PRODUCT_GROUP)
    english = textile.copy_for_translation(en)
    english.name, english.slug = "Textile care", "textile-care"
    english.save()
    assert textile.get_translation(en) == english
    assert english.kind == TopicKind.PRODUCT_GROUP


def test_home_lists_topics_of_its_language(member_client, demo):
    dutch = member_client.get("/nl/").content.decode()
    english = member_client.get("/en/").content.decode()
    assert "Kantoormeubilair" in dutch and "Office furniture" not in dutch
    assert "Office furniture" in english and "Kantoormeubilair" not in english


def test_ambition_map_has_five_goals_and_their_strategies():
    assert [g.code for g in GOALS] == ["A", "B", "C", "D", "E"]
    assert [len(g.strategies) for g in GOALS] == [5, 3, 8, 6, 6]
    assert "E6" in STRATEGIES and "F1" not in STRATEGIES


def test_ambition_map_labels_follow_the_language():
    with translation.override("nl"):
        assert STRATEGIES["A1"].label == "Intern delen"
        assert strategy_choices()[0][0] == "A Totale hoeveelheid materialen reduceren"
    with translation.override("en"):
        assert str(STRATEGIES["C5"]) == "C5 Repairability and maintainability"
