"""The interface's translation catalogues: locale/<code>/LC_MESSAGES/django.po, one per language
of settings.LANGUAGES other than the source language (English).

    make messages     # = python -m napwatch.catalogues: extract every marked string into each
                      #   catalogue (makemessages), then compile the .mo files Django reads

Both `make messages` and the test that fails on a string missing from a catalogue
(tests/i18n/test_catalogue.py) extract with the options below, so they always agree. A new
language is a line in settings.LANGUAGES and `make messages`: its catalogue is created, and the
test then asks for its translations.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# One line per entry and the file (not the line) each string comes from: the catalogue changes
# only where a string does, which keeps merges of parallel work small.
MAKEMESSAGES_OPTIONS = {
    "add_location": "file",
    "no_wrap": True,
    "no_obsolete": True,
    "ignore_patterns": [
        ".venv",
        ".git",
        ".cache",
        "staticfiles",
        "tests",
        "bench",
        "tools",
        "docs",
        "test-artifacts",
    ],
}


def translated_languages() -> list[str]:
    """The languages that have a catalogue: every language of the site but the source one."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue_path(base: Path, language: str) -> Path:
    return Path(base) / "locale" / language / "LC_MESSAGES" / "django.po"


def make_messages(*, verbosity: int = 1) -> None:
    """Extracts every marked string into each language's catalogue (new strings untranslated,
    strings no longer used removed), then compiles them. Run from the project folder."""
    from django.core.management import call_command

    call_command(
        "makemessages", locale=translated_languages(), verbosity=verbosity, **MAKEMESSAGES_OPTIONS
    )
    call_command("compilemessages", ignore_patterns=[".venv", ".git"], verbosity=verbosity)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")
    import django

    django.setup()
    make_messages()
    return 0


if __name__ == "__main__":
    sys.exit(main())
