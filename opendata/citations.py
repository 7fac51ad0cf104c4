"""Citations of napwatch's pages that reference managers read: one `Citable` per plan, pillar,
element or critique, written as Highwire `citation_*` meta tags (what Zotero's connector reads),
schema.org JSON-LD, BibTeX (through bibtexparser), RIS and CSL-JSON.

Every citation names napwatch's page as the thing cited, with napwatch's editors as its author:
a plan's own words are the government's, and an element whose wording we reconstructed says so in
its title, as the pages do.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import Entry, Field
from django.utils import timezone
from django.utils.translation import gettext

from critiques.models import Critique
from indicators.models import Indicator
from opendata.package import LICENSE, PUBLISHER
from plans.models import LineOfAction, Pillar, Plan, StrategicObjective, reader_language
from toolkit.validators import without_control_characters

SITE = "napwatch"
FORMATS = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


@dataclass(frozen=True)
class Citable:
    key: str  # a BibTeX key and CSL id: napwatch-<plan>[-<code or key>]
    title: str
    url: str
    date: datetime.date | None  # when what the page shows last changed (or was published)
    language: str
    abstract: str = ""
    note: str = ""
    about: dict = field(default_factory=dict)  # schema.org: what the page is about
    schema_type: str = "WebPage"
    extra: dict = field(default_factory=dict)  # more schema.org properties (a Dataset's)

    # -- meta tags and JSON-LD ---------------------------------------------------------------

    def meta(self) -> list[tuple[str, str]]:
        tags = [
            ("citation_title", self.title),
            ("citation_author", PUBLISHER),
            ("citation_publisher", SITE),
            ("citation_public_url", self.url),
            ("citation_abstract_html_url", self.url),
            ("citation_language", self.language),
        ]
        if self.date:
            tags.append(("citation_publication_date", self.date.strftime("%Y/%m/%d")))
        if self.abstract:
            tags.append(("citation_abstract", self.abstract))
        return tags

    def json_ld(self) -> dict:
        document = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "name": self.title,
            "url": self.url,
            "inLanguage": self.language,
            "author": {"@type": "Organization", "name": PUBLISHER},
            "publisher": {"@type": "Organization", "name": SITE},
            "license": LICENSE["path"],
        }
        if self.date:
            document["dateModified"] = self.date.isoformat()
        if self.abstract:
            document["description"] = self.abstract
        if self.about:
            document["about" if self.schema_type == "WebPage" else "itemReviewed"] = self.about
        return document | self.extra

    # -- downloads ---------------------------------------------------------------------------

    def bibtex(self) -> str:
        fields = [
            Field("title", "{" + latex(self.title) + "}"),
            Field("author", "{" + latex(PUBLISHER) + "}"),
            Field("howpublished", latex(SITE)),
            Field("url", self.url),
            Field("language", self.language),
        ]
        if self.date:
            fields += [
                Field("year", str(self.date.year)),
                Field("month", str(self.date.month)),
                Field("date", self.date.isoformat()),
            ]
        if self.note:
            fields.append(Field("note", latex(self.note)))
        library = bibtexparser.Library()
        library.add(Entry("misc", self.key, fields))
        return bibtexparser.write_string(library)

    def ris(self) -> str:
        lines = [
            ("TY", "ELEC"),
            ("TI", self.title),
            ("AU", PUBLISHER),
            ("PB", SITE),
            ("UR", self.url),
            ("LA", self.language),
        ]
        if self.date:
            lines += [("PY", str(self.date.year)), ("DA", self.date.strftime("%Y/%m/%d"))]
        if self.abstract:
            lines.append(("AB", one_line(self.abstract)))
        if self.note:
            lines.append(("N1", one_line(self.note)))
        lines.append(("ID", self.key))
        lines.append(("ER", ""))
        # One line each: a control character (CR, LF…) in a title would end the line and start
        # forged tags, or a second record ("ER  -", "TY  -").
        return "".join(f"{tag}  - {without_control_characters(value)}\r\n" for tag, value in lines)

    def csl(self) -> str:
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": PUBLISHER}],
            "publisher": SITE,
            "container-title": SITE,
            "URL": self.url,
            "language": self.language,
        }
        if self.date:
            item["issued"] = {"date-parts": [[self.date.year, self.date.month, self.date.day]]}
        if self.abstract:
            item["abstract"] = self.abstract
        if self.note:
            item["note"] = self.note
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def formatted(self, name: str) -> str:
        return {"bibtex": self.bibtex, "ris": self.ris, "csl": self.csl}[name]()


LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex(text: str) -> str:
    """Text as BibTeX reads it back: LaTeX's special characters escaped (Unicode stays)."""
    return "".join(LATEX_SPECIALS.get(char, char) for char in one_line(text))


def one_line(text: str) -> str:
    return without_control_characters(text)


def day(value) -> datetime.date | None:
    if value is None:
        return None
    return timezone.localtime(value, datetime.UTC).date()


def revised(plan: Plan) -> datetime.date | None:
    """When what the plan's pages show last changed: its revision token's date."""
    revision = getattr(plan, "revision", None)
    return day(revision.changed_at if revision else plan.updated_at)


def plan_name(plan: Plan) -> str:
    return f"{plan.country} {plan.year or ''}".strip()


def plan_about(plan: Plan) -> dict:
    about = {
        "@type": "Legislation",
        "name": plan.title_original,
        "inLanguage": plan.language,
        "legislationJurisdiction": plan.country,
    }
    if plan.title_en:
        about["alternateName"] = plan.title_en
    if plan.adopted_on:
        about["legislationDate"] = plan.adopted_on.isoformat()
    return about


def for_plan(plan: Plan, url: str) -> Citable:
    title = gettext("%(plan)s: %(title)s, structured and critiqued") % {
        "plan": plan_name(plan),
        "title": plan.display_title,
    }
    return Citable(
        key=f"napwatch-{plan.slug}",
        title=title,
        url=url,
        date=revised(plan),
        language=reader_language(),
        abstract=plan.summary,
        note=gettext(
            "napwatch's record of the plan: its structure, where each wording comes from, "
            "and published critiques. The plan's own words are the government's."
        ),
        about=plan_about(plan),
    )


def for_pillar(pillar: Pillar, url: str) -> Citable:
    plan = pillar.plan
    return Citable(
        key=f"napwatch-{plan.slug}-{pillar.code}",
        title=gettext("%(pillar)s – %(plan)s National Action Plan")
        % {
            "pillar": pillar.display_name,
            "plan": plan_name(plan),
        },
        url=url,
        date=revised(plan),
        language=reader_language(),
        abstract=pillar.summary,
        about=plan_about(plan),
    )


ELEMENT_MODELS = (StrategicObjective, LineOfAction, Indicator)


def for_element(element, plan: Plan, url: str) -> Citable:
    wording = element.wording_en or element.wording_original
    if reader_language() == plan.language.split("-")[0] and element.wording_original:
        wording = element.wording_original
    shown = wording if len(wording) <= 160 else wording[:159].rstrip() + "…"
    reconstructed = (
        " [" + gettext("napwatch reconstruction, not the plan’s wording") + "]"
        if element.is_reconstructed
        else ""
    )
    title = f"{element.code}: “{shown}”{reconstructed} – " + gettext(
        "%(plan)s National Action Plan"
    ) % {"plan": plan_name(plan)}
    source = element.source
    note = gettext("Wording: %(confidence)s (%(source)s%(locator)s).") % {
        "confidence": element.get_confidence_display().lower(),
        "source": f"{source.short_author()} {source.issued[:4]}".strip(),
        "locator": f", {element.source_locator}" if element.source_locator else "",
    }
    return Citable(
        key=f"napwatch-{plan.slug}-{element.code}",
        title=title,
        url=url,
        date=revised(plan),
        language=reader_language(),
        note=note,
        about=plan_about(plan),
    )


def for_critique(critique: Critique, url: str, target_url: str) -> Citable:
    plan = critique.plan
    return Citable(
        key=f"napwatch-{plan.slug}-{critique.key}",
        title=critique.title,
        url=url,
        date=day(critique.published_at),
        language=critique.language_of("title"),
        abstract=critique.remedy,
        note=gettext("A critique of %(target)s, %(plan)s National Action Plan.")
        % {
            "target": critique.target_label,
            "plan": plan_name(plan),
        },
        about={"@type": "CreativeWork", "name": critique.target_label, "url": target_url},
        schema_type="Review",
    )


def find_element(plan: Plan, code: str):
    """The objective, line of action or indicator of `plan` with this code, or None."""
    for model in ELEMENT_MODELS:
        found = model.objects.filter(plan=plan, code=code).select_related("source").first()
        if found is not None:
            return found
    return None


def for_release(facts, url: str, download_url: str) -> Citable:
    """The data release, as Google's and others' dataset search read it."""
    from opendata.package import TITLE

    return Citable(
        key=f"napwatch-data-{facts.version}",
        title=TITLE,
        url=url,
        date=datetime.date.fromisoformat(facts.date),
        language=reader_language(),
        note=facts.citation,
        schema_type="Dataset",
        extra={
            "version": facts.version,
            "description": (
                "Women, Peace and Security National Action Plans as structured data, with the "
                "provenance of every wording and napwatch's published critiques."
            ),
            "isAccessibleForFree": True,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "application/zip",
                    "contentUrl": download_url,
                    "contentSize": f"{facts.size} B",
                    "sha256": facts.sha256,
                }
            ],
        },
    )
