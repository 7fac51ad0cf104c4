"""The PDF brief in Spanish: /es/plans/<slug>/brief.pdf, and export_brief --lang es.

Wording and critique text are the plan's data, in the language the plan file gives them; pillar
names are the plan's own (Spanish); everything the brief itself says is in Spanish.
"""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from briefs import services
from tests.briefs.conftest import FAKE_PDF, outline_titles, pdf_text, read_pdf
from tests.conftest import load_all_fixtures

# The outline (bookmarks) of Mexico's Spanish brief: its chapters, with the pillars' names.
MEXICO_CHAPTERS_ES = [
    "Portada",
    "Índice",
    "Resumen ejecutivo",
    "El plan de un vistazo",
    "Prevención",
    "Participación",
    "Protección",
    "Socorro y recuperación",
    "Las secciones del plan",
    "El plan en su conjunto",
    "Oportunidades perdidas",
    "Cómo se compara el plan",
    "Recomendaciones",
    "Notas",
    "Fuentes",
    "Acerca de este informe",
]
ENGLISH_HEADINGS = [
    "Executive summary",
    "The plan at a glance",
    "Missed opportunities",
    "About this brief",
    "Contents",
    "Page 3 of",
    "Figure 1",
    "Main critiques, by category",
]


@pytest.fixture(scope="module")
def spanish_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """Mexico's Spanish brief, rendered once for the module; the plan is loaded and rolled back."""
    from django.test import Client, override_settings

    cache = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path_factory.mktemp("mexico-brief-es-cache")),
        },
    }
    with django_db_blocker.unblock(), override_settings(CACHES=cache), transaction.atomic():
        load_all_fixtures()
        response = Client().get("/es/plans/mexico-2021/brief.pdf")
        transaction.set_rollback(True)
    assert response.status_code == 200
    return response, read_pdf(response.content)


def test_the_spanish_brief_is_a_valid_pdf_whose_filename_says_its_language(spanish_pdf):
    # issue 23: both languages downloaded as mexico-2021-brief.pdf, the second over the first
    response, reader = spanish_pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mexico-2021-brief-es.pdf"'
    assert response["Content-Language"] == "es"
    assert len(reader.pages) >= 10
    assert "Página 3 de" in reader.pages[2].extract_text()
    assert "Informe de políticas de napwatch" in reader.pages[2].extract_text()


def test_its_outline_is_in_spanish(spanish_pdf):
    _response, reader = spanish_pdf
    assert outline_titles(reader) == MEXICO_CHAPTERS_ES


def test_its_chapters_start_pages_under_their_spanish_titles(spanish_pdf):
    _response, reader = spanish_pdf
    texts = [page.extract_text() or "" for page in reader.pages[1:]]
    starts = [
        title
        for text in texts
        for title in MEXICO_CHAPTERS_ES
        if re.search(rf"^{re.escape(title)}$", text, re.MULTILINE)
    ]
    assert list(dict.fromkeys(starts)) == MEXICO_CHAPTERS_ES[1:]


def test_it_says_nothing_in_english_of_its_own(spanish_pdf):
    _response, reader = spanish_pdf
    text = " ".join(pdf_text(reader).split())
    for heading in ENGLISH_HEADINGS:
        assert heading not in text, heading
    for spanish in [
        "Resumen ejecutivo",
        "Principales críticas, por categoría",
        "Figura 1. Indicadores codificados, por pilar.",
        "Gravedad alta",  # the chart's legend
        "ADOPCIÓN DEL PLAN 11 de enero de 2021",  # the cover's facts (labels in capitals)
        "Responde a:",
        "(pág.",
    ]:
        assert spanish in text, spanish


def test_its_metadata_and_language_are_spanish(spanish_pdf):
    _response, reader = spanish_pdf
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "es"
    meta = reader.metadata
    # The plan is named by its own (Spanish) title on a Spanish brief.
    assert meta.title.startswith("México 2021: Plan Nacional de Acción")
    assert meta.title.endswith("informe de políticas de napwatch")
    assert meta.subject.startswith("Análisis del Plan Nacional de Acción sobre mujeres, paz y")
    assert "Resolución 1325" in meta["/Keywords"]


def test_its_links_to_the_site_lead_to_the_spanish_pages(spanish_pdf, settings):
    _response, reader = spanish_pdf
    uris = {
        str(annotation.get_object()["/A"].get("/URI"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    }
    site = [uri for uri in uris if uri.startswith(settings.NAPWATCH_SITE_URL)]
    assert site, uris
    assert all(uri.startswith(f"{settings.NAPWATCH_SITE_URL}es/") for uri in site), site


def test_spanish_text_is_hyphenated_and_english_is_not(spanish_pdf, mexico_pdf_text):
    _response, reader = spanish_pdf
    assert "\u2010" in pdf_text(reader) or "-\n" in pdf_text(reader)
    assert "\u2010" not in mexico_pdf_text


@pytest.fixture(scope="module")
def mexico_pdf_text(django_db_setup, django_db_blocker, tmp_path_factory):
    """The English brief's text, for what must not change in it."""
    from django.test import Client, override_settings

    cache = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path_factory.mktemp("mexico-brief-en-cache")),
        },
    }
    with django_db_blocker.unblock(), override_settings(CACHES=cache), transaction.atomic():
        load_all_fixtures()
        response = Client().get("/en/plans/mexico-2021/brief.pdf")
        transaction.set_rollback(True)
    return pdf_text(read_pdf(response.content))


@pytest.mark.django_db
def test_each_language_has_its_own_cached_pdf_and_preview(client, minimal_plan, fake_renderer):  # noqa: F811
    english = client.get("/en/plans/testland-2024/brief.pdf")
    spanish = client.get("/es/plans/testland-2024/brief.pdf")
    assert english["X-Brief-Cache"] == "miss" and spanish["X-Brief-Cache"] == "miss"
    assert english["ETag"] != spanish["ETag"]
    assert '<html lang="en">' in fake_renderer[0] and '<html lang="es">' in fake_renderer[1]
    again = client.get("/es/plans/testland-2024/brief.pdf", headers={"accept-language": "en"})
    assert again["X-Brief-Cache"] == "hit" and again["ETag"] == spanish["ETag"]
    crossed = client.get(
        "/en/plans/testland-2024/brief.pdf", headers={"if-none-match": spanish["ETag"]}
    )
    assert crossed.status_code == 200 and crossed["ETag"] == english["ETag"]
    preview_en = client.get("/en/plans/testland-2024/brief/").content.decode()
    preview_es = client.get("/es/plans/testland-2024/brief/").content.decode()
    assert "Executive summary" in preview_en and "Resumen ejecutivo" in preview_es
    assert client.get("/es/plans/testland-2024/brief/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_the_brief_key_holds_the_language(minimal_plan):
    from briefs.content import find_plan
    from briefs.options import BriefOptions

    plan = find_plan("testland-2024")
    options = BriefOptions()
    keys = {
        services.brief_key(plan, options, language=language, form=form)
        for language in ("en", "es")
        for form in ("pdf", "html")
    }
    assert len(keys) == 4


@pytest.mark.django_db
def test_export_brief_writes_the_spanish_brief(minimal_plan, tmp_path, fake_renderer):  # noqa: F811
    out = tmp_path / "brief-es.pdf"
    call_command("export_brief", "testland-2024", "-o", str(out), "--lang", "es")
    assert out.read_bytes() == FAKE_PDF
    assert '<html lang="es">' in fake_renderer[0]
    assert "Resumen ejecutivo" in fake_renderer[0]
    assert 'href="/es/plans/testland-2024/' in fake_renderer[0]


@pytest.mark.django_db
def test_export_brief_refuses_a_language_the_site_does_not_have(minimal_plan, tmp_path):
    with pytest.raises(CommandError, match="Unknown language 'xx': use one of en, es."):
        call_command("export_brief", "testland-2024", "-o", str(tmp_path / "x.pdf"), "--lang", "xx")


def test_its_text_has_no_english_pillar_region_or_agency_name(spanish_pdf, mexico):
    """The content words of tests/i18n/content_words.py, in the PDF's text (issue 22). The
    elements' English wordings (the sources' English, shown as such) are taken out first."""
    from indicators.models import Indicator
    from plans.models import LineOfAction, StrategicObjective
    from tests.i18n.content_words import QUOTED, english_content_words

    _response, reader = spanish_pdf
    text = " ".join(pdf_text(reader).split())
    for model in (StrategicObjective, LineOfAction, Indicator):
        for wording in model.objects.filter(plan=mexico).values_list("wording_en", flat=True):
            text = text.replace(" ".join(wording.split()), "")
    found = english_content_words(mexico).findall(QUOTED.sub("", text))
    assert not found, sorted(set(found))


def test_its_text_has_no_english_note_that_napwatch_translated(spanish_pdf, mexico):
    """Provenance notes, element and source notes and [bracketed] source titles are in Spanish
    where translated (issue 22): none of their English stands in the PDF's text."""
    from tests.i18n.content_words import english_notes, notes_in

    _response, reader = spanish_pdf
    translated, _untranslated = english_notes(mexico)
    assert len(translated) > 50
    assert not notes_in(pdf_text(reader), translated)
    assert "(traducida por el equipo editorial de napwatch)" in " ".join(pdf_text(reader).split())


@pytest.fixture(scope="module")
def guatemala_spanish_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """Guatemala's Spanish brief, whose pillar names are known only in English."""
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        load_all_fixtures()
        response = Client().get("/es/plans/guatemala-2017/brief.pdf")
        transaction.set_rollback(True)
    assert response.status_code == 200
    return read_pdf(response.content)


def test_guatemala_s_brief_names_its_pillars_in_our_spanish_labelled_as_ours(
    guatemala_spanish_pdf, mexico
):
    from plans.models import Plan
    from tests.i18n.content_words import QUOTED, english_content_words, english_notes, notes_in

    guatemala = Plan.objects.get(slug="guatemala-2017")
    text = " ".join(pdf_text(guatemala_spanish_pdf).split())
    outline = outline_titles(guatemala_spanish_pdf)
    assert "Liderazgo de las mujeres para la construcción de la paz" in outline
    assert "Women's leadership for peacebuilding" not in outline
    label = "Nombre traducido por el equipo editorial de napwatch a partir de:"
    assert f"{label} Women's leadership for peacebuilding" in text
    # the English names stand only after that label, as the names our Spanish renders
    for name in guatemala.pillars.values_list("name_en", flat=True):
        text = text.replace(f"{label} {name}", label)
    found = english_content_words(guatemala).findall(QUOTED.sub("", text))
    assert not found, sorted(set(found))
    translated, _untranslated = english_notes(guatemala)
    assert not notes_in(text, translated)
