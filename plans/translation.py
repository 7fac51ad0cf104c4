"""napwatch's own texts of the plans app, a column per language (django-modeltranslation).

modeltranslation reads this module when the apps are ready and adds `summary_en`, `summary_es`, …
for every language of settings.LANGUAGES: a new language is a settings line and `makemigrations`.
The edit history (django-simple-history) is registered here, after those columns exist, so that
the historical models keep every language too (simple-history copies a model's fields when it
registers it; registered in the class body, it would miss the columns added here).

napwatch's texts translated here: summaries and section titles, every provenance note and an
element's note, a source's note and its [bracketed] title (our description of an untitled page),
and our rendering of a pillar's name in a language the plan's own name is not known in. A text
with no column in the reader's language shows in English, marked as not yet translated.

The plan's own wording (objectives, lines, indicators, pillar names, the plan's title) is not
translated here: it has one field for the plan's language and one for English, each with its
provenance (plans/models/language.py). A source's own title is never translated either.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from plans.models import (
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("summary", "provenance_note")


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("summary", "provenance_note", "name_rendered")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "summary", "provenance_note")


@register(StrategicObjective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("note", "provenance_note")


@register(LineOfAction)
class LineTranslation(TranslationOptions):
    fields = ("note", "provenance_note")


@register(PlanAgency)
class PlanAgencyTranslation(TranslationOptions):
    fields = ("provenance_note",)


@register(Responsibility)
class ResponsibilityTranslation(TranslationOptions):
    fields = ("provenance_note",)


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title", "note")


for model in (Plan, Pillar, Section, PlanAgency, Responsibility, Source):
    register_history(model)
# The elements' history as the class body gave it before (inherit=True on the abstract Element).
for model in (StrategicObjective, LineOfAction):
    register_history(model)
