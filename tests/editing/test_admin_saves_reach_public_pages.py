"""What an editor or a plan maintainer saves in the admin is on the public page at the next request,
even when that page was kept in the page cache before the save."""

import pytest
from django.test import Client

from critiques.models import Citation, Critique
from plans.models import Pillar, Source
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

PLAN_PAGE = "/en/plans/testland-2024/"
PILLAR_PAGE = "/en/plans/testland-2024/pillars/prevention/"


def kept_page(client, url) -> str:
    """The public page, asked for twice so that the second answer came from the cache."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    return response.content.decode()


def logged_in(user) -> Client:
    staff = Client()
    staff.force_login(user)
    return staff


def test_a_citation_added_in_the_admin_shows_on_the_critiques_public_page(
    client, minimal_plan, reviewer
):
    critique = Critique.objects.get(plan=minimal_plan, key="no-money")  # published, on a section
    source = Source.objects.get(key="test-brief")
    assert critique.target_url().startswith(PLAN_PAGE)
    page = kept_page(client, PLAN_PAGE)
    assert "p. 4" in page and "p. 99" not in page

    staff = logged_in(reviewer)
    url = f"/admin/critiques/critique/{critique.pk}/change/"
    form = staff.get(url)
    data = change_form_data(
        form,
        **{
            "citations-TOTAL_FORMS": "2",
            "citations-1-order": "2",
            "citations-1-source": str(source.pk),
            "citations-1-locator": "p. 99",
            "citations-1-quote": "Budgets are not mentioned.",
        },
    )
    assert data["citations-INITIAL_FORMS"] == "1" and data["citations-0-locator"] == "p. 4"
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    added = Citation.objects.get(critique=critique, locator="p. 99")
    assert added.history.latest().history_user == reviewer
    page = client.get(PLAN_PAGE)
    assert page["X-Page-Cache"] == "miss"
    text = page.content.decode()
    assert "p. 99" in text and "Budgets are not mentioned." in text
    assert "p. 4" in text  # the citation it had is kept


def test_a_plan_maintainer_renames_a_pillar_and_the_public_page_shows_it(
    client, minimal_plan, maintainer
):
    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    page = kept_page(client, PILLAR_PAGE)
    assert (
        '<h1 id="pillar-title"><span lang="en">Prevention</span> <span' in page
        and "Conflict prevention" not in page
    )

    staff = logged_in(maintainer)
    url = f"/admin/plans/pillar/{pillar.pk}/change/"
    response = staff.post(url, change_form_data(staff.get(url), name_en="Conflict prevention"))
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    page = client.get(PILLAR_PAGE)
    assert page["X-Page-Cache"] == "miss"
    heading = '<h1 id="pillar-title"><span lang="en">Conflict prevention</span> <span'
    assert heading in page.content.decode()  # the page's heading
    assert "Conflict prevention" in client.get(PLAN_PAGE).content.decode()  # the pillar list too
