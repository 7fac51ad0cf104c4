"""What the OpenAPI document says of the query parameters whose values are not free text, and
how the server keeps to it (issue 25: schemathesis with all its checks).

- Filters whose values are names the data holds (a plan's pillars, objectives and agencies; the
  plans' countries, regions and years) are documented by their shape, a `pattern`, not as an enum:
  the names change with the data, and a client generated from the document should not go stale
  when a plan is added. A value of that shape that names nothing answers 404 ("no such pillar in
  this plan"), as an unknown plan in the path does; a value of another shape answers 400.
- A filter given empty (`?year=`) is a 400: no documented value is empty (the HTML forms send
  empty selects, and the pages read them as "any"; the API asks to leave the filter out).
- `severity` is an integer enum (the FilterSet offers its choices as strings).
- `page` has the largest number the server reads (a larger one is a 400; a page past the end is a
  404); `q` is at most 200 characters as sent (api/views.py counts before the form strips
  spaces), and search's `q` holds something besides spaces (an empty `q` is a 400).
- No text parameter, in the path or the query, may hold NUL (a 400 before any view): every free
  text is documented with a pattern that says so.

`document_parameters` is a drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS).
"""

from __future__ import annotations

import re

from critiques.models import Critique

SLUG = r"^[-a-zA-Z0-9_]+$"
CODE = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$"
# No control character; no space at either end.
NAME = r"^[^\s\x00-\x1f\x7f]([^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$"
# Any text but NUL, which no address may hold (napwatch.middleware: a 400 before any view)
TEXT = r"^[^\x00]*$"
# Search's words: something besides spaces (the form strips them; nothing left is a 400)
WORDS = r"^[^\x00]*[^\s\x00][^\x00]*$"
LOOKUPS = {
    "pillar": (SLUG, "A pillar's slug. One this plan does not have is a 404."),
    "objective": (CODE, "A strategic objective's code. One this plan does not have is a 404."),
    "agency": (CODE, "An agency's acronym. One this plan does not name is a 404."),
    "country": (NAME, "A country. One no plan is from is a 404."),
    "region": (NAME, "A region. One no plan is from is a 404."),
    "year": (r"^[0-9]{4}$", "A year. One in which no plan was adopted is a 404."),
}
PAGE_MAX = 999_999_999  # api/pagination.py reads at most nine digits
TEXT_MAX = 200  # the FilterSets' and the search form's max_length


def names_nothing(name: str, values: list[str]) -> bool:
    """Whether a refused value of filter `name` is of the documented shape (so it names nothing
    that exists: a 404), rather than malformed (a 400)."""
    if name not in LOOKUPS:
        return False
    pattern = re.compile(LOOKUPS[name][0])
    return bool(values) and all(pattern.search(value) for value in values)


def document_parameters(result, generator, request, public):
    for path, methods in result.get("paths", {}).items():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    describe(parameter, search=path.endswith("/search/"))
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not {"enum", "pattern"} & set(schema):
                    schema["pattern"] = TEXT
    return result


def describe(parameter: dict, *, search: bool) -> None:
    name = parameter["name"]
    if name in LOOKUPS:
        pattern, description = LOOKUPS[name]
        parameter["schema"] = {"type": "string", "pattern": pattern}
        parameter["description"] = description
    elif name == "ordering" and parameter["schema"].get("type") == "array":
        parameter["schema"]["minItems"] = 1  # `ordering=` (no keys) is an empty filter: a 400
    elif name == "severity":
        parameter["schema"] = {
            "type": "integer",
            "enum": sorted(value for value, _label in Critique.Severity.choices),
        }
    elif name == "page":
        parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}
        parameter["description"] = (
            f"A page number, 1 to {PAGE_MAX:,}; a larger one is a 400, a page past the end a 404."
        )
    elif name == "q":
        parameter["schema"] = {"type": "string", "maxLength": TEXT_MAX} | (
            {"minLength": 1, "pattern": WORDS} if search else {"pattern": TEXT}
        )
