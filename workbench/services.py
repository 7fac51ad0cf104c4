"""What the workbench writes: a passage of a plan's document as an element's verbatim wording.

Each write goes through the element's `full_clean()` and `save()`, so django-simple-history
keeps the superseded wording and provenance (with the editor and a change reason), and the page
cache's signals replace the plan's revision token in the same transaction: the overview's
coverage shows the change at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from documents.extraction import normalise, occurs_in
from documents.models import Document, DocumentPage
from indicators.models import Indicator
from plans.models import Confidence, EnglishBy, LineOfAction, Pillar, StrategicObjective

ELEMENT_MODELS = {
    "objective": StrategicObjective,
    "line": LineOfAction,
    "indicator": Indicator,
}
KIND_OF = {model: kind for kind, model in ELEMENT_MODELS.items()}
# A passage shorter than this is not wording: "L" or "de la" occurs on nearly every page, so it
# says nothing of the element and its page locator proves nothing. The shortest wording encoded
# in the four plans (fixtures/) is 23 characters and 3 words ("number of staff trained").
# (A declared count's statement is not wording: it is only checked to be on its page.)
MIN_PASSAGE_CHARS = 12
MIN_PASSAGE_WORDS = 2
# The kind of element created under each kind of parent.
CHILD_OF = {"pillar": "objective", "objective": "line", "line": "indicator"}


@dataclass(frozen=True)
class Passage:
    document: Document
    page: DocumentPage
    text: str  # as the editor gave it

    def as_wording(self) -> str:
        """checked(), for an element's wording: ValidationError too if it is too short to be."""
        short = normalise(self.text)
        if len(short) < MIN_PASSAGE_CHARS or len(short.split()) < MIN_PASSAGE_WORDS:
            raise ValidationError(
                _(
                    "This passage is too short to be an element's wording: select at least "
                    "%(chars)s characters and %(words)s words of the page."
                )
                % {"chars": MIN_PASSAGE_CHARS, "words": MIN_PASSAGE_WORDS},
                code="too-short",
            )
        return self.checked()

    def checked(self) -> str:
        """The passage as stored (whitespace, hyphenation and ligatures normalised), or
        ValidationError if it is not on its page."""
        if not occurs_in(self.text, self.page.checked_text):
            raise ValidationError(
                _(
                    "This passage is not on p. %(label)s (compared after joining hyphenated line "
                    "ends and ligatures and ignoring spacing). Select it again from the page."
                )
                % {"label": self.page.exact_label},
                code="not-on-page",
            )
        return normalise(self.text)


# An element's note keeps a line per language of its wording, each replaced on its own (issue 23).
ORIGINAL_LINE = "Wording in the plan's language: "
ENGLISH_LINE = "English wording: "
# What a note says of a plan-language wording nobody had seen: stale once it is verbatim.
NOT_SEEN = re.compile(
    r"\s*[^.;]*\b(?:spanish|plan's own|original|plan's) wording (?:was|is) not (?:seen|known)"
    r"[^.;]*[.;]?",
    re.IGNORECASE,
)


def note_with(note: str, prefix: str, line: str, stale: re.Pattern | None = None) -> str:
    """`note` with its line starting `prefix` replaced by `line` (and sentences matching
    `stale` removed); the rest kept as it was."""
    kept = [old for old in note.splitlines() if not old.startswith(prefix)]
    text = "\n".join(kept)
    if stale is not None:
        text = re.sub(r";\s*(?=[A-Z])", ". ", stale.sub("", text))
    return "\n".join(part for part in [text.strip(), line] if part)


def apply_passage(element, passage: Passage, wording: str) -> None:
    """Sets the element's wording to the passage, with the document as its verbatim source."""
    document = passage.document
    plan_language = element.plan.language.split("-")[0].lower()
    document_language = document.language.split("-")[0].lower()
    in_english = document_language == "en" and plan_language != "en"
    if in_english:
        if element.wording_original and not element.wording_original_source_id:
            # The plan-language wording keeps the provenance it had.
            element.wording_original_source_id = element.source_id
            element.wording_original_locator = element.source_locator
            element.wording_original_confidence = element.confidence
        element.wording_en = wording
        element.wording_en_by = EnglishBy.PLAN
        element.note = note_with(
            element.note,
            ENGLISH_LINE,
            f"{ENGLISH_LINE}verbatim from the plan's English document, {passage.page.locator}.",
        )
    else:
        if element.wording_en and element.wording_en_by == EnglishBy.SOURCE:
            # The English stays (issue 23): the source that gave it is named in the note, as
            # the element's own source becomes the document.
            old = element.source
            where = f", {element.source_locator}" if element.source_locator else ""
            element.note = note_with(
                element.note,
                ENGLISH_LINE,
                f"{ENGLISH_LINE}as {old.short_author() if old else 'an earlier source'}"
                f"{where} gives it ({element.get_confidence_display().lower()}).",
            )
        element.wording_original = wording
        element.wording_original_source = None
        element.wording_original_locator = ""
        element.wording_original_confidence = ""
        element.note = note_with(
            element.note,
            ORIGINAL_LINE,
            f"{ORIGINAL_LINE}verbatim from the plan's document, {passage.page.locator}.",
            stale=NOT_SEEN,
        )
    element.source = document.source
    element.source_locator = passage.page.locator
    element.confidence = Confidence.VERBATIM


class StaleElement(ValidationError):
    """The element was changed after the editor's page was shown: nothing is overwritten."""


def check_unchanged_since(element, seen: float | None) -> None:
    """StaleElement if the element's history has a change after `seen` (a timestamp), saying who
    changed it, when, and its wording now. Called with the element's row locked, so of two
    maintainers who set the same element's wording at once, the second is refused."""
    if seen is None:
        return
    after = datetime.fromtimestamp(seen, tz=UTC)
    change = element.history.filter(history_date__gt=after).order_by("-history_date").first()
    if change is None:
        return
    who = change.history_user.get_username() if change.history_user else _("someone")
    raise StaleElement(
        _(
            "%(code)s was changed by %(user)s at %(time)s UTC, after this page was shown: its "
            "wording is now “%(wording)s”. Nothing was saved; check it and save again if yours "
            "should replace it."
        )
        % {
            "code": element.code,
            "user": who,
            "time": change.history_date.strftime("%H:%M:%S"),
            "wording": element.wording[:200],
        },
        code="stale",
    )


@transaction.atomic
def set_wording(*, element, passage: Passage, seen: float | None = None) -> None:
    wording = passage.as_wording()
    element = type(element).objects.select_for_update().get(pk=element.pk)
    check_unchanged_since(element, seen)
    apply_passage(element, passage, wording)
    element.full_clean()
    element._change_reason = (
        f"Workbench: verbatim from the plan's document, {element.source_locator}"
    )
    element.save()


@transaction.atomic
def create_element(*, parent, code: str, passage: Passage):
    """A new objective (under a pillar), line of action (under an objective) or indicator
    (under a line of action), with the passage as its verbatim wording, last among its siblings."""
    wording = passage.as_wording()
    if isinstance(parent, Pillar):
        element = StrategicObjective(plan=parent.plan, pillar=parent)
        siblings = parent.objectives
    elif isinstance(parent, StrategicObjective):
        element = LineOfAction(plan=parent.plan, objective=parent)
        siblings = parent.lines_of_action
    elif isinstance(parent, LineOfAction):
        element = Indicator(plan=parent.plan, line_of_action=parent)
        siblings = parent.indicators
    else:
        raise ValidationError(_("Choose a pillar, objective or line of action as the parent."))
    element.code = code
    element.order = (siblings.aggregate(last=Max("order"))["last"] or 0) + 1
    if type(element).objects.filter(plan=parent.plan, code=code).exists():
        raise ValidationError({"code": _("This code is already used in the plan.")})
    apply_passage(element, passage, wording)
    element.full_clean()
    element._change_reason = (
        f"Workbench: created from the plan's document, {element.source_locator}"
    )
    element.save()
    return element


DECLARED_FIELDS = {
    "pillars": ("declared_pillars", "pillars"),
    "objectives": ("declared_objectives", "objectives"),
    "lines": ("declared_lines", "lines_of_action"),
    "indicators": ("declared_indicators", "indicators"),
}


@transaction.atomic
def correct_declared_count(*, plan, level: str, count: int, passage: Passage) -> None:
    """Sets how many elements of a level the plan declares, from a passage of its document that
    says so (checked on its page); the page and passage are noted in the plan's provenance note,
    one line per level, replacing that level's earlier line."""
    statement = passage.checked()
    field, relation = DECLARED_FIELDS[level]
    encoded = getattr(plan, relation).count()
    if count < encoded:
        raise ValidationError(
            {
                "count": _("The plan already has %(encoded)s encoded: it cannot declare fewer.")
                % {"encoded": encoded}
            }
        )
    plan = type(plan).objects.select_for_update().get(pk=plan.pk)
    setattr(plan, field, count)
    label = plan._meta.get_field(field).verbose_name
    prefix = f"{label[:1].upper()}{label[1:]}: "
    line = f"{prefix}{count}, {passage.page.locator} of the plan's document (“{statement}”)."
    kept = [old for old in plan.provenance_note.splitlines() if not old.startswith(prefix)]
    plan.provenance_note = "\n".join([*kept, line]).strip()
    plan.full_clean()
    plan._change_reason = f"Workbench: {label} from the plan's document, {passage.page.locator}"
    plan.save()
