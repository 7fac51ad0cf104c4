"""Provenance: where wording comes from (a Source, a locator) and how sure we are of it.

Every element of a plan carries its provenance, so reconstructed wording is never shown as the
plan's own. The patterns that codes, keys and dates follow are defined here once; the plan-file
schema and the loader's messages read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from plans.models.language import site_languages
from toolkit.validators import one_line_text


@dataclass(frozen=True)
class Pattern:
    """A pattern a value must follow, and what to tell a person whose value does not."""

    regex: str
    message: str | Promise  # a lazy translation: the loader prints it in English

    def validator(self) -> RegexValidator:
        return RegexValidator(self.regex, self.message)


CODE = Pattern(r"^[A-Z0-9]+(-[A-Z0-9]+)*$", _("Use upper-case letters, digits and single hyphens."))
KEY = Pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$", _("Use lower-case letters, digits and single hyphens."))
ISSUED = Pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$", _("Use YYYY, YYYY-MM or YYYY-MM-DD."))
COUNTRY_CODE = Pattern(r"^[A-Z]{3}$", _("Use an ISO 3166-1 alpha-3 code."))
ACRONYM = Pattern(r"^[A-Za-z0-9-]+$", _("Letters, digits, hyphens."))
WEB_ADDRESS = Pattern(r"^https?://\S+$", _("Use an http:// or https:// address."))
PATTERNS = (CODE, KEY, ISSUED, COUNTRY_CODE, ACRONYM, WEB_ADDRESS)
CODE_PATTERN, KEY_PATTERN = CODE.regex, KEY.regex


class Confidence(models.TextChoices):
    """How sure we are that the wording shown is the plan's own."""

    VERBATIM = "verbatim", _("Verbatim from the plan")
    QUOTED = "quoted", _("Quoted by a secondary source")
    DESCRIBED = "described", _("Described by a secondary source")
    INFERRED = "inferred", _("Inferred (our reconstruction)")

    @classmethod
    def short_label(cls, value: str) -> str:
        """The badge's word (in the reader's language)."""
        return {
            cls.VERBATIM: pgettext_lazy("confidence", "Verbatim"),
            cls.QUOTED: pgettext_lazy("confidence", "Quoted"),
            cls.DESCRIBED: pgettext_lazy("confidence", "Described"),
            cls.INFERRED: pgettext_lazy("confidence", "Inferred"),
        }.get(value, value)


def is_described_title(title: str) -> bool:
    """A title in [square brackets] is napwatch's description of a page without a title."""
    title = title.strip()
    return title.startswith("[") and title.endswith("]")


class Source(models.Model):
    """A bibliographic reference that wording or a critique can cite."""

    class Kind(models.TextChoices):
        PLAN_DOCUMENT = "plan-document", _("Plan document")
        POLICY_BRIEF = "policy-brief", _("Policy brief")
        PRESS_REPORT = "press-report", _("Press report")
        DATABASE = "database", _("Database or profile")
        REPORT = "report", _("Report")
        ACADEMIC = "academic", _("Academic work")
        OTHER = "other", _("Other")

    key = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind)
    authors = models.JSONField(default=list, blank=True, help_text=_("A list of names."))
    title = models.CharField(
        max_length=500,
        validators=[one_line_text],
        help_text=_(
            "The source's own title, in its own language: never translated. A title in [square "
            "brackets] is napwatch's description of an untitled page, and is translated."
        ),
    )
    publisher = models.CharField(max_length=300, blank=True)
    issued = models.CharField(
        max_length=10,
        blank=True,
        validators=[ISSUED.validator()],
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."),
    )
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)

    # The title is the source's own, in its own language, except a title in [square brackets]:
    # napwatch's description of an untitled page, translated per language like the note
    # (plans/translation.py adds title_en, title_es, note_en, …; the history is registered there).

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.short_author()} ({self.issued[:4] or gettext('n.d.')}): {self.title}"

    def natural_key(self) -> tuple[str]:
        return (self.key,)

    def clean(self) -> None:
        super().clean()
        titles = {
            code: getattr(self, build_localized_fieldname("title", code), None) or ""
            for code in site_languages()
        }
        given = [title for title in titles.values() if title]
        if len(given) > 1 and not all(is_described_title(title) for title in given):
            translated = next(code for code in titles if code != settings.LANGUAGE_CODE)
            raise ValidationError(
                {
                    build_localized_fieldname("title", translated): _(
                        "Only a title in [square brackets], napwatch's description of an "
                        "untitled page, is translated: a source's own title stays in its own "
                        "language. Leave the other languages empty."
                    )
                }
            )

    @property
    def is_described(self) -> bool:
        """Is the title napwatch's [bracketed] description of an untitled page (so translated
        per language), not the source's own title (never translated)?"""
        return is_described_title(self.title_en or self.title or "")

    def short_author(self) -> str:
        if not self.authors:
            return self.publisher or gettext("Anonymous")
        # "Ana Researcher" -> "Researcher"; "Daniela Philipson García" -> "Philipson García"
        surnames = [" ".join(name.split()[1:]) or name for name in self.authors]
        if len(surnames) == 1:
            return surnames[0]
        if len(surnames) == 2:
            return gettext("%(first)s and %(second)s") % {
                "first": surnames[0],
                "second": surnames[1],
            }
        return gettext("%(first)s et al.") % {"first": surnames[0]}

    def citation(self) -> str:
        """A plain-text reference in author–date style."""
        parts = []
        if self.authors:
            parts.append(", ".join(self.authors))
        elif self.publisher:
            parts.append(self.publisher)
        parts.append(f"({self.issued or gettext('n.d.')})")
        text = " ".join(parts) + f". “{self.title}.”"
        if self.publisher and self.authors:
            text += f" {self.publisher}."
        return text


class Provenance(models.Model):
    """Where an element's wording comes from and how sure we are of it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    source_locator = models.CharField(
        _("locator"),
        max_length=200,
        blank=True,
        help_text=_("Page, section, paragraph or note number."),
    )
    confidence = models.CharField(max_length=12, choices=Confidence)
    provenance_note = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_reconstructed(self) -> bool:
        return self.confidence == Confidence.INFERRED

    @property
    def confidence_short(self) -> str:
        return Confidence.short_label(self.confidence)
