"""What a reader sees of a page, and what of it is the plan's own data, for the language tests.

`visible_texts(html)` gives every run of text, the whole text of every element that holds only
text and inline markup (a heading, a paragraph, a cell, a link: what one translated string
renders), and the attributes a reader meets (title, aria-label, placeholder, alt, the
description). `PlanData` says whether a text is made only of
plan data (wording, names, critique text, codes, numbers): such text is not the interface's.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INLINE = {
    "a", "abbr", "b", "br", "cite", "code", "em", "i", "mark", "small", "span", "strong", "sub",
    "sup", "time",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area", "base"}
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Not prose: scripts, styles, and code (option names such as ?pillar=, the same in every language)
SKIPPED = {"script", "style", "code"}
# Data by construction, in pieces no data value contains: search snippets, which PostgreSQL's
# ts_headline cuts and joins across fields (a critique's body and remedy).
SKIPPED_CLASSES = {"search-hit__snippet"}
SPACE = re.compile(r"\s+")
# Owned by the content-translation work, which marks its strings: until then its literal
# words are allowed to stay English on Spanish pages (computed, so the list empties itself).
NOT_OURS = ROOT / "templates" / "includes" / "elements.html"


def normal(text: str) -> str:
    return SPACE.sub(" ", text).strip()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # tag, its text, whether it holds a block, whether its text is skipped
        self.open: list[tuple[str, list[str], list[bool], bool]] = []
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(normal(attributes[name]))
        if tag == "meta" and attributes.get("name") == "description":
            self.texts.append(normal(attributes.get("content") or ""))
        skipped = tag in SKIPPED or bool(
            SKIPPED_CLASSES & set((attributes.get("class") or "").split())
        )
        if skipped:
            self.skip += 1
        if tag not in INLINE:
            for _name, _buffer, holds_block, _skipped in self.open:
                holds_block[0] = True
        if tag not in VOID:
            self.open.append((tag, [], [False], skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not any(name == tag for name, _buffer, _block, _skipped in self.open):
            return
        while self.open:
            name, buffer, holds_block, skipped = self.open.pop()
            if skipped:
                self.skip = max(0, self.skip - 1)
            elif not holds_block[0] and name not in {"html", "body", "head"}:
                self.texts.append(normal("".join(buffer)))
            if name == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        for _name, buffer, _block, _skipped in self.open:
            buffer.append(data)
        if data.strip():
            self.texts.append(normal(data))


def visible_texts(html: str) -> set[str]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return {text for text in collector.texts if re.search(r"[^\W\d_]", text)}


def literals_of(template: Path) -> set[str]:
    """The words a template writes as they are (outside any tag or variable)."""
    source = template.read_text()
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "\x00", source, flags=re.S)
    collector = _Collector()
    collector.feed(source)
    found = set()
    for text in collector.texts:
        for piece in text.split("\x00"):
            piece = normal(piece).strip(" :·—–-()[].,;“”")
            if re.search(r"[^\W\d_]{2,}", piece):
                found.add(piece)
    return found


BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h\d|blockquote|pre|br|hr)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]+>")
CODE = r"[A-Z0-9]+(-[A-Z0-9]+)+|[\d\W]+"
EDGES = " :·—–-()[].,;“”\"'…×+%/?!|"


class PlanData:
    """Every text value of the plan data in the database, to tell a page's data from its words.

    Rendered Markdown (a critique's body) counts paragraph by paragraph, as a page shows it.
    """

    def __init__(self, extra: set[str] = frozenset()):
        from django.apps import apps
        from django.db import models

        values: set[str] = set()
        for app in ("plans", "indicators", "critiques", "scorecards"):
            for model in apps.get_app_config(app).get_models():
                if model.__name__.startswith("Historical"):
                    continue
                fields = [
                    f.attname
                    for f in model._meta.concrete_fields
                    if isinstance(f, models.CharField | models.TextField | models.JSONField)
                ]
                for row in model.objects.values_list(*fields):
                    for value in row:
                        for item in value if isinstance(value, list) else [value]:
                            if item:
                                values.update(self.readings(str(item)))
        values.update(extra)
        values.add("napwatch")
        values = {v for v in values if len(v) >= 2}
        self.blob = "\n".join(sorted(values))
        self.pattern = re.compile(
            "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
        )

    @staticmethod
    def readings(value: str) -> set[str]:
        """The value as stored and, if it is HTML, as each of its blocks reads on a page."""
        found = {normal(value)}
        if "<" in value:
            import html

            for block in BLOCK_TAG.split(value):
                found.add(normal(html.unescape(ANY_TAG.sub("", block))))
        return found

    def mask(self, text: str) -> str:
        """`text` with its data (values, fragments of them, codes, numbers) replaced by NUL."""
        pieces = []
        # Data values are masked whole; what is left is cut at ellipses and brackets, where a
        # truncated wording ("… and mili…") meets the words around it.
        for piece in re.split(r"\x00|(?<=…)|(?=…)|(?=\()|(?<=\))", self.pattern.sub("\x00", text)):
            core = piece.strip(EDGES)
            if (
                not re.search(r"[^\W\d_]", core)  # numbers, punctuation
                or all(re.fullmatch(CODE, word) for word in core.split())  # codes, numbers
                or core in self.blob  # a fragment of data (a truncated wording, a snippet)
            ):
                pieces.append(piece.replace(core, "\x00") if core else piece)
            else:
                pieces.append(piece)
        return "\x00".join(pieces)

    def leftover(self, text: str) -> list[str]:
        """The parts of `text` that are neither data, nor numbers, codes or punctuation."""
        return [
            piece.strip(EDGES)
            for piece in self.mask(text).split("\x00")
            if re.search(r"[^\W\d_]", piece)
        ]

    def is_data(self, text: str) -> bool:
        return not self.leftover(text)
