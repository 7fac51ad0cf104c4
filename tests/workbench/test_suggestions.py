"""Suggested passages: for elements without verbatim wording, the document's best matches first;
the editor accepts (the element becomes verbatim, with its page) or dismisses them."""

import pytest

from documents.extraction import normalise
from plans.models import Confidence, Pillar, StrategicObjective
from tests.documents import builders
from workbench.suggestions import passages, suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def reconstructed(nap_document):
    """One objective per passage of the test document, worded as a secondary source has it."""
    pillar = Pillar.objects.get(plan=nap_document.plan, code="PART")
    source = nap_document.plan.source
    return {
        true: StrategicObjective.objects.create(
            plan=nap_document.plan,
            pillar=pillar,
            code=f"PART-O{n}",
            order=n,
            wording_original=wording,
            source=source,
            confidence=Confidence.DESCRIBED,
        )
        for n, (true, wording) in enumerate(builders.RECONSTRUCTIONS.items(), start=1)
    }


def test_the_true_passage_is_the_first_suggestion(nap_document, reconstructed):
    candidates = passages(nap_document.pages.all())
    first = {
        true: suggest(element.wording_original, candidates)[0]
        for true, element in reconstructed.items()
    }
    hits = [true for true, s in first.items() if s.text == normalise(true)]
    # The figure docs/workbench.md gives: 6 of 6 on the test document.
    assert len(hits) == len(reconstructed), set(reconstructed) - set(hits)
    assert first[builders.LEFT_COLUMN].locator == "p. 3"


def test_accept_and_dismiss(client, maintainer, nap_document, reconstructed):
    client.force_login(maintainer)
    url = f"/admin/workbench/{nap_document.pk}/suggestions/"
    page = client.get(url)
    rows = {row["element"].code: row for row in page.context["rows"]}
    line = rows["PART-O2"]["suggestions"][0]
    assert line.text == builders.LINE and line.locator == "p. 2"
    response = client.post(
        url,
        {
            "element": f"objective:{reconstructed[builders.LINE].pk}",
            "page": line.page_id,
            "passage": line.text,
            "accept": "1",
        },
    )
    assert response.status_code == 302
    element = StrategicObjective.objects.get(code="PART-O2")
    assert (element.confidence, element.source_locator) == ("verbatim", "p. 2")
    assert element.wording_original == builders.LINE

    other = rows["PART-O3"]["suggestions"][0]
    client.post(
        url,
        {
            "element": f"objective:{reconstructed[builders.INDICATOR].pk}",
            "page": other.page_id,
            "passage": other.text,
            "dismiss": "1",
        },
    )
    rows = {row["element"].code: row for row in client.get(url).context["rows"]}
    assert "PART-O2" not in rows  # verbatim now: nothing to suggest
    assert other.text not in [s.text for s in rows["PART-O3"]["suggestions"]]
    assert StrategicObjective.objects.get(code="PART-O3").confidence == "described"


def test_an_accepted_passage_is_still_checked(client, maintainer, nap_document, reconstructed):
    client.force_login(maintainer)
    url = f"/admin/workbench/{nap_document.pk}/suggestions/"
    page_1 = nap_document.pages.get(label="1")
    client.post(
        url,
        {
            "element": f"objective:{reconstructed[builders.LINE].pk}",
            "page": page_1.pk,
            "passage": builders.LINE,
            "accept": "1",
        },
    )
    assert StrategicObjective.objects.get(code="PART-O2").confidence == "described"


def test_editors_may_not_accept(client, editor, nap_document, reconstructed):
    client.force_login(editor)
    url = f"/admin/workbench/{nap_document.pk}/suggestions/"
    page_2 = nap_document.pages.get(label="2")
    response = client.post(
        url,
        {
            "element": f"objective:{reconstructed[builders.LINE].pk}",
            "page": page_2.pk,
            "passage": builders.LINE,
            "accept": "1",
        },
    )
    assert response.status_code == 403


@pytest.mark.parametrize("size", ["small", "synthetic"])
def test_suggestions_and_workbench_read_a_bounded_number_of_queries(
    size,
    client,
    maintainer,
    nap_document,
    reconstructed,
    make_synthetic_plan,
    django_assert_max_num_queries,
):
    from documents.services import add_document, start_extraction
    from tests.documents.conftest import _nap_pdf

    document = nap_document
    if size == "synthetic":
        plan = make_synthetic_plan(1, indicators=100)
        document = add_document(plan=plan, data=_nap_pdf(), name="plan.pdf")
        start_extraction(document)
    client.force_login(maintainer)
    with django_assert_max_num_queries(16):
        assert client.get(f"/admin/workbench/{document.pk}/suggestions/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/admin/workbench/{document.pk}/").status_code == 200


def test_a_forged_suggestion_answers_404(client, maintainer, nap_document, reconstructed):
    client.force_login(maintainer)
    url = f"/admin/workbench/{nap_document.pk}/suggestions/"
    element = f"objective:{reconstructed[builders.LINE].pk}"
    assert client.post(url, {"element": element, "page": "x", "accept": "1"}).status_code == 404
    assert client.post(url, {"element": "plan:1", "accept": "1"}).status_code == 404
    assert client.get("/admin/workbench/999999/").status_code == 404


UNRELATED = (
    "LaTeX es un sistema de composición de textos orientado a la creación de documentos "
    "científicos. Para compilar el documento, ejecute la orden pdflatex sobre el fichero de "
    "entrada. Las órdenes del preámbulo cargan los paquetes y definen el formato de la página.\f"
    "En el centro de la Tierra hay un núcleo de hierro. Los cursos de capacitación del programa "
    "de formación para el personal técnico se imparten en la sede central de la institución. "
    "Las tablas se componen con el entorno tabular y sus columnas se separan con el signo &."
)


def test_a_document_unrelated_to_the_plan_gets_no_suggestion(
    client, maintainer, minimal_plan, reconstructed_on_unrelated
):
    client.force_login(maintainer)
    document = reconstructed_on_unrelated
    page = client.get(f"/admin/workbench/{document.pk}/suggestions/")
    rows = page.context["rows"]
    assert len(rows) >= 6
    assert [row["element"].code for row in rows if row["suggestions"]] == []
    assert (
        "No passage of the document shares enough of the element’s words (at least 60%, and at "
        "least 3 of them)." in page.content.decode()
    )


@pytest.fixture
def reconstructed_on_unrelated(minimal_plan, reconstructed, nap_document):
    from documents.models import Document
    from documents.services import add_document, start_extraction

    document = add_document(plan=minimal_plan, data=UNRELATED.encode(), name="manual.txt")
    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    return document


def test_the_score_says_how_many_of_the_elements_words_the_passage_shares(
    client, maintainer, nap_document, reconstructed
):
    client.force_login(maintainer)
    page = client.get(f"/admin/workbench/{nap_document.pk}/suggestions/").content.decode()
    line = next(
        row
        for row in client.get(f"/admin/workbench/{nap_document.pk}/suggestions/").context["rows"]
        if row["element"].code == "PART-O2"
    )["suggestions"][0]
    # "capacitar a mujeres de las Fuerzas Armadas para operaciones de paz": 6 content words
    # (capaci, mujere, fuerza, armada, operac, paz), all in the true passage.
    assert (line.shared, line.of) == (6, 6)
    assert "the passage shares 6 of the element’s 6 words" in page
