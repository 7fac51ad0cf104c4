"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation, of any impact, on any public page.

The pinned axe-core of tests/validators/package.json (installed by `make validators`) is injected
into every page of tests/validators/pages.py in Debian's Chromium, at a desktop width and at a
phone's. The browser context bypasses the site's Content-Security-Policy so that the injected
script may run; the CSP itself is tested elsewhere (tests/security, tests/production).
"""

import pytest

pytestmark = [pytest.mark.validators, pytest.mark.django_db(transaction=True)]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1280, 390)
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {version: axe.version, violations: results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }))};
}"""


@pytest.fixture
def csp_bypassing_page(browser, live_server, settings):
    # As tests/browser_fixtures.py's `page`: the live server serves the plain static names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": 900}, base_url=live_server.url, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_no_public_page_has_any_wcag_a_or_aa_violation(
    csp_bypassing_page, validated_pages, validator_tools
):
    page = csp_bypassing_page
    axe_source = validator_tools.axe_js.read_text()
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for checked in validated_pages:
            response = page.goto(checked.url)
            assert response is not None and response.status == checked.status, checked.url
            page.evaluate(axe_source)
            results = page.evaluate(RUN_AXE, TAGS)
            assert results["version"] == validator_tools.axe_version
            for violation in results["violations"]:
                problems.append(
                    f"{checked.url[:90]} @{width}px: {violation['id']} ({violation['impact']}) "
                    f"{violation['help']}, on {len(violation['nodes'])} element(s):"
                )
                problems += [f"    {node['target']}" for node in violation["nodes"][:5]]
    assert not problems, (
        f"axe-core {validator_tools.axe_version} ({', '.join(TAGS)}):\n" + "\n".join(problems)
    )
