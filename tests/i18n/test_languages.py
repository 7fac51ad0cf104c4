"""Public pages live under /en/ and /es/: redirects, links between languages, cache, formats."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.security.pages import PAGES

pytestmark = pytest.mark.django_db

PILLAR = "plans/testland-2024/pillars/prevention/"


@pytest.mark.parametrize(
    ("accept_language", "home"),
    [
        ("es", "/es/"),
        ("es-MX,es;q=0.9,en;q=0.5", "/es/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),  # no French yet: the default language
        ("", "/en/"),
    ],
)
def test_the_root_redirects_by_accept_language(client, accept_language, home):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == home
    # A shared cache must keep the redirect apart per language.
    assert "Accept-Language" in response["Vary"]


def test_old_unprefixed_links_redirect_to_the_same_page_in_the_readers_language(
    client, minimal_plan
):
    response = client.get(
        "/plans/testland-2024/indicators/?pillar=prevention&page=1",
        headers={"accept-language": "es-419,es;q=0.8"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/plans/testland-2024/indicators/?pillar=prevention&page=1"
    followed = client.get(f"/{PILLAR}", follow=True)
    assert followed.redirect_chain == [(f"/en/{PILLAR}", 302)]
    assert followed.status_code == 200


def test_a_language_cookie_wins_over_accept_language(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/es/"


def test_the_url_decides_the_language_whatever_the_browser_says(client, minimal_plan):
    page = client.get(f"/es/{PILLAR}", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="es">' in page
    assert "Objetivos estratégicos, líneas de acción e indicadores" in page


def test_admin_and_healthz_have_no_language_prefix(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/es/healthz").status_code in (301, 302, 404)
    login = client.get("/admin/login/", headers={"accept-language": "es"})
    assert login.status_code == 200
    assert '<html lang="es"' in login.content.decode()
    assert "Iniciar sesión" in login.content.decode()  # Django's own Spanish
    assert "edición de napwatch" in login.content.decode()  # ours
    english = client.get("/admin/login/", headers={"accept-language": "en"}).content.decode()
    assert "Log in" in english and "napwatch editing" in english
    assert client.get("/es/admin/").status_code == 404


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_public_page_says_its_language_and_links_to_the_others(
    client, minimal_plan, language, settings
):
    other = {"en": "es", "es": "en"}[language]
    urls = [path for _name, path in PAGES]
    urls += ["/en/plans/testland-2024/indicators/?pillar=prevention&critiqued=yes"]
    for url in urls:
        url = url.replace("/en/", f"/{language}/", 1)
        page = client.get(url).content.decode()
        assert f'<html lang="{language}">' in page, url
        rest = url.removeprefix(f"/{language}")
        escaped = rest.replace("&", "&amp;")
        # The brief's preview is made outside the request (and cached with the PDF's key), so
        # its links use the site's public address.
        host = settings.NAPWATCH_SITE_URL.rstrip("/") if "/brief/" in url else "http://testserver"
        for code in ("en", "es"):
            assert (
                f'<link rel="alternate" hreflang="{code}" href="{host}/{code}{escaped}">' in page
            ), url
        assert f'<link rel="alternate" hreflang="x-default" href="{host}{escaped}">' in page, url
        # The switch: a plain link to the same path and query in the other language.
        assert re.search(
            rf'<a class="language-switch" href="/{other}{re.escape(escaped)}" hreflang="{other}" '
            rf'lang="{other}">(English|Español)</a>',
            page,
        ), url


def test_the_switch_names_each_language_in_itself(client, minimal_plan):
    assert ">Español</a>" in client.get(f"/en/{PILLAR}").content.decode()
    assert ">English</a>" in client.get(f"/es/{PILLAR}").content.decode()


def test_links_and_reverse_carry_the_active_language(minimal_plan):
    with translation.override("es"):
        assert reverse("plans:list") == "/es/"
        assert minimal_plan.get_absolute_url() == "/es/plans/testland-2024/"
    with translation.override("en"):
        assert minimal_plan.get_absolute_url() == "/en/plans/testland-2024/"


def test_the_page_cache_keeps_each_language_apart(client, minimal_plan):
    """Cached pages are keyed on the absolute URL, so /es/ never gets the English page."""
    for first, second in [("en", "es"), ("es", "en")]:
        from django.core.cache import caches

        caches["pages"].clear()
        made = client.get(f"/{first}/{PILLAR}")
        assert made["X-Page-Cache"] == "miss"
        other = client.get(f"/{second}/{PILLAR}")
        assert other["X-Page-Cache"] == "miss", "the other language is made, not taken"
        assert f'<html lang="{second}">' in other.content.decode()
        again = client.get(f"/{second}/{PILLAR}", headers={"accept-language": first})
        assert again["X-Page-Cache"] == "hit"
        assert again.content == other.content
        assert again["Content-Language"] == second
        assert again["ETag"] != made["ETag"]
        # A browser holding one language's ETag gets the other language, not a 304.
        crossed = client.get(f"/{second}/{PILLAR}", headers={"if-none-match": made["ETag"]})
        assert crossed.status_code == 200


def test_the_site_pages_are_cached_per_language_too(client, minimal_plan):
    english = client.get("/en/search/?q=people")
    spanish = client.get("/es/search/?q=people")
    assert spanish["X-Page-Cache"] == "miss"
    assert "Buscar" in spanish.content.decode() and "Buscar" not in english.content.decode()
    assert client.get("/es/search/?q=people")["X-Page-Cache"] == "hit"


def test_dates_follow_the_readers_language(client, mexico):
    english = client.get("/en/plans/mexico-2021/").content.decode()
    spanish = client.get("/es/plans/mexico-2021/").content.decode()
    assert "<dd>11 January 2021</dd>" in english
    assert "<dd>11 de enero de 2021</dd>" in spanish


def test_the_csv_header_row_follows_the_page_language(client, mexico):
    response = client.get("/es/plans/mexico-2021/indicators/?format=csv&pillar=participation")
    assert response.content.startswith("\ufeff".encode())
    assert "-indicators-filtered-es-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["código", "pilar", "objetivo", "línea de acción"]
    # One language per header: no English (or code-like) column names among the Spanish.
    assert rows[0][4:6] == ["redacción en inglés", "redacción en el idioma del plan"]
    assert not any("_" in name or name.endswith("_en") for name in rows[0]), rows[0]
    assert rows[0][-1] == "url"
    assert all(row[-1].startswith("http://testserver/es/plans/mexico-2021/") for row in rows[1:])
    assert {row[11] for row in rows[1:]} <= {"verbatim", "quoted", "described", "inferred"}


def test_filter_forms_and_their_errors_are_in_spanish(client, mexico):
    page = client.get("/es/plans/mexico-2021/indicators/?pillar=nope").content.decode()
    assert "No se entendieron algunos filtros" in page
    assert "Escoja una opción válida" in page  # Django's own message, in Spanish
    assert "Cualquier pilar" in page and "Pilar (descendente)" in page


def test_search_errors_are_in_spanish(client, db):
    page = client.get("/es/search/?q=" + "x" * 201)
    assert page.status_code == 400
    assert "La búsqueda es demasiado larga" in page.content.decode()


def test_error_pages_are_in_the_language_of_the_address(client, db):
    page = client.get("/es/plans/no-such-plan/")
    assert page.status_code == 404
    assert "No encontramos esa página" in page.content.decode()
    assert '<html lang="es">' in page.content.decode()


def test_a_malformed_address_is_refused_in_its_language(client, db):
    """Refused before LocaleMiddleware runs, yet in the language of the address's prefix."""
    spanish = client.get("/es/search/?q=a%00b")
    assert spanish.status_code == 400
    assert "la dirección contiene un carácter NUL" in spanish.content.decode()
    english = client.get("/en/search/?q=a%00b")
    assert "the address contains a NUL character" in english.content.decode()
