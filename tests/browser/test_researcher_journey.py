"""A researcher in Chromium: home → plan → pillar → filtered indicators → a critique → its target,
then a search; citations copy with JavaScript and stay readable without it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_home_to_plan_to_pillar_to_filtered_indicators_to_a_critique_and_back_to_its_target(
    page, mexico, screenshot
):
    page.goto("/en/")
    screenshot(page, "journey-1-home")
    page.get_by_role("link", name="Mexico 2021").click()
    page.wait_for_url("**/plans/mexico-2021/")
    assert page.get_by_text("23 indicators (10 encoded)").is_visible()
    screenshot(page, "journey-2-overview")

    page.get_by_role("link", name="Participation", exact=True).first.click()
    page.wait_for_url("**/pillars/participation/")
    screenshot(page, "journey-3-pillar")

    page.get_by_role("navigation", name="This plan").get_by_role("link", name="Indicators").click()
    page.wait_for_url("**/indicators/")
    page.get_by_label("Pillar").select_option("participation")
    page.get_by_label("Critiqued").select_option("yes")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/indicators/?*pillar=participation*")
    assert "critiqued=yes" in page.url
    rows = page.locator("tbody tr")
    assert rows.count() == 4
    screenshot(page, "journey-4-filtered-indicators")

    page.get_by_role("navigation", name="This plan").get_by_role("link", name="Critiques").click()
    page.get_by_label("Target").select_option("indicator")
    page.get_by_label("Category").select_option("vague-indicator")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/critiques/?*target=indicator*")
    screenshot(page, "journey-5-critiques")
    card = page.locator("article.critique", has_text="Exchanges of experiences").first
    card.locator(".critique__target a").click()
    page.wait_for_url("**/pillars/participation/#PART-I3")
    target = page.locator("#PART-I3")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "PART-I3"
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the target is scrolled into view"
    screenshot(page, "journey-6-target")


def test_a_search_from_the_header_leads_to_a_highlighted_result_and_its_anchor(
    page, mexico, screenshot
):
    page.goto("/en/")
    page.get_by_label("Search plans and critiques").fill("peacekeeping")
    page.get_by_label("Search plans and critiques").press("Enter")
    page.wait_for_url("**/search/?q=peacekeeping")
    assert page.locator("mark").first.is_visible()
    screenshot(page, "search-results")
    page.get_by_role("link", name="PART-I1").first.click()
    page.wait_for_url("**/pillars/participation/#PART-I1")
    assert page.locator("#PART-I1").is_visible()


def test_copy_citation_puts_code_wording_plan_and_url_on_the_clipboard(page, mexico):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/en/plans/mexico-2021/pillars/participation/#PART-I3")
    cite = page.locator("#PART-I3 details.cite")
    cite.locator("summary").click()
    cite.get_by_role("button", name="Copy citation").click()
    expect(cite.get_by_role("status")).to_have_text("Citation copied.")  # waits for the promise
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("PART-I3 – “exchanges of experiences”")
    assert "Mexico 2021" in copied
    assert copied.endswith("/en/plans/mexico-2021/pillars/participation/#PART-I3")


def test_without_javascript_the_citation_is_still_there_to_select(
    browser, live_server, page, mexico
):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    plain = context.new_page()
    plain.goto("/en/plans/mexico-2021/pillars/participation/")
    cite = plain.locator("#PART-I3 details.cite")
    cite.locator("summary").click()
    assert cite.locator(".cite__text").is_visible()
    assert (
        "/en/plans/mexico-2021/pillars/participation/#PART-I3"
        in cite.locator(".cite__text").inner_text()
    )
    assert not cite.get_by_role("button", name="Copy citation").is_visible()
    context.close()


def test_pages_fit_a_phone_and_wide_tables_scroll_inside_their_box(page, mexico, screenshot):
    page.set_viewport_size(PHONE)
    for name, url in [
        ("phone-home", "/en/"),
        ("phone-overview", "/en/plans/mexico-2021/"),
        ("phone-pillar", "/en/plans/mexico-2021/pillars/participation/"),
        ("phone-indicators", "/en/plans/mexico-2021/indicators/?pillar=participation"),
        ("phone-critiques", "/en/plans/mexico-2021/critiques/"),
        ("phone-search", "/en/search/?q=women"),
    ]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px on a phone"
        screenshot(page, name)
