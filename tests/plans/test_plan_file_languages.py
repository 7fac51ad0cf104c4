"""Plan files in two languages: {en: …, es: …} for napwatch's texts, each wording's provenance.

Old files (plain strings, no `en_by`) stay valid: the minimal plan is written that way."""

import re

import pytest

from critiques.models import Critique
from indicators.models import Indicator
from planfiles.rubric import load_rubric_files
from plans.models import EnglishBy, Plan, Section, TranslationStatus
from tests.conftest import MINIMAL_PLAN, all_fixture_files, rubric_files
from tests.plans.loading import broken, load_error, run_load

pytestmark = pytest.mark.django_db

CRITIQUE_TITLE = '          title: "No money"\n'
SECTION_TITLE = "      title: {en: Financing}\n"
INDICATOR_WORDING = '                  wording: {en: "number of people trained"}\n'


def test_a_plain_string_is_the_english_and_needs_translation():
    run_load(MINIMAL_PLAN)
    critique = Critique.objects.get(key="no-money")
    assert (critique.title_en, critique.title_es) == ("No money", "")
    assert critique.text_language == "en"
    assert critique.translation_status == TranslationStatus.NEEDS_TRANSLATION
    assert critique.status_in("es") == TranslationStatus.NEEDS_TRANSLATION


def test_both_languages_load_and_a_second_load_changes_nothing(tmp_path):
    path = broken(
        tmp_path,
        CRITIQUE_TITLE,
        '          title: {en: "No money", es: "Sin dinero"}\n'
        "          translation: translated\n"
        '          remedy: {en: "Fund it.", es: "Financiarlo."}\n',
    )
    text = path.read_text(encoding="utf-8")
    body = '          body: "The plan names **no budget**."'
    text = text.replace(
        body,
        '          body: {en: "The plan names **no budget**.",'
        ' es: "El plan no fija **ningún presupuesto**."}',
    )
    text = text.replace(
        SECTION_TITLE,
        "      title: {en: Financing, es: Financiamiento, original: Financiamiento del plan}\n",
    )
    path.write_text(text, encoding="utf-8")
    run_load(path)
    critique = Critique.objects.get(key="no-money")
    assert (critique.title_es, critique.remedy_es) == ("Sin dinero", "Financiarlo.")
    assert critique.body_html_es == "<p>El plan no fija <strong>ningún presupuesto</strong>.</p>"
    assert critique.translation_status == TranslationStatus.TRANSLATED
    section = Section.objects.get(slug="financing")
    assert (section.title_en, section.title_es, section.title_original) == (
        "Financing",
        "Financiamiento",
        "Financiamiento del plan",
    )
    out, _err = run_load(path)
    assert "0 created, 0 updated" in out


def test_every_fixture_loads_twice_with_nothing_changed_the_second_time():
    paths = all_fixture_files()
    load_rubric_files(paths=rubric_files())  # the plan files' assessments answer its criteria
    run_load(*paths)
    out, _err = run_load(*paths)
    assert "0 created, 0 updated" in out
    assert Plan.objects.get(slug="mexico-2021").summary_es.startswith(
        "Primer Plan Nacional de Acción"
    )


def test_wording_names_who_made_the_english_and_where_the_original_comes_from(tmp_path):
    path = broken(
        tmp_path,
        INDICATOR_WORDING,
        "                  wording:\n"
        '                    en: "number of people trained"\n'
        "                    en_by: napwatch\n"
        '                    original: "número de personas capacitadas"\n'
        "                    original_provenance: {source: test-brief, locator: p. 9, confidence: quoted}\n",
    )
    run_load(path)
    indicator = Indicator.objects.select_related("wording_original_source").get(code="PREV-I1")
    assert indicator.wording_en_by == EnglishBy.NAPWATCH
    assert indicator.wording_original == "número de personas capacitadas"
    original = indicator.original_wording
    assert (original.source.key, original.locator, original.confidence) == (
        "test-brief",
        "p. 9",
        "quoted",
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            CRITIQUE_TITLE,
            '          title: {en: "No money"}\n          translation: translated\n',
            r"marked 'translation: translated', but these translations are missing: title\.es",
            id="translated-but-missing",
        ),
        pytest.param(
            CRITIQUE_TITLE,
            '          title: {en: "No money", fr: "Pas d\'argent"}\n',
            r"unknown language 'fr': use en, es",
            id="unknown-language",
        ),
        pytest.param(
            CRITIQUE_TITLE,
            '          title: {es: "Sin dinero"}\n',
            r"'title' has no text in 'en', the language it is written in",
            id="not-in-its-own-language",
        ),
        pytest.param(
            INDICATOR_WORDING,
            '                  wording: {original: "número", en_by: napwatch}\n',
            r"'en_by' says who made the English wording, but there is none",
            id="en-by-without-english",
        ),
        pytest.param(
            INDICATOR_WORDING,
            '                  wording: {en: "n", original_provenance: {source: test-brief, confidence: quoted}}\n',
            r"'original_provenance' needs the wording it describes",
            id="original-provenance-without-original",
        ),
    ],
)
def test_it_rejects_inconsistent_languages_with_the_exact_place(tmp_path, old, new, message):
    errors = load_error(broken(tmp_path, old, new))
    assert re.search(message, errors), errors
