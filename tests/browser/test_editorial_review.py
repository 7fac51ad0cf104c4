"""An editor annotates an indicator, a reviewer publishes it, and a researcher reads it."""

import pytest

from critiques.models import Critique
from tests.conftest import CAST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Exchanges are counted, their effect is not"


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", CAST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def fail_on_dialog(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_an_editor_annotates_a_reviewer_publishes_and_a_researcher_reads(
    page, browser, live_server, mexico, editor, reviewer, screenshot
):
    dialogs = fail_on_dialog(page)
    # Erin, an editor, finds PART-I3 and writes a critique of it.
    log_in(page, editor)
    page.goto("/admin/indicators/indicator/?q=PART-I3")
    page.get_by_role("link", name="PART-I3", exact=True).click()
    screenshot(page, "editorial-1-indicator-page")
    page.get_by_role("link", name="Write a critique of PART-I3").click()
    page.fill("#id_title_en", TITLE)
    page.select_option("#id_category", "vague-indicator")
    page.fill(
        "#id_body_en",
        "The indicator counts **exchanges**, not what changed.\n\n<script>alert('x')</script>",
    )
    preview = page.locator(".nw-preview[lang=en]")
    preview.locator("strong", has_text="exchanges").wait_for()  # the live preview, sanitised
    assert "alert" not in preview.inner_html()
    screenshot(page, "editorial-2-writing")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Submit for review").click()
    page.locator(".nw-workflow .nw-status--in-review").wait_for()
    screenshot(page, "editorial-3-in-review")
    critique = Critique.objects.get(title=TITLE)
    assert (critique.author, critique.status) == (editor, Critique.Status.IN_REVIEW)
    # She cannot publish it herself: no button.
    assert page.get_by_role("button", name="Publish").count() == 0

    # Rita, a reviewer, publishes it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    review = context.new_page()
    dialogs += fail_on_dialog(review)
    log_in(review, reviewer)
    review.goto("/admin/critiques/critique/?status__exact=in-review")
    screenshot(review, "editorial-4-review-queue")
    review.get_by_role("link", name=TITLE).click()
    review.get_by_role("button", name="Publish").click()
    review.locator(".nw-workflow .nw-status--published").wait_for()

    # The history shows both steps, with who took them.
    review.get_by_role("link", name="History").click()
    rows = review.locator("#change-history tbody tr")
    history = rows.all_inner_texts()
    assert any("rita-reviewer" in r and "Publish" in r for r in history), history
    assert any("erin-editor" in r and "Submit for review" in r for r in history), history
    screenshot(review, "editorial-5-history")
    context.close()

    # Rosa, an anonymous researcher, sees it on the pillar page beside PART-I3.
    reader_context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    reader = reader_context.new_page()
    dialogs += fail_on_dialog(reader)
    reader.goto("/en/plans/mexico-2021/pillars/participation/")
    indicator = reader.locator("#PART-I3")
    assert TITLE in indicator.inner_text()
    indicator.scroll_into_view_if_needed()
    screenshot(reader, "editorial-6-public-pillar")
    reader_context.close()
    assert dialogs == []
