"""The indicators table: filters in the query string, sorting, pages, CSV of exactly those rows."""

import csv
import io
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.utils import timezone

from critiques.models import Critique
from indicators.models import Indicator

URL = "/en/plans/mexico-2021/indicators/"


class _TableAndLinks(HTMLParser):
    """The table's rows as (code, published critique count) and the pagination links by rel."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.links: dict[str, str] = {}
        self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("rel") in ("next", "prev"):
            self.links[attrs["rel"]] = attrs["href"]
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("th", "td") and self._in_body:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parsed(response) -> _TableAndLinks:
    parser = _TableAndLinks()
    parser.feed(response.content.decode())
    return parser


def codes_in(response) -> list[str]:
    """The indicator code heading each row of the table, in order."""
    return [cells[0] for cells in parsed(response).rows]


def rows_with_counts(response) -> list[tuple[str, int]]:
    """(code, the published critique count shown in the last column) of each row, in order."""
    return [(cells[0], int(cells[-1])) for cells in parsed(response).rows]


def pagination_link(response, rel: str) -> str | None:
    """The absolute path of the page's "next" or "previous" link, as a browser resolves it."""
    href = parsed(response).links.get(rel)
    return urljoin(response.wsgi_request.get_full_path(), href) if href is not None else None


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_it_lists_every_indicator_of_the_plan_in_plan_order(client, mexico):
    response = client.get(URL)
    assert response.status_code == 200
    codes = codes_in(response)
    assert len(codes) == 10
    assert codes[0] == "PART-I1" and codes[-1] == "RR-I1"


@pytest.mark.django_db
def test_it_filters_by_pillar_and_whether_critiqued(client, mexico):
    codes = codes_in(client.get(URL, {"pillar": "protection"}))
    assert codes == ["PROT-I1", "PROT-I2", "PROT-I3", "PROT-I4"]
    critiqued = codes_in(client.get(URL, {"critiqued": "yes"}))
    uncritiqued = codes_in(client.get(URL, {"critiqued": "no"}))
    assert set(critiqued) | set(uncritiqued) == set(codes_in(client.get(URL)))
    assert not set(critiqued) & set(uncritiqued)
    assert "PART-I3" in critiqued


@pytest.mark.django_db
def test_it_filters_by_free_text_objective_confidence_agency_and_category(client, mexico):
    assert codes_in(client.get(URL, {"q": "peacekeeping"})) == ["PART-I1", "PART-I2"]
    assert set(codes_in(client.get(URL, {"objective": "PROT-O1"}))) == {
        "PROT-I1",
        "PROT-I2",
        "PROT-I3",
        "PROT-I4",
    }
    described = codes_in(client.get(URL, {"confidence": "described"}))
    assert set(described) == {"PART-I1", "PART-I2", "RR-I1"}
    assert "INMUJERES" in client.get(URL, {"agency": "INMUJERES"}).content.decode()
    assert codes_in(client.get(URL, {"agency": "INMUJERES"})) == ["PART-I4"]
    vague = codes_in(client.get(URL, {"category": "vague-indicator"}))
    assert vague == ["PART-I3", "PART-I4", "PART-I5", "RR-I1"]
    assert codes_in(client.get(URL, {"category": "training-only"})) == []


@pytest.mark.django_db
def test_it_sorts_by_code_descending(client, mexico):
    codes = codes_in(client.get(URL, {"ordering": "-code"}))
    assert len(codes) == 10
    assert codes == sorted(codes, reverse=True)


# Mexico's indicators with a published critique (one each) and those without: sorting by the
# count puts one group before the other, and within a group orders by code (same direction).
CRITIQUED_ONCE = ["PART-I1", "PART-I3", "PART-I4", "PART-I5", "RR-I1"]
NOT_CRITIQUED = ["PART-I2", "PROT-I1", "PROT-I2", "PROT-I3", "PROT-I4"]


@pytest.mark.django_db
def test_it_sorts_by_published_critique_count_then_by_code(client, mexico):
    most_first = rows_with_counts(client.get(URL, {"ordering": "-critiques"}))
    assert most_first == [(code, 1) for code in reversed(CRITIQUED_ONCE)] + [
        (code, 0) for code in reversed(NOT_CRITIQUED)
    ]
    fewest_first = rows_with_counts(client.get(URL, {"ordering": "critiques"}))
    assert fewest_first == [(code, 0) for code in NOT_CRITIQUED] + [
        (code, 1) for code in CRITIQUED_ONCE
    ]
    # The counts shown are the published critiques of each indicator.
    for code, count in most_first:
        published = Critique.objects.published().filter(target_indicator__code=code)
        assert published.filter(plan=mexico).count() == count, code


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"pillar": "no-such-pillar"}, {"ordering": "wording; drop table"}, {"critiqued": "maybe"}],
)
def test_invalid_filters_show_the_error_and_the_unfiltered_list(client, mexico, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Some filters were not understood" in text
    assert "Select a valid choice" in text
    assert len(codes_in(response)) == 10


@pytest.mark.django_db
def test_invalid_filters_refuse_a_csv_with_a_400_naming_the_filter(client, mexico):
    response = client.get(URL, {"pillar": "nope", "format": "csv"})
    assert response.status_code == 400
    assert b"pillar" in response.content


@pytest.mark.django_db
def test_filter_state_lives_in_the_query_string_of_sort_and_csv_links(client, mexico):
    text = client.get(URL, {"pillar": "participation", "critiqued": "yes"}).content.decode()
    assert "?pillar=participation&amp;critiqued=yes&amp;ordering=code" in text
    assert "pillar=participation&amp;critiqued=yes&amp;format=csv" in text


@pytest.mark.django_db
def test_csv_has_exactly_the_filtered_rows_and_the_documented_columns(client, mexico):
    page_codes = codes_in(client.get(URL, {"pillar": "participation", "ordering": "-code"}))
    response = client.get(URL, {"pillar": "participation", "ordering": "-code", "format": "csv"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="napwatch-mexico-2021-indicators-filtered-en-{today}.csv"'
    )
    unfiltered = client.get(URL, {"format": "csv"})["Content-Disposition"]
    assert unfiltered.endswith(f'filename="napwatch-mexico-2021-indicators-en-{today}.csv"')
    rows = csv_rows(response)
    assert [row["code"] for row in rows] == page_codes
    assert list(rows[0]) == [
        "code",
        "pillar",
        "objective",
        "line of action",
        "wording in English",
        "wording in the plan's language",
        "unit",
        "baseline",
        "target",
        "timeframe",
        "means of verification",
        "confidence",
        "source",
        "locator",
        "agencies",
        "published critique count",
        "url",
    ]
    first = next(row for row in rows if row["code"] == "PART-I3")
    assert first["pillar"] == "Participation"
    assert first["url"] == "http://testserver/en/plans/mexico-2021/pillars/participation/#PART-I3"
    assert first["published critique count"] == "1"


@pytest.mark.django_db
def test_it_keeps_filters_and_ordering_on_the_next_page(client, make_synthetic_plan):
    plan = make_synthetic_plan(1, indicators=120)
    url = f"/en/plans/{plan.slug}/indicators/"
    critiqued = sorted(
        Indicator.objects.filter(plan=plan, critiques__status=Critique.Status.PUBLISHED)
        .distinct()
        .values_list("code", flat=True),
        reverse=True,
    )
    assert 50 < len(critiqued) < 120  # two pages, and the filter leaves indicators out

    first = client.get(url, {"critiqued": "yes", "ordering": "-code"})
    assert f"Showing 1–50 of {len(critiqued)} indicators" in first.content.decode()
    assert pagination_link(first, "prev") is None
    next_url = pagination_link(first, "next")
    assert next_url.startswith(url)
    assert query_of(next_url) == {"critiqued": ["yes"], "ordering": ["-code"], "page": ["2"]}

    second = client.get(next_url)
    assert second.status_code == 200
    text = second.content.decode()
    assert f"Showing 51–{len(critiqued)} of {len(critiqued)} indicators" in text
    assert codes_in(first) + codes_in(second) == critiqued
    assert pagination_link(second, "next") is None
    back = pagination_link(second, "prev")
    assert query_of(back) == {"critiqued": ["yes"], "ordering": ["-code"], "page": ["1"]}
    assert codes_in(client.get(back)) == codes_in(first)


@pytest.mark.django_db
def test_pages_past_the_end_answer_404_and_one_page_has_no_page_links(client, make_synthetic_plan):
    plan = make_synthetic_plan(1, indicators=120)
    url = f"/en/plans/{plan.slug}/indicators/"
    one_page = client.get(url, {"pillar": "prevention", "ordering": "code"})
    assert one_page.status_code == 200
    assert len(codes_in(one_page)) == 32
    assert pagination_link(one_page, "next") is None
    whole = client.get(url)
    assert "Showing 1–50 of 120 indicators" in whole.content.decode()
    assert query_of(pagination_link(whole, "next")) == {"page": ["2"]}
    assert client.get(url, {"page": 3}).status_code == 200
    assert client.get(url, {"page": 4}).status_code == 404
    assert client.get(url, {"page": "abc"}).status_code == 404
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert len(rows) == 120  # the CSV is every filtered row, not one page


@pytest.mark.django_db
def test_only_published_critiques_count_in_the_table_and_the_csv(client, minimal_plan):
    url = "/en/plans/testland-2024/indicators/"
    # PREV-I1 has one published critique and one draft.
    assert ">1</a>" in client.get(url).content.decode()
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert rows[0]["published critique count"] == "1"
    assert (
        client.get(url, {"category": "data-gaps"}).content.decode().count('<th scope="row">') == 0
    )  # the only data-gaps critique is a draft
    text = client.get(url).content.decode()
    assert "An unpublished draft" not in text and "must never be public" not in text


@pytest.mark.django_db
def test_unknown_plan_answers_404(client, minimal_plan):
    assert client.get("/en/plans/nope/indicators/").status_code == 404
    assert client.get("/en/plans/nope/indicators/?format=csv").status_code == 404


@pytest.mark.django_db
def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused(client, minimal_plan):
    from indicators.models import Indicator

    Indicator.objects.filter(code="PREV-I1").update(
        wording_en='=HYPERLINK("http://evil.example","click")', baseline="+1", target="@SUM(A1)"
    )
    response = client.get("/en/plans/testland-2024/indicators/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    row = rows[1]
    assert row[4] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[7] == "'+1" and row[8] == "'@SUM(A1)"
    assert row[0] == "PREV-I1"
