"""The editors' desk, end to end: an editor finds an element nobody has critiqued, writes a
critique of it with the one target picker (keyboard only) and submits it; a reviewer sees it
waiting and returns it with a comment; the editor sees the comment, fixes it and submits again;
the reviewer publishes it, and the editor's email says so."""

import re

import pytest
from django.core import mail

from critiques import services
from critiques.models import Critique, ReviewComment
from indicators.models import Indicator
from tests.browser.test_accessibility import RUN_AXE, TAGS
from tests.browser.test_editorial_review import fail_on_dialog, log_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Counted, but never funded"
COMMENT = "Say which budget line is missing, and cite the page."


def with_email(*people):
    for person in people:
        person.email = f"{person.username}@example.org"
        person.save()


def test_desk_picker_review_comment_and_notification(
    page, browser, live_server, mexico, editor, reviewer, screenshot
):
    with_email(editor, reviewer)
    dialogs = fail_on_dialog(page)

    # Erin opens her desk from the admin index and looks for what nobody has critiqued.
    log_in(page, editor)
    page.get_by_role("link", name=re.compile("^Your desk")).click()
    page.wait_for_url("**/admin/desk/")
    gaps = page.locator("#gaps")
    gaps.get_by_role("link", name="Mexico 2021", exact=True).click()
    page.wait_for_url("**/admin/desk/plans/mexico-2021/")
    indicators = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Indicators"))
    )
    code = indicators.locator("tbody tr td").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z]+-I\d+", code), code
    screenshot(page, "desk-2-elements-with-no-critique")

    # She writes the critique with the one picker, by keyboard alone.
    page.goto("/admin/critiques/critique/add/")
    page.locator("#id_title_en").focus()
    page.keyboard.type(TITLE)
    page.select_option("#id_category", "no-financing")
    page.locator("#id_target_in_plan").focus()
    page.keyboard.type("Mexico")
    assert page.locator("#id_target_in_plan option:checked").inner_text() == "Mexico 2021"
    page.keyboard.press("Tab")
    picker = page.get_by_role("combobox", name="What it criticises")
    assert picker.evaluate("el => el === document.activeElement")
    page.keyboard.type(code)
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    assert picker.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = page.locator(f"#{picker.get_attribute('aria-activedescendant')}")
    assert active.inner_text().startswith(f"{code} – ")
    assert "pillar:" in active.inner_text()
    screenshot(page, "desk-3-picker-open")
    page.keyboard.press("Enter")
    assert picker.input_value().startswith(f"{code} – ")
    assert picker.get_attribute("aria-expanded") == "false"
    page.locator("#id_body_en").focus()
    page.keyboard.type("The indicator has **no budget** behind it.")
    page.locator(".nw-preview[lang=en] strong", has_text="no budget").wait_for()
    page.get_by_role("button", name="Save and continue editing").focus()
    page.keyboard.press("Enter")
    page.locator(".nw-target-panel").wait_for()
    assert code in page.locator(".nw-target-panel h2").inner_text()
    critique = Critique.objects.get(title=TITLE)
    assert critique.target_indicator.code == code and critique.plan == mexico
    page.get_by_role("button", name="Submit for review").focus()
    page.keyboard.press("Enter")
    page.locator(".nw-workflow .nw-status--in-review").wait_for()
    assert [m.to for m in mail.outbox] == [["rita-reviewer@example.org"]]

    # Rita sees it waiting on her desk and returns it with a comment.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    review = context.new_page()
    dialogs += fail_on_dialog(review)
    log_in(review, reviewer)
    review.goto("/admin/desk/")
    waiting = review.locator("#to-review")
    assert "Waiting for your review (1)" in waiting.inner_text()
    screenshot(review, "desk-4-reviewer")
    waiting.get_by_role("link", name=TITLE).click()
    review.get_by_role("button", name="Return to draft").click()
    review.get_by_role("button", name="Return to draft").click()  # no comment: refused
    review.get_by_text("Write why you return it").wait_for()
    review.get_by_label("Why are you returning it?").fill(COMMENT)
    review.get_by_role("button", name="Return to draft").click()
    review.locator(".nw-workflow .nw-status--draft").wait_for()
    assert ReviewComment.objects.get().text == COMMENT
    assert mail.outbox[-1].to == ["erin-editor@example.org"]

    # Erin sees it returned with the comment, fixes it and submits it again.
    page.goto("/admin/desk/")
    returned = page.locator("#returned")
    assert COMMENT in returned.inner_text()
    screenshot(page, "desk-5-returned")
    returned.get_by_role("link", name=TITLE).click()
    assert COMMENT in page.locator(".nw-review-comments").inner_text()
    screenshot(page, "desk-6-change-page")
    page.locator("#id_body_en").fill(
        "The indicator has **no budget** behind it (the plan's annex, p. 12, lists none)."
    )
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Submit for review").click()
    page.locator(".nw-workflow .nw-status--in-review").wait_for()

    # Rita publishes it; Erin's email says so.
    review.goto("/admin/desk/")
    review.locator("#to-review").get_by_role("link", name=TITLE).click()
    review.get_by_role("button", name="Publish").click()
    review.locator(".nw-workflow .nw-status--published").wait_for()
    context.close()
    published = mail.outbox[-1]
    assert published.to == ["erin-editor@example.org"]
    assert published.subject == f"Published: “{TITLE}”"
    assert "rita-reviewer published your critique" in published.body

    page.goto("/admin/critiques/critique/")
    screenshot(page, "desk-7-critique-list")
    assert (
        page.locator("#changelist-filter")
        .get_by_role("link", name="Mexico 2021", exact=True)
        .count()
        == 1
    )
    assert dialogs == []


@pytest.fixture
def axe_page(browser, live_server, settings):
    """As tests/browser/test_accessibility.py's: the site's CSP bypassed so axe can be injected."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.validators
def test_the_desk_and_the_critique_page_have_no_wcag_a_or_aa_violation(
    axe_page, validator_tools, mexico, editor, reviewer
):
    """axe-core (WCAG 2.2 AA) on the desk, a plan's uncritiqued elements, and the critique form
    (new, with the target pre-selected; and returned, with its comment and target panel)."""
    page = axe_page
    indicator = Indicator.objects.get(plan=mexico, code="PART-I3")
    critique = Critique(
        key="axe", title="Checked by axe", target_indicator=indicator, category="data-gaps"
    )
    critique.body = "Some **text**."
    services.save_critique(critique=critique, user=editor)
    services.submit_for_review(critique=critique, user=editor)
    services.return_to_draft(critique=critique, user=reviewer, comment="Cite the annex.")
    log_in(page, editor)
    axe_source = validator_tools.axe_js.read_text()
    problems = []
    for url in (
        "/admin/desk/",
        "/admin/desk/plans/mexico-2021/",
        f"/admin/critiques/critique/{critique.pk}/change/",
        f"/admin/critiques/critique/add/?target_indicator={indicator.pk}",
        "/admin/critiques/critique/",
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.evaluate(axe_source)
        for violation in page.evaluate(RUN_AXE, TAGS)["violations"]:
            problems.append(f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}")
            problems += [f"    {node['target']}" for node in violation["nodes"][:5]]
    assert not problems, "\n".join(problems)
