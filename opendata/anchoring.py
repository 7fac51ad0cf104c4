"""Where a quotation sits on a public page, as an annotation client anchors it: the page's text
(what a browser's `textContent` gives, whitespace collapsed), the span of each element with an
`id`, and a W3C TextQuoteSelector whose `prefix` and `suffix` make the quotation unique on the
page.

The page is the one a reader gets: it is asked for through the site's own request handling (all
the middleware, the page cache), as an anonymous reader in the annotation's language, so the
selector is made from exactly the text a client will search. The annotation is itself a cached
page, so the target page is rendered at most once per revision of the plan.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils import translation

CONTEXT = 32  # characters of prefix and suffix to start with (as Hypothesis's client takes)
WIDEST = 400  # the most context ever given
SKIPPED = {"script", "style", "template", "noscript"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Request headers that would make the page differ from what an anonymous reader gets, or come
# back compressed, or not come back at all (a 304).
PRIVATE = {
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
    "CONTENT_LENGTH",
    "CONTENT_TYPE",
}


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class PageText(HTMLParser):
    """The text of a page's <body>, whitespace collapsed, and where each element with an id
    starts and ends in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.spans: dict[str, tuple[int, int]] = {}
        self._parts: list[str] = []
        self._length = 0
        self._open: list[tuple[str, str | None, int]] = []  # (tag, id, start)
        self._skipping = 0
        self._in_body = False

    @classmethod
    def of(cls, html: str) -> PageText:
        page = cls()
        page.feed(html)
        page.close()
        page.text = "".join(page._parts)
        return page

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
            return
        if tag in VOID:
            return
        if tag in SKIPPED:
            self._skipping += 1
        self._open.append((tag, dict(attrs).get("id"), self._length))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag == "body":
            self._in_body = False
            return
        # Close up to the matching open tag (HTML lets some end tags be left out).
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                for closed, element_id, start in self._open[index:]:
                    if closed in SKIPPED:
                        self._skipping -= 1
                    if element_id and element_id not in self.spans:
                        self.spans[element_id] = (start, self._length)
                del self._open[index:]
                return

    def handle_data(self, data):
        if not self._in_body or self._skipping:
            return
        text = collapse(data)
        if text.startswith(" ") and (not self._parts or self._parts[-1].endswith(" ")):
            text = text[1:]
        if text:
            self._parts.append(text)
            self._length += len(text)

    def span(self, element_id: str) -> tuple[int, int] | None:
        return self.spans.get(element_id)


def quote_selector(page: PageText, element_id: str, exact: str) -> dict:
    """A TextQuoteSelector for `exact` where it first occurs inside the element `element_id`,
    with as much prefix and suffix as makes it unique on the page (CONTEXT characters each at
    least, more only where needed). Without such an occurrence: the quotation alone."""
    exact = collapse(exact).strip()
    selector = {"type": "TextQuoteSelector", "exact": exact}
    span = page.span(element_id)
    if span is None:
        return selector
    start = page.text.find(exact, span[0], span[1])
    if start < 0 or start + len(exact) > span[1]:
        return selector
    end = start + len(exact)
    width = CONTEXT
    while True:
        prefix = page.text[max(0, start - width) : start]
        suffix = page.text[end : end + width]
        if occurrences(page.text, prefix + exact + suffix) == 1 or width >= WIDEST:
            break
        width *= 2
    return selector | {"prefix": prefix, "suffix": suffix}


def occurrences(text: str, part: str) -> int:
    """How many times `part` occurs in `text`, overlapping ones too (str.count skips those)."""
    count, at = 0, text.find(part)
    while at >= 0:
        count, at = count + 1, text.find(part, at + 1)
    return count


_handler: WSGIHandler | None = None


def rendered_page(request, path: str) -> PageText | None:
    """The page at `path` as an anonymous reader gets it now (None if it is not a 200 page)."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    environ = {key: value for key, value in request.META.items() if key not in PRIVATE}
    environ |= {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "wsgi.input": io.BytesIO(b""),
    }
    # The page's request activates its own language in this thread: the asking request keeps its.
    with translation.override(translation.get_language()):
        response = _handler.get_response(WSGIRequest(environ))
    if response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    return PageText.of(response.content.decode(response.charset or "utf-8"))
