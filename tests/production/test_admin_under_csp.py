"""The admin works in Chromium under the Content-Security-Policy: no violation, autocomplete works."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

PASSWORD = "a long passphrase 42"  # noqa: S105 - a test user's


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("maintainer", password=PASSWORD)


def test_admin_change_form_and_autocomplete_work_under_the_csp(
    page, screenshot, minimal_plan, editor, live_server
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    response = page.goto("/admin/login/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.fill("#id_username", "maintainer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    objective = minimal_plan.objectives.first()
    page.goto(f"/admin/plans/strategicobjective/{objective.pk}/change/")
    # Select2 (the autocomplete widget) is started by the admin's own scripts: it only appears
    # when the scripts ran under the policy.
    page.click("#select2-id_pillar-container")
    page.fill(".select2-search__field", "prev")
    option = page.locator(".select2-results__option", has_text="Prevention")
    option.first.wait_for()
    screenshot(page, "admin-change-form-under-csp")
    option.first.click()
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/plans/strategicobjective/")
    assert page.locator(".messagelist .success").count() == 1
    assert violations == []
