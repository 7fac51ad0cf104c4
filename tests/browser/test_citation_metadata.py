"""JSON-LD is data, not script: the site's Content-Security-Policy lets the browser read it and
reports nothing, while it still blocks a real inline script. Screenshots of the new pages."""

import json

import pytest

from critiques.models import Critique

pytestmark = pytest.mark.django_db(transaction=True)

WATCH_CSP = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
"""


def test_json_ld_passes_the_csp_and_an_inline_script_does_not(page, mexico, screenshot):
    critique = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    page.add_init_script(WATCH_CSP)
    response = page.goto(f"/en/plans/mexico-2021/critiques/{critique.key}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    data = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(data)["@type"] == "Review"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    screenshot(page, "critique-page-1280")

    # The same watch sees a real inline script refused, so the empty list above means something.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert "script-src-elem" in page.evaluate("window.__violations")
    assert page.evaluate("window.ran") is None


@pytest.mark.parametrize("width", [1280, 390])
def test_the_data_page_at_two_widths(page, mexico, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/en/data/")
    assert page.locator("h1").inner_text() == "Open data"
    link = page.locator("a", has_text="Download the data package")
    assert link.get_attribute("href").endswith(".zip")
    screenshot(page, f"data-page-{width}")
    page.goto("/es/plans/mexico-2021/pillars/participation/")
    screenshot(page, f"pillar-cite-es-{width}")
