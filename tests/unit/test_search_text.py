"""Folding, original offsets and stem keys."""

from __future__ import annotations

import pytest

from reader.text.fold import Folded, fold, fold_words
from reader.text.stem import light_french, stem_keys


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Kanté rejoint Fenerbahçe", ["kante", "rejoint", "fenerbahce"]),
        ("Kim Jong-un", ["kim", "jong", "un"]),
        ("L’œuvre d'Æsop", ["l", "oeuvre", "d", "aesop"]),
        ("STRASSE Straße", ["strasse", "strasse"]),
        ("Łódź, Øresund", ["lodz", "oresund"]),
        ("ﬁn №5 ½", ["fin", "no5", "1", "2"]),
        ("«Москва» — 東京!", ["москва", "東京"]),
        ("snake_case e-mail", ["snake", "case", "e", "mail"]),
        ("e\u0301te\u0301", ["ete"]),
        ("", []),
    ],
)
def test_fold_words(text: str, words: list[str]) -> None:
    assert fold_words(text) == words
    assert fold(text) == " ".join(words)
    assert Folded(text).words == words


def test_offsets_point_at_the_original_text() -> None:
    text = "Les Œuvres d’Anaïs à Straße"
    folded = Folded(text)
    spans = [folded.span(index) for index in range(len(folded.words))]
    assert [text[a:b] for a, b in spans] == ["Les", "Œuvres", "d", "Anaïs", "à", "Straße"]
    assert text[slice(*folded.span(1, 1))] == "Œ"
    assert text[slice(*folded.span(1, 2))] == "Œ"  # "oe" is one original letter
    assert text[slice(*folded.span(1, 3))] == "Œu"
    assert text[slice(*folded.span(5, 5))] == "Straß"
    assert text[slice(*folded.span(5, 99))] == "Straße"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("joueuses", "joueur"),
        ("sportives", "sportif"),
        ("dernieres", "dernier"),
        ("premiere", "premier"),
        ("chevaux", "cheval"),
        ("europeennes", "europeen"),
        ("elues", "elu"),
        ("actrice", "acteur"),
        ("elections", "election"),
        ("companies", "company"),
        ("running", "runs"),
        ("oeuvres", "oeuvre"),
    ],
)
def test_forms_share_a_stem_key(a: str, b: str) -> None:
    assert set(stem_keys(a)) & set(stem_keys(b))


@pytest.mark.parametrize(
    ("a", "b"), [("joueur", "jouet"), ("port", "portrait"), ("cheval", "chef")]
)
def test_different_words_do_not(a: str, b: str) -> None:
    assert not set(stem_keys(a)) & set(stem_keys(b))


def test_numbers_and_short_words_have_no_keys() -> None:
    assert stem_keys("2024") == ()
    assert stem_keys("le") == ()
    assert light_french("bus") == "bus"
