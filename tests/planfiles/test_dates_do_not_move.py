"""Dates that do not move: loading the fixtures on two different days gives the same publication
dates, the same citations, the same annotations and the same data-release version; a critique
drawn from the WIIS brief is dated by the brief (June 2021), not by the day of the load; and an
edit made later records its own date beside the first publication, which stays."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import timezone

from critiques.models import Critique
from indicators.models import Indicator
from opendata.annotations import annotation
from opendata.citations import for_critique, for_element, for_plan
from opendata.package import write_release
from plans.models import Plan
from scorecards.models import Assessment
from tests.conftest import load_all_fixtures
from tests.planfiles.test_export_round_trip import empty_the_database

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)
ANOTHER_DAY = datetime.datetime(2031, 8, 17, 22, 5, tzinfo=datetime.UTC)


def load_on(day: datetime.datetime) -> None:
    """The fixtures loaded as `make fixtures` loads them, with the clock at `day`."""
    with mock.patch("django.utils.timezone.now", return_value=day):
        load_all_fixtures()


def what_a_reader_cites(tmp_path) -> dict:
    """Every date a reader or a reference manager sees, from the rows just loaded."""
    request = RequestFactory().get("/")
    mexico = Plan.objects.get(slug="mexico-2021")
    critiques = Critique.objects.filter(plan=mexico).order_by("key")
    element = Indicator.objects.get(plan=mexico, code="PART-I1")
    release = write_release(tmp_path / f"release-{Plan.objects.first().pk}.zip")
    return {
        "critiques": [
            (c.key, c.first_published_on, c.first_published_precision, c.published_at, c.updated_at)
            for c in critiques
        ],
        "assessments": list(
            Assessment.objects.order_by("plan__slug", "criterion__key").values_list(
                "plan__slug", "criterion__key", "first_published_on", "published_at", "updated_at"
            )
        ),
        "plans": list(Plan.objects.order_by("slug").values_list("slug", "updated_at")),
        "critique citations": [
            for_critique(c, "https://napwatch.test/c", "https://napwatch.test/t").bibtex()
            for c in critiques
        ],
        "plan citation": for_plan(mexico, "https://napwatch.test/p").ris(),
        "element citation": for_element(element, mexico, "https://napwatch.test/e").csl(),
        "annotations": [annotation(c, request) for c in critiques],
        "release": (release.version, release.date, release.citation, release.sha256),
    }


def test_loading_the_fixtures_on_two_different_days_gives_the_same_dates(tmp_path):
    load_on(FIRST_DAY)
    first = what_a_reader_cites(tmp_path)
    empty_the_database()
    load_on(ANOTHER_DAY)
    again = what_a_reader_cites(tmp_path)

    for part, values in first.items():
        assert again[part] == values, part
    version = first["release"][0]
    assert not version.startswith(("2027-03-01", "2031-08-17")), version


def test_a_critique_from_the_brief_is_dated_by_the_brief(tmp_path):
    load_on(FIRST_DAY)
    critique = Critique.objects.get(plan__slug="mexico-2021", key="no-financing")
    assert critique.first_published_on == datetime.date(2021, 6, 1)
    assert critique.first_published_precision == "month"
    assert critique.first_published == "2021-06"
    citation = for_critique(critique, "https://napwatch.test/c", "https://napwatch.test/t")
    bibtex = citation.bibtex()
    assert "year = {2021}" in bibtex and "month = {6}" in bibtex and "date = {2021-06}" in bibtex
    assert '"issued": {\n      "date-parts": [\n        [\n          2021,\n          6\n' in (
        citation.csl()
    )
    assert ("citation_publication_date", "2021/06") in citation.meta()
    created = annotation(critique, RequestFactory().get("/"))["created"]
    assert created == "2021-06-01T00:00:00Z"


def test_the_critique_page_says_the_month_it_was_published_in_each_language(client):
    load_on(FIRST_DAY)
    url = "/{lang}/plans/mexico-2021/critiques/no-financing/"
    assert "Published in June 2021" in client.get(url.format(lang="en")).content.decode()
    spanish = client.get(url.format(lang="es")).content.decode()
    assert "Publicada en junio de 2021" in spanish
    assert "2027" not in spanish


def test_an_edit_made_later_keeps_the_first_publication_and_records_its_own_date(tmp_path):
    load_on(FIRST_DAY)
    assessment = Assessment.objects.get(plan__slug="canada-2017", criterion__key="timetable")
    assert assessment.first_published_on == datetime.date(2026, 11, 30)
    assert assessment.updated_at == datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=ANOTHER_DAY):
        assessment.rationale_en += " Edited in the admin."
        assessment.save()
    assessment.refresh_from_db()
    assert assessment.first_published_on == datetime.date(2026, 11, 30)
    assert assessment.updated_at == ANOTHER_DAY


def test_a_critique_first_published_in_the_admin_is_dated_that_day(tmp_path):
    load_on(FIRST_DAY)
    critique = Critique.objects.get(plan__slug="mexico-2021", key="no-financing")
    critique.pk = None
    critique.key = "published-later"
    critique.first_published_on = None
    critique.published_at = None
    critique.status = Critique.Status.DRAFT
    critique.save()
    with mock.patch("django.utils.timezone.now", return_value=ANOTHER_DAY):
        critique.status = Critique.Status.PUBLISHED
        critique.published_at = timezone.now()
        critique.save(update_fields=["status", "published_at"])
    critique.refresh_from_db()
    assert critique.first_published_on == ANOTHER_DAY.date()
    assert critique.first_published_precision == "day"
