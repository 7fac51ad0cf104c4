"""What every public reading page shares: the plan from the URL, citation context, filter forms."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from plans.models import Plan


class ReaderContextMixin:
    """Context the shared partials read on public pages.

    `interactive` turns on the browser-only pieces of templates/includes/elements.html (the
    "cite" disclosure, long provenance notes folded into <details>); the PDF brief leaves it unset
    and so renders the same partials without them. `site_root` makes citation URLs absolute.
    """

    def get_context_data(self, **kwargs):
        kwargs.setdefault("interactive", True)
        kwargs.setdefault("site_root", self.request.build_absolute_uri("/").rstrip("/"))
        return super().get_context_data(**kwargs)


class PlanMixin(ReaderContextMixin):
    """Looks the plan up by its slug (404 if unknown) and puts it in the context."""

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.with_counts().select_related("source"), slug=self.kwargs["slug"]
            )
        return self._plan


class FilteredListMixin:
    """A ListView narrowed by a django-filter FilterSet read from the query string.

    Valid filters narrow the list; invalid ones (an unknown pillar, a bad ordering) leave the list
    unfiltered and the form shows what was wrong, so a mistyped link never gives a 500.
    """

    filterset_class = None

    def get_base_queryset(self):
        raise NotImplementedError

    def get_filterset_kwargs(self) -> dict:
        return {}

    def get_filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = self.filterset_class(
                self.request.GET or None,
                queryset=self.get_base_queryset(),
                **self.get_filterset_kwargs(),
            )
        return self._filterset

    def get_queryset(self):
        filterset = self.get_filterset()
        if filterset.is_bound and not filterset.is_valid():
            return filterset.queryset
        return filterset.qs

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        active = (
            filterset.is_bound
            and filterset.is_valid()
            and any(
                value not in (None, "", [])
                for name, value in filterset.form.cleaned_data.items()
                if name != "ordering"
            )
        )
        return super().get_context_data(
            filter=filterset,
            filters_invalid=filterset.is_bound and not filterset.is_valid(),
            filters_active=active,
            **kwargs,
        )
