"""The critique form's target picker shows its whole list (issue 23): the admin's form row used
to clip it to one option, so typing "instructors", ArrowDown, Enter chose a line of action
while the indicator PROT-I3 was hidden below it. Every option is visible and says its kind and
code; the keyboard chooses the option it shows as active, and the critique is saved against it."""

import pytest

from critiques.models import Critique
from tests.browser.test_editorial_review import fail_on_dialog, log_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Counts courses, not safety"


# Whether nothing above the element clips it: an ancestor that hides its overflow (the admin's
# form row) would show only the part of the list that fits in it, and scroll it, so that the
# active option may be one the editor cannot see. The page itself may scroll.
NOT_CLIPPED = """el => {
  const box = el.getBoundingClientRect();
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX === "visible" && style.overflowY === "visible") continue;
    const clip = a.getBoundingClientRect();
    if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1 || a.scrollTop !== 0) return false;
  }
  return box.height > 0;
}"""


def visible_at_its_place(page, locator) -> bool:
    """The option is inside its list's visible part, and the list is not clipped."""
    listbox = page.get_by_role("listbox")
    if not listbox.evaluate(NOT_CLIPPED):
        return False
    return locator.evaluate(
        """el => { const list = el.closest("[role=listbox]").getBoundingClientRect();
                   const box = el.getBoundingClientRect();
                   return box.top >= list.top - 1 && box.bottom <= list.bottom + 1; }"""
    )


def test_instructors_arrow_down_enter_saves_against_prot_i3(page, mexico, editor, screenshot):
    dialogs = fail_on_dialog(page)
    log_in(page, editor)
    page.goto("/admin/critiques/critique/add/")
    page.locator("#id_title_en").fill(TITLE)
    page.select_option("#id_category", "no-financing")
    page.select_option("#id_target_in_plan", label="Mexico 2021")
    picker = page.get_by_role("combobox", name="What it criticises")
    picker.focus()
    page.keyboard.type("instructors")
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    texts = [text.strip() for text in options.all_inner_texts()]
    screenshot(page, "picker-instructors-1280")
    # Every option shows its kind and code, and each can be reached where it is drawn.
    assert len(texts) >= 2, texts
    page.mouse.wheel(0, 400)  # the page scrolls, not the form row
    assert listbox.evaluate(NOT_CLIPPED), "the form row clips the list"
    for index in range(len(texts)):
        assert visible_at_its_place(page, options.nth(index)), texts[index]
    first = texts[0]
    assert first.split(" – ")[0] and "\n" in first, first
    chosen = next(i for i, text in enumerate(texts) if text.startswith("PROT-I3 – "))
    assert texts[chosen].splitlines()[-1].startswith("Indicator"), texts[chosen]

    picker.focus()
    for _down in range(chosen + 1):
        page.keyboard.press("ArrowDown")
    active = page.locator(f"#{picker.get_attribute('aria-activedescendant')}")
    assert active.inner_text().startswith("PROT-I3 – ")
    assert visible_at_its_place(page, active)
    page.keyboard.press("Enter")
    assert picker.input_value().startswith("PROT-I3 – ")
    page.locator("#id_body_en").fill("Courses are counted; whether women are safer is not.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".nw-target-panel").wait_for()
    critique = Critique.objects.get(title=TITLE)
    assert critique.target_indicator is not None
    assert critique.target_indicator.code == "PROT-I3"
    assert dialogs == []
