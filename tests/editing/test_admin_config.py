"""The admin's configuration passes Django's system checks (fieldsets, inlines, autocomplete)."""

from django.core.management import call_command


def test_the_admin_configuration_passes_the_system_checks():
    call_command("check", "--fail-level", "WARNING", "--tag", "admin")
