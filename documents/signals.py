"""A document's changes reach its plan's public pages: the page cache listens to
`plans.signals.plan_data_changed` (the domain never calls the cache)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from documents.models import Document
from plans.signals import plan_data_changed


@receiver(post_save, sender=Document, dispatch_uid="document-saved")
@receiver(post_delete, sender=Document, dispatch_uid="document-deleted")
def document_changed(sender, instance, **kwargs):
    plan_data_changed.send(sender=Document, plan_ids=[instance.plan_id])
