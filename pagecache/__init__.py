"""Public pages served from a cache that any edit to the plan they show makes stale.

Every plan has a revision token (`PlanRevision`), replaced in the same transaction as any change
to the plan, its elements, critiques, citations, sources or agencies (see `signals.py`). A public
page is kept under a key made of the URL, the tokens of the plans it shows and the deployed code,
so a page is rendered once per change of what it shows, and never served stale.
"""
