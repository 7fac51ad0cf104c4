"""Critiques and recommendations in every language of settings.LANGUAGES (django-modeltranslation).

Their title, body (and the HTML rendered from it on save) and remedy get a column per language;
quotations (`Citation.quote`) stay in the language they were written in. The edit history is
registered after those columns exist, as in plans/translation.py.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from critiques.models import Critique, Recommendation
from plans.models import site_languages


@register(Critique)
class CritiqueTranslation(TranslationOptions):
    fields = ("title", "body", "body_html", "remedy")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "body", "body_html", "provenance_note")


# The rendered HTML is derived from the body, and updated_at changes on every save: neither is
# worth a history column.
_RENDERED = ["body_html", *(f"body_html_{language}" for language in site_languages())]
register_history(Critique, excluded_fields=[*_RENDERED, "updated_at"])
register_history(Recommendation, excluded_fields=_RENDERED)
