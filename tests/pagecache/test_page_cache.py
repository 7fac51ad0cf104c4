"""Public pages come from the page cache until something they show changes, and never stale."""

import io

import pytest
import yaml
from django.core.management import CommandError, call_command

from critiques import services
from critiques.models import Citation, Critique
from indicators.models import Indicator
from planfiles.services import load_plan_files
from plans.models import Agency, Pillar, Plan, Source
from tests.conftest import MINIMAL_PLAN

PILLAR = "/en/plans/testland-2024/pillars/prevention/"
PLAN_PAGES = [
    "/en/plans/testland-2024/",
    PILLAR,
    "/en/plans/testland-2024/indicators/",
    "/en/plans/testland-2024/indicators/?critiqued=yes",
    "/en/plans/testland-2024/critiques/",
    "/en/plans/testland-2024/agencies/MINREL/",
    "/en/plans/testland-2024/brief/",
]
SITE_PAGES = ["/en/", "/en/?country=Testland", "/en/search/?q=people"]

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("url", PLAN_PAGES + SITE_PAGES)
def test_a_repeat_request_is_the_same_page_from_the_cache_in_one_query(
    client, minimal_plan, url, django_assert_max_num_queries
):
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1, info=url):
        second = get(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]
    # The security headers are added to a cached page as to a fresh one.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_critique_shows_it_on_the_next_request(client, minimal_plan, editor, reviewer):
    indicator = Indicator.objects.get(plan=minimal_plan, code="PREV-I1")
    critique = Critique.objects.create(
        plan=minimal_plan,
        key="counts-events",
        title="Counts events, not change",
        target_indicator=indicator,
        category=Critique.Category.VAGUE_INDICATOR,
        body="The indicator counts events.",
        author=editor,
    )
    before = get(client, PILLAR)
    assert "Counts events, not change" not in before.content.decode()  # a draft
    assert get(client, PILLAR)["X-Page-Cache"] == "hit"

    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)

    after = get(client, PILLAR)
    assert after["X-Page-Cache"] == "miss"
    assert "Counts events, not change" in after.content.decode()
    assert after["ETag"] != before["ETag"]

    services.withdraw(critique=critique, user=reviewer)
    assert "Counts events, not change" not in get(client, PILLAR).content.decode()


def test_a_conditional_request_gets_304_until_the_plan_changes(client, minimal_plan):
    etag = get(client, PILLAR)["ETag"]
    not_modified = client.get(PILLAR, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""

    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    pillar.name_en = "Prevention of conflict"
    pillar.save()

    changed = client.get(PILLAR, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "Prevention of conflict" in changed.content.decode()


def test_an_edit_to_one_plan_leaves_other_plans_pages_cached(client, minimal_plan, mexico):
    get(client, PILLAR)
    get(client, "/en/plans/mexico-2021/")
    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    pillar.name_en = "Prevention, renamed"
    pillar.save()
    assert get(client, "/en/plans/mexico-2021/")["X-Page-Cache"] == "hit"
    assert get(client, PILLAR)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("url", SITE_PAGES)
def test_pages_that_show_every_plan_change_when_any_plan_changes(client, minimal_plan, url):
    before = get(client, url)
    assert "Testland" in before.content.decode() and "Otherland" not in before.content.decode()
    assert get(client, url)["X-Page-Cache"] == "hit"
    plan = Plan.objects.get(pk=minimal_plan.pk)
    plan.country = "Otherland"
    plan.save()
    after = get(client, url)  # the same URL, kept before the change
    assert after["X-Page-Cache"] == "miss"
    assert after["ETag"] != before["ETag"]
    assert "Otherland" in after.content.decode()
    if "country=Testland" in url:  # no plan is in Testland now: the filter is refused
        assert "Some filters were not understood" in after.content.decode()


def test_editing_a_shared_source_changes_every_plan_page_that_cites_it(client, minimal_plan):
    assert "Researcher (2024)" in get(client, PILLAR).content.decode()
    source = Source.objects.get(key="test-brief")
    source.authors = ["Beatriz Investigadora"]
    source.save()
    page = get(client, PILLAR).content.decode()
    assert "Investigadora (2024)" in page
    assert "Researcher (2024)" not in page


def test_renaming_an_agency_changes_its_page(client, minimal_plan):
    url = "/en/plans/testland-2024/agencies/MINREL/"
    get(client, url)
    agency = Agency.objects.get(acronym="MINREL")
    agency.name_en = "Ministry of Foreign Relations"
    agency.save()
    assert "Ministry of Foreign Relations" in get(client, url).content.decode()


def test_a_citation_added_to_a_published_critique_shows_at_once(client, minimal_plan):
    critique = Critique.objects.get(plan=minimal_plan, key="no-money")
    url = "/en/plans/testland-2024/"
    assert "p. 77" not in get(client, url).content.decode()
    Citation.objects.create(
        critique=critique, source=Source.objects.get(key="test-brief"), locator="p. 77", order=9
    )
    assert "p. 77" in get(client, url).content.decode()


def test_reloading_a_changed_plan_file_changes_its_pages(client, minimal_plan, tmp_path):
    document = yaml.safe_load(MINIMAL_PLAN.read_text())
    get(client, "/en/plans/testland-2024/")
    critique = document["plan"]["sections"][0]["critiques"][0]
    critique["cites"] = [{"source": "test-brief", "locator": "p. 88"}]  # a bulk insert
    changed = tmp_path / "minimal-plan.yaml"
    changed.write_text(yaml.safe_dump(document, allow_unicode=True))
    load_plan_files(paths=[changed])
    assert "p. 88" in get(client, "/en/plans/testland-2024/").content.decode()


def test_pages_are_kept_per_host_because_citations_carry_absolute_urls(client, minimal_plan):
    here = get(client, PILLAR, host="localhost").content.decode()
    there = get(client, PILLAR, host="127.0.0.1").content.decode()
    assert "http://localhost/en/plans/testland-2024/" in here
    assert "http://127.0.0.1/en/plans/testland-2024/" in there


@pytest.mark.parametrize(
    "url",
    [
        "/en/plans/no-such-plan/",
        "/en/plans/testland-2024/pillars/no-such-pillar/",
        "/en/plans/testland-2024/indicators/?page=99",
        "/en/plans/testland-2024/agencies/NOPE/",
    ],
)
def test_missing_pages_are_answered_404_each_time_and_never_kept(client, minimal_plan, url):
    from django.core.cache import caches

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in client.get(url)
    assert not caches["pages"]._list_cache_files()


def test_mark_plans_changed_makes_pages_fresh_after_an_edit_that_sent_no_signal(
    client, minimal_plan
):
    get(client, PILLAR)
    Pillar.objects.filter(plan=minimal_plan, slug="prevention").update(name_en="Renamed in SQL")
    assert "Renamed in SQL" not in get(client, PILLAR).content.decode()  # still the kept page

    out = io.StringIO()
    call_command("mark_plans_changed", "testland-2024", stdout=out)

    assert "Marked 1 plan(s) changed" in out.getvalue()
    assert "Renamed in SQL" in get(client, PILLAR).content.decode()


def test_mark_plans_changed_refuses_an_unknown_plan_and_changes_nothing(client, minimal_plan):
    etag = get(client, PILLAR)["ETag"]
    with pytest.raises(CommandError, match="No plan 'atlantis-1999'"):
        call_command("mark_plans_changed", "testland-2024", "atlantis-1999")
    assert get(client, PILLAR)["ETag"] == etag


def test_the_token_queries_name_the_models_tables():
    """plan_token() and site_token() are plain SQL: they must follow the models' tables."""
    from pagecache.models import PlanRevision
    from pagecache.revisions import PLAN_TOKEN_SQL, SITE_TOKENS_SQL

    assert f"FROM {PlanRevision._meta.db_table} " in PLAN_TOKEN_SQL
    assert f"JOIN {Plan._meta.db_table} " in PLAN_TOKEN_SQL
    assert f"FROM {PlanRevision._meta.db_table} " in SITE_TOKENS_SQL


def test_a_page_that_read_the_session_or_a_csrf_token_is_never_kept(rf):
    """Such a page differs by reader; the middleware would add Vary: Cookie after the view."""
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from pagecache.pages import is_cacheable

    plain = rf.get("/en/")
    assert is_cacheable(plain, HttpResponse("same for all"))

    with_token = rf.get("/en/")
    get_token(with_token)
    assert not is_cacheable(with_token, HttpResponse("has a form"))

    with_session = rf.get("/en/")
    with_session.session = SessionStore()
    with_session.session.get("seen")
    assert not is_cacheable(with_session, HttpResponse("greets the reader"))


def test_writing_a_draft_leaves_the_plan_s_revision_and_pages_alone(client, minimal_plan, editor):
    """Only what the public sees changes the revision: a draft being written, edited and sent
    for review does not make the plan's pages (or its brief, which shares the key) afresh."""
    from pagecache.revisions import plan_token

    token = plan_token("testland-2024")
    get(client, PILLAR)
    indicator = Indicator.objects.get(plan=minimal_plan, code="PREV-I1")
    critique = Critique.objects.create(
        plan=minimal_plan,
        key="work-in-progress",
        title="Work in progress",
        target_indicator=indicator,
        category=Critique.Category.VAGUE_INDICATOR,
        body="Not ready.",
        author=editor,
    )
    critique.body = "Nearly ready."
    critique.save()
    Citation.objects.create(critique=critique, source=Source.objects.first(), locator="p. 9")
    services.submit_for_review(critique=critique, user=editor)
    critique.delete()

    assert plan_token("testland-2024") == token
    assert get(client, PILLAR)["X-Page-Cache"] == "hit"


# -- deletions: a page kept before a deletion is made afresh after it ------------------------------


def kept(client, url):
    """Asks for the page twice, so it is in the cache, and returns it."""
    get(client, url)
    response = get(client, url)
    assert response["X-Page-Cache"] == "hit", url
    return response


def test_deleting_a_plan_changes_the_pages_of_plans_compared_with_it(client, admin_client, mexico):
    comparison = Critique.objects.get(plan=mexico, key="el-salvador-committee-comparison")
    url = comparison.target_url().split("#")[0]  # the Mexican page that shows the comparison
    before = kept(client, url)
    assert 'Compare: <a href="/en/plans/el-salvador-2017/">' in before.content.decode()
    assert 'href="/en/plans/el-salvador-2017/"' in kept(client, "/en/").content.decode()

    el_salvador = Plan.objects.get(slug="el-salvador-2017")
    response = admin_client.post(f"/admin/plans/plan/{el_salvador.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    after = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    assert 'Compare: <a href="/en/plans/el-salvador-2017/">' not in after.content.decode()
    assert comparison.title in after.content.decode()  # the critique stays, without its compare
    assert 'href="/en/plans/el-salvador-2017/"' not in get(client, "/en/").content.decode()
    assert client.get("/en/plans/el-salvador-2017/").status_code == 404


def test_deleting_a_source_changes_the_pages_that_listed_it(client, admin_client, minimal_plan):
    source = Source.objects.create(
        key="extra-report", kind="report", title="An Extra Report", issued="2023"
    )
    minimal_plan.sources.add(source)
    url = "/en/plans/testland-2024/"
    assert "An Extra Report" in kept(client, url).content.decode()

    response = admin_client.post(f"/admin/plans/source/{source.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Source.objects.filter(key="extra-report").exists()

    after = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    assert "An Extra Report" not in after.content.decode()


def test_deleting_an_agency_makes_every_plan_page_afresh(client, admin_client, minimal_plan):
    """An agency can be deleted only once no plan names it (PROTECT), so no page shows it any
    more; like any change to a shared row, its deletion still replaces every plan's token."""
    agency = Agency.objects.create(country_code="TST", acronym="MINDEF", name_original="Defensa")
    pages = ["/en/plans/testland-2024/", PILLAR, "/en/"]
    etags = {url: kept(client, url)["ETag"] for url in pages}

    response = admin_client.post(f"/admin/plans/agency/{agency.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Agency.objects.filter(acronym="MINDEF").exists()

    for url in pages:
        after = get(client, url)
        assert after["X-Page-Cache"] == "miss", url
        assert after["ETag"] != etags[url], url
