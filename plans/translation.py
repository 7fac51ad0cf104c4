"""napwatch's own texts of the plans app, a column per language (django-modeltranslation).

modeltranslation reads this module when the apps are ready and adds `summary_en`, `summary_es`, …
for every language of settings.LANGUAGES: a new language is a settings line and `makemigrations`.
The edit history (django-simple-history) is registered here, after those columns exist, so that
the historical models keep every language too (simple-history copies a model's fields when it
registers it; registered in the class body, it would miss the columns added here).

The plan's own wording (objectives, lines, indicators, pillar names, the plan's title) is not
translated here: it has one field for the plan's language and one for English, each with its
provenance (plans/models/language.py).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from plans.models import Pillar, Plan, Section


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("summary",)


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("summary",)


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "summary")


for model in (Plan, Pillar, Section):
    register_history(model)
