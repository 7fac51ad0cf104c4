from django.views.generic import TemplateView

from search.engine import backend_name, search
from search.forms import SearchForm


class SearchView(TemplateView):
    """/search/?q=: results grouped by kind; an empty or over-long query gets a clear message."""

    template_name = "search/search_results.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET if "q" in request.GET else None)
        groups = None
        status = 200
        if form.is_bound:
            if form.is_valid():
                groups = search(form.cleaned_data["q"])
            elif "q" in form.errors and request.GET.get("q", "").strip():
                status = 400  # too long: a request we will not run, said clearly
        context = self.get_context_data(
            form=form,
            groups=groups,
            query=form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
            total=sum(len(g.hits) for g in groups or []),
            backend=backend_name(),
        )
        return self.render_to_response(context, status=status)
