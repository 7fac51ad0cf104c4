"""Pages of a stable order, with absolute `next`/`previous` links; bad paging is a 400, not silence.

`page` is a whole number from 1 (a page past the end is a 404, as on the HTML pages);
`page_size` a whole number from 1 to NAPWATCH_API_MAX_PAGE_SIZE. Anything else (`page=0`,
`page=two`, `page_size=1000`) answers 400 naming the parameter: a client asking for 1000 rows is
told, rather than silently given 100.
"""

from __future__ import annotations

import re

from django.conf import settings
from rest_framework.pagination import PageNumberPagination

from api.errors import InvalidParameters

WHOLE_NUMBER = re.compile(r"^[0-9]{1,9}$")


def whole_number(request, name: str, *, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not WHOLE_NUMBER.match(raw) or int(raw) < 1:
        raise InvalidParameters({name: [f"Give a whole number from 1; got {raw[:40]!r}."]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise InvalidParameters({name: [f"At most {maximum} rows a page; got {value}."]})
    return value


class StrictPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return settings.NAPWATCH_API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return whole_number(
            request, self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )

    def paginate_queryset(self, queryset, request, view=None):
        whole_number(request, self.page_query_param, default=1)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["count", "next", "previous", "results"]
        return described

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
                parameter["description"] = (
                    f"Rows a page, 1 to {self.max_page_size} (default {self.page_size}); "
                    "more is a 400."
                )
        return parameters
