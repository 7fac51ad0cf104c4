"""What the domain announces about changes to plan data, for whoever keeps copies of it.

Model saves and deletions announce themselves through Django's own signals. Writes that send none
(`QuerySet.update()`, `bulk_create()`, a whole plan file loaded) send `plan_data_changed` instead,
inside their transaction, with the ids of the plans whose public data changed. The page cache
listens (pagecache/signals.py); the domain never calls it.
"""

from django.dispatch import Signal

# Sent with plan_ids=[...] by writes that bypass model signals.
plan_data_changed = Signal()
