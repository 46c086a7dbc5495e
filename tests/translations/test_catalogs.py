"""Every UI string is translated to Dutch, and what runs is what is written."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from translations import catalogs


def test_every_string_in_the_code_is_translated_to_dutch():
    """Fails when a string is missing from locale/, untranslated or fuzzy."""
    problems = catalogs.check()
    assert not problems, problems.report()


@pytest.mark.parametrize("po_path", catalogs.po_files(), ids=lambda p: str(p.parent.parent.name))
def test_compiled_catalog_matches_its_source(po_path):
    mo_path = Path(po_path).with_suffix(".mo")
    assert mo_path.exists(), "run `make catalogs`"
    assert mo_path.read_bytes() == catalogs.compiled_bytes(po_path), "stale: run `make catalogs`"


def test_compile_writes_a_catalog_django_can_read(tmp_path, settings):
    po = catalogs.po_files()[0]
    target = tmp_path / "nl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(po.read_bytes())
    catalogs.compile_catalog(target / "django.po")
    assert (target / "django.mo").read_bytes() == catalogs.compiled_bytes(po)


@pytest.mark.parametrize(
    "language,expected", [("nl", "Inloggen"), ("en", "Log in")]
)
def test_known_string_per_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Log in") == expected


def test_check_reports_missing_and_fuzzy_strings(tmp_path, settings):
    """The guard itself: a string dropped from the catalog and a fuzzy one are reported."""
    import polib

    source = catalogs.po_files()[0]
    broken = tmp_path / "nl" / "LC_MESSAGES" / "django.po"
    broken.parent.mkdir(parents=True)
    po = polib.pofile(str(source))
    dropped = po.find("Log in")
    po.remove(dropped)
    fuzzy = po.find("Log out")
    fuzzy.flags.append("fuzzy")
    po.save(str(broken))
    settings.LOCALE_PATHS = [tmp_path]
    problems = catalogs.check()
    assert problems.missing == {"nl/LC_MESSAGES/django.po": ["Log in"]}
    assert problems.fuzzy == {"nl/LC_MESSAGES/django.po": ["Log out"]}
    with pytest.raises(CommandError, match="Log out"):
        call_command("catalogs", "check")
