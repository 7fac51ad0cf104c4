"""Rubric titles, criteria's questions, guidance and framework descriptions, and assessments' rationales in every language
of settings.LANGUAGES (django-modeltranslation), as critiques/translation.py does for critiques.
The edit history of assessments and their evidence is registered after those columns exist."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from plans.models import site_languages
from scorecards.models import Assessment, Criterion, Evidence, Rubric


@register(Rubric)
class RubricTranslation(TranslationOptions):
    fields = ("title",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("question", "label", "guidance", "context", "framework")


@register(Assessment)
class AssessmentTranslation(TranslationOptions):
    fields = ("rationale", "rationale_html")


_RENDERED = ["rationale_html", *(f"rationale_html_{language}" for language in site_languages())]
register_history(Assessment, excluded_fields=[*_RENDERED, "updated_at"])
register_history(Evidence)
