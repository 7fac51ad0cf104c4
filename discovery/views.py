"""`/robots.txt` and `/sitemap.xml`, at the root of the site (no language prefix), where crawlers
look for them."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

from discovery.sitemaps import SITEMAPS
from toolkit.http import read_only

# Everything public may be crawled; the admin (and its editors' desk and workbench) may not, nor
# the downloads made per request from a page (`?cite=`, `format=csv`), which are the page again.
DISALLOWED = ("/admin/", "/*?cite=", "/*&cite=", "/*?format=csv", "/*&format=csv")


@read_only
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@read_only
def sitemap(request):
    return django_sitemap(request, sitemaps=SITEMAPS)
