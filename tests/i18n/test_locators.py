"""Locators and undated citations in the reader's language (issue 22): where a quotation stands
("pillar 3, objective", "Table of contents, section I.2, area A", "p. 50, as quoted") and "(n.d.)"
are napwatch's words, so a Spanish reader meets them in Spanish; a source's own heading keeps its
words, in quotation marks (sección «Participation»)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.utils import translation

from plans.locators import locator_text
from tests.i18n.content_words import LOCATOR_WORDS, QUOTED

ENGLISH = re.compile("|".join(LOCATOR_WORDS))
# Parts that read the same in both languages: a page number, a section or area letter.
SAME_IN_BOTH = re.compile(r"^(?:pp?\. [\d\-–]+)$")


def fixture_locators() -> set[str]:
    """Every locator the loaded plan and rubric files hold, on any model (history left out)."""
    found = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if "locator" in field.name and field.get_internal_type() in ("CharField", "TextField"):
                found |= set(
                    model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                )
    return found


@pytest.mark.django_db
def test_every_locator_of_the_fixtures_reads_in_spanish(mexico):
    locators = fixture_locators()
    assert "pillar 3, objective" in locators  # Guatemala's evidence, the audit's example
    with translation.override("es"):
        untranslated = [
            text
            for text in sorted(locators)
            if not SAME_IN_BOTH.match(text)
            and (locator_text(text) == text or ENGLISH.search(QUOTED.sub("", locator_text(text))))
        ]
    assert not untranslated, untranslated


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("pillar 3, objective", "pilar 3, objetivo"),
        ("pillar 3, objective 9", "pilar 3, objetivo 9"),
        ("Table of contents, section I.2, area A", "Índice, sección I.2, área A"),
        ("Beijing+25 national report (2020), p. 50, as quoted",
         "informe nacional Beijing+25 (2020), p. 50, según la cita"),
        ("analysis of 82 NAPs, September 2019", "análisis de 82 PNA, septiembre de 2019"),
        ("verifiability", "entrada «verifiability»"),
        ("Participation section (indicator)", "sección «Participation» (indicador)"),
        ("p. 12", "p. 12"),
        ("page 4", "página 4"),
        # not napwatch's known words: shown as written rather than half translated
        ("chapter 4, objective", "chapter 4, objective"),
    ],
)  # fmt: skip
def test_a_locator_s_parts_are_translated_and_a_heading_kept(english, spanish):
    with translation.override("es"):
        assert locator_text(english) == spanish
    with translation.override("en"):
        assert locator_text(english) == english


@pytest.mark.django_db
def test_guatemala_s_spanish_scorecard_cites_in_spanish(client, mexico):
    """The audit's example: Guatemala's domestic-focus answer, its evidence and its rationale."""
    spanish = client.get("/es/plans/guatemala-2017/scorecard/").content.decode()
    assert "securitywomen.org (s. f.)</cite>, pilar 3, objetivo" in spanish
    assert "(n.d.)" not in spanish and "pillar 3, objective" not in spanish
    assert "El pilar 3 trata de los derechos humanos de las mujeres" in spanish
    assert "Pillar 3 addresses" not in spanish
    assert "Aún sin traducir" not in spanish
    assert "Traducido por el equipo editorial de napwatch." in spanish
    # the source's own words stay in their language, quoted
    assert "«in conflict and post-conflict situations»" in spanish
    # where each criterion comes from, and the rubric source's [bracketed] title: ours, in Spanish
    assert "Procede de: OECD SIGMA, subindicador 215 (instituciones responsables;" in spanish
    assert "[OCDE SIGMA, Principios de la Administración Pública: subindicador 215" in spanish
    english = client.get("/en/plans/guatemala-2017/scorecard/").content.decode()
    assert "OECD SIGMA, sub-indicator 215 (responsible institutions;" in english
    assert "securitywomen.org (n.d.)</cite>, pillar 3, objective" in english
    assert "Pillar 3 addresses" in english


@pytest.mark.django_db
def test_every_published_assessment_has_its_spanish(mexico):
    """No rationale shows "Aún sin traducir" on a Spanish page: each has napwatch's Spanish."""
    from scorecards.models import Assessment

    missing = [
        (slug, key)
        for slug, key, spanish in Assessment.objects.published().values_list(
            "plan__slug", "criterion__key", "rationale_es"
        )
        if not spanish
    ]
    assert Assessment.objects.published().count() == 48
    assert not missing, missing
    assert not Assessment.objects.published().exclude(translation_status="translated").exists()
