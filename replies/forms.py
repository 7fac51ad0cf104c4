"""The respondent's forms: choosing a password from the invitation's link, and a reply."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from replies.models import Reply
from toolkit.text import is_blank

REPLY_MAX_CHARS = 20_000


class JoinForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords differ."))
        if first:
            password_validation.validate_password(first)
        return cleaned


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["language", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "maxlength": REPLY_MAX_CHARS})}
        help_texts = {
            "body": _(
                "Markdown: paragraphs, *emphasis*, lists, quotations and links. Published "
                "exactly as you write it, after a check of its form only."
            )
        }

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if is_blank(body):
            raise forms.ValidationError(_("Write your reply."))
        if len(body) > REPLY_MAX_CHARS:
            raise forms.ValidationError(
                _("A reply holds at most %(max)d characters.") % {"max": REPLY_MAX_CHARS}
            )
        return body
