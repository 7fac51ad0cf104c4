"""`make run` keeps encoding work (issue 23): a row a person changed in the admin or the
workbench since the last load is kept by the loader, and reported with the file's value;
`--force` overwrites it and says so; `make run` loads only the files that changed."""

import glob
import re
import shlex
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.services import add_document, start_extraction
from indicators.models import Indicator
from tests.documents import builders
from tests.documents.conftest import _nap_pdf, media_root  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def fixtures_recipe() -> list[list[str]]:
    """The `manage.py` commands of the Makefile's `fixtures` recipe, globs expanded."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^fixtures:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    commands = []
    for line in recipe.splitlines():
        words = shlex.split(line.strip())
        words = words[words.index("manage.py") + 1 :]
        expanded = []
        for word in words:
            matches = sorted(glob.glob(str(ROOT / word))) if "*" in word else []
            expanded += [str(Path(m).relative_to(ROOT)) for m in matches] or [word]
        commands.append(expanded)
    assert [c[0] for c in commands] == ["load_rubric", "load_plan"], commands
    return commands


def make_fixtures(monkeypatch) -> str:
    """Runs the `fixtures` recipe's steps as `make run` does; returns what they printed."""
    monkeypatch.chdir(ROOT)
    out = StringIO()
    for name, *args in fixtures_recipe():
        call_command(name, *args, stdout=out)
    return out.getvalue()


def prot_i3() -> Indicator:
    return Indicator.objects.get(plan__slug="mexico-2021", code="PROT-I3")


@pytest.mark.usefixtures("media_root")
def test_a_workbench_edit_survives_make_run_twice(client, maintainer, monkeypatch):
    first = make_fixtures(monkeypatch)  # a new database: every file is loaded
    assert "fixtures/mexico-2021.yaml" in first.split("\nLoaded ")[-1].split(":")[0]
    indicator = prot_i3()
    document = add_document(plan=indicator.plan, data=_nap_pdf(), name="pna.pdf", is_public=True)
    start_extraction(document)
    page = document.pages.get(label="2")
    client.force_login(maintainer)
    response = client.post(
        f"/admin/workbench/{document.pk}/",
        {
            "page": page.pk,
            "passage": builders.INDICATOR,
            "action": "set",
            "element": f"indicator:{indicator.pk}",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert prot_i3().wording_original == builders.INDICATOR

    for _start in range(2):
        printed = make_fixtures(monkeypatch)
        assert "fixtures/mexico-2021.yaml: unchanged since its last load, not loaded" in printed
    kept = prot_i3()
    assert kept.wording_original == builders.INDICATOR
    assert (kept.confidence, kept.source_locator) == ("verbatim", "p. 2")


def person_edit(user, wording: str) -> None:
    indicator = prot_i3()
    indicator.wording_original = wording
    indicator._history_user = user  # as the admin's HistoryRequestMiddleware records
    indicator.save()


def load(*args) -> str:
    out = StringIO()
    call_command("load_plan", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def fixture_copy(mexico, tmp_path):
    """The fixtures loaded, and Mexico's file in a folder of the test's own, to change it."""
    return [shutil.copy(ROOT / "fixtures" / "mexico-2021.yaml", tmp_path)]


def test_a_persons_change_is_kept_and_reported_with_the_files_value(maintainer, fixture_copy):
    load(*fixture_copy)
    file_wording = prot_i3().wording_original
    person_edit(maintainer, "Número de personas capacitadas (según el documento)")

    printed = load(*fixture_copy)
    assert prot_i3().wording_original == "Número de personas capacitadas (según el documento)"
    line = next(x for x in printed.splitlines() if "changed by a person, kept" in x)
    assert f"indicator PROT-I3, changed by {maintainer.username} (admin, " in line
    assert f"wording_original: the file has “{file_wording[:40]}" in line
    assert "the database “Número de personas capacitadas" in line

    forced = load("--force", *fixture_copy)
    assert prot_i3().wording_original == file_wording
    line = next(x for x in forced.splitlines() if "overwritten (--force)" in x)
    assert f"indicator PROT-I3, changed by {maintainer.username} (admin, " in line
    # The loader's own write is not a person's: the next load has nothing to keep.
    assert "changed by a person" not in load(*fixture_copy)


def test_only_changed_files_are_loaded_again(maintainer, fixture_copy):
    (mexico,) = fixture_copy
    assert "Loaded" in load("--only-changed", *fixture_copy)
    person_edit(maintainer, "Editado en el admin")
    again = load("--only-changed", *fixture_copy)
    assert f"{mexico}: unchanged since its last load, not loaded" in again
    assert "Loaded" not in again

    Path(mexico).write_text(Path(mexico).read_text() + "\n# edited\n")
    printed = load("--only-changed", *fixture_copy)
    assert f"Loaded {mexico}:" in printed
    assert f"indicator PROT-I3, changed by {maintainer.username}" in printed  # still kept
    assert prot_i3().wording_original == "Editado en el admin"
