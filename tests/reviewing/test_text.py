"""is_blank: text a reader cannot see counts as empty, wherever emptiness is checked."""

import pytest

from toolkit.text import is_blank


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "   ",
        "\n\t",
        "\u200b",
        " \u200b\u200c\u200d\u2060\ufeff ",
        "\u202e\u2066",
        "\u3164",
    ],
)
def test_nothing_a_reader_can_see_is_blank(text):
    assert is_blank(text)


@pytest.mark.parametrize("text", ["x", "\u200bWhich survey?", "—", "0", "ñ", "\u200b.\u200b"])
def test_any_visible_character_is_not_blank(text):
    assert not is_blank(text)
