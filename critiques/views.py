from django.views.generic import ListView

from critiques.filters import CritiqueFilter
from critiques.models import Critique
from plans.browse import FilteredListMixin, PlanMixin


class CritiqueListView(PlanMixin, FilteredListMixin, ListView):
    """A plan's published critiques, filtered; each links to the element it criticises."""

    template_name = "critiques/critique_list.html"
    context_object_name = "critiques"
    filterset_class = CritiqueFilter
    paginate_by = 25

    def get_base_queryset(self):
        return (
            Critique.objects.published()
            .for_plan(self.get_plan())
            .with_details()
            .with_target_links()
        )

    def get_filterset_kwargs(self) -> dict:
        return {"plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), show_target=True, **kwargs)
