"""Repeated failed logins are throttled; add_editor makes a staff user in one role."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import CAST_PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_repeated_failed_logins_lock_the_account_out(client, editor, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert attempt(client, editor.username, "wrong-guess").status_code == 200
    locked = attempt(client, editor.username, "wrong-guess")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused while the lock-out lasts.
    assert attempt(client, editor.username, CAST_PASSWORD).status_code == 429


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, editor.username, "wrong-guess")
    assert attempt(client, editor.username, CAST_PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, editor.username, "wrong-guess").status_code == 200


def test_add_editor_creates_a_staff_user_in_the_role(db):
    call_command("add_editor", "alice", "--role", "reviewer", "--password", CAST_PASSWORD)
    alice = User.objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == ["Reviewers"]
    assert alice.has_perm("critiques.publish_critique")
    assert alice.check_password(CAST_PASSWORD)


def test_add_editor_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("NAPWATCH_EDITOR_PASSWORD", CAST_PASSWORD)
    call_command("add_editor", "bea", "--role", "maintainer")
    assert User.objects.get(username="bea").check_password(CAST_PASSWORD)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["carol", "--role", "boss", "--password", CAST_PASSWORD], "Unknown role 'boss'"),
        (["erin-editor", "--role", "editor", "--password", CAST_PASSWORD], "already exists"),
        (["dan", "--role", "editor", "--password", "12345"], "too weak"),
        (["dan", "--role", "editor"], "No password"),
    ],
    ids=["unknown-role", "existing-user", "weak-password", "no-password"],
)
def test_add_editor_explains_what_is_wrong(editor, monkeypatch, args, message):
    monkeypatch.delenv("NAPWATCH_EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match=message):
        call_command("add_editor", *args)
    assert not User.objects.filter(username__in=["carol", "dan"]).exists()
