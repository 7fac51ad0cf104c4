"""Hostile and careless plan files, made on demand.

`tests/plans/test_hostile_files.py` checks that the loader refuses each one quickly, naming the
place, with the database untouched; `bench/hostile_plans.py` prints the time and peak memory each
refusal costs. Each file is made from the minimal plan (or from nothing) when asked for, so that
the 50 MB one is never kept in the repository.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
MINIMAL_PLAN = DATA / "minimal-plan.yaml"


def minimal_text() -> str:
    return MINIMAL_PLAN.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    text = minimal_text()
    assert old in text, f"{old!r} is not in the minimal plan"
    return text.replace(old, new, 1)


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[], bytes]
    expected: str  # a regex the loader's message must match ({file} is the file's name)
    what: str
    # Would cost minutes and gigabytes if its guard regressed: refused in a bounded process only
    # (tests/plans/test_hostile_files.py), never inside the test process.
    hungry: bool = False

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.yaml"
        path.write_bytes(self.make())
        return path


def alias_bomb() -> bytes:
    """ "Billion laughs": nine levels of nine aliases, 9**9 (387 million) strings once expanded."""
    lines = ["format: napwatch-plan/1", 'lol0: &lol0 "lol"']
    for level in range(1, 10):
        aliases = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    lines += ["sources: []", "plan: *lol9", ""]
    return "\n".join(lines).encode()


def deep_nesting() -> bytes:
    return b"format: napwatch-plan/1\nsources: " + b"[" * 100_000 + b"\n"


def self_alias_list() -> bytes:
    return edited("sources:\n", "extra: &s [*s]\nsources:\n").encode()


def self_alias_mapping() -> bytes:
    return b"format: napwatch-plan/1\nsources: []\nplan: &p {pillars: [*p]}\n"


def oversized_file() -> bytes:
    """50 MB of summary: far over the file size limit."""
    return edited(
        "  region: Nowhere\n", f"  summary: {'x' * 50_000_000}\n  region: Nowhere\n"
    ).encode()


def oversized_text() -> bytes:
    """Within the file size limit, but one text far longer than any text field may be."""
    return edited(
        "  region: Nowhere\n", f"  summary: {'x' * 500_000}\n  region: Nowhere\n"
    ).encode()


def wide_list() -> bytes:
    """Within the file size limit, but 600,000 values: more than any plan file has."""
    return b"format: napwatch-plan/1\nsources: [" + b"0, " * 600_000 + b"0]\n"


def binary() -> bytes:
    return bytes(range(256)) * 64


def latin1() -> bytes:
    return edited("country: Testland", "country: Testlandía").encode("latin-1")


def utf16() -> bytes:
    return minimal_text().encode("utf-16")


def utf16_without_bom() -> bytes:
    return minimal_text().encode("utf-16-le")


def nul_escape() -> bytes:
    return edited("country: Testland", 'country: "Test\\0land"').encode()


def control_character() -> bytes:
    return edited("country: Testland", "country: Test\x07land").encode()


def bad_integer_tag() -> bytes:
    return edited("review_due: 2026", "review_due: !!int twenty").encode()


def unhashable_key() -> bytes:
    return edited("  region: Nowhere\n", "  ? [region]\n  : Nowhere\n").encode()


def impossible_date() -> bytes:
    return edited("adopted: 2024-03-08", "adopted: 2021-02-30").encode()


def impossible_month() -> bytes:
    return edited('issued: "2024-05"', 'issued: "2021-13"').encode()


def too_long_title() -> bytes:
    return edited('original: "Plan Nacional de Prueba"', f'original: "{"T" * 1000}"').encode()


def declared_too_few() -> bytes:
    return edited("declared: {pillars: 2,", "declared: {pillars: 0,").encode()


HOSTILE: list[Hostile] = [
    Hostile(
        "alias-bomb",
        alias_bomb,
        r"{file}:2: \(document\): anchors \(&name\) and aliases \(\*name\) are not allowed",
        "YAML alias bomb (billion laughs, 9 levels of 9 aliases)",
        hungry=True,
    ),
    Hostile(
        "deep-nesting",
        deep_nesting,
        r"{file}:2: \(document\): nested more than 32 levels deep",
        "100,000 nested `[`",
        hungry=True,
    ),
    Hostile(
        "self-alias-list",
        self_alias_list,
        r"{file}:3: \(document\): anchors \(&name\) and aliases \(\*name\) are not allowed",
        "a list that contains itself (`&s [*s]`)",
        hungry=True,
    ),
    Hostile(
        "self-alias-mapping",
        self_alias_mapping,
        r"{file}:3: \(document\): anchors \(&name\) and aliases \(\*name\) are not allowed",
        "a mapping that contains itself (`&p {pillars: [*p]}`)",
        hungry=True,
    ),
    Hostile(
        "oversized-file",
        oversized_file,
        r"{file}: \(document\): the file has 50,003,\d\d\d bytes; a plan file may have at most "
        r"2,000,000 \(NAPWATCH_PLAN_FILE_MAX_BYTES\)",
        "50 MB file",
        hungry=True,
    ),
    Hostile(
        "oversized-text",
        oversized_text,
        r"{file}:15: plan\.summary: 500,000 characters; a text in a plan file may have at most "
        r"20,000 \(NAPWATCH_PLAN_TEXT_MAX_CHARS\)",
        "one 500,000-character text in a 0.5 MB file",
        hungry=True,
    ),
    Hostile(
        "wide-list",
        wide_list,
        r"{file}:2: \(document\): more than 100,000 values",
        "600,000 values in a 1.8 MB file",
        hungry=True,
    ),
    Hostile(
        "binary",
        binary,
        r"{file}:1: \(document\): the character U\+0000 \(NUL\) at byte offset 0 \(line 1\) is not "
        r"allowed",
        "binary file",
    ),
    Hostile(
        "latin-1",
        latin1,
        r"{file}:13: \(document\): not UTF-8 text: byte 0xed at byte offset 365 \(line 13\)",
        "Latin-1 file",
    ),
    Hostile(
        "utf-16",
        utf16,
        r"{file}:1: \(document\): not UTF-8 text: the file starts with a UTF-16 byte order mark "
        r"\(byte offset 0\)",
        "UTF-16 file with a byte order mark",
    ),
    Hostile(
        "utf-16-without-bom",
        utf16_without_bom,
        r"{file}:1: \(document\): the character U\+0000 \(NUL\) at byte offset 1 \(line 1\) is not "
        r"allowed",
        "UTF-16 file without a byte order mark",
    ),
    Hostile(
        "nul-escape",
        nul_escape,
        r"{file}:13: plan\.country: the text contains the character U\+0000 \(NUL\)",
        'a NUL written as `"\\0"`',
    ),
    Hostile(
        "control-character",
        control_character,
        r"{file}:13: \(document\): the character U\+0007 at byte offset 361 \(line 13\) is not "
        r"allowed",
        "a raw control character",
    ),
    Hostile(
        "bad-integer-tag",
        bad_integer_tag,
        r"{file}:20: \(document\): not valid YAML: cannot read 'twenty' as !!int",
        "`!!int twenty`",
    ),
    Hostile(
        "unhashable-key",
        unhashable_key,
        r"{file}:15: \(document\): not valid YAML: found unhashable key",
        "a list as a mapping key",
    ),
    Hostile(
        "impossible-date",
        impossible_date,
        r"{file}:18: plan\.adopted: '2021-02-30' is not a date: day is out of range for month",
        "`adopted: 2021-02-30`",
    ),
    Hostile(
        "impossible-month",
        impossible_month,
        r"{file}:9: sources\[0\]\.issued: '2021-13' is not a date: month must be in 1\.\.12",
        '`issued: "2021-13"`',
    ),
    Hostile(
        "too-long-title",
        too_long_title,
        r"{file}:17: plan\.title\.original: 1,000 characters; at most 500 fit here",
        "a 1,000-character title",
    ),
    Hostile(
        "declared-too-few",
        declared_too_few,
        r"{file}:21: plan\.declared\.pillars: the plan declares 0 pillars but the file encodes 2",
        "`declared: {pillars: 0}`, 2 pillars encoded",
    ),
]
