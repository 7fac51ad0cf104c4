"""napwatch's notes in plan files (issue 22): a provenance note, an element's or a source's note
and a source's [bracketed] title are written in English and may carry their translations
(`{en: …, es: …}`); a pillar may carry napwatch's rendering of its name (`name.rendered`). The
loader refuses what would let our words pass for a source's, and the export writes back what it
read."""

from __future__ import annotations

import pytest
import yaml
from django.utils import translation

from planfiles.export import export_plan, plan_file_text
from plans.models import Pillar, Plan, Source, StrategicObjective
from tests.plans.loading import broken, load_error, run_load

pytestmark = pytest.mark.django_db


def test_a_source_s_own_title_is_never_translated(tmp_path):
    path = broken(
        tmp_path,
        'title: "A Test Brief"',
        'title: {en: "A Test Brief", es: "Un informe de prueba"}',
    )
    error = load_error(path)
    assert "only a title in [square brackets]" in error
    assert "sources[0]" in error


def test_a_bracketed_title_and_its_note_load_in_both_languages(tmp_path):
    path = broken(
        tmp_path,
        '    title: "A Test Brief"\n',
        '    title: {en: "[A test page]", es: "[Una página de prueba]"}\n'
        '    note: {en: "Bracketed title is ours.", es: "El título entre corchetes es nuestro."}\n',
    )
    run_load(path)
    source = Source.objects.get(key="test-brief")
    assert (source.title_en, source.title_es) == ("[A test page]", "[Una página de prueba]")
    assert source.note_es == "El título entre corchetes es nuestro."
    with translation.override("es"):
        assert "[Una página de prueba]" in source.citation()


def test_a_note_only_in_spanish_is_refused(tmp_path):
    path = broken(
        tmp_path,
        'provenance: {source: test-brief, locator: "p. 1", confidence: described}',
        'provenance: {source: test-brief, locator: "p. 1", confidence: described, '
        'note: {es: "Solo en español."}}',
    )
    error = load_error(path)
    assert "no text in 'en', the language napwatch's notes are written in" in error
    assert "plan.provenance.note" in error


def test_a_rendering_of_a_pillar_name_into_english_is_refused(tmp_path):
    path = broken(
        tmp_path, "name: {en: Participation}", "name: {en: Participation, rendered: {en: Part}}"
    )
    assert "'rendered' gives a name in 'en'" in load_error(path)


def test_notes_and_renderings_load_and_export_as_written(tmp_path):
    path = broken(
        tmp_path,
        "name: {en: Participation}\n      provenance: {source: test-brief, confidence: quoted}",
        'name: {en: Participation, rendered: {es: "Participación (nuestra)"}}\n'
        "      provenance: {source: test-brief, confidence: quoted, "
        'note: {en: "Our note.", es: "Nuestra nota."}}',
    )
    run_load(path)
    pillar = Pillar.objects.get(slug="participation")
    assert pillar.name_rendered_es == "Participación (nuestra)"
    assert (pillar.provenance_note_en, pillar.provenance_note_es) == ("Our note.", "Nuestra nota.")

    plan = Plan.objects.get(slug="testland-2024")
    exported = export_plan(plan)
    participation = exported["plan"]["pillars"][1]
    assert participation["name"]["rendered"] == {"es": "Participación (nuestra)"}
    assert participation["provenance"]["note"] == {"en": "Our note.", "es": "Nuestra nota."}
    # a note in English alone is written as plain text, as the files write it
    StrategicObjective.objects.filter(code="PREV-O1").update(provenance_note_en="Only English.")
    objective = export_plan(plan)["plan"]["pillars"][0]["objectives"][0]
    assert objective["provenance"]["note"] == "Only English."

    # and the text a file holds loads back to the same rows and the same text
    text = plan_file_text(plan)
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")
    run_load(again)
    assert plan_file_text(Plan.objects.get(slug="testland-2024")) == text
    assert yaml.safe_load(text)["plan"]["pillars"][1]["provenance"]["note"]["es"] == (
        "Nuestra nota."
    )


def test_the_admin_refuses_a_translation_of_a_source_s_own_title():
    from django.core.exceptions import ValidationError

    own = Source(key="a-report", kind="report", title_en="A Report", title_es="Un informe")
    with pytest.raises(ValidationError, match=r"Only a title in \[square brackets\]"):
        own.full_clean()
    ours = Source(key="a-page", kind="other", title_en="[A page]", title_es="[Una página]")
    ours.full_clean()
