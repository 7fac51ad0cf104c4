"""/data/: the current release, its checksum and citation, and the zip it names."""

from __future__ import annotations

import hashlib

from critiques.models import Critique
from opendata.release import current_release


def test_the_data_page_names_the_release_and_serves_its_zip(mexico, client):
    response = client.get("/en/data/")
    assert response.status_code == 200
    facts, _path = current_release()
    page = response.content.decode()
    cited = facts.citation.rsplit(" ", 1)[0]  # the package's own citation, less its address
    for shown in (facts.version, facts.sha256, cited, facts.file_name, "CC BY 4.0"):
        assert shown in page
    assert "data/critiques.csv" in page

    download = client.get(f"/en/data/{facts.file_name}")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == facts.sha256
    assert len(body) == facts.size
    again = client.get(f"/en/data/{facts.file_name}", HTTP_IF_NONE_MATCH=f'"{facts.sha256}"')
    assert again.status_code == 304


def test_an_old_or_unknown_release_is_404(mexico, client):
    assert client.get("/en/data/napwatch-2020-01-01-0000000000.zip").status_code == 404
    assert client.get("/en/data/..%2Fsettings.py").status_code == 404


def test_a_published_change_makes_a_new_release_and_a_draft_does_not(mexico, client):
    before, _ = current_release()
    critique = Critique.objects.published().filter(plan=mexico).order_by("key").first()
    draft = Critique.objects.create(
        plan=mexico,
        key="quiet-draft",
        title="Quiet",
        target_plan=mexico,
        category=Critique.Category.DATA_GAPS,
        body="Draft.",
    )
    assert current_release()[0] == before
    assert client.get(f"/en/data/{before.file_name}").status_code == 200
    critique.title_en = "A corrected title"
    critique.save()
    after, _ = current_release()
    assert after.version != before.version
    assert client.get(f"/en/data/{before.file_name}").status_code == 404
    assert after.version in client.get("/en/data/").content.decode()
    draft.delete()


def test_the_data_page_is_cached_bounded_and_in_spanish(
    mexico, make_synthetic_plan, client, django_assert_max_num_queries
):
    make_synthetic_plan(1, indicators=100)
    with django_assert_max_num_queries(56):  # a few per table (18), whatever the plans hold
        assert client.get("/en/data/").status_code == 200
    # A hit: every plan's token and the newest recorded release (the key of the page).
    with django_assert_max_num_queries(2):
        assert client.get("/en/data/")["X-Page-Cache"] == "hit"
    spanish = client.get("/es/data/").content.decode()
    assert "Datos abiertos" in spanish
    assert "Cómo citar" in spanish


def test_the_data_page_describes_the_release_as_a_dataset(mexico, client):
    from tests.opendata.test_citations import HeadReader

    page = client.get("/en/data/").content.decode()
    head = HeadReader()
    head.feed(page)
    facts, _path = current_release()
    (dataset,) = head.json_ld
    assert dataset["@type"] == "Dataset"
    assert dataset["version"] == facts.version
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["distribution"][0]["contentUrl"].endswith(f"/en/data/{facts.file_name}")
    assert dataset["distribution"][0]["sha256"] == facts.sha256
    assert head.meta["citation_publication_date"] == [facts.date.replace("-", "/")]
