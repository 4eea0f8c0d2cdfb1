"""clean(): the one gate for untrusted text, with a fast path that must agree with it."""

from __future__ import annotations

import pytest

from reader.text.clean import clean, clean_multiline, strip_controls

CASES = [
    ("plain words", "plain words"),
    ("  spaced \t out\n text ", "spaced out text"),
    ("no\u00a0break", "no break"),
    ("e\u0301te\u0301", "été"),  # decomposed accents compose
    ("red \x1b[31malert\x1b[0m", "red alert"),
    ("title\x1b]0;pwned\x07 here", "title here"),
    ("bidi \u202eevil\u202c", "bidi evil"),
    ("nul\x00 and bell\x07", "nul and bell"),
    ("« guillemets » et l’apostrophe", "« guillemets » et l’apostrophe"),
    ("[b]markup[/b] stays", "[b]markup[/b] stays"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected
    assert clean(expected) == expected  # idempotent


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_fast_path_agrees_with_the_full_cleaning(raw: str, expected: str) -> None:
    assert clean(raw) == " ".join(clean_multiline(raw).split())


def test_multiline_keeps_lines() -> None:
    assert clean_multiline("one  line\r\nsecond\tline \rthird") == "one line\nsecond line\nthird"
    assert strip_controls("a\tb\nc\x1b[2Jd") == "a\tb\ncd"
