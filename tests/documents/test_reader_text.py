"""The text stored is what a reader types: ligatures spelled out, a word hyphenated at a line's
end whole, TeX's separately drawn accents on their letters, a footnote's number apart from its
first word; what the page shows is kept beside it where it differs."""

from documents.extraction import read_pages
from tests.documents import builders


def test_a_hyphenated_word_is_stored_whole_and_shown_as_printed(nap_pdf):
    pages = {p.label: p for p in read_pages(nap_pdf, format="pdf")}
    first = pages["i"]
    assert "perspectiva de género" in first.text
    assert "perspecti\u2010\nva" in first.shown_text  # as the page prints it
    assert "\u2010\n" not in first.text


def test_tex_accents_go_on_their_letters_and_footnote_numbers_stand_apart():
    [page] = read_pages(builders.raw_pdf(builders.TEX_LIKE), format="pdf")
    assert page.text.splitlines() == ["Fundición de tipos", "1 Nota al pie"]


def test_ligatures_are_spelled_out_and_kept_for_display():
    data = "La o\ufb01cina de plani\ufb01cación y el \ufb02ujo de información.".encode()
    [page] = read_pages(data, format="text")
    assert page.text == "La oficina de planificación y el flujo de información."
    assert page.shown_text == data.decode()
