"""The context processor that gives every page made in a request what its head says about itself
(toolkit/pagehead.py): its canonical address, Open Graph locale and feed links."""

from __future__ import annotations

from toolkit.pagehead import page_head_of


def page_head(request) -> dict:
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    return page_head_of(
        request.path,
        request.GET,
        absolute=request.build_absolute_uri,
        slug=slug if isinstance(slug, str) else None,
        view_name=match.view_name if match else "",
    )
