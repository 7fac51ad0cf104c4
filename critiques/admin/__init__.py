"""The editors' admin for critiques, by concern: the form, the workflow actions, the critique and
recommendation admins, and the inlines shown on the elements' own admin pages.

Workflow rules live in critiques/services.py; these modules only show what a user may do and turn
a refusal into a message (actions) or a 403 (forms and buttons).
"""

from critiques.admin.critique import CritiqueAdmin, RecommendationAdmin
from critiques.admin.on_elements import critique_inlines, write_critique_link

__all__ = ["CritiqueAdmin", "RecommendationAdmin", "critique_inlines", "write_critique_link"]
