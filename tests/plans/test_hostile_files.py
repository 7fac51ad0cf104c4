"""The loader refuses every hostile or careless file quickly, naming the exact place, with the
database untouched, and never with a traceback (bench/hostile_plans.py prints the same figures
with peak memory)."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.plans.hostile_files import HOSTILE
from tests.plans.loading import snapshot

pytestmark = pytest.mark.django_db


def refusal(path, **options) -> tuple[str, int, float]:
    """(what the command printed on stderr, its exit status, seconds it took)."""
    err = StringIO()
    started = time.perf_counter()
    with pytest.raises(CommandError, match="nothing was written") as refused:
        call_command("load_plan", str(path), stdout=StringIO(), stderr=err, **options)
    seconds = time.perf_counter() - started
    return err.getvalue(), refused.value.returncode, seconds


@pytest.mark.parametrize("hostile", HOSTILE, ids=[hostile.name for hostile in HOSTILE])
def test_it_refuses_a_hostile_file_quickly_naming_the_place_and_writes_nothing(
    tmp_path, minimal_plan, hostile
):
    path = hostile.write(tmp_path)
    expected = hostile.expected.format(file=re.escape(str(path)))
    before = snapshot()

    message, status, seconds = refusal(path)
    print(f"{hostile.name}: refused in {seconds:.3f} s")

    assert re.search(expected, message), message
    assert status == 2
    assert snapshot() == before
    assert seconds < 2, f"{hostile.name} took {seconds:.1f} s to refuse"

    checked, status, _seconds = refusal(path, check=True)
    assert re.search(expected, checked), checked
    assert status == 2
