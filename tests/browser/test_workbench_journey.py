"""A plan maintainer encodes a line of action from the plan's own document: upload in the admin,
extraction's outcome, a passage selected on its page, a new line of action, and readers see it
with its page and `verbatim`."""

import pytest

from documents.models import Document
from plans.models import LineOfAction
from tests.conftest import CAST_PASSWORD
from tests.documents import builders

pytestmark = pytest.mark.django_db(transaction=True)

SELECT_LINE = """() => {
  const text = document.querySelector('[data-page-text]');
  const node = text.firstChild;
  const start = node.textContent.indexOf('Impulsar');
  const end = node.textContent.indexOf('paz.', start) + 4;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def test_a_maintainer_encodes_a_line_of_action_from_the_plan_document(
    page, minimal_plan, maintainer, settings, tmp_path, screenshot
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pdf = tmp_path / "pna-testlandia.pdf"
    pdf.write_bytes(builders.nap_pdf())

    page.goto("/admin/login/")
    page.fill("#id_username", maintainer.username)
    page.fill("#id_password", CAST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    # Upload: the file is checked, attached, and its pages extracted (here by the immediate
    # backend; by the task worker in production, while the page shows "n of N pages").
    page.goto("/admin/documents/document/add/")
    page.select_option("#id_plan", label=str(minimal_plan))
    page.set_input_files("#id_upload", str(pdf))
    page.check("#id_is_public")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("6 pages extracted").first.wait_for()
    screenshot(page, "workbench-1-uploaded")
    document = Document.objects.get()
    assert document.status == "done"

    page.goto(f"/admin/documents/document/{document.pk}/change/")
    page.get_by_role("link", name="Open in the workbench").click()
    page.get_by_role("link", name="2", exact=True).click()
    page.get_by_role("heading", name="Page 2").wait_for()

    # Select the passage on the page: the form fills itself.
    page.evaluate(SELECT_LINE)
    assert "Impulsar" in page.input_value("#id_passage")
    page.get_by_text("Passage and page filled from your selection.").wait_for()
    page.get_by_label("Create a new element under a parent").check()
    page.select_option(
        "#id_parent",
        label=page.locator("#id_parent option", has_text="PREV-O1 –").first.inner_text(),
    )
    page.fill("#id_code", "PREV-O1-LA2")
    screenshot(page, "workbench-2-passage-selected")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("PREV-O1-LA2 created with the plan's own wording, from p. 2.").wait_for()
    screenshot(page, "workbench-3-created")
    line = LineOfAction.objects.get(code="PREV-O1-LA2")
    assert (line.confidence, line.source_locator, line.wording_original) == (
        "verbatim",
        "p. 2",
        builders.LINE,
    )

    # Readers see it on the pillar page, verbatim, with its page linked to the document.
    page.goto("/en/plans/testland-2024/pillars/prevention/")
    element = page.locator("#PREV-O1-LA2")
    element.get_by_text("Verbatim").first.wait_for()
    element.get_by_role("link", name="p. 2").first.click()
    page.wait_for_url("**/document/#p-2")
    page.locator("#p-2 mark", has_text="Impulsar la capacitación").wait_for()
    screenshot(page, "workbench-4-public-document")
