"""napwatch's notes and pillar names on Spanish pages (issue 22).

A provenance note, an element's or a source's note and a source's [bracketed] title are
napwatch's words: a Spanish page shows their Spanish, marked as translated by napwatch editors,
or the English marked as not yet translated. A pillar name known only in English shows on a
Spanish page as napwatch's rendering, labelled as ours, with the name it renders beside it; a
plan's own name in Spanish is never relabelled."""

from __future__ import annotations

import html

import pytest
from django.utils import translation

from plans.models import Pillar, Plan, Source

pytestmark = pytest.mark.django_db

TRANSLATED = "(traducida por el equipo editorial de napwatch)"
UNTRANSLATED = "(nota en inglés, aún sin traducir)"
RENDERED = "Nombre traducido por el equipo editorial de napwatch a partir de:"


def page(client, obj, language: str) -> str:
    """The page of `obj` in `language` (its URL carries the language prefix)."""
    with translation.override(language):
        path = obj.get_absolute_url()
        response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def test_a_translated_provenance_note_shows_in_spanish_marked_as_ours(client, mexico):
    guatemala = Plan.objects.get(slug="guatemala-2017")
    pillar = guatemala.pillars.get(code="P2")
    spanish = page(client, pillar, "es")
    assert (
        '<span class="provenance__note" lang="es">— Versión en inglés publicada por '
        "securitywomen.org; no se vio el original en español.</span> "
        f'<span class="provenance__translated">{TRANSLATED}</span>'
    ) in spanish
    assert pillar.provenance_note_en not in spanish
    assert UNTRANSLATED not in spanish

    english = page(client, pillar, "en")
    assert f'lang="en">— {pillar.provenance_note_en}</span>' in english
    assert "provenance__translated" not in english and "provenance__untranslated" not in english


def test_a_note_with_no_spanish_is_shown_in_english_and_marked(client, mexico):
    guatemala = Plan.objects.get(slug="guatemala-2017")
    pillar = guatemala.pillars.get(code="P2")
    Pillar.objects.filter(pk=pillar.pk).update(provenance_note_es="")
    spanish = page(client, pillar, "es")
    assert (
        f'<span class="provenance__note" lang="en">— {pillar.provenance_note_en}</span> '
        f'<span class="provenance__untranslated">{UNTRANSLATED}</span>'
    ) in spanish


def test_an_element_note_and_the_sources_list_are_in_spanish(client, mexico):
    guatemala = Plan.objects.get(slug="guatemala-2017")
    pillar_page = page(client, guatemala.pillars.get(code="P1"), "es")
    assert (
        '<p class="note"><span lang="es">Versión en inglés publicada por securitywomen.org; no se '
        "vieron el original en español, las acciones ni las entidades responsables.</span>"
    ) in pillar_page

    overview = page(client, guatemala, "es")
    source = Source.objects.get(key="securitywomen-guatemala")
    assert "[Perfil de securitywomen.org: la Resolución 1325 y los Planes Nacionales de Acción" in (
        overview
    )
    assert source.title_en not in overview  # our English description of the page
    assert f'<span class="muted" lang="es">{source.note_es}</span>' in overview
    assert source.note_en not in overview
    # the plan's own provenance note quotes securitywomen.org in English, inside « »
    assert "«The NAP comprises five pillars, each with a key objective»" in overview


def test_guatemala_s_pillar_names_are_our_spanish_labelled_as_ours(client, mexico):
    guatemala = Plan.objects.get(slug="guatemala-2017")
    pillar = guatemala.pillars.get(code="P4")
    spanish = page(client, pillar, "es")
    assert (
        '<h1 id="pillar-title"><span lang="es">Liderazgo de las mujeres para la construcción de '
        "la paz</span></h1>"
    ) in spanish
    assert f'{RENDERED} <span lang="en">Women\'s leadership for peacebuilding</span>' in spanish
    overview = page(client, guatemala, "es")
    assert overview.count(RENDERED) == 5

    english = page(client, pillar, "en")
    assert "Women's leadership for peacebuilding</span></h1>" in english
    assert "Name translated by napwatch editors" not in english


def test_canada_s_pillar_shows_our_spanish_with_its_english_beside_it(client, mexico):
    canada = Plan.objects.get(slug="canada-2017")
    pillar = canada.pillars.get()
    spanish = page(client, pillar, "es")
    assert '<span lang="es">Objetivos (no se vio un nivel de pilares)</span></h1>' in spanish
    assert f'{RENDERED} <span lang="en">Objectives (no pillar layer seen)</span>' in spanish


def test_a_plan_s_own_spanish_pillar_name_is_not_relabelled(client, mexico):
    html_text = page(client, mexico.pillars.get(code="PREV"), "es")
    assert '<h1 id="pillar-title"><span lang="es">Prevención</span>' in html_text
    assert RENDERED not in html_text
