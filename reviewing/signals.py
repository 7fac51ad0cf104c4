"""What the workflow announces, for apps above the domain (editorial's notifications).

`moved` is sent with the kind's model as sender, inside the step's transaction, with `instance`
(as saved), `user` (who moved it), `step` (a steps.Transition), `previous_status` and `comment`
(a reviewer's reason for a return, else ""). Receivers that reach outside the database wait for
the commit (transaction.on_commit)."""

from django.dispatch import Signal

moved = Signal()
