"""Pages made before readers ask: after an edit the public sees, the task worker renders that
plan's public pages, in every language, and its API resources into the page cache (tasks.py)."""
