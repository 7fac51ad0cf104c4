"""JSON-LD in a page: `<script type="application/ld+json">`, a data block that browsers never
run and the Content-Security-Policy (script-src 'self') does not block. Its JSON is escaped as
Django's `json_script` escapes it (<, > and & as \\u escapes), so no text in it can close the
element, whatever a title or a search query holds."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict | list) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    # Safe: every <, > and & in the JSON is escaped above, so it cannot end the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nosec B308 B703
