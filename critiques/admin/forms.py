"""The critique form: optimistic concurrency made readable, and the live Markdown preview's limits."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques.models import TARGET_FIELDS, TARGETS, Critique
from plans.admin import localized

PREVIEW_MAX_CHARS = 50_000
IGNORED_IN_DIFF = {"version", "updated_at", "body_html", *localized("body_html")}


def changes_since(critique: Critique, seen_version: int) -> str:
    """What others changed after `seen_version`, by whom and when, for a person to read."""
    records = list(
        Critique.history.filter(id=critique.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    seen = [r for r in records if r.version <= seen_version]
    later = [r for r in records if r.version > seen_version]
    if not later:
        return gettext("It was changed by someone else.")
    newest = later[-1]
    who = sorted({str(r.history_user or gettext("the plan loader")) for r in later})
    when = newest.history_date.strftime("%Y-%m-%d %H:%M UTC")
    parts = []
    if seen:
        delta = newest.diff_against(seen[-1], excluded_fields=IGNORED_IN_DIFF)
        for change in delta.changes:
            label = Critique._meta.get_field(change.field).verbose_name
            old, new = str(change.old or "—"), str(change.new or "—")
            if len(old) > 80 or len(new) > 80:
                parts.append(gettext("%(field)s (changed)") % {"field": label})
            else:
                parts.append(f"{label}: “{old}” → “{new}”")
    changed = "; ".join(parts) or gettext("no visible fields")
    return gettext(
        "Someone else saved this critique while you were editing it "
        "(by %(who)s, %(when)s, now version %(version)s). "
        "Their changes: %(changes)s. Your edits were NOT saved; they are still in the form below. "
        "Check their changes, then save again to keep yours."
    ) % {"who": ", ".join(who), "when": when, "version": newest.version, "changes": changed}


class CritiqueForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Critique
        fields = [
            *localized("title"),
            "key",
            "kind",
            "category",
            "severity",
            "compares_with",
            *TARGET_FIELDS,
            *localized("body"),
            *localized("remedy"),
            "text_language",
            "translation_status",
        ]
        # The form editors write critiques in, labelled in their language. (Fields without an
        # explicit verbose_name keep Django's English one elsewhere in the admin: giving them
        # one is a migration per app, left until the content translation's migrations land.)
        labels = {
            **{
                name: capfirst(label)
                for name, label in [
                    ("title", _("title")),
                    ("key", _("key")),
                    ("kind", _("kind")),
                    ("category", _("category")),
                    ("severity", _("severity")),
                    ("compares_with", _("compares with")),
                    ("body", _("body")),
                ]
            },
            **{name: capfirst(label) for name, _model, label in TARGETS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The database's version, not the instance's: a revert form shows an old instance.
            self.initial["seen_version"] = (
                Critique.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        seen = cleaned.get("seen_version")
        # Lock the row for the rest of the admin's transaction, so the check and the save agree.
        current = (
            Critique.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if seen is None or current is None:
            raise ValidationError(gettext("This form is out of date: reload the critique."))
        if seen != current:
            message = changes_since(self.instance, seen)
            data = self.data.copy()
            data[self.add_prefix("seen_version")] = current
            self.data = data
            raise ValidationError(message, code="stale")
        self.instance.version = seen
        return cleaned
