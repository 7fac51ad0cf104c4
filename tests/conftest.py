"""Shared fixtures: the real plan files, loaded through the real loader, and synthetic plans."""

from pathlib import Path

import pytest

from planfiles.rubric import load_rubric_files
from planfiles.services import load_plan_documents, load_plan_files
from planfiles.synthetic import synthetic_plan_file
from tests import snapshots

# Defined once for the whole suite: a second sync_playwright() in the same session would fail.
from tests.browser_fixtures import (  # noqa: F401 - pytest fixtures and hook
    browser,
    page,
    pytest_collection_modifyitems,
    screenshot,
)
from tests.validators.pages import validated_pages  # noqa: F401 - pytest fixture
from tests.validators.tools import validator_tools  # noqa: F401 - pytest fixture

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
MINIMAL_PLAN = DATA / "minimal-plan.yaml"


def all_fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.yaml"))


def rubric_files() -> list[Path]:
    return sorted((FIXTURES / "rubrics").glob("*.yaml"))


def load_all_fixtures() -> None:
    """The rubrics, then the plan files (whose assessments answer the rubrics' criteria), as
    `make fixtures` loads them."""
    load_rubric_files(paths=rubric_files())
    load_plan_files(paths=all_fixture_files())


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """The suite runs with DEBUG off, so pages need the hashed static files, as in production."""
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Logins in tests need not resist brute force: a fast hasher keeps the suite quick."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages or briefs, whatever an earlier test rendered (the
    plan data a test gets back from tests/snapshots.py carry the same revision tokens)."""
    from django.core.cache import caches

    caches["pages"].clear()
    caches["default"].clear()
    caches["briefs"].clear()


@pytest.fixture
def mexico(db):
    """Mexico's 2021 plan with the plans the brief compares it with, as `make run` loads them."""
    from plans.models import Plan

    snapshots.loaded("all fixtures", load_all_fixtures)
    return Plan.objects.get(slug="mexico-2021")


@pytest.fixture
def minimal_plan(db):
    from plans.models import Plan

    snapshots.loaded("minimal plan", lambda: load_plan_files(paths=[MINIMAL_PLAN]))
    return Plan.objects.get(slug="testland-2024")


@pytest.fixture
def make_synthetic_plan(db):
    """Loads a synthetic plan of `indicators` indicators and returns it."""
    from plans.models import Plan

    def make(number: int = 1, *, indicators: int = 100):
        document = synthetic_plan_file(number, indicators=indicators)
        load_plan_documents(documents=[(f"synthetic-{number}", document)])
        return Plan.objects.get(slug=f"synthetic-{number}")

    return make


# --- Editorial cast (issue 4): one person per role, all with the same known password ----------
CAST_PASSWORD = "correct-horse-battery-77"


def restore_what_a_flush_left_out() -> None:
    """Put back the content types, the permissions and the editorial groups that migrating made,
    when any of them is missing: first by sending post_migrate, as `migrate` and a test flush do
    (django.contrib's handlers, then critiques/apps.py's groups); then, for what that did not
    make, row by row from critiques/roles.py and the respondents' permissions.

    In a full run one transactional test's flush has been seen to leave them out before the next
    transactional test: the right-of-reply journey gave its respondent no `add_reply` (CI on
    e53f3a4), and post_migrate alone then left the editorial groups out (CI on 3facda9)."""
    import sys

    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    from critiques.roles import GROUPS, PERMISSIONS
    from replies.services import RESPONDENT_PERMISSIONS

    groups = Group.objects.filter(name__in=GROUPS.values()).count()
    if Permission.objects.count() >= _expected_permissions() and groups == len(GROUPS):
        return
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    ContentType.objects.clear_cache()

    def permission(app: str, codename: str):
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app, model=codename.split("_", 1)[1]
        )
        found, made = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        if made:
            print(f"restored after post_migrate: {app}.{codename}", file=sys.stderr)
        return found

    for codename in RESPONDENT_PERMISSIONS:
        permission("replies", codename)
    for role, name in GROUPS.items():
        if not Group.objects.filter(name=name).exists():
            print(f"restored after post_migrate: group {name}", file=sys.stderr)
            wanted = [permission(app, codename) for app, codename in PERMISSIONS[role]]
            Group.objects.create(name=name).permissions.set(wanted)
    ContentType.objects.clear_cache()


def _expected_permissions() -> int:
    """How many permissions migrating makes: each model's default and declared ones."""
    from django.apps import apps

    return sum(
        len(model._meta.default_permissions) + len(model._meta.permissions)
        for model in apps.get_models()
    )


@pytest.fixture(autouse=True)
def migrated_rows_in_transactional_tests(request):
    """A transactional test starts from what migrating made (see restore_what_a_flush_left_out)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_what_a_flush_left_out()


def _cast_member(username: str, role: str | None, *, staff: bool = True):
    from django.contrib.auth.models import Group, User

    from critiques.roles import GROUPS

    user = User.objects.create_user(username, password=CAST_PASSWORD, is_staff=staff)
    if role:
        if not Group.objects.filter(name=GROUPS[role]).exists():
            restore_what_a_flush_left_out()
        user.groups.add(Group.objects.get(name=GROUPS[role]))
    return user


@pytest.fixture
def editor(db):
    """Erin writes critiques; she cannot publish her own, change plan structure or delete published work."""
    return _cast_member("erin-editor", "editor")


@pytest.fixture
def second_editor(db):
    return _cast_member("ed-second-editor", "editor")


@pytest.fixture
def reviewer(db):
    """Rita reviews: she publishes and withdraws critiques others wrote."""
    return _cast_member("rita-reviewer", "reviewer")


@pytest.fixture
def maintainer(db):
    """Max maintains plan structure, provenance, sources and recommendations; he reads critiques
    but does not write them."""
    return _cast_member("max-maintainer", "maintainer")


@pytest.fixture
def researcher(db):
    """Rosa reads the public site; she has an account but no admin access."""
    return _cast_member("rosa-researcher", None, staff=False)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language, whatever a test before it activated
    (a request through LocaleMiddleware, or translation.activate, leaves its language active)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
