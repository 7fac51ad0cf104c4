"""X-Forwarded-Proto and X-Forwarded-For count only from the proxies gunicorn trusts.

Both gunicorn (`forwarded_allow_ips`) and Django (`NAPWATCH_TRUSTED_PROXIES`) read the list from
FORWARDED_ALLOW_IPS. From any other address the headers are removed before SecurityMiddleware,
so a visitor reaching the app server directly over plain HTTP is redirected to HTTPS rather than
believed, and cannot choose the address login throttling counts.
"""

import runpy
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from napwatch.client_ip import client_ip
from napwatch.middleware import TrustedProxyMiddleware
from tests.production.test_deploy_check import production_env

ROOT = Path(__file__).resolve().parents[2]
UNTRUSTED = "127.0.0.2"  # a local address too, but not in the default FORWARDED_ALLOW_IPS
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def production(settings):
    """The HTTPS redirect on, as `make serve` runs (the suite itself runs with it off)."""
    settings.SECURE_SSL_REDIRECT = True
    assert not settings.DEBUG and settings.SECURE_HSTS_SECONDS


@pytest.mark.django_db
def test_an_https_header_from_an_untrusted_address_is_ignored(client, minimal_plan, production):
    response = client.get("/en/plans/testland-2024/", REMOTE_ADDR=UNTRUSTED, **HTTPS)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/plans/testland-2024/"
    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("proxy", ["127.0.0.1", "::1"])
def test_an_https_header_from_the_trusted_proxy_is_believed(
    client, minimal_plan, production, proxy
):
    response = client.get("/en/plans/testland-2024/", REMOTE_ADDR=proxy, **HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_proxies_may_be_named_by_network(client, minimal_plan, production, settings):
    settings.NAPWATCH_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client.get("/en/", REMOTE_ADDR="10.1.2.3", **HTTPS).status_code == 200
    assert client.get("/en/", REMOTE_ADDR="127.0.0.1", **HTTPS).status_code == 301


@pytest.mark.django_db
def test_healthz_still_answers_an_untrusted_address_over_plain_http(client, production):
    response = client.get("/healthz", REMOTE_ADDR=UNTRUSTED, HTTP_HOST="10.0.0.17:8000")
    assert response.status_code == 200


def through_the_middleware(remote: str, **headers):
    """The request as the views see it after TrustedProxyMiddleware."""
    seen = {}

    def view(request):
        seen["request"] = request

    TrustedProxyMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))
    return seen["request"]


def test_a_forwarded_for_from_an_untrusted_address_cannot_choose_the_throttled_address(settings):
    settings.NAPWATCH_TRUSTED_PROXY_COUNT = 1
    forged = through_the_middleware(UNTRUSTED, HTTP_X_FORWARDED_FOR="203.0.113.7", **HTTPS)
    assert "HTTP_X_FORWARDED_FOR" not in forged.META
    assert "X-Forwarded-Proto" not in forged.headers
    assert client_ip(forged) == UNTRUSTED
    proxied = through_the_middleware("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7", **HTTPS)
    assert client_ip(proxied) == "203.0.113.7"
    assert proxied.is_secure()


def test_a_star_trusts_every_address_as_gunicorn_does(settings):
    settings.NAPWATCH_TRUSTED_PROXIES = ["*"]
    assert through_the_middleware("198.51.100.9", **HTTPS).is_secure()


def test_a_bad_proxy_address_stops_the_app_at_start(settings):
    settings.NAPWATCH_TRUSTED_PROXIES = ["127.0.0.1", "proxy.internal"]
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        TrustedProxyMiddleware(lambda request: None)


def django_trusted_proxies(env: dict[str, str]) -> list[str]:
    code = "from django.conf import settings; print(','.join(settings.NAPWATCH_TRUSTED_PROXIES))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1].split(",")  # after the JSON log lines


def gunicorn_trusted_proxies(env: dict[str, str], monkeypatch) -> list[str]:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    if "FORWARDED_ALLOW_IPS" in env:
        monkeypatch.setenv("FORWARDED_ALLOW_IPS", env["FORWARDED_ALLOW_IPS"])
    config = runpy.run_path(str(ROOT / "napwatch" / "gunicorn.conf.py"))
    return [address.strip() for address in config["forwarded_allow_ips"].split(",")]


@pytest.mark.parametrize("value", [None, "", "10.0.0.2", "10.0.0.2, 192.168.0.0/16,::1"])
def test_gunicorn_and_django_read_the_same_trusted_proxies(value, monkeypatch, tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    env.pop("FORWARDED_ALLOW_IPS", None)
    if value is not None:
        env["FORWARDED_ALLOW_IPS"] = value
    assert django_trusted_proxies(env) == gunicorn_trusted_proxies(env, monkeypatch)


# --- The same through gunicorn, as `make serve` runs it --------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn with the project's config and production settings, one worker, on 127.0.0.1."""
    port = free_port()
    env = production_env(
        SECURE_SSL_REDIRECT="true",
        ALLOWED_HOSTS="napwatch.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="false",
    )
    env.pop("FORWARDED_ALLOW_IPS", None)
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn_bin, "--config", "napwatch/gunicorn.conf.py", "napwatch.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "gunicorn exited at start"
                assert time.monotonic() < deadline, "gunicorn did not start in 30 s"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def get_from(source: str, port: int, path: str):
    connection = HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    connection.request(
        "GET", path, headers={"Host": "napwatch.example.org", "X-Forwarded-Proto": "https"}
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_through_gunicorn_only_the_trusted_proxy_is_believed(gunicorn):
    path = "/static/admin-extra/markdown-preview.js"  # served without the database
    forged = get_from(UNTRUSTED, gunicorn, path)
    assert forged.status == 301
    assert forged.getheader("Location") == f"https://napwatch.example.org{path}"
    proxied = get_from("127.0.0.1", gunicorn, path)
    assert proxied.status == 200
    assert proxied.getheader("Strict-Transport-Security").startswith("max-age=31536000")
