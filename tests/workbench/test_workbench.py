"""An editor encodes elements from a passage of the plan's document: the server checks the
passage is on its page; the element becomes verbatim with the page as locator, history keeps
what it replaced, and the public overview shows it at once."""

import re

import pytest

from documents.extraction import normalise
from plans.models import LineOfAction, StrategicObjective
from tests.documents import builders
from tests.workbench.conftest import page_text

pytestmark = pytest.mark.django_db


def url(document):
    return f"/admin/workbench/{document.pk}/"


def selected(document, passage, label):
    """The passage as a browser selection of the page gives it: line breaks, hyphens and all."""
    text = page_text(document, label)
    word = lambda w: "(?:[-\u2010]\n)?".join(re.escape(ch) for ch in w)  # noqa: E731
    found = re.search(r"\s+".join(word(w) for w in passage.split()), text)
    assert found, (passage, text)
    return found.group(0)


def post(client, document, label, passage, **fields):
    page = document.pages.get(label=label)
    return client.post(url(document), {"page": page.pk, "passage": passage, **fields})


def test_set_wording_makes_an_element_verbatim_with_its_page(client, maintainer, nap_document):
    client.force_login(maintainer)
    overview = client.get("/en/plans/testland-2024/").content.decode()
    assert "1 verbatim" not in overview
    objective = StrategicObjective.objects.get(code="PREV-O1")
    passage = selected(nap_document, builders.OBJECTIVE, "1")
    assert "\n" in passage  # as the page prints it, over several lines
    response = post(
        client, nap_document, "1", passage, action="set", element=f"objective:{objective.pk}"
    )
    assert response.status_code == 302, response.context["form"].errors
    objective.refresh_from_db()
    assert objective.confidence == "verbatim"
    assert objective.source == nap_document.source
    assert objective.source_locator == "p. 1"
    assert objective.wording_original == normalise(builders.OBJECTIVE) == builders.OBJECTIVE
    old = objective.history.order_by("history_date").first()
    assert (old.confidence, old.source.key, old.source_locator) == ("quoted", "test-brief", "p. 2")
    assert objective.history.first().history_user == maintainer
    overview = client.get("/en/plans/testland-2024/").content.decode()
    assert "1 verbatim" in overview
    pillar = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert 'href="/en/plans/testland-2024/document/#p-1">p. 1</a>' in pillar


def test_a_passage_not_on_the_page_is_refused(client, maintainer, nap_document):
    client.force_login(maintainer)
    objective = StrategicObjective.objects.get(code="PREV-O1")
    response = post(
        client,
        nap_document,
        "2",  # the objective is printed on p. 1
        builders.OBJECTIVE,
        action="set",
        element=f"objective:{objective.pk}",
    )
    assert response.status_code == 200
    assert "This passage is not on p. 2" in str(response.context["form"].errors["passage"])
    objective.refresh_from_db()
    assert objective.confidence == "quoted"


def test_create_a_line_of_action_under_an_objective(client, maintainer, nap_document):
    client.force_login(maintainer)
    objective = StrategicObjective.objects.get(code="PREV-O1")
    response = post(
        client,
        nap_document,
        "2",
        selected(nap_document, builders.LINE, "2"),
        action="create",
        parent=f"objective:{objective.pk}",
        code="PREV-O1-LA2",
    )
    assert response.status_code == 302, response.context["form"].errors
    line = LineOfAction.objects.get(code="PREV-O1-LA2")
    assert (line.objective, line.order, line.confidence) == (objective, 2, "verbatim")
    assert (line.source_locator, line.wording_original) == ("p. 2", builders.LINE)
    response = post(
        client,
        nap_document,
        "2",
        builders.INDICATOR,
        action="create",
        parent=f"objective:{objective.pk}",
        code="PREV-O1-LA2",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_keyboard_form_needs_its_choices(client, maintainer, nap_document):
    client.force_login(maintainer)
    response = post(client, nap_document, "2", builders.LINE, action="create")
    errors = response.context["form"].errors
    assert "parent" in errors and "code" in errors


def test_editors_see_the_workbench_but_cannot_change_structure(client, editor, nap_document):
    client.force_login(editor)
    page = client.get(url(nap_document))
    assert page.status_code == 200
    assert "Fortalecer" in client.get(url(nap_document) + "?page=5").content.decode()
    objective = StrategicObjective.objects.get(code="PREV-O1")
    response = post(
        client,
        nap_document,
        "1",
        builders.OBJECTIVE,
        action="set",
        element=f"objective:{objective.pk}",
    )
    assert response.status_code == 403
    objective.refresh_from_db()
    assert objective.confidence == "quoted"


def test_readers_without_admin_access_are_sent_to_log_in(client, researcher, nap_document):
    client.force_login(researcher)
    response = client.get(url(nap_document))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_workbench_reads_a_bounded_number_of_queries(
    client, maintainer, nap_document, django_assert_max_num_queries
):
    client.force_login(maintainer)
    with django_assert_max_num_queries(25):
        assert client.get(url(nap_document)).status_code == 200


def test_declared_count_corrected_from_the_document(client, maintainer, nap_document):
    from documents.models import DocumentPage
    from plans.models import Plan

    client.force_login(maintainer)
    # The test document says, on p. ii: "…todas las instituciones…"; a real plan would say
    # "16 líneas de acción". The statement must be on the page given.
    page = DocumentPage.objects.get(document=nap_document, label="ii")
    statement = "Índice"
    response = client.post(
        url(nap_document),
        {
            "declared": "1",
            "level": "lines",
            "count": "3",
            "count_page": page.pk,
            "statement": statement,
        },
    )
    assert response.status_code == 302, response.context["declared"].errors
    plan = Plan.objects.get(slug="testland-2024")
    assert plan.declared_lines == 3
    assert "Declared lines of action: 3, p. ii of the plan's document (“Índice”)." in (
        plan.provenance_note
    )
    assert plan.history.count() >= 2
    response = client.post(
        url(nap_document),
        {
            "declared": "1",
            "level": "lines",
            "count": "0",
            "count_page": page.pk,
            "statement": statement,
        },
    )
    errors = response.context["declared"].errors
    assert "already has 1 encoded" in str(errors["count"])
    response = client.post(
        url(nap_document),
        {
            "declared": "1",
            "level": "lines",
            "count": "5",
            "count_page": page.pk,
            "statement": "No está en la página",
        },
    )
    assert "This passage is not on p. ii" in str(response.context["declared"].errors)
    assert Plan.objects.get(slug="testland-2024").declared_lines == 3


def test_a_spanish_verbatim_wording_keeps_the_english_and_replaces_the_stale_note(
    client, maintainer, nap_document
):
    """Issue 23: each language's wording and its note are kept or replaced on their own."""
    objective = StrategicObjective.objects.get(code="PREV-O1")
    objective.wording_en = "promote gender mainstreaming in security institutions"
    objective.wording_en_by = "source"
    objective.note = (
        "The brief's English rendering, in quotation marks; the Spanish wording was not seen. "
        "Codes here are ours."
    )
    objective.save()
    client.force_login(maintainer)
    passage = selected(nap_document, builders.OBJECTIVE, "1")
    response = post(
        client, nap_document, "1", passage, action="set", element=f"objective:{objective.pk}"
    )
    assert response.status_code == 302, response.context["form"].errors
    objective.refresh_from_db()
    assert objective.wording_original == builders.OBJECTIVE
    assert objective.wording_en == "promote gender mainstreaming in security institutions"
    assert "not seen" not in objective.note
    assert "Codes here are ours." in objective.note
    assert "Wording in the plan's language: verbatim from the plan's document, p. 1." in (
        objective.note
    )
    assert (
        "English wording: as " in objective.note
        and "p. 2 gives it (quoted by a secondary source)" in (objective.note)
    )
    page = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert "No English translation" not in page[page.index('id="PREV-O1"') :][:3000]


def test_the_workbench_breadcrumb_is_the_admins_own(client, maintainer, nap_document):
    """Issue 23: the admin styles `ol.breadcrumbs` (Django 6); a bare div was unstyled."""
    client.force_login(maintainer)
    for path in (url(nap_document), f"{url(nap_document)}suggestions/"):
        html = client.get(path).content.decode()
        crumbs = html[html.index('<nav aria-label="Breadcrumbs">') :].split("</nav>", 1)[0]
        assert '<ol class="breadcrumbs"><li><a href="/admin/">Home</a></li>' in crumbs, crumbs
        assert '<li aria-current="page">' in crumbs
