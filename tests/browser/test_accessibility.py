"""axe-core (bundled by axe-playwright-python, so it runs offline) finds no serious or critical
accessibility violation on any public page, in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/?country=Atlantis",
    "/plans/mexico-2021/",
    "/plans/mexico-2021/pillars/participation/",
    "/plans/mexico-2021/agencies/SEDENA/",
    "/plans/mexico-2021/indicators/",
    "/plans/mexico-2021/indicators/?pillar=nope",
    "/plans/mexico-2021/critiques/",
    "/search/?q=women",
    "/search/?q=",
]


def test_no_page_has_serious_or_critical_accessibility_violations(page, mexico):
    axe = Axe()
    problems = []
    for url in PAGES:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    problems.append(f"{url} @{width}px: {violation['id']} {targets}")
    assert not problems, "\n".join(problems)
