"""Every string marked for translation is in each language's catalogue, translated, and compiled.

`makemessages` runs on a copy of the project with the options `make messages` uses
(napwatch/catalogues.py), so a string marked in a template or in Python but not added to the
catalogue fails here, as does a catalogue entry no longer used. It needs GNU gettext (xgettext):
without it that one test is skipped, unless NAPWATCH_REQUIRE_GETTEXT is set (CI sets it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from napwatch.catalogues import MAKEMESSAGES_OPTIONS, catalogue_path, translated_languages

ROOT = Path(__file__).resolve().parents[2]
# What a copy of the project needs for makemessages: the code and templates, not the
# environment, caches or collected files.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", ".cache", "staticfiles", "test-artifacts", "node_modules", "__pycache__"
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|\{(\w*)\}")


def entries(catalogue: polib.POFile) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


def describe(keys) -> str:
    return "\n".join(
        f"  {ctx + ' | ' if ctx else ''}{msgid!r}" for ctx, msgid, _plural in sorted(keys, key=str)
    )


@pytest.fixture(params=translated_languages())
def language(request) -> str:
    return request.param


@pytest.fixture
def committed(language) -> polib.POFile:
    path = catalogue_path(ROOT, language)
    assert path.is_file(), f"{path} is missing: run `make messages`, then translate it"
    return polib.pofile(str(path))


def test_there_is_a_catalogue_for_every_language_but_english():
    from django.conf import settings

    assert "es" in translated_languages()
    assert settings.LANGUAGE_CODE == "en"
    for code in translated_languages():
        assert catalogue_path(ROOT, code).is_file(), code


def test_every_marked_string_is_in_the_catalogue_and_every_entry_is_still_used(
    language, committed, tmp_path
):
    if not shutil.which("xgettext") or not shutil.which("msguniq"):
        message = "GNU gettext (xgettext) is not installed: apt-get install gettext"
        if os.environ.get("NAPWATCH_REQUIRE_GETTEXT"):
            pytest.fail(message)
        pytest.skip(message)
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from napwatch.catalogues import MAKEMESSAGES_OPTIONS\n"
        f"call_command('makemessages', locale=[{language!r}], verbosity=0, **MAKEMESSAGES_OPTIONS)\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "napwatch.settings",
        "NAPWATCH_ENV_FILE": os.devnull,
        "DEBUG": "true",
        "PYTHONPATH": str(copy),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert MAKEMESSAGES_OPTIONS["no_obsolete"]
    extracted = polib.pofile(str(catalogue_path(copy, language)))
    missing = entries(extracted) - entries(committed)
    unused = entries(committed) - entries(extracted)
    assert not missing, (
        f"Strings marked for translation but missing from locale/{language}: run `make messages`"
        f" and translate them:\n{describe(missing)}"
    )
    assert not unused, (
        f"Entries of locale/{language} no longer used by the code: run `make messages`:\n"
        f"{describe(unused)}"
    )


def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(language, committed):
    untranslated = [e.msgid for e in committed.untranslated_entries()]
    fuzzy = [e.msgid for e in committed.fuzzy_entries()]
    assert not untranslated, f"Untranslated in locale/{language}: {untranslated}"
    assert not fuzzy, f"Fuzzy (to check, then unmark) in locale/{language}: {fuzzy}"
    assert committed.percent_translated() == 100
    assert not committed.metadata_is_fuzzy


def test_translations_keep_every_placeholder_and_the_markup(language, committed):
    """A translation that drops %(count)s or a tag would fail or mislead at run time."""
    for entry in committed:
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        translations = (
            [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            if entry.msgid_plural
            else [entry.msgstr]
        )
        for index, translation in enumerate(translations):
            source = sources[min(index, 1)]
            wanted = sorted(PLACEHOLDER.findall(source))
            found = sorted(PLACEHOLDER.findall(translation))
            # A singular may say "one" instead of %(count)d; every other placeholder must stay.
            if entry.msgid_plural and index == 0:
                wanted = [p for p in wanted if p in found or p[0] not in {"count", "n"}]
            assert found == wanted, f"{entry.msgid!r}: placeholders {found} != {wanted}"
            assert sorted(re.findall(r"</?\w+", translation)) == sorted(
                re.findall(r"</?\w+", source)
            ), f"{entry.msgid!r}: the translation's tags differ"


def test_the_committed_compiled_catalogue_is_the_catalogue(language, committed):
    """Django reads the .mo: it must say what the .po says (`make messages` compiles it)."""
    path = catalogue_path(ROOT, language).with_suffix(".mo")
    assert path.is_file(), f"{path} is missing: run `make messages`"
    compiled = polib.mofile(str(path))

    def translations(catalogue):
        return {
            (e.msgctxt, e.msgid): (
                tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
                if e.msgid_plural
                else e.msgstr
            )
            for e in catalogue
            if e.msgid and not e.obsolete and "fuzzy" not in e.flags
        }

    assert translations(compiled) == translations(committed), (
        f"locale/{language}/LC_MESSAGES/django.mo is out of date: run `make messages`"
    )
    assert compiled.metadata.get("Plural-Forms") == committed.metadata.get("Plural-Forms")
