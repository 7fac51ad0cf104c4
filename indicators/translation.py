"""An indicator's notes in every language of settings.LANGUAGES (django-modeltranslation), as
plans/translation.py does for the other elements; the edit history is registered after the
columns exist."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from indicators.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("note", "provenance_note")


register_history(Indicator)
