"""Search finds Spanish as well as English, whatever the case and accents, on both databases.

PostgreSQL: the `spanish` configuration over the Spanish fields, as written and through unaccent
(search migration 0003). SQLite: the fallback compares text folded by unicodedata."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from critiques.models import Critique
from plans.models import LineOfAction
from search.engine import KINDS, search
from search.folding import fold
from search.highlight import highlight

pytestmark = pytest.mark.django_db


def hits(key: str, q: str) -> set[str]:
    """What one kind of search finds: element codes, or critique keys."""
    kind = next(kind for kind in KINDS if kind.key == key)
    groups = {group.kind.key: group for group in search(q)}
    if kind.key not in groups:
        return set()
    return {hit.code or hit.url.rsplit("#critique-", 1)[-1] for hit in groups[kind.key].hits}


def test_a_word_finds_its_plural_and_other_forms(mexico):
    """PROT-O1-LA2's Spanish wording says "capacitaciones"; the query is singular, accented."""
    assert "capacitaciones" in LineOfAction.objects.get(code="PROT-O1-LA2").wording_original
    assert "PROT-O1-LA2" in hits("line", "capacitación")
    assert "PROT-O1-LA2" in hits("line", "Capacitación")


def test_accents_are_ignored_both_ways(mexico):
    """Accented text found by unaccented words, unaccented text by accented words. With ñ: the
    Spanish stemmer drops acute accents itself ("misión" and "mision" stem alike), so only words
    whose accents it keeps prove that the unaccented copies (unaccent, or the fallback's fold)
    are searched."""
    LineOfAction.objects.filter(code="PREV-O2-LA1").update(
        wording_original="campaña de sensibilización con niñas y mujeres jóvenes"
    )
    LineOfAction.objects.filter(code="PART-O1-LA2").update(
        wording_original="talleres para ninas de comunidades rurales"  # typed without the tilde
    )
    assert "PREV-O2-LA1" in hits("line", "ninas")
    assert "PREV-O2-LA1" in hits("line", "campana")
    assert "PREV-O2-LA1" in hits("line", "CAMPAÑA")
    assert "PART-O1-LA2" in hits("line", "niñas")
    assert "PART-O1-LA2" in hits("line", "NIÑAS")


def test_spanish_critiques_are_found_by_their_spanish_words(mexico):
    found = hits("critique", "presupuesto")
    assert "no-financing" in found
    assert "canada-budget-comparison" in found
    # and by their English words still
    assert "no-financing" in hits("critique", "budget")


def test_english_words_still_find_english_text(mexico):
    assert {"PART-I1", "PART-I2"} <= hits("indicator", "peacekeeping")


def test_drafts_stay_out_in_every_language(mexico):
    critique = Critique.objects.get(key="no-financing")
    Critique.objects.filter(pk=critique.pk).update(status=Critique.Status.DRAFT)
    assert "no-financing" not in hits("critique", "presupuesto")


def test_a_spanish_reader_gets_spanish_snippets_marked_without_accents(client, mexico):
    with translation.override("es"):
        url = reverse("search:results")
        text = client.get(url, {"q": "sociedad civil"}).content.decode()
    assert "<mark>" in text
    assert "sociedad" in text.lower()
    # the critique's title is the Spanish one
    assert "La sociedad civil no tiene un lugar formal en el plan" in text


def test_the_fallback_marks_words_whatever_their_accents():
    assert fold("Misión CAPACITACIÓN Ñandú") == "mision capacitacion nandu"
    assert highlight("Una misión de paz", ["MISION"]) == "Una <mark>misión</mark> de paz"
    assert highlight("<b>Misión</b>", ["mision"]) == "&lt;b&gt;<mark>Misión</mark>&lt;/b&gt;"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_documents_hold_spanish_stems_and_unaccented_words(mexico):
    with connection.cursor() as cursor:
        # "capacitaciones" stems to capacit; "instalación" is also kept unaccented, whole
        cursor.execute(
            "SELECT code, search_document @@ to_tsquery('spanish', 'capacit'),"
            " search_document @@ to_tsquery('simple', 'instalacion')"
            " FROM plans_lineofaction WHERE code IN ('PROT-O1-LA2', 'PREV-O2-LA1') ORDER BY code"
        )
        assert cursor.fetchall() == [("PREV-O2-LA1", False, True), ("PROT-O1-LA2", True, False)]
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchone() == ("unaccent",)
