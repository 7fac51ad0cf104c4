"""The render child's patch of pydyf (briefs/pdf_worker.py), checked in a fresh interpreter so the
patch never leaks into the test process."""

import subprocess
import sys

from django.conf import settings

CHECK = """
import pydyf
from briefs import pdf_worker

pdf = pydyf.PDF()
for n in range(5):
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
before = pdf.page_references
applied = pdf_worker.keep_page_references()
after = pdf.page_references
pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
grown = pdf.page_references
print(applied, before == after, len(grown), grown[:5] == before)
"""


def test_the_pydyf_page_reference_patch_still_applies_and_changes_nothing():
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    applied, same, pages, prefix = result.stdout.split()
    assert applied == "True", (
        "pydyf no longer has the PDF.page_references property that briefs/pdf_worker.py "
        "patches: re-measure a large brief with bench/profile_brief.py, and delete "
        "keep_page_references() if the new pydyf no longer rebuilds the tuple on every look-up."
    )
    # The patched property gives the same references, and follows pages added later.
    assert (same, pages, prefix) == ("True", "6", "True")
