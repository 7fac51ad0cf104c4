"""Hostile text in every field an editor or a plan file can fill: escaped or sanitised everywhere."""

from html.parser import HTMLParser

import pytest

from critiques import services
from critiques.models import Citation, Critique
from indicators.models import Indicator
from plans.models import Pillar, Source

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x1")</script>',
    "<img src=x onerror=alert('x2')>",
    '<a href="javascript:alert(3)">x3</a>',
    "<svg/onload=alert(4)><script>alert(4)</script></svg>",
    '"><iframe src="javascript:alert(5)"></iframe>',
    "</div></section></main></article><h1>x6 broke the layout</h1>",
]
PAYLOAD = " ".join(HOSTILE)


class _Scanner(HTMLParser):
    """Collects what a browser would run or a reader would see as structure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._tag = ""
        self._data_block = False  # a JSON-LD block: data, never run, but must not close itself

    def handle_starttag(self, tag, attrs):
        self._tag = tag
        self._data_block = tag == "script" and ("type", "application/ld+json") in attrs
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "svg", "img") and any("alert" in (v or "") for _n, v in attrs):
            self.problems.append(f"<{tag}> from user text")

    def handle_data(self, data):
        if self._tag == "script" and self._data_block:
            if "<" in data or ">" in data:  # user text could end the block and start a script
                self.problems.append(f"<script type=application/ld+json> with markup: {data[:40]}")
        elif self._tag == "script" and "alert" in data:
            self.problems.append(f"<script>{data[:40]}")
        if self._tag == "h1" and data.strip().startswith("x6 broke"):
            self.problems.append("<h1> from user text")


def assert_harmless(html: str, where: str) -> None:
    scanner = _Scanner()
    scanner.feed(html)
    assert scanner.problems == [], f"{where}: {scanner.problems}"


@pytest.fixture
def hostile_plan(minimal_plan, editor, reviewer):
    """The minimal plan with hostile text in every plain-text field and in a critique body."""
    source = Source.objects.get(key="test-brief")
    source.title = f"Brief {PAYLOAD}"
    source.save()
    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    pillar.name_en = f"Prevention {HOSTILE[0]} {HOSTILE[1]} {HOSTILE[5]}"[:200]  # max_length 200
    pillar.summary = PAYLOAD
    pillar.save()
    indicator = Indicator.objects.get(plan=minimal_plan, code="PREV-I1")
    indicator.wording_en = f"people trained {PAYLOAD}"
    indicator.target = PAYLOAD
    indicator.provenance_note = PAYLOAD
    indicator.source_locator = "p. 2 " + HOSTILE[0]
    indicator.save()
    critique = Critique(
        key="hostile",
        title=f"Hostile {PAYLOAD}",
        target_indicator=indicator,
        category="vague-indicator",
        body=f"**Body** {PAYLOAD}\n\n[click](javascript:alert(7)) <b onclick=alert(8)>b</b>",
        remedy=f"Remedy {PAYLOAD}",
    )
    services.save_critique(critique=critique, user=editor)
    Citation.objects.create(
        critique=critique, source=source, locator=f"p. {HOSTILE[1]}", quote=PAYLOAD, order=1
    )
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)
    return minimal_plan


def test_the_stored_body_html_keeps_the_text_and_drops_the_code(hostile_plan):
    html = Critique.objects.get(key="hostile").body_html
    assert "<strong>Body</strong>" in html
    assert_harmless(html, "body_html")
    assert "onclick" not in html and "javascript:" not in html


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/en/plans/testland-2024/", "Brief &lt;script&gt;"),
        ("/en/plans/testland-2024/pillars/prevention/", "Hostile &lt;script&gt;"),
        ("/en/plans/testland-2024/critiques/", "Hostile &lt;script&gt;"),
        ("/en/plans/testland-2024/indicators/", "people trained &lt;script&gt;"),
        ("/en/search/?q=Hostile", "&lt;script&gt;"),
        ("/en/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", ""),
    ],
    ids=["plan", "pillar", "critiques", "indicators", "search", "search-query"],
)
def test_public_pages_show_hostile_text_as_text(client, hostile_plan, url, shown):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_harmless(html, url)
    assert shown in html  # the text is there, as text


def admin_urls(plan) -> list[str]:
    critique = Critique.objects.get(key="hostile")
    indicator = Indicator.objects.get(plan=plan, code="PREV-I1")
    pillar = Pillar.objects.get(plan=plan, slug="prevention")
    return [
        "/admin/critiques/critique/",
        "/admin/critiques/critique/?q=Hostile",
        f"/admin/critiques/critique/{critique.pk}/change/",
        f"/admin/critiques/critique/{critique.pk}/history/",
        f"/admin/critiques/critique/{critique.pk}/delete/",
        f"/admin/indicators/indicator/{indicator.pk}/change/",
        f"/admin/plans/pillar/{pillar.pk}/change/",
        "/admin/plans/source/",
        "/admin/indicators/indicator/",
    ]


def test_admin_pages_show_hostile_text_as_text(client, hostile_plan, reviewer):
    client.force_login(reviewer)
    for url in admin_urls(hostile_plan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_harmless(response.content.decode(), url)


def test_the_preview_endpoint_sanitises_like_the_save(client, editor):
    client.force_login(editor)
    response = client.post("/admin/critiques/critique/preview/", {"body": PAYLOAD + " **ok**"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "<strong>ok</strong>" in html
    assert_harmless(html, "preview")


def test_the_preview_refuses_bad_requests_clearly(client, editor, maintainer):
    client.force_login(editor)
    assert client.get("/admin/critiques/critique/preview/").status_code == 400
    too_long = client.post("/admin/critiques/critique/preview/", {"body": "x" * 50_001})
    assert too_long.status_code == 400 and "longer than" in too_long.json()["error"]
    client.force_login(maintainer)
    assert client.post("/admin/critiques/critique/preview/", {"body": "x"}).status_code == 403


@pytest.mark.parametrize("payload", HOSTILE)
def test_the_check_itself_catches_each_payload_unescaped(payload):
    """Guards the guard: every hostile input, if it reached a page raw, would fail the tests."""
    with pytest.raises(AssertionError):
        assert_harmless(f"<main><p>{payload}</p></main>", "raw")
