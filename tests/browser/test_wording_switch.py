"""The switch between the two languages of every wording, with and without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PILLAR = "/plans/mexico-2021/pillars/prevention/"


def sides(page, code: str) -> list[str]:
    return page.locator(f"#{code} > [data-wording] > [data-side]").evaluate_all(
        "nodes => nodes.map(n => n.dataset.side)"
    )


def test_the_switch_swaps_every_wording_in_place_and_keeps_the_address(page, mexico, screenshot):
    page.goto(PILLAR)
    assert sides(page, "PREV-O2-LA1") == ["en", "original"]
    switch = page.locator("[data-wording-toggle] a")
    assert switch.inner_text() == "Show Spanish first"
    switch.click()
    assert sides(page, "PREV-O2-LA1") == ["original", "en"]
    assert sides(page, "PREV-O1") == ["original", "en"]
    assert page.url.endswith("?lead=original")
    assert switch.inner_text() == "Show English first"
    assert page.locator("#PREV-O2-LA1 .wording__side--lead").get_attribute("data-side") == (
        "original"
    )
    screenshot(page, "wording-switched")
    switch.click()
    assert sides(page, "PREV-O2-LA1") == ["en", "original"]


def test_without_javascript_the_switch_is_a_link_the_server_answers(browser, live_server, mexico):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto(PILLAR)
        page.locator("[data-wording-toggle] a").click()
        page.wait_for_url("**?lead=original")
        assert sides(page, "PREV-O2-LA1") == ["original", "en"]
    finally:
        context.close()
