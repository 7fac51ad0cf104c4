"""Login throttling sees the visitor's address, not the proxy's, and cannot be fooled by it."""

from django.test import RequestFactory

from napwatch.client_ip import client_ip


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/admin/login/", **extra)


def test_without_trusted_proxies_the_connection_address_counts(settings):
    settings.NAPWATCH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("10.0.0.9", "203.0.113.7")) == "10.0.0.9"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.NAPWATCH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.9", "203.0.113.7")) == "203.0.113.7"


def test_a_forged_forwarded_for_entry_is_ignored(settings):
    settings.NAPWATCH_TRUSTED_PROXY_COUNT = 1
    # The visitor sends "1.2.3.4" themselves; the proxy appends the real address.
    assert client_ip(request("10.0.0.9", "1.2.3.4, 198.51.100.23")) == "198.51.100.23"


def test_a_missing_header_falls_back_to_the_connection(settings):
    settings.NAPWATCH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.9", "198.51.100.23")) == "10.0.0.9"
