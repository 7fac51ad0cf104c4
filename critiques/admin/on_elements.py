"""Critiques on the admin pages of the elements they criticise: a read-only list, a form
to add one, and a link to the full critique form with the element chosen."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from critiques import services
from critiques.models import Critique
from plans.admin import localized
from reviewing.admin import status_badge

# -- critiques on the pages of the elements they criticise ----------------------------------


class CritiqueListInline(admin.TabularInline):
    """The element's critiques, read-only, each linking to its own page."""

    model = Critique
    extra = 0
    fields = ("title", "kind", "severity", "status_column", "author")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("critiques of this element")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    @admin.display(description=_("status"))
    def status_column(self, obj):
        return status_badge(obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("critiques.view_critique")


class CritiqueInlineFormSet(forms.BaseInlineFormSet):
    """Saves new critiques through the workflow service: a draft, by the person adding it."""

    request = None

    def save_new(self, form, commit=True):
        setattr(form.instance, self.fk.name, self.instance)
        critique = form.save(commit=False)
        services.save_critique(critique=critique, user=self.request.user)
        return critique


class CritiqueAddInline(admin.StackedInline):
    """Write a new critique of this element; its plan and target are filled in."""

    model = Critique
    formset = CritiqueInlineFormSet
    extra = 0
    fields = (
        localized("title"),
        "key",
        "kind",
        "category",
        "severity",
        localized("body"),
        localized("remedy"),
    )
    prepopulated_fields = {"key": (localized("title")[0],)}
    verbose_name = _("new critique of this element")
    verbose_name_plural = _("write a critique of this element")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"request": request})

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        # Only where the element's own page can be saved; editors use the "Write a critique" link.
        parent = self.parent_model._meta
        may_change_parent = request.user.has_perm(f"{parent.app_label}.change_{parent.model_name}")
        return may_change_parent and super().has_add_permission(request, obj)


def critique_inlines(target_field: str) -> list[type]:
    """The two critique inlines for an element admin whose critiques point at it by `target_field`."""
    attrs = {"fk_name": target_field}
    listing = type(f"CritiqueList_{target_field}", (CritiqueListInline,), attrs)
    adding = type(f"CritiqueAdd_{target_field}", (CritiqueAddInline,), attrs)
    return [listing, adding]


def write_critique_link(obj, target_field: str):
    """A link to the critique form with this element chosen as the target."""
    if obj is None or obj.pk is None:
        return "—"
    url = reverse("admin:critiques_critique_add")
    return format_html(
        '<a class="button nw-write-critique" href="{}?{}={}">{}</a>',
        url,
        target_field,
        obj.pk,
        gettext("Write a critique of %(element)s") % {"element": getattr(obj, "code", None) or obj},
    )
