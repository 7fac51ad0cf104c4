"""`/<lang>/plans/<slug>/plan.yaml`: a plan as a plan file, published critiques only.

The same file `manage.py export_plan SLUG` writes; editors who want drafts in it use the command's
`--include-drafts`. Wrapped in `cached_page` (napwatch/urls.py) like the plan's pages: a draft
being written does not change the plan's revision, and does not show here either.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from planfiles.export import plan_file_text
from plans.models import Plan

CONTENT_TYPE = "application/yaml; charset=utf-8"  # RFC 9512


class PlanFileView(View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, slug: str):
        plan = get_object_or_404(Plan, slug=slug)
        response = HttpResponse(plan_file_text(plan).encode("utf-8"), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{plan.slug}.yaml"'
        return response
