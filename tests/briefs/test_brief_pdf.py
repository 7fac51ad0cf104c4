"""The PDF brief as a reader gets it: chapters, notes, outline, metadata, only published critiques."""

import re

import pytest
from django.db import transaction

from critiques.models import Critique
from tests.briefs.conftest import (
    IMMEDIATE,
    link_destinations,
    outline_titles,
    pdf_text,
    read_pdf,
)
from tests.conftest import load_all_fixtures

MEXICO_CHAPTERS = [
    "Cover",
    "Contents",
    "Executive summary",
    "The plan at a glance",
    "Prevention",
    "Participation",
    "Protection",
    "Relief and recovery",
    "The plan's sections",
    "The plan as a whole",
    "Missed opportunities",
    "How the plan compares",
    "Recommendations",
    "Notes",
    "Sources",
    "About this brief",
]


@pytest.fixture(scope="module")
def mexico_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """Mexico's brief, rendered once for the module; the plan is loaded and rolled back."""
    from django.test import Client, override_settings

    cache = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "briefs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path_factory.mktemp("mexico-brief-cache")),
        },
    }
    with (
        django_db_blocker.unblock(),
        override_settings(CACHES=cache, TASKS=IMMEDIATE),
        transaction.atomic(),
    ):
        load_all_fixtures()
        response = Client().get("/en/plans/mexico-2021/brief.pdf")
        published = list(
            Critique.objects.published()
            .filter(plan__slug="mexico-2021")
            .values_list("title", flat=True)
        )
        transaction.set_rollback(True)
    assert response.status_code == 200
    return response, read_pdf(response.content), published


def test_brief_is_a_valid_pdf_with_a_good_filename(mexico_pdf):
    response, reader, _published = mexico_pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mexico-2021-brief-en.pdf"'
    assert len(reader.pages) >= 10
    assert "Page 3 of" in reader.pages[2].extract_text()


def test_outline_lists_the_chapters_in_reading_order(mexico_pdf):
    _response, reader, _published = mexico_pdf
    assert outline_titles(reader) == MEXICO_CHAPTERS


def test_chapters_appear_in_the_text_in_the_same_order(mexico_pdf):
    _response, reader, _published = mexico_pdf
    # Each chapter starts a page: its first line after the running header is its heading.
    starts = [
        title
        for page in reader.pages[1:]
        for title in MEXICO_CHAPTERS
        if re.search(rf"^{re.escape(title)}$", page.extract_text() or "", re.MULTILINE)
        and title != "Cover"
    ]
    ordered = list(dict.fromkeys(starts))
    assert ordered == MEXICO_CHAPTERS[1:]


def test_metadata_is_set_and_the_pdf_is_tagged_for_accessibility(mexico_pdf):
    _response, reader, _published = mexico_pdf
    meta = reader.metadata
    assert meta.title.startswith("Mexico 2021: National Action Plan")
    assert meta.author == "napwatch"
    assert "Women, Peace and Security" in meta.subject
    assert "1325" in meta["/Keywords"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])  # a tagged PDF
    assert "/StructTreeRoot" in root
    assert "/Metadata" in root  # XMP, as PDF/UA asks
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_every_published_critique_is_in_the_brief(mexico_pdf):
    _response, reader, published = mexico_pdf
    text = " ".join(pdf_text(reader).split())
    missing = [title for title in published if " ".join(title.split()) not in text]
    assert not missing


def test_endnote_references_match_the_numbered_notes(mexico_pdf):
    _response, reader, _published = mexico_pdf
    named = set(reader.named_destinations)
    notes = sorted(int(name[5:]) for name in named if re.fullmatch(r"note-\d+", name))
    assert notes == list(range(1, len(notes) + 1)) and len(notes) > 20
    referenced = [d for d in link_destinations(reader) if d.startswith("note-")]
    # Every note is referenced from the text, in order of first reference, and no reference dangles.
    first_seen = list(dict.fromkeys(int(d[5:]) for d in referenced))
    assert first_seen == notes
    notes_page = next(
        p.extract_text()
        for p in reader.pages
        if p.extract_text().count("Notes") and "1." in p.extract_text()
    )
    assert "Philipson García" in notes_page


def test_spanish_text_keeps_its_accents(mexico_pdf):
    _response, reader, _published = mexico_pdf
    text = pdf_text(reader)
    assert "Plan Nacional de Acción" in text
    fonts = {
        str(font.get_object()["/BaseFont"]).replace("-", "")
        for page in reader.pages[:4]
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    # The brief's own fonts (Noto, shipped in static/briefs/fonts) are embedded under the
    # family names its @font-face rules give them, whatever fonts the machine has.
    assert any("BriefSerif" in name for name in fonts), fonts
    assert any("BriefSans" in name for name in fonts), fonts


@pytest.mark.django_db
def test_a_draft_critique_never_reaches_the_brief(client, minimal_plan):
    reader = read_pdf(client.get("/en/plans/testland-2024/brief.pdf").content)
    text = pdf_text(reader)
    assert "Counts heads, not change" in text
    assert "An unpublished draft" not in text
    assert "must never be public" not in text
    preview = client.get("/en/plans/testland-2024/brief/").content.decode()
    assert "Counts heads, not change" in preview and "An unpublished draft" not in preview


@pytest.mark.django_db
def test_hostile_critique_text_is_printed_as_inert_text(client, minimal_plan):
    critique = Critique.objects.get(key="training-only")
    critique.title = "<script>alert(1)</script>"
    critique.body = (
        'Raw <img src="http://127.0.0.1:9/x.png" onerror="alert(2)"> and <b onclick="x()">bold</b>'
    )
    critique.save()
    response = client.get("/en/plans/testland-2024/brief.pdf")
    text = pdf_text(read_pdf(response.content))
    assert "<script>alert(1)</script>" in text
    assert b"/JavaScript" not in response.content and b"/JS " not in response.content
    preview = client.get("/en/plans/testland-2024/brief/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview
    assert "<script>" not in preview and "onerror" not in preview and "onclick" not in preview


@pytest.mark.django_db
def test_choosing_pillars_leaves_the_others_out(client, minimal_plan):
    reader = read_pdf(client.get("/en/plans/testland-2024/brief.pdf?pillar=participation").content)
    titles = outline_titles(reader)
    assert "Participation" in titles and "Prevention" not in titles
    text = pdf_text(reader)
    assert "Participation is narrow" in text
    assert "Counts heads, not change" not in text  # a critique in the Prevention pillar
    assert "This edition covers the pillar Participation of 2." in " ".join(text.split())


@pytest.mark.django_db
def test_provenance_can_be_left_out_but_reconstructions_stay_marked(client, minimal_plan):
    with_provenance = pdf_text(read_pdf(client.get("/en/plans/testland-2024/brief.pdf").content))
    without = pdf_text(
        read_pdf(client.get("/en/plans/testland-2024/brief.pdf?provenance=no").content)
    )
    assert "Researcher (2024), p. 2" in with_provenance  # PREV-O1's provenance line
    assert "Researcher (2024), p. 2" not in without
    assert "OUR RECONSTRUCTION" in without.upper()


@pytest.mark.django_db
def test_letter_paper_is_an_option(client, minimal_plan):
    response = client.get("/en/plans/testland-2024/brief.pdf?paper=letter")
    assert response["Content-Disposition"].endswith('-letter.pdf"')
    box = read_pdf(response.content).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = read_pdf(client.get("/en/plans/testland-2024/brief.pdf").content).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
