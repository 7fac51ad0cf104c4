"""The API's documentation page renders Swagger UI from our own static files, under the site's
Content-Security-Policy, with no script or style refused and nothing fetched from elsewhere."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("width", [1280, 390])
def test_the_docs_page_shows_every_operation_under_the_sites_csp(page, screenshot, width):
    refused, foreign, failed = [], [], []
    page.on(
        "console",
        lambda message: refused.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if not request.url.startswith(page.context._impl_obj._options.get("baseURL", ""))
            and not request.url.startswith("data:")
            else None
        ),
    )
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto("/api/v1/docs/")
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy

    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/plans/{slug}/tree/" in [p.replace("\u200b", "") for p in paths]
    assert page.get_by_text("napwatch API").first.is_visible()

    # Open one operation: its parameters and the documented error shape are shown.
    page.locator(".opblock-summary-path", has_text="/tree/").first.click()
    page.wait_for_selector(".opblock-body .parameters", timeout=10_000)
    assert page.locator(".opblock-body").get_by_text("404").first.is_visible()

    screenshot(page, f"api-docs-{width}")
    assert refused == [], refused
    assert failed == [], failed
    assert foreign == [], foreign
