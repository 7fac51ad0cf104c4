"""Pages fit the screen they are read on (issue 23): every public page, in English and in
Spanish, at a 390 px phone's width, and the admin's critique and document lists at 1280 px.

Spanish words are longer: "Brecha de implementación entre la federación y los estados" as a tag
that would not wrap made the Spanish critique cards 460 px wide on a 390 px phone."""

import pytest

from documents.services import add_document, start_extraction
from tests.browser.test_editorial_review import log_in
from tests.documents import builders

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = 390
DESKTOP = 1280

# What sticks out past the window's right edge (the few outermost), to say where the fault is.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && !out.some(o => o.el.contains(el))) {
      out.push({el, text: `${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.width)} px)`});
    }
  }
  return {document: document.documentElement.scrollWidth, window: width,
          culprits: out.slice(0, 3).map(o => o.text)};
}"""


def both_languages(url: str) -> list[str]:
    for prefix, other in (("/en/", "/es/"), ("/es/", "/en/")):
        if url.startswith(prefix):
            return [url, other + url[len(prefix) :]]
    return [url]


def test_every_public_page_fits_a_phone_in_both_languages(page, validated_pages):
    page.set_viewport_size({"width": PHONE, "height": 800})
    seen, problems = set(), []
    for checked in validated_pages:
        for url in both_languages(checked.url):
            if url in seen:
                continue
            seen.add(url)
            response = page.goto(url)
            assert response is not None and response.status == checked.status, url
            measured = page.evaluate(OVERFLOW)
            if measured["document"] > measured["window"]:
                problems.append(
                    f"{url[:100]}: {measured['document']} px wide in a {measured['window']} px "
                    f"window; {', '.join(measured['culprits'])}"
                )
    assert len(seen) > 60
    assert not problems, "\n".join(problems)


def list_fits(page, url: str) -> dict:
    page.goto(url)
    return page.evaluate(
        """() => {
          const table = document.querySelector("#result_list");
          const box = table.closest(".results");
          const right = box.getBoundingClientRect().right;
          return {
            table: Math.round(table.getBoundingClientRect().width), box: box.clientWidth,
            hidden: [...table.querySelectorAll("thead th")]
              .filter(th => th.getBoundingClientRect().right > right + 1)
              .map(th => th.textContent.trim()),
            document: document.documentElement.scrollWidth, window: window.innerWidth,
          };
        }"""
    )


def test_admin_lists_fit_their_box_at_1280(
    page, mexico, maintainer, settings, tmp_path, screenshot
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = add_document(
        plan=mexico,
        data=builders.nap_pdf(),
        name="Programa_Nacional_de_Accion_Mujeres_Paz_y_Seguridad_Mexico_2021_version_final.pdf",
        is_public=True,
    )
    start_extraction(document)
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    log_in(page, maintainer)
    for url, name in (
        ("/admin/critiques/critique/", "critiques"),
        ("/admin/documents/document/", "documents"),
    ):
        fits = list_fits(page, url)
        screenshot(page, f"admin-{name}-list-1280")
        assert fits["table"] <= fits["box"], (url, fits)
        assert fits["hidden"] == [], (url, fits)
        assert fits["document"] <= fits["window"], (url, fits)


def test_the_admins_key_box_shows_a_long_key_whole(page, mexico, editor):
    """The key becomes the critique's public URL: an editor sees all of it as it is typed."""
    key = "the-plan-counts-trainings-but-not-whether-women-are-safer-after-them"
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    log_in(page, editor)
    page.goto("/admin/critiques/critique/add/")
    box = page.locator("#id_key")
    box.fill(key)
    assert box.input_value() == key
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth"), "the key is cut off"


RENDERED_FONT_SIZES = """() => [...document.querySelectorAll(".chart-figure svg text")]
  .filter(text => text.getBoundingClientRect().height > 0)
  .map(text => {
    const svg = text.closest("svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(text).fontSize) * scale;
  })"""


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_scorecard_charts_text_is_readable_on_a_phone(page, mexico, language, screenshot):
    """Issue 23: the chart's 11-unit text was drawn at about 6 px on a 390 px phone."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(f"/{language}/plans/mexico-2021/scorecard/")
    sizes = page.evaluate(RENDERED_FONT_SIZES)
    screenshot(page, f"scorecard-{language}-390")
    assert len(sizes) > 10
    assert min(sizes) >= 12, sorted(sizes)[:5]


# Each filter whose shown choice is wider than its box: the text is cut ("Cualquier nivel de cor").
CUT_CHOICES = """() => {
  const context = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll(".filters select")].flatMap(select => {
    const style = getComputedStyle(select);
    context.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - 16;  // the arrow
    const shown = select.options[select.selectedIndex].text;
    return context.measureText(shown).width > room ? [`${select.name}: ${shown}`] : [];
  });
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_filters_spanish_choices_are_not_cut_off(page, mexico, width):
    page.set_viewport_size({"width": width, "height": 800})
    cut = []
    for url in (
        "/es/",
        "/es/plans/mexico-2021/indicators/",
        "/es/plans/mexico-2021/critiques/",
        "/es/search/?q=mujeres",
    ):
        page.goto(url)
        cut += [f"{url}: {choice}" for choice in page.evaluate(CUT_CHOICES)]
    assert not cut, cut
