"""Side-by-side comparison: sentences, shared and unique passages, unique facts, columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.stories.compare import CompareInput, compare, sentence_match, split_sentences
from reader.stories.render import render

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "stories" / "fixtures_compare.json"


def _fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _inputs() -> list[CompareInput]:
    return [
        CompareInput(index, article["title"], article["text"], article["source"])
        for index, article in enumerate(_fixture()["articles"])
    ]


def test_sentence_splitting_french_and_english() -> None:
    text = (
        "M. Dupont est arrivé à 10 h. Il a dit : « C'est fini. » Puis il est parti. "
        "« Nous ne lâcherons rien », a déclaré Mme Ndiaye. Le Dr. Smith, de l'U.S. Army,"
        " a vu J.-L. Marchetti à 3.5 km. “We will not give up,” said Kim Jong-un. The"
        " repairs cost €12m. Tout va bien !\n\nNouveau paragraphe sans point"
    )
    assert split_sentences(text) == [
        "M. Dupont est arrivé à 10 h.",
        "Il a dit : « C'est fini. »",
        "Puis il est parti.",
        "« Nous ne lâcherons rien », a déclaré Mme Ndiaye.",
        "Le Dr. Smith, de l'U.S. Army, a vu J.-L. Marchetti à 3.5 km.",
        "“We will not give up,” said Kim Jong-un.",
        "The repairs cost €12m.",
        "Tout va bien !",
        "Nouveau paragraphe sans point",
    ]


def test_sentence_match_same_text_and_across_languages() -> None:
    assert sentence_match(
        "The Kessel bridge was closed on Monday after engineers found cracks.",
        "The Kessel bridge was closed on Monday, after engineers found cracks!",
    )
    assert sentence_match(
        "Mayor Ilse Brandt said the repairs would cost €12m.",
        "La maire Ilse Brandt a chiffré les réparations à 12 millions d'euros.",
    )
    assert not sentence_match(
        "Lorry drivers complained about the lack of warning.",
        "The bridge carries 18,000 vehicles a day.",
    )


def test_compare_fixture_story_exactly() -> None:
    expected = _fixture()["expected"]
    articles = compare(_inputs())
    shared = sorted(
        [article.id, sentence.index, list(sentence.shared_with)]
        for article in articles
        for sentence in article.sentences
        if sentence.shared
    )
    unique = sorted(
        [article.id, sentence.index]
        for article in articles
        for sentence in article.sentences
        if not sentence.shared
    )
    assert shared == sorted(expected["shared"])
    assert unique == sorted(expected["unique"])
    assert [a.unique_numbers for a in articles] == expected["unique_numbers"]
    assert [a.unique_names for a in articles] == expected["unique_names"]
    assert [a.unique_quotes for a in articles] == expected["unique_quotes"]


def test_compare_json_shape() -> None:
    data = compare(_inputs())[1].to_dict()
    assert set(data) == {
        "id", "title", "source", "published", "shared", "unique", "unique_numbers",
        "unique_names", "unique_quotes",
    }  # fmt: skip
    assert data["shared"][0] == {
        "index": 0,
        "text": "The Kessel bridge was closed on Monday after engineers found cracks in two"
        " of its piers.",
        "with": [0, 2],
    }
    assert data["unique"][-1]["text"] == "The bridge carries 18,000 vehicles a day."


def test_compare_needs_two_to_eight_articles() -> None:
    one = _inputs()[:1]
    with pytest.raises(ValueError):
        compare(one)
    with pytest.raises(ValueError):
        compare(_inputs() * 3)


@pytest.mark.parametrize("width", [60, 100, 160])
def test_render_fits_the_width_and_marks_passages(width: int) -> None:
    text = render(compare(_inputs()), width=width, header=["story 1: Kessel"])
    lines = text.splitlines()
    assert lines[0] == "story 1: Kessel"
    assert all(len(line) <= width + 2 for line in lines)
    assert "=2,3 The Kessel" in text.replace("\n", " ") or "=2,3" in text
    assert "{Paul Rees}" in text
    assert "{18,000}" in text
    assert "\x1b[" not in text
    if width < 100:  # three columns would be narrower than 28: bands stacked
        assert text.count("[3] Le Courrier du Matin") == 1


def test_render_colour_uses_escape_codes_and_keeps_alignment() -> None:
    text = render(compare(_inputs()), width=160, colour=True)
    assert "\x1b[1;33mPaul Rees\x1b[0m" in text
    assert "{Paul Rees}" not in text
    plain = render(compare(_inputs()), width=160)
    strip = text.replace("\x1b[1;33m", "").replace("\x1b[0m", "")
    braces = plain.replace("{", "").replace("}", "")
    assert [len(line) for line in strip.splitlines()] == [
        len(line) for line in braces.splitlines()
    ] or len(strip.splitlines()) == len(braces.splitlines())


def test_unique_facts_are_marked_as_whole_words_only() -> None:
    from reader.stories.compare import ComparedArticle, fact_finder

    article = ComparedArticle(1, "t", "s", None)
    article.unique_numbers = ["18", "40,000"]
    article.unique_names = ["Quimper"]
    find = fact_finder(article)
    text = "Gusts of 187 km/h near Quimperlé cut 240,000 homes; 18 crews in Quimper, 40,000 left."
    assert [text[start:end] for start, end in find(text)] == ["18", "Quimper", "40,000"]
    assert find("18,5 km and 3.18 m") == []
    assert fact_finder(ComparedArticle(2, "t", "s", None))("anything 18") == []


def test_unique_names_leave_out_common_words_regions_and_dates() -> None:
    """ "Groupe", "Projet", "Europe", "Orient" or a weekday are not what one source alone
    names; the people and places are."""
    first = CompareInput(1, "Le Groupe Norvane ferme Amiens", (
        "Le Groupe Norvane ferme son site d'Amiens. Le projet de reprise est abandonné, a "
        "indiqué mardi Claire Vasseur. « Every job matters », dit-elle. Le groupe vend en "
        "Europe et vers l'Orient. Projet a été le nom du plan de 2019. Réunion prévue Wed."
    ), "Gazette", None)  # fmt: skip
    second = CompareInput(2, "Norvane shuts its Amiens plant", (
        "Norvane is closing its Amiens site, the group said. Unions will meet in Lille."
    ), "Wire", None)  # fmt: skip
    names = {article.id: article.unique_names for article in compare([first, second])}
    assert "Claire Vasseur" in names[1] and "Lille" in names[2]
    for noise in ("Groupe", "Projet", "Europe", "Orient", "Every", "Wed", "Le Groupe Norvane"):
        assert noise not in names[1], noise
