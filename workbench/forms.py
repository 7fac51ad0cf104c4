"""The workbench's one form: a passage of a page, and what to do with it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import CODE

ACTIONS = [
    ("set", _("Set as the wording of an existing element")),
    ("create", _("Create a new element under a parent")),
]


class PassageForm(forms.Form):
    page = forms.TypedChoiceField(label=_("page"), coerce=int)
    passage = forms.CharField(
        label=_("passage"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Select it on the page, or type or paste it exactly as the page has it."),
    )
    action = forms.ChoiceField(label=_("what to do"), choices=ACTIONS, widget=forms.RadioSelect)
    element = forms.ChoiceField(label=_("element"), required=False)
    parent = forms.ChoiceField(label=_("parent"), required=False)
    code = forms.CharField(
        label=_("code of the new element"),
        max_length=40,
        required=False,
        validators=[CODE.validator()],
        help_text=_("For example PART-O3-L2."),
    )

    # When the page was shown (seconds since the epoch): an element changed since is not
    # overwritten (optimistic concurrency, as critiques have: workbench/services.py).
    seen = forms.FloatField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pages, elements, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].choices = [(p.pk, p.locator) for p in pages]
        self.fields["element"].choices = [("", "—"), *elements]
        self.fields["parent"].choices = [("", "—"), *parents]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "set" and not cleaned.get("element"):
            self.add_error("element", _("Choose the element whose wording this passage is."))
        if action == "create":
            if not cleaned.get("parent"):
                self.add_error("parent", _("Choose where the new element goes."))
            if not cleaned.get("code"):
                self.add_error("code", _("Give the new element a code."))
        return cleaned


class CorrectionForm(forms.Form):
    """A maintainer's correction of the shown page's text (what OCR misread)."""

    corrected = forms.CharField(
        label=_("the page's text, corrected"),
        max_length=100000,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 60}),
        help_text=_(
            "Correct what OCR misread, as the page prints it. Passages are checked against this "
            "text from now on. Empty it to go back to the text as extracted."
        ),
    )


class DeclaredCountForm(forms.Form):
    """How many elements of a level the plan declares, with the passage of its document that says
    so (e.g. "16 líneas de acción")."""

    level = forms.ChoiceField(
        label=_("level"),
        choices=[
            ("pillars", _("pillars")),
            ("objectives", _("strategic objectives")),
            ("lines", _("lines of action")),
            ("indicators", _("indicators")),
        ],
    )
    count = forms.IntegerField(label=_("declared number"), min_value=0, max_value=10000)
    count_page = forms.TypedChoiceField(label=_("page"), coerce=int)
    statement = forms.CharField(
        label=_("where the document says so"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("The passage that states the number, as the page has it."),
    )

    def __init__(self, *args, pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count_page"].choices = [(p.pk, p.locator) for p in pages]
