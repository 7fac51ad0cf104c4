"""A researcher reads Mexico's plan in Chromium, from the list of plans to a pillar's tree."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_researcher_reaches_a_pillar_and_sees_critiques_beside_their_targets(
    page, mexico, screenshot
):
    page.goto("/en/")
    page.get_by_role("link", name="Mexico 2021").click()
    page.wait_for_url("**/plans/mexico-2021/")
    assert page.get_by_text("10 strategic objectives (6 encoded)").is_visible()
    stylesheet_applied = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert stylesheet_applied == "rgb(28, 35, 48)"
    screenshot(page, "plan-overview")

    page.get_by_role("link", name="Participation", exact=True).first.click()
    page.wait_for_url("**/pillars/participation/")
    indicator = page.locator("#PART-I3")
    assert indicator.is_visible()
    assert "Exchanges of experiences" in indicator.locator(".critique__title").first.inner_text()
    screenshot(page, "pillar-participation")
