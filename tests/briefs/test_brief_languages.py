"""The PDF brief in the reader's language: Spanish where translated, the wording in both."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.briefs.conftest import pdf_text, read_pdf

pytestmark = pytest.mark.django_db


def brief_pdf_text(client, plan, language: str, query: str = "") -> str:
    with translation.override(language):
        url = reverse("briefs:pdf", kwargs={"slug": plan.slug}) + query
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(pdf_text(read_pdf(response.content)).split())


def test_a_spanish_reader_gets_the_spanish_brief_and_an_english_reader_the_english(client, mexico):
    spanish = brief_pdf_text(client, mexico, "es", "?pillar=prevention")
    assert "La prevención descansa en capacitaciones cuyo efecto nadie mide" in spanish
    assert "Primer Plan Nacional de Acción de México" in spanish
    # the plan's wording beside its English, each with its source
    assert "instalación de equipos móviles" in spanish
    assert "Installation of mobile teams" in spanish
    english = brief_pdf_text(client, mexico, "en", "?pillar=prevention")
    assert "Prevention relies on training whose effect nobody measures" in english
    assert "La prevención descansa" not in english
