"""A researcher compares plans in Chromium: overview → "Compare with" → change the selection with
the form (no JavaScript needed) → follow a score's evidence link to the critique's anchor; the
table scrolls within its own region at 390 px with its row headers kept."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_overview_to_compare_to_a_new_selection_to_a_score_s_evidence(page, mexico, screenshot):
    page.goto("/en/plans/mexico-2021/")
    page.locator(".compare-with").get_by_role("link", name="all of them").click()
    page.wait_for_url("**/compare/?plans=mexico-2021,canada-2017,el-salvador-2017")
    table = page.get_by_role("table")
    assert (
        table.locator("thead th").all_inner_texts()[1:4]
        == [
            "MEXICO 2021",
            "CANADA 2017",
            "EL SALVADOR 2017",
        ]
        or table.locator("thead th").count() == 5
    )
    screenshot(page, "compare-1-three-plans")

    # Change the selection: add Guatemala, drop Canada, with the form's checkboxes
    page.get_by_role("checkbox", name="Guatemala 2017").check()
    page.get_by_role("checkbox", name="Canada 2017").uncheck()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/?plans=*guatemala-2017*")
    assert "canada-2017" not in page.url
    assert page.get_by_role("columnheader", name="Guatemala 2017").is_visible()
    screenshot(page, "compare-2-new-selection")

    # A score's evidence: Mexico's answer on the budget links to the critique "no financing"
    row = page.locator("#row-budget-allocated")
    evidence = row.locator("a.evidence-link[href$='#critique-no-financing']")
    assert evidence.get_attribute("title").startswith("Critique: ")
    evidence.click()
    page.wait_for_url("**/plans/mexico-2021/#critique-no-financing")
    assert page.evaluate("document.querySelector(':target').id") == "critique-no-financing"
    box = page.locator("#critique-no-financing").bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the critique is scrolled into view"
    screenshot(page, "compare-3-evidence")


def test_the_table_scrolls_in_its_own_region_at_390_px(page, mexico, screenshot):
    page.set_viewport_size(PHONE)
    page.goto("/en/compare/?plans=mexico-2021,el-salvador-2017,canada-2017")
    region = page.get_by_role("region", name="3 plans side by side")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page itself does not scroll sideways"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table scrolls within"
    region.evaluate("el => el.scrollLeft = 400")
    header = page.locator("#row-budget-allocated th")
    assert header.bounding_box()["x"] < 20, "the row header stays in view (sticky)"
    screenshot(page, "compare-4-phone")
