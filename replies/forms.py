"""The respondent's forms: choosing a password from the invitation's link, and a reply."""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from documents.extraction import RefusedDocument, check_size, inspect_pdf
from replies.models import MAX_ATTACHMENTS, Reply
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


def attachment_name(name: str) -> str:
    """The file's own name, on one line, as the respondent gave it (escaped wherever shown)."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:255] or "attachment.pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_ATTACHMENTS PDFs, each checked as a plan's documents are (inspect_pdf: size,
    type by content, encryption, damage, bombs); cleaned to [(name, content, inspection)]."""

    widget = MultipleFileInput(attrs={"accept": "application/pdf,.pdf"})

    def __init__(self, *args, already: int = 0, **kwargs):
        self.already = already
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return []
        room = MAX_ATTACHMENTS - self.already
        if len(files) > room:
            raise forms.ValidationError(
                ngettext(
                    "A reply holds at most %(max)d attachment.",
                    "A reply holds at most %(max)d attachments.",
                    MAX_ATTACHMENTS,
                )
                % {"max": MAX_ATTACHMENTS}
            )
        cleaned, errors = [], []
        for upload in files:
            name = attachment_name(upload.name or "")
            try:
                check_size(upload.size or 0)  # before the file is read
                data = upload.read()
                cleaned.append((name, data, inspect_pdf(data, name=name)))
            except RefusedDocument as exc:
                errors.append(
                    forms.ValidationError(
                        _("%(name)s: %(reason)s"), params={"name": name, "reason": str(exc)}
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class ReplyForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        already = self.instance.attachments.count() if self.instance.pk else 0
        self.fields["attachments"] = AttachmentsField(
            label=_("Attachments (optional)"),
            required=False,
            already=already,
            help_text=_(
                "Up to %(max)d PDF files in all, each at most %(size)s. If the form shows an "
                "error, choose the files again."
            )
            % {
                "max": MAX_ATTACHMENTS,
                "size": filesizeformat(settings.NAPWATCH_DOCUMENT_MAX_BYTES),
            },
        )

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
