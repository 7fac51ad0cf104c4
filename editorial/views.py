"""The desk (an admin page for editors and reviewers) and its per-plan list of uncritiqued elements."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from editorial.desk import desk_for, gaps_of, may_use_desk
from editorial.models import NotificationPreferences
from plans.models import Plan


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = ["email_on_workflow"]


def _admin_context(request, title: str) -> dict:
    from django.contrib import admin

    return {**admin.site.each_context(request), "title": title}


def _refuse_unless_allowed(request) -> None:
    if not may_use_desk(request.user):
        raise PermissionDenied(gettext("The desk is for editors and reviewers."))


@require_http_methods(["GET", "POST"])
def desk(request):
    _refuse_unless_allowed(request)
    preferences = NotificationPreferences.objects.filter(
        user=request.user
    ).first() or NotificationPreferences(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, instance=preferences)
        if form.is_valid():
            form.save()
            messages.success(request, gettext("Your notification settings are saved."))
            return HttpResponseRedirect(reverse("editorial:desk"))
    else:
        form = PreferencesForm(instance=preferences)
    context = {
        **_admin_context(request, gettext("Your desk")),
        **desk_for(request.user),
        "preferences_form": form,
        "add_url": reverse("admin:critiques_critique_add"),
    }
    return TemplateResponse(request, "editorial/desk.html", context)


def gaps(request, slug: str):
    _refuse_unless_allowed(request)
    plan = get_object_or_404(Plan, slug=slug)
    context = {
        **_admin_context(
            request,
            gettext("%(plan)s: elements with no critique yet") % {"plan": plan.short_label},
        ),
        "plan": plan,
        "groups": gaps_of(plan),
        "add_url": reverse("admin:critiques_critique_add"),
        "may_write": request.user.has_perm("critiques.add_critique"),
    }
    return TemplateResponse(request, "editorial/gaps.html", context)
