"""The right of reply beside a critique: its published replies, and the invited bodies that did
not reply by their deadline. Reads only what CritiqueQuerySet.with_details() prefetched
(`published_replies`, the plan's `lapsed_invitations`): no query of its own."""

from django import template

register = template.Library()


@register.simple_tag
def silences(critique) -> list:
    """The plan's invitations whose deadline passed with no published reply to `critique`."""
    invitations = getattr(getattr(critique, "plan", None), "lapsed_invitations", None) or []
    replied = {reply.invitation_id for reply in getattr(critique, "published_replies", ())}
    return [invitation for invitation in invitations if invitation.pk not in replied]
