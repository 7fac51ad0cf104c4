"""`/<lang>/data/`: the current data release; `/data/<file>.zip`: the release itself."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from opendata.package import LICENSE, LICENSE_NOTE, TITLE
from opendata.release import current_release
from opendata.tables import TABLES


class DataView(TemplateView):
    template_name = "opendata/data.html"

    def get_context_data(self, **kwargs):
        facts, _path = current_release()
        rows = {table.name: table.rows for table in facts.tables}
        return super().get_context_data(
            release=facts,
            title=TITLE,
            license=LICENSE,
            license_note=LICENSE_NOTE,
            tables=[(table, rows.get(table.name, 0)) for table in TABLES],
            **kwargs,
        )


class DataDownloadView(View):
    """The current release's zip. An older version's name answers 404: only the current data
    is served (a paper that cites a version names its checksum)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, file_name: str):
        facts, path = current_release()
        if file_name != facts.file_name:
            raise Http404("not the current release")
        etag = f'"{facts.sha256}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = FileResponse(path.open("rb"), as_attachment=True, filename=facts.file_name)
            response["Content-Type"] = "application/zip"
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        return response
