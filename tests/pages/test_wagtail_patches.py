"""What pages/wagtail_patches.py changes in Wagtail, and for which Wagtail."""

import pytest
import wagtail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from pages import wagtail_patches

pytestmark = pytest.mark.django_db


def test_the_patches_were_checked_with_the_installed_wagtail():
    assert wagtail.__version__ == wagtail_patches.CHECKED_WITH_WAGTAIL, (
        f"Wagtail is now {wagtail.__version__}: read pages/wagtail_patches.py again (does "
        "Wagtail still work that way? does each patch still pay? measure as the README's "
        "Performance section says), then set CHECKED_WITH_WAGTAIL.")


def test_the_active_locale_costs_no_query_once_read(demo):
    assert Locale.objects.get_for_language("nl").language_code == "nl"
    with CaptureQueriesContext(connection) as captured:
        assert Locale.objects.get_for_language("nl").language_code == "nl"
        assert Locale.objects.get_for_language("en").language_code == "en"
    assert len(captured.captured_queries) <= 1  # English, read the first time
