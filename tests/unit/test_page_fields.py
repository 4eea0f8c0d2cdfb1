"""Site names come off page titles; author fields lose prefixes, placeholders and repeats."""

from __future__ import annotations

import pytest

from reader.ingest.page_fields import clean_author, strip_site_name


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Ferry strike ends after nine days | Harbour Times", "Harbour Times", None,
         "Ferry strike ends after nine days"),
        ("Ferry strike ends - Politics - Harbour-Times", None, "https://www.harbourtimes.example/a",
         "Ferry strike ends - Politics"),
        ("Le Courrier — Grève des bacs : la fin ?", "Le Courrier", None, "Grève des bacs : la fin ?"),
        ("Grève des bacs | DW | 04.03.2026", "DW", None, "Grève des bacs"),
        ("Résultats du loto | 04.03.2026", "DW", None, "Résultats du loto | 04.03.2026"),
        ("L'Université du Lac : une école | UDL", None, "https://udl.example/x",
         "L'Université du Lac : une école"),
        ("Harbour Times", "Harbour Times", None, "Harbour Times"),
        ("Budget vote - what it means", "Harbour Times", None, "Budget vote - what it means"),
    ],
)  # fmt: skip
def test_site_names_are_taken_off_titles(
    title: str, site: str | None, url: str | None, expected: str
) -> None:
    assert strip_site_name(title, [site], url) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ines Carvalho; INES CARVALHO", "Ines Carvalho"),
        ("Username", None),
        ("Par Agence Lac Presse", "Agence Lac Presse"),
        ("By Maren Holt; Tom Ede", "Maren Holt; Tom Ede"),
        ("Harbour Times", "Harbour Times"),
    ],
)
def test_author_fields_are_cleaned(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected
