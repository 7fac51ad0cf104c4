"""The critique form: optimistic concurrency made readable, and the live Markdown preview's limits."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques.admin import picker
from critiques.models import TARGET_FIELDS, Critique
from plans.admin import localized
from plans.models import Plan
from toolkit.forms import VisibleTextRequired

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


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Plan) -> str:
        return obj.short_label


class TargetInput(forms.TextInput):
    """A text box for a code; static/admin-extra/target-picker.js makes it a combobox."""

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="nw-picker" data-targets-url="{}" data-plan-field="id_target_in_plan"'
            ' data-no-results="{}" data-choose-plan="{}" data-results="{}" data-pillar="{}">'
            "{}</div>",
            reverse("admin:critiques_critique_targets"),
            gettext("No element matches."),
            gettext("Choose a plan first."),
            gettext("%(count)s elements found; use the arrow keys to choose."),
            gettext("pillar"),
            box,
        )


class CritiqueForm(VisibleTextRequired, forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The one target picker (critiques/admin/picker.py): a plan and the code of one of its
    # elements, resolved in clean() to the right target column.
    target_in_plan = PlanChoiceField(
        label=capfirst(_("plan")),
        queryset=Plan.objects.order_by("is_synthetic", "country", "-adopted_on"),
        empty_label=_("Choose a plan"),
    )
    target = forms.CharField(
        label=_("What it criticises"),
        max_length=picker.MAX_QUERY_CHARS,
        widget=TargetInput(attrs={"class": "vTextField nw-target-input", "autocomplete": "off"}),
        help_text=_(
            "Type the element’s code (PREV-I1), “plan” for the plan as a whole or a section’s "
            "code (section-financing); with JavaScript, type words of the wording and choose."
        ),
    )

    class Meta:
        model = Critique
        fields = [
            *localized("title"),
            "key",
            "kind",
            "category",
            "severity",
            "compares_with",
            *localized("body"),
            *localized("remedy"),
            "text_language",
            "translation_status",
        ]
        widgets = {"compares_with": forms.Select}
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "compares_with" in self.fields:
            # A plain labelled select, plans named as the filters name them ("Mexico 2021"): the
            # autocomplete box it replaces had no accessible name (axe-core, WCAG 4.1.2).
            self.fields["compares_with"].label_from_instance = lambda plan: plan.short_label
        chosen = self.instance.target if self.instance.pk else self._target_from_initial()
        if chosen is not None:
            option = picker.option_for(chosen)
            self.initial["target_in_plan"] = (
                chosen.pk if isinstance(chosen, Plan) else chosen.plan_id
            )
            self.initial["target"] = option.label
        if self.instance.pk and not self.is_bound:
            # The database's version, not the instance's: a revert form shows an old instance.
            self.initial["seen_version"] = (
                Critique.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def _target_from_initial(self):
        """The element a "Write a critique of CODE" link names (?target_indicator=<id>)."""
        for name, field in ((n, Critique._meta.get_field(n)) for n in TARGET_FIELDS):
            value = str(self.initial.get(name) or "")
            if value.isdigit():
                element = field.related_model.objects.filter(pk=value).first()
                if element is not None:
                    return element
        return None

    def clean(self):
        cleaned = super().clean()
        plan, text = cleaned.get("target_in_plan"), cleaned.get("target")
        if plan is not None and text:
            try:
                option = picker.resolve(plan, text)
            except picker.Unresolved as exc:
                self.add_error("target", str(exc))
            else:
                for name in TARGET_FIELDS:
                    setattr(self.instance, name, option.element if name == option.field else None)
                if self.instance.pk is None:
                    self.instance.plan = plan
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
