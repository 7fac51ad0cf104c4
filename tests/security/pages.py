"""The public URLs the hostile-input suite attacks, and the parameters it attacks them with.

Add a page here when it lands; pages whose URL does not resolve yet are skipped, visibly. Filter
parameters are the common names below plus those the page's django-filter FilterSet declares, so
a new filter is attacked without editing this file.
"""

from django.urls import Resolver404, resolve

# (name, path) on the minimal plan from tests/data/minimal-plan.yaml.
PAGES = [
    ("plans", "/en/"),
    ("overview", "/en/plans/testland-2024/"),
    ("pillar", "/en/plans/testland-2024/pillars/prevention/"),
    ("agency", "/en/plans/testland-2024/agencies/MINREL/"),
    ("indicators", "/en/plans/testland-2024/indicators/"),
    ("critiques", "/en/plans/testland-2024/critiques/"),
    ("search", "/en/search/"),
    ("brief", "/en/plans/testland-2024/brief/"),
    ("critique", "/en/plans/testland-2024/critiques/no-money/"),
    ("data", "/en/data/"),
]

# Every page gets these; a page with a django-filter FilterSet also gets each of its filters.
COMMON_PARAMETERS = ["q", "page", "sort", "o", "format", "pillar", "category", "cite", "element"]


def page_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def parameters_for(path: str) -> list[str]:
    names = set(COMMON_PARAMETERS)
    try:
        view_class = getattr(resolve(path).func, "view_class", None)
    except Resolver404:
        return sorted(names)
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is not None:
        names.update(filterset_class.base_filters)
    return sorted(names)
