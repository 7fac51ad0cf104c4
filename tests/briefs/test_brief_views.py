"""The brief's HTTP behaviour: options, errors, caching, conditional requests, query bounds."""

import os
import time

import pytest
from django.core.management import CommandError, call_command

from briefs import services, tasks
from briefs.content import read_brief
from briefs.options import BriefOptions
from critiques.models import Citation, Critique
from plans.models import StrategicObjective
from tests.briefs.conftest import FAKE_PDF


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("paper=a5", "Unknown paper size &#x27;a5&#x27;"),
        ("provenance=maybe", "provenance must be yes or no"),
        (
            "pillar=nope",
            "This plan has no pillar &#x27;nope&#x27;. Its pillars are: prevention, participation.",
        ),
        ("pillar=", "pillar must name a pillar"),
        ("colour=red", "Unknown option &#x27;colour&#x27;"),
    ],
)
@pytest.mark.parametrize("view", ["brief.pdf", "brief/"])
def test_it_rejects_bad_options_with_a_clear_400(
    client, minimal_plan, fake_renderer, view, query, message
):
    response = client.get(f"/en/plans/testland-2024/{view}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not fake_renderer


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/plans/no-such-plan/brief.pdf", "/en/plans/no-such-plan/brief/"]
)
def test_it_answers_404_for_an_unknown_plan(client, minimal_plan, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_repeat_request_comes_from_the_cache_with_validators(client, minimal_plan, fake_renderer):
    first = client.get("/en/plans/testland-2024/brief.pdf")
    second = client.get("/en/plans/testland-2024/brief.pdf")
    assert first.status_code == second.status_code == 200
    assert first["X-Brief-Cache"] == "miss" and second["X-Brief-Cache"] == "hit"
    assert len(fake_renderer) == 1
    assert second.content == FAKE_PDF
    assert first["ETag"] == second["ETag"] and first["Last-Modified"] == second["Last-Modified"]


@pytest.mark.django_db
def test_conditional_requests_get_304(client, minimal_plan, fake_renderer):
    first = client.get("/en/plans/testland-2024/brief.pdf")
    by_etag = client.get("/en/plans/testland-2024/brief.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(
        "/en/plans/testland-2024/brief.pdf", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    other = client.get("/en/plans/testland-2024/brief.pdf", HTTP_IF_NONE_MATCH='"something-else"')
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b"" and by_etag["ETag"] == first["ETag"]
    assert other.status_code == 200 and other.content == FAKE_PDF
    assert len(fake_renderer) == 1


def edit(model, lookup: dict, **changes):
    """Changes one row as the admin, the workflow and the loader do: with save()."""
    obj = model.objects.get(**lookup)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "edit",
    [
        lambda: edit(StrategicObjective, {"code": "PREV-O1"}, wording_en="prevent more things"),
        lambda: edit(Critique, {"key": "draft-note"}, status=Critique.Status.PUBLISHED),
        lambda: edit(Critique, {"key": "no-money"}, title="Still no money"),
        lambda: edit(Citation, {"locator": "p. 4"}, locator="p. 44"),
    ],
    ids=["objective-wording", "critique-published", "critique-title", "citation-locator"],
)
def test_any_edit_to_the_data_it_shows_renders_it_afresh(client, minimal_plan, fake_renderer, edit):
    first = client.get("/en/plans/testland-2024/brief.pdf")
    edit()
    second = client.get("/en/plans/testland-2024/brief.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["X-Brief-Cache"] == "miss"
    assert second["ETag"] != first["ETag"]
    assert len(fake_renderer) == 2


@pytest.mark.django_db
def test_an_edit_to_a_draft_it_does_not_show_keeps_the_cache(client, minimal_plan, fake_renderer):
    first = client.get("/en/plans/testland-2024/brief.pdf")
    edit(Critique, {"key": "draft-note"}, title="Still a draft")
    second = client.get("/en/plans/testland-2024/brief.pdf")
    assert second["X-Brief-Cache"] == "hit" and second["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_options_are_part_of_the_cache_key(client, minimal_plan, fake_renderer):
    a4 = client.get("/en/plans/testland-2024/brief.pdf")
    letter = client.get("/en/plans/testland-2024/brief.pdf?paper=letter")
    assert a4["ETag"] != letter["ETag"] and len(fake_renderer) == 2


@pytest.mark.django_db
def test_a_render_that_takes_too_long_gets_a_clear_503_page_and_nothing_is_kept(
    client, minimal_plan, settings, monkeypatch, request
):
    monkeypatch.setattr(tasks, "FAILURE_MEMORY", 1)  # seconds a failed render is remembered
    settings.NAPWATCH_BRIEF_TIMEOUT = 0.05
    response = client.get("/en/plans/testland-2024/brief.pdf")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "The PDF brief could not be made just now" in text
    assert "longer than 0.05 seconds" in text and "Traceback" not in text
    # Nothing is kept under the key of this very brief...
    brief = read_brief(plan_slug="testland-2024", options=BriefOptions())
    key = services.brief_key(brief.plan, brief.options)
    assert key is not None and services.cached_brief(key) is None
    # ...while the failure is remembered, asking again gives the error page without a render...
    settings.NAPWATCH_BRIEF_TIMEOUT = 30
    renders = request.getfixturevalue("fake_renderer")
    assert client.get("/en/plans/testland-2024/brief.pdf").status_code == 503 and not renders
    # ...and once it is forgotten, the brief is rendered rather than anything found kept.
    time.sleep(1.1)
    again = client.get("/en/plans/testland-2024/brief.pdf")
    assert again.status_code == 200 and again["X-Brief-Cache"] == "miss"
    assert again.content == FAKE_PDF and len(renders) == 1
    assert services.cached_brief(key).pdf == FAKE_PDF  # the key is the one the view uses


@pytest.mark.django_db
def test_a_renderer_failure_gets_a_clear_500_page_and_nothing_cached(
    client, minimal_plan, monkeypatch, tmp_path
):
    missing = tmp_path / "no-such-stylesheet.css"
    monkeypatch.setattr(services, "stylesheet_paths", lambda brief: [missing])
    response = client.get("/en/plans/testland-2024/brief.pdf")
    assert response.status_code == 500
    text = response.content.decode()
    assert "The PDF could not be rendered." in text
    assert "no-such-stylesheet" not in text and "Traceback" not in text
    again = client.get("/en/plans/testland-2024/brief.pdf")
    assert again.status_code == 500  # a failure is not cached


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["mexico", "ten-times"])
@pytest.mark.parametrize("view", ["brief.pdf", "brief/"])
def test_the_brief_reads_a_bounded_number_of_queries(
    client, mexico, make_synthetic_plan, fake_renderer, django_assert_max_num_queries, size, view
):
    """prevents an N+1: the same bound for Mexico and a plan with ten times its indicators.

    The PDF's 25 are the request's look-up of the plan and the render task's 24 (its own look-up
    and the brief's 23: 11, then 10 for "How the plan compares", scorecards/reading.py and
    scorecards/comparing.py, one of them the published replies to every assessment and to the
    critiques that are their evidence, and 2 for the published replies and the lapsed
    invitations of all its critiques at once, critiques/models/critique.py), which the immediate
    backend runs inside the request."""
    plan = mexico if size == "mexico" else make_synthetic_plan(1, indicators=100)
    if size == "ten-times":
        assert plan.indicators.count() >= 10 * mexico.indicators.count()
    with django_assert_max_num_queries(25 if view == "brief.pdf" else 24):
        response = client.get(f"/en/plans/{plan.slug}/{view}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_preview_is_the_same_document_as_html(client, minimal_plan):
    response = client.get("/en/plans/testland-2024/brief/?paper=letter")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Executive summary" in text and "Counts heads, not change" in text
    assert 'href="/en/plans/testland-2024/brief.pdf?paper=letter"' in text
    assert "<script" not in text and 'style="' not in text and "<style" not in text


@pytest.mark.django_db
def test_plan_and_pillar_pages_offer_the_pdf_brief(client, minimal_plan):
    plan_page = client.get("/en/plans/testland-2024/").content.decode()
    pillar_page = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert 'href="/en/plans/testland-2024/brief.pdf">Download PDF brief' in plan_page
    assert (
        'href="/en/plans/testland-2024/brief.pdf?pillar=prevention">Download PDF brief'
        in pillar_page
    )
    # The shared partials still render provenance and citations on the site as before.
    assert 'class="badge badge--inferred"' in pillar_page
    assert 'class="noteref"' not in pillar_page


@pytest.mark.django_db
def test_export_brief_writes_the_pdf_and_reports_progress(minimal_plan, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "testland.pdf"
    call_command(
        "export_brief",
        "testland-2024",
        "-o",
        str(out),
        "--pillar",
        "prevention",
        "--paper",
        "letter",
    )
    assert out.read_bytes().startswith(b"%PDF-")
    printed = capsys.readouterr().out
    assert "Reading testland-2024" in printed and "Rendering with WeasyPrint" in printed
    assert f"Wrote {out}" in printed
    assert [p.name for p in out.parent.iterdir()] == ["testland.pdf"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-plan"], "No plan 'no-such-plan'"),
        (["testland-2024", "--pillar", "nope"], "This plan has no pillar 'nope'"),
        (["testland-2024", "--paper", "a5"], "Unknown paper size 'a5'"),
    ],
)
def test_export_brief_fails_clearly_on_bad_input(minimal_plan, tmp_path, args, message):
    (tmp_path / "out").mkdir()
    with pytest.raises(CommandError, match=message):
        call_command("export_brief", *args, "-o", str(tmp_path / "out" / "x.pdf"))
    assert not list((tmp_path / "out").iterdir())


@pytest.mark.django_db
def test_export_brief_never_leaves_a_half_written_file(minimal_plan, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "brief.pdf"
    out.write_bytes(b"%PDF- the previous, complete brief")
    started = time.monotonic()
    with pytest.raises(CommandError, match="longer than 0.01 seconds. Nothing was written."):
        call_command("export_brief", "testland-2024", "-o", str(out), "--timeout", "0.01")
    assert time.monotonic() - started < 10
    assert out.read_bytes() == b"%PDF- the previous, complete brief"
    assert sorted(os.listdir(out.parent)) == ["brief.pdf"]


@pytest.mark.django_db
def test_readers_asking_at_once_for_an_uncached_brief_share_one_rendering(
    minimal_plan, monkeypatch
):
    """Three readers, one rendering: the others wait for it and get the same PDF."""
    import threading

    from briefs.content import read_brief
    from briefs.options import BriefOptions

    calls = []

    def slow_render(html, stylesheets, *, timeout=None, progress=None):
        calls.append(html)
        time.sleep(0.4)
        return FAKE_PDF, 1, 0, 0.0

    monkeypatch.setattr(services, "render_pdf_bytes", slow_render)
    brief = read_brief(plan_slug="testland-2024", options=BriefOptions())
    results = []
    readers = [
        threading.Thread(target=lambda: results.append(services.get_brief_pdf(brief)))
        for _ in range(3)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=10)
    assert len(calls) == 1
    assert [r.pdf for r in results] == [FAKE_PDF] * 3
    assert sorted(r.from_cache for r in results) == [False, True, True]


@pytest.mark.django_db
def test_a_reader_waiting_on_anothers_rendering_gives_up_at_the_time_limit(minimal_plan):
    from briefs.content import read_brief
    from briefs.options import BriefOptions

    brief = read_brief(plan_slug="testland-2024", options=BriefOptions())
    key = services.brief_key(brief.plan, brief.options)
    with services.rendering_lock(key, deadline=time.monotonic() + 5):
        with pytest.raises(services.BriefTimeout, match="still being rendered"):
            services.get_brief_pdf(brief, timeout=0.2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "*",  # "any representation": the PDF exists, so 304 is right, with the same validators
        'W/"{etag}"',  # a weak match counts for If-None-Match (RFC 9110)
        '"nope", "{etag}"',  # a list holding it
    ],
)
def test_if_none_match_games_get_a_304_only_for_what_they_hold(
    client, minimal_plan, fake_renderer, header
):
    first = client.get("/en/plans/testland-2024/brief.pdf")
    etag = first["ETag"].strip('"')
    response = client.get(
        "/en/plans/testland-2024/brief.pdf", HTTP_IF_NONE_MATCH=header.format(etag=etag)
    )
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == first["ETag"]
    assert len(fake_renderer) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", ['"', '""', "W/", ",,,", '"' + "a" * 10000 + '"', "\x00", '"x", *, garbage']
)
def test_malformed_if_none_match_never_errs_nor_renders_again(
    client, minimal_plan, fake_renderer, header
):
    client.get("/en/plans/testland-2024/brief.pdf")
    response = client.get("/en/plans/testland-2024/brief.pdf", HTTP_IF_NONE_MATCH=header)
    assert response.status_code in (200, 304)
    assert response.status_code == 200 or header.endswith("garbage")
    assert len(fake_renderer) == 1  # from the cache either way


@pytest.mark.django_db
def test_pillars_in_another_order_are_the_same_brief(client, minimal_plan, fake_renderer):
    first = client.get("/en/plans/testland-2024/brief.pdf?pillar=prevention&pillar=participation")
    second = client.get(
        "/en/plans/testland-2024/brief.pdf?pillar=participation,prevention&pillar=prevention"
    )
    assert first.status_code == second.status_code == 200
    assert second["X-Brief-Cache"] == "hit" and first["ETag"] == second["ETag"]
    assert len(fake_renderer) == 1
