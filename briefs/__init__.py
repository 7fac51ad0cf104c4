"""PDF policy briefs of a plan's analysis, rendered with WeasyPrint from the site's templates."""

import logging

# WeasyPrint logs every step and page at INFO; the brief shows them only when asked (export_brief -v 2).
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
