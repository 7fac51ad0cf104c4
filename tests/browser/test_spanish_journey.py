"""A Spanish-speaking monitor in Chromium: / opens in Spanish, the journey from the list of plans
to a critique's target stays in Spanish, and the header's switch moves to English and back on
the same element."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def spanish_page(browser, live_server, settings):
    """A browser whose language is Mexican Spanish (its Accept-Language says es-MX)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="es-MX"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_spanish_reader_goes_from_the_plans_to_a_critique_and_switches_language_on_it(
    spanish_page, mexico, screenshot
):
    page = spanish_page
    page.goto("/")
    page.wait_for_url("**/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Planes Nacionales de Acción sobre mujeres, paz y seguridad"
    )
    screenshot(page, "es-1-home")

    page.get_by_role("link", name="México 2021").click()
    page.wait_for_url("**/es/plans/mexico-2021/")
    assert page.get_by_text("23 indicadores (10 codificados)").is_visible()
    assert page.get_by_text("11 de enero de 2021", exact=True).is_visible()
    screenshot(page, "es-2-overview")

    page.get_by_role("link", name="Participación", exact=True).first.click()
    page.wait_for_url("**/es/plans/mexico-2021/pillars/participation/")
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    assert page.get_by_text("Objetivos estratégicos, líneas de acción e indicadores").is_visible()
    screenshot(page, "es-3-pillar")

    plan_nav = page.get_by_role("navigation", name="Este plan")
    plan_nav.get_by_role("link", name="Indicadores").click()
    page.wait_for_url("**/es/plans/mexico-2021/indicators/")
    page.get_by_label("Pilar", exact=True).select_option("participation")
    page.get_by_label("Con críticas").select_option("yes")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**/es/plans/mexico-2021/indicators/?*pillar=participation*")
    assert "critiqued=yes" in page.url
    assert page.locator("tbody tr").count() == 4
    expect(page.get_by_role("status")).to_have_text("4 indicadores")
    screenshot(page, "es-4-filtered-indicators")

    page.get_by_role("navigation", name="Este plan").get_by_role("link", name="Críticas").click()
    page.get_by_label("Elemento criticado").select_option("indicator")
    page.get_by_label("Categoría").select_option("vague-indicator")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**/es/plans/mexico-2021/critiques/?*target=indicator*")
    screenshot(page, "es-5-critiques")
    card = page.locator("article.critique", has_text="Intercambios de experiencias").first
    assert "Indicador vago o no medible" in card.inner_text()
    card.locator(".critique__target a").click()
    page.wait_for_url("**/es/plans/mexico-2021/pillars/participation/#PART-I3")
    assert page.evaluate("document.querySelector(':target').id") == "PART-I3"
    screenshot(page, "es-6-target")

    # The switch keeps the reader on the same element, in the other language, and back.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/plans/mexico-2021/pillars/participation/#PART-I3")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate("document.querySelector(':target').id") == "PART-I3"
    box = page.locator("#PART-I3").bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the element is scrolled into view"
    assert page.get_by_text("Strategic objectives, lines of action and indicators").is_visible()
    screenshot(page, "es-7-switched-to-english")

    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/plans/mexico-2021/pillars/participation/#PART-I3")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.evaluate("document.querySelector(':target').id") == "PART-I3"


def test_the_switch_works_without_javascript_and_keeps_the_query(browser, live_server, mexico):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    plain = context.new_page()
    plain.goto("/en/plans/mexico-2021/indicators/?pillar=participation")
    plain.get_by_role("link", name="Español").click()
    plain.wait_for_url("**/es/plans/mexico-2021/indicators/?pillar=participation")
    assert plain.locator("html").get_attribute("lang") == "es"
    context.close()


def test_copying_a_citation_says_so_in_spanish(spanish_page, mexico):
    page = spanish_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/es/plans/mexico-2021/pillars/participation/#PART-I3")
    cite = page.locator("#PART-I3 details.cite")
    cite.locator("summary").click()
    cite.locator("button.cite__copy").click()
    expect(cite.get_by_role("status")).to_have_text("Cita copiada.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/es/plans/mexico-2021/pillars/participation/#PART-I3")
