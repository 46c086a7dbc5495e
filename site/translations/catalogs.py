"""The UI message catalogs in ``locale/``: extract, compile, check.

One place for the extraction flags, so that ``make messages`` and the test
that guards the catalogs see the same strings. Compiling uses polib, not GNU
msgfmt, so a fresh machine can run the site without gettext; extracting
needs GNU xgettext, as Django's ``makemessages`` always does.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

# The languages with a catalog of their own: every one except the language
# the source strings are written in (English).
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
DOMAINS = ["django"]
# Folders that hold no source strings of ours.
IGNORE = [".venv", "node_modules", "data", "tests", "benchmarks", ".ci", ".git"]
SOURCE_FOLDERS = ["site", "learning", "library", "webinars", "forum", "catalogue", "members"]


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def po_files(root=None):
    root = Path(root or locale_dir())
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def compile_catalog(po_path):
    """Write the .mo next to ``po_path``; fuzzy and untranslated entries are left out."""
    po = polib.pofile(str(po_path))
    mo_path = Path(po_path).with_suffix(".mo")
    po.save_as_mofile(str(mo_path))
    return mo_path


def compiled_bytes(po_path):
    return polib.pofile(str(po_path)).to_binary()


def extract():
    """Run makemessages in the current directory for every target language.

    makemessages reads the sources under the current directory and writes
    into its ``locale`` folder.
    """
    for domain in DOMAINS:
        call_command(
            "makemessages",
            locale=TARGET_LANGUAGES,
            domain=domain,
            ignore_patterns=IGNORE,
            add_location="file",
            no_obsolete=True,
            symlinks=True,
            verbosity=0,
        )


@contextmanager
def _working_copy():
    """A temporary tree that links to the sources and holds a copy of locale/.

    makemessages writes into the ``locale`` folder of the directory it runs
    in; running it in this copy leaves the real catalogs untouched.
    """
    tmp = Path(tempfile.mkdtemp(prefix="leerkring-catalogs-"))
    previous = Path.cwd()
    try:
        for name in SOURCE_FOLDERS:
            os.symlink(settings.BASE_DIR / name, tmp / name)
        shutil.copytree(locale_dir(), tmp / "locale")
        os.chdir(tmp)
        with override_settings(LOCALE_PATHS=[tmp / "locale"]):
            yield tmp / "locale"
    finally:
        os.chdir(previous)
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class CatalogProblems:
    missing: dict = field(default_factory=dict)  # catalog -> msgids found in code, not in .po
    untranslated: dict = field(default_factory=dict)
    fuzzy: dict = field(default_factory=dict)

    def __bool__(self):
        return any((self.missing, self.untranslated, self.fuzzy))

    def report(self):
        lines = []
        for title, problems in [
            ("in the code but not in the catalog (run `make messages`)", self.missing),
            ("untranslated", self.untranslated),
            ("fuzzy (check the translation, then remove the fuzzy flag)", self.fuzzy),
        ]:
            for catalog, msgids in problems.items():
                lines.append(f"{catalog}: {len(msgids)} {title}:")
                lines.extend(f"    {msgid!r}" for msgid in msgids)
        return "\n".join(lines)


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def check():
    """What is missing, untranslated or fuzzy in the committed catalogs."""
    problems = CatalogProblems()
    root = locale_dir()
    committed = {path.relative_to(root): polib.pofile(str(path)) for path in po_files(root)}
    for relative, po in committed.items():
        untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        if untranslated:
            problems.untranslated[str(relative)] = untranslated
        if fuzzy:
            problems.fuzzy[str(relative)] = fuzzy
    with _working_copy() as fresh_root:
        extract()
        for path in po_files(fresh_root):
            relative = path.relative_to(fresh_root)
            known = {_key(e) for e in committed[relative]} if relative in committed else set()
            missing = [e.msgid for e in polib.pofile(str(path)) if _key(e) not in known]
            if missing:
                problems.missing[str(relative)] = missing
    return problems
