"""Every public page in Spanish is in Spanish: no English from the catalogue, nothing unmarked.

Each page of Mexico's plan is rendered under /es/ and under /en/. On the Spanish page:
- no text equals an English msgid of the catalogue (with its placeholders filled by anything)
  whose Spanish is different: a string marked but not translated, or built outside gettext;
- no text reads the same as on the English page unless it is plan data (wording, names,
  critique text, codes, numbers) or a word the two languages share ("Plan", "Total"): a string
  nobody marked for translation.
The plan's data and proper names are never compared: they are the plan's, not the interface's.
"""

from __future__ import annotations

import html
import re

import polib
import pytest
from django.conf import settings

from napwatch.catalogues import catalogue_path
from tests.i18n.content_words import (
    QUOTED,
    english_content_in,
    english_content_words,
    english_notes,
    notes_in,
    unmarked_texts,
)
from tests.i18n.texts import ROOT, PlanData, normal, visible_texts

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]")
TAG = re.compile(r"<[^>]+>")
SNIPPET = re.compile(r'<p class="search-hit__snippet"[^>]*>.*?</p>', re.S)


def page_paths(plan) -> list[str]:
    base = f"plans/{plan.slug}/"
    pillars = list(plan.pillars.order_by("order").values_list("slug", flat=True))
    agencies = plan.plan_agencies.values_list("agency__acronym", flat=True)
    return [
        "",
        "?country=Mexico",
        base,
        *(f"{base}pillars/{p}/" for p in pillars),
        *(f"{base}agencies/{a}/" for a in agencies),
        f"{base}indicators/",
        f"{base}indicators/?pillar=participation&critiqued=yes&ordering=-critiques",
        f"{base}indicators/?pillar=nope",
        f"{base}critiques/",
        f"{base}critiques/?target=indicator&severity=2",
        f"{base}brief/",
        f"{base}brief/?paper=papyrus",
        *(
            f"{base}critiques/{key}/"
            for key in plan.critiques.filter(status="published")
            .order_by("key")
            .values_list("key", flat=True)[:1]
        ),
        "data/",
        f"{base}scorecard/",
        "compare/",
        f"compare/?plans={plan.slug},el-salvador-2017,canada-2017",
        "compare/?plans=nope",
        "search/?q=women",
        "search/?q=zzzqqq",
        "search/?q=",
        "plans/no-such-plan/",
    ]


def as_pattern(text: str) -> str:
    text = normal(html.unescape(TAG.sub("", text)))
    return ".+?".join(re.escape(piece) for piece in PLACEHOLDER.split(text))


def english_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(English that Spanish translates differently, English that Spanish writes the same)."""
    catalogue = polib.pofile(str(catalogue_path(ROOT, "es")))
    translated, shared = set(), set()
    for entry in catalogue:
        pairs = (
            [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for english, spanish in pairs:
            pattern = as_pattern(english)
            if not pattern.replace(".+?", "").strip():
                continue
            (shared if as_pattern(spanish) == pattern else translated).add(pattern)
    return (
        re.compile("|".join(f"(?:{p})" for p in sorted(translated))),
        re.compile("|".join(f"(?:{p})" for p in sorted(shared))),
    )


@pytest.mark.django_db
def test_no_spanish_page_shows_english_of_the_interface(client, mexico):
    translated, shared = english_patterns()
    # A language is named in its own language wherever it is offered ("Español" on both pages).
    data = PlanData(extra={name for _code, name in settings.LANGUAGES})
    problems = []
    for path in page_paths(mexico):
        spanish_page = client.get(f"/es/{path}")
        english_page = client.get(f"/en/{path}")
        assert spanish_page.status_code == english_page.status_code, path
        assert spanish_page.status_code in (200, 400, 404), path
        assert '<html lang="es">' in spanish_page.content.decode(), path
        spanish = visible_texts(spanish_page.content.decode())
        english = visible_texts(english_page.content.decode())
        for text in sorted(spanish):
            if data.is_data(text):
                continue
            # the data in it stands in for a placeholder, and so do quotations (a source's own
            # words, such as a heading of the brief a locator names: sección «Prevention»)
            masked = data.mask(QUOTED.sub("\x00", text))
            if translated.fullmatch(masked) and not shared.fullmatch(masked):
                problems.append(f"/es/{path}: English from the catalogue: {text!r}")
            elif text in english and not shared.fullmatch(masked):
                leftover = "; ".join(data.leftover(text))
                problems.append(
                    f"/es/{path}: same as in English (not marked?): {leftover!r} in {text!r}"
                )
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_english_msgid_and_an_unmarked_string(db):
    """The test above can fail: an English msgid and an unmarked sentence are caught."""
    translated, shared = english_patterns()
    assert translated.fullmatch("Download PDF brief")
    assert translated.fullmatch("Page 2 of 3")
    assert translated.fullmatch("12 indicators")
    assert not translated.fullmatch("Descargar el informe en PDF")
    assert shared.fullmatch("Plan") and shared.fullmatch("Total")
    data = PlanData()
    assert not data.is_data("A heading nobody marked for translation")
    assert data.is_data("PART-I3 2021 ·")
    spanish = visible_texts("<p>A heading nobody marked for translation</p><p>Hola</p>")
    assert "A heading nobody marked for translation" in spanish


def plan_pages(plan) -> list[str]:
    """The pages of a comparison plan that show its names and notes."""
    base = f"plans/{plan.slug}/"
    pillars = plan.pillars.order_by("order").values_list("slug", flat=True)
    return [
        base,
        *(f"{base}pillars/{p}/" for p in pillars),
        f"{base}indicators/",
        f"{base}critiques/",
        f"{base}brief/",
        f"{base}scorecard/",
    ]


def content_problems(client, plan, paths) -> list[str]:
    """English content on the Spanish pages of `plan`: a listed word outside what the page marks
    as English or quotes; the English of a note napwatch translated, marked or not; an English
    note without a translation left unmarked."""
    words = english_content_words(plan)
    translated, untranslated = english_notes(plan)
    problems = []
    for path in paths:
        html_text = SNIPPET.sub("", client.get(f"/es/{path}").content.decode())
        unmarked = unmarked_texts(html_text)
        for text in english_content_in(unmarked, words):
            problems.append(f"/es/{path}: {text[:160]!r}")
        everything = html.unescape(TAG.sub(" ", html_text))
        for note in notes_in(everything, translated):
            problems.append(f"/es/{path}: a note in English though translated: {note[:100]!r}")
        for note in notes_in(" ".join(unmarked), untranslated):
            problems.append(f"/es/{path}: an English note not marked as English: {note[:100]!r}")
    return problems


@pytest.mark.django_db
def test_no_spanish_page_shows_english_content_words(client, mexico):
    """Pillar, region and agency names, the unit "count" and "Mexico" are in Spanish (issue 22),
    and so are napwatch's notes wherever translated.

    Words the page marks as English (an element's English wording, lang="en") or quotes are the
    sources' own and may stay; search snippets are data, cut by PostgreSQL, and are skipped."""
    problems = content_problems(client, mexico, page_paths(mexico))
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["guatemala-2017", "canada-2017", "el-salvador-2017"])
def test_the_comparison_plans_spanish_pages_show_no_english_content(client, mexico, slug):
    """Guatemala's and Canada's pillar names are known only in English: their Spanish pages show
    napwatch's rendering, and the English only beside it, marked; every note napwatch wrote is
    in Spanish (issue 22)."""
    from plans.models import Plan

    plan = Plan.objects.get(slug=slug)
    problems = content_problems(client, plan, plan_pages(plan))
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_content_check_finds_an_english_note_and_pillar_name(db, mexico):
    """The checks above can fail: a translated note shown in English (even marked lang="en"),
    an untranslated note left unmarked, and an English pillar name of Guatemala are caught."""
    from plans.models import Plan

    guatemala = Plan.objects.get(slug="guatemala-2017")
    translated, _untranslated = english_notes(guatemala)
    pillar = guatemala.pillars.get(code="P2")
    assert pillar.provenance_note_en in translated
    page = (
        f'<p class="provenance"><span class="provenance__note" lang="en">— '
        f"{pillar.provenance_note_en}</span> (nota en inglés, aún sin traducir)</p>"
    )
    assert pillar.provenance_note_en in notes_in(html.unescape(TAG.sub(" ", page)), translated)
    assert notes_in(f"<p>{pillar.provenance_note_en}</p>", {pillar.provenance_note_en})
    found = english_content_in(
        unmarked_texts(
            "<h1>Training and development of women</h1>"
            '<p>Nombre traducido a partir de: <span lang="en">Women\'s leadership for '
            "peacebuilding</span></p>"
        ),
        english_content_words(guatemala),
    )
    assert found == ["Training and development of women"]


def test_the_content_check_finds_english_names(db, mexico):
    words = english_content_words(mexico)
    page = (
        '<p>Pilar: Participation</p><p>Unidad: count</p><p lang="en">Mexico is at peace</p>'
        "<p>Latin America and the Caribbean</p><p>SRE — Secretariat of Foreign Affairs</p>"
        "<p>Mexico 2021</p><p>la frase “Participation section” del informe</p>"
        "<dl><dt>Unidad</dt><dd>count</dd></dl><p>They count activities</p>"
        "<p>securitywomen.org (n.d.), pillar 3, objective</p>"
        "<p>securitywomen.org (s. f.), pilar 3, objetivo</p>"
        "<p>Índice, sección I.2, área A</p><p>Table of contents, section I.2, area A</p>"
        "<p>PeaceWomen (s. f.), Beijing+25 national report (2020), p. 50, as quoted</p>"
    )
    found = english_content_in(unmarked_texts(page), words)
    assert found == [
        "Pilar: Participation",
        "Unidad: count",
        "Latin America and the Caribbean",
        "SRE — Secretariat of Foreign Affairs",
        "Mexico 2021",
        "count",
        "securitywomen.org (n.d.), pillar 3, objective",
        "Table of contents, section I.2, area A",
        "PeaceWomen (s. f.), Beijing+25 national report (2020), p. 50, as quoted",
    ]
