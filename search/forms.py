from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search plans, objectives, lines of action, indicators and critiques"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "required": _("Type a word or phrase to search for."),
            "max_length": _(
                "That search is too long: use at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
