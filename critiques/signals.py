"""What the workflow announces, for apps above critiques (editorial's notifications).

`critique_moved` is sent inside the transition's transaction, with `critique` (as saved),
`user` (who moved it), `step` (the services.Transition), `previous_status` and `comment` (a
reviewer's reason for a return, else ""). Receivers that reach outside the database wait for the
commit (transaction.on_commit)."""

from django.dispatch import Signal

critique_moved = Signal()
