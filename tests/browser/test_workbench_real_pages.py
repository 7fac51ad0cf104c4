"""In Chromium: an extraction's progress follows the worker without a reload; an OCR page's text
is corrected in the workbench; suggestions show their score as a count of words; the public
document names pages whose labels repeat exactly."""

import pytest

from documents.models import Document
from documents.services import add_document, start_extraction
from tests.conftest import CAST_PASSWORD
from tests.documents import builders
from tests.workbench.test_exact_pages import relabelled

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", CAST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def extracted(plan, data: bytes, name: str, **kwargs) -> Document:
    document = add_document(plan=plan, data=data, name=name, **kwargs)
    start_extraction(document)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE
    return document


def test_progress_updates_without_a_reload(page, minimal_plan, maintainer, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = extracted(minimal_plan, builders.nap_pdf(), "pna.pdf")
    Document.objects.filter(pk=document.pk).update(status="running", pages_done=1, pages_total=6)
    log_in(page, maintainer)
    page.goto(f"/admin/documents/document/{document.pk}/change/")
    page.evaluate("window.loadedOnce = true")  # gone if the page reloads
    Document.objects.filter(pk=document.pk).update(pages_done=4)
    page.get_by_text("4 of 6 pages").first.wait_for(timeout=10000)
    assert page.evaluate("window.loadedOnce") is True
    assert page.locator(".field-progress progress").get_attribute("value") == "4"
    Document.objects.filter(pk=document.pk).update(status="done", pages_done=6)
    page.get_by_text("6 pages extracted").first.wait_for(timeout=10000)  # reloaded once, done


def test_ocr_text_is_corrected_in_the_workbench(
    page, minimal_plan, maintainer, settings, tmp_path, screenshot
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    scan = builders.scanned_pdf(builders.nap_pdf())
    document = extracted(minimal_plan, scan, "escaneado.pdf")
    log_in(page, maintainer)
    page.goto(f"/admin/workbench/{document.pk}/?page=2")
    page.get_by_role("heading", name="Correct the text read by OCR").wait_for()
    box = page.get_by_label("the page's text, corrected")
    box.fill(box.input_value() + "\nTexto añadido a mano.")
    page.get_by_role("button", name="Save the corrected text").click()
    page.get_by_text("The text of p. 2 is corrected.").wait_for()
    assert "Texto añadido a mano." in page.locator("[data-page-text]").inner_text()
    assert "max-maintainer" in page.locator(".workbench__history").inner_text()
    screenshot(page, "workbench-ocr-corrected")
    page.screenshot(path="/tmp/i26-workbench-ocr.png", full_page=True)


def test_suggestions_and_exact_pages(
    page, minimal_plan, maintainer, settings, tmp_path, screenshot
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = extracted(minimal_plan, relabelled(builders.nap_pdf()), "manual.pdf", is_public=True)
    log_in(page, maintainer)
    page.goto(f"/admin/workbench/{document.pk}/?page=3")
    page.get_by_role("heading", name="Page 1 (PDF p. 3)").wait_for()
    page.screenshot(path="/tmp/i26-workbench.png", full_page=True)
    page.goto(f"/admin/workbench/{document.pk}/suggestions/")
    page.get_by_text("words").first.wait_for()
    page.screenshot(path="/tmp/i26-suggestions.png", full_page=True)
    page.goto("/en/plans/testland-2024/document/#p-1--pdf-3")
    page.get_by_role("heading", name="p. 1 (PDF p. 3)").wait_for()
    assert page.locator("[id='p-1']").count() == 1
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path="/tmp/i26-document-phone.png", full_page=False)
    screenshot(page, "document-exact-pages")
