"""Citations of napwatch's pages that reference managers read: one `Citable` per plan, pillar,
element or critique, written as Highwire `citation_*` meta tags (what Zotero's connector reads),
schema.org JSON-LD, BibTeX (through bibtexparser), RIS and CSL-JSON.

Every citation names napwatch's page as the thing cited, with napwatch's editors as its author:
a plan's own words are the government's, and an element whose wording we reconstructed says so in
its title, as the pages do. The site's name is said once, as the website the page is part of (CSL's
`container-title`, RIS's `T2`, BibTeX's `howpublished`), never also as its publisher: APA prints
both ("napwatch. Napwatch."), and APA omits a publisher that is the site itself.
"""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import Entry, Field
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from critiques.models import Critique
from indicators.models import Indicator
from opendata.package import LICENSE, PUBLISHER
from plans.locators import locator_text
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
    precision: str = "day"  # how much of `date` is known: day | month | year
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
            # No citation_publisher: the publisher is the site itself (module docstring)
            ("citation_public_url", self.url),
            ("citation_abstract_html_url", self.url),
            ("citation_language", self.language),
        ]
        if self.date:
            tags.append(("citation_publication_date", self.iso_date().replace("-", "/")))
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
            # schema.org's Dataset guidance names who made a data set its `creator`
            ("creator" if self.schema_type == "Dataset" else "author"): {
                "@type": "Organization",
                "name": PUBLISHER,
            },
            "publisher": {"@type": "Organization", "name": SITE},
            "license": LICENSE["path"],
        }
        if self.date:
            document["dateModified"] = self.iso_date()
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
            fields.append(Field("year", str(self.date.year)))
            if self.precision != "year":
                fields.append(Field("month", str(self.date.month)))
            fields.append(Field("date", self.iso_date()))
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
            ("T2", SITE),  # the website's title; no PB: the publisher is the site itself
            ("UR", self.url),
            ("LA", self.language),
        ]
        if self.date:
            parts = [f"{part:02d}" for part in self.date_parts()]
            lines += [("PY", str(self.date.year)), ("DA", "/".join((parts + ["", ""])[:3]))]
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
            "container-title": SITE,  # the website; no publisher: it is the site itself
            "URL": self.url,
            "language": self.language,
        }
        if self.date:
            item["issued"] = {"date-parts": [self.date_parts()]}
        if self.abstract:
            item["abstract"] = self.abstract
        if self.note:
            item["note"] = self.note
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def date_parts(self) -> list[int]:
        """The date's year, month and day, as far as they are known."""
        parts = [self.date.year, self.date.month, self.date.day]
        return parts[: {"year": 1, "month": 2}.get(self.precision, 3)]

    def iso_date(self) -> str:
        return "-".join(f"{part:02d}" for part in self.date_parts())

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
    return f"{plan.country_name} {plan.year or ''}".strip()


def plan_about(plan: Plan) -> dict:
    about = {
        "@type": "Legislation",
        "name": plan.title_original,
        "inLanguage": plan.language,
        "legislationJurisdiction": plan.country_name,
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
        "locator": f", {locator_text(element.source_locator)}" if element.source_locator else "",
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
        date=critique.first_published_on,
        precision=critique.first_published_precision,
        language=critique.language_of("title"),
        abstract=finding(critique),
        note=gettext("A critique of %(target)s, %(plan)s National Action Plan.")
        % {
            "target": critique.target_label,
            "plan": plan_name(plan),
        },
        about={"@type": "CreativeWork", "name": critique.target_label, "url": target_url},
        schema_type="Review",
    )


def finding(critique: Critique) -> str:
    """A critique's abstract: what it found (its body as plain text), not the remedy it
    suggests."""
    return one_line(html.unescape(strip_tags(critique.body_html or critique.body)))


def find_element(plan: Plan, code: str):
    """The objective, line of action or indicator of `plan` with this code, or None."""
    for model in ELEMENT_MODELS:
        found = model.objects.filter(plan=plan, code=code).select_related("source").first()
        if found is not None:
            return found
    return None


DATASET_KEYWORDS = [
    "Women, Peace and Security",
    "UNSCR 1325",
    "National Action Plans",
    "gender equality",
    "public policy",
    "monitoring and evaluation",
]


def dataset_coverage() -> dict:
    """Google's and schema.org's Dataset guidance: keywords, and the places and years the data
    covers (the real plans' countries, and their years from the earliest start to the latest end)."""
    plans = list(
        Plan.objects.filter(is_synthetic=False)
        .order_by("country")
        .values("country", "adopted_on", "period_start", "period_end")
    )
    years = [
        year
        for plan in plans
        for year in (
            plan["period_start"] or (plan["adopted_on"].year if plan["adopted_on"] else None),
            plan["period_end"],
        )
        if year
    ]
    coverage: dict = {"keywords": DATASET_KEYWORDS}
    countries = sorted({plan["country"] for plan in plans})
    if countries:
        coverage["spatialCoverage"] = [{"@type": "Place", "name": name} for name in countries]
    if years:
        coverage["temporalCoverage"] = f"{min(years)}/{max(years)}"
    return coverage


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
            "identifier": [
                f"napwatch-data-{facts.version}",
                {"@type": "PropertyValue", "propertyID": "sha256", "value": facts.sha256},
            ],
            "description": (
                "Women, Peace and Security National Action Plans as structured data, with the "
                "provenance of every wording and napwatch's published critiques."
            ),
            "isAccessibleForFree": True,
            **dataset_coverage(),
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
