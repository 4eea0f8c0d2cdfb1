"""`reader show` wraps on words: no lone « or », no "Jong-" / "un"."""

from __future__ import annotations

import pytest

from reader.cli.wrap import wrap

TEXT = (
    "Le dirigeant nord-coréen Kim Jong-un a déclaré : « Nous ne reculerons pas » "
    "devant la presse réunie à Pyongyang ; la visite, dit-on, durera trois jours !"
)


@pytest.mark.parametrize("width", range(12, 60))
def test_wrapping_keeps_french_punctuation_and_hyphenated_words_whole(width: int) -> None:
    lines = wrap(TEXT, width)
    assert " ".join(lines).replace("\u00a0", " ") == TEXT
    for line in lines:
        assert line not in ("«", "»", ":", ";", "!")
        assert not line.startswith(("»", ":", ";", "!", "?"))
        assert not line.endswith(("«", "Jong-", "nord-"))
        assert len(line) <= width or " " not in line  # only a single long word overflows
    assert any("Jong-un" in line for line in lines)
