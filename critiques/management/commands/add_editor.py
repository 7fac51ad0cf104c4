"""`manage.py add_editor alice --role editor|reviewer|maintainer`: a staff user in one role.

The password comes from --password, else from the environment variable NAPWATCH_EDITOR_PASSWORD,
else from a prompt (twice). It is checked against the project's password validators.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from critiques.roles import GROUPS
from toolkit.commands import ProjectCommand, UsageError

PASSWORD_ENV = "NAPWATCH_EDITOR_PASSWORD"


class Command(ProjectCommand):
    help = "Create a staff user who can log in to the admin in one editorial role."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            help=f"one of: {', '.join(GROUPS)} ({', '.join(GROUPS.values())})",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help=f"the password (else ${PASSWORD_ENV}, else you are asked for it)",
        )

    def handle(self, *args, username: str, role: str, email: str, password: str | None, **opts):
        if role not in GROUPS:
            raise UsageError(f"Unknown role {role!r}: use one of {', '.join(GROUPS)}.")
        User = get_user_model()
        username = username.strip()
        if not username:
            raise UsageError("Give a user name.")
        if User.objects.filter(username__iexact=username).exists():
            raise UsageError(
                f"A user named {username!r} already exists; choose another name "
                "or change their groups in the admin."
            )
        try:
            group = Group.objects.get(name=GROUPS[role])
        except Group.DoesNotExist:
            raise CommandError(
                f"The group {GROUPS[role]!r} is missing: run `manage.py migrate` first."
            ) from None
        password = password or os.environ.get(PASSWORD_ENV) or self.ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise UsageError("The password is too weak: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"Created {username} ({GROUPS[role]}); they can log in at /admin/.")
        )

    def ask_password(self) -> str:
        if not os.isatty(0):
            raise UsageError(f"No password: give --password or set {PASSWORD_ENV}.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise UsageError("The passwords do not match.")
        if not first:
            raise UsageError("The password is empty.")
        return first
