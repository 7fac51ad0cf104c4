"""What every napwatch app shares and nothing project-specific: the management command base
(`toolkit.commands`), read-only HTTP views (`toolkit.http`) and the language alternates of a
page (`toolkit.languages`).

This is the bottom layer: it imports Django and the standard library, never a napwatch app and
never the `napwatch` package, which is the composition root (settings, root URLs, WSGI).
"""
