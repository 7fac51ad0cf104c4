"""What a newcomer read wrongly (issue 23): a plan nobody has critiqued is "not critiqued", not 0;
dates are spelled out in the reader's language on the compare and data pages as elsewhere;
Compare, the data release and the API are in the site's navigation, and the home page starts a
comparison; a critique's page names it by its title."""

import re

import pytest

from critiques.models import Critique

pytestmark = pytest.mark.django_db


def test_a_plan_nobody_has_critiqued_is_not_critiqued_rather_than_zero(client, mexico):
    Critique.objects.filter(plan__slug="guatemala-2017").update(status=Critique.Status.DRAFT)
    html = client.get("/en/compare/?plans=mexico-2021,guatemala-2017").content.decode()
    rows = html[html.index("Published critiques by category") :].split("</tbody>", 1)[0]
    cells = re.findall(r'<td class="num">(.*?)</td>', rows)
    assert cells and cells[1::2] == ['<span class="muted">not critiqued</span>'] * (len(cells) // 2)
    assert all(">0<" not in cell and cell != "0" for cell in cells[1::2])
    spanish = client.get("/es/compare/?plans=mexico-2021,guatemala-2017").content.decode()
    assert "sin críticas" in spanish


@pytest.mark.parametrize(
    ("language", "adopted"), [("en", "11 January 2021"), ("es", "11 de enero de 2021")]
)
def test_compare_and_data_pages_spell_dates_out_in_the_readers_language(
    client, mexico, language, adopted
):
    compare = client.get(f"/{language}/compare/?plans=mexico-2021,canada-2017").content.decode()
    assert f"<td>{adopted}</td>" in compare
    assert "<td>2021-01-11</td>" not in compare
    data = client.get(f"/{language}/data/").content.decode()
    shown = re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)</time>', data)
    assert shown and not re.fullmatch(r"[\d-]+", shown.group(2)), shown
    csv = client.get("/en/compare/?plans=mexico-2021,canada-2017&format=csv").content.decode()
    assert "2021-01-11" in csv  # a CSV keeps ISO dates, for machines


def test_the_site_navigation_leads_to_compare_data_and_the_api(client, mexico):
    for language in ("en", "es"):
        html = client.get(f"/{language}/plans/mexico-2021/").content.decode()
        nav = html[html.index('<ul class="site-nav">') :].split("</ul>", 1)[0]
        assert f'href="/{language}/compare/"' in nav
        assert f'href="/{language}/data/"' in nav
        assert 'href="/api/v1/docs/"' in nav


def test_the_home_page_starts_a_comparison_of_any_plans(client, mexico):
    html = client.get("/en/").content.decode()
    form = html[html.index('aria-labelledby="home-compare-heading"') :].split("</form>", 1)[0]
    for slug in ("canada-2017", "el-salvador-2017", "guatemala-2017", "mexico-2021"):
        assert f'name="plans" value="{slug}"' in form
    response = client.get("/en/compare/", {"plans": ["guatemala-2017", "canada-2017"]})
    assert response.status_code == 200
    assert "2 plans side by side" in response.content.decode()


def test_a_critiques_page_is_named_by_its_title(client, mexico):
    critique = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    html = client.get(f"/en/plans/mexico-2021/critiques/{critique.key}/").content.decode()
    crumbs = html[html.index('class="breadcrumbs') :].split("</nav>", 1)[0]
    assert f">{critique.title_en[:60]}" in crumbs
    assert f">{critique.key}</li>" not in crumbs
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 and h1.group(1).strip() == critique.title_en
