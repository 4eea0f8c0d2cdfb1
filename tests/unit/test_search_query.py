"""The query language: terms, operators, filters and clear errors."""

from __future__ import annotations

import pytest

from reader.search.query import Filters, Query, QueryError, Term, parse


def terms(query: Query) -> list[list[Term]]:
    return [list(group.alternatives) for group in query.groups]


def test_plain_words_are_fuzzy_prefix_terms_folded() -> None:
    query = parse("Kanté  FENERB")
    assert terms(query) == [[Term(("kante",))], [Term(("fenerb",))]]


def test_hyphenated_and_elided_words_become_phrases() -> None:
    assert terms(parse("jong-un")) == [[Term(("jong", "un"))]]
    assert terms(parse("l’œuvre")) == [[Term(("l", "oeuvre"))]]


def test_operators() -> None:
    query = parse('\'exact "a phrase" ^start end$ !gone')
    assert terms(query) == [
        [Term(("exact",), "exact", prefix=False)],
        [Term(("a", "phrase"), "phrase", prefix=False)],
        [Term(("start",), at_start=True)],
        [Term(("end",), prefix=False, at_end=True)],
    ]
    assert query.excluded == (Term(("gone",), "exact", prefix=False),)


def test_anchored_phrases_and_excluded_phrases() -> None:
    query = parse('^"kim jong" "jong un"$ !"le port"')
    assert terms(query) == [
        [Term(("kim", "jong"), "phrase", prefix=False, at_start=True)],
        [Term(("jong", "un"), "phrase", prefix=False, at_end=True)],
    ]
    assert query.excluded == (Term(("le", "port"), "phrase", prefix=False),)


def test_or_binds_adjacent_terms() -> None:
    query = parse("storm a | b | c d")
    assert [len(group.alternatives) for group in query.groups] == [1, 3, 1]
    assert parse("a|b").groups == parse("a | b").groups


def test_filters() -> None:
    query = parse(
        'tag:later tag:Work source:"Le Monde" source:lantern kind:articles is:unread'
        " is:starred after:2024-11-01 before:2024-12 story:42 brest"
    )
    assert query.filters == Filters(
        tags=("later", "Work"),
        sources=("Le Monde", "lantern"),
        kind="article",
        read=False,
        starred=True,
        after="2024-11-01",
        before="2024-12",
        story=42,
    )
    assert terms(query) == [[Term(("brest",))]]
    assert parse("TAG:x").filters.tags == ("x",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind:video", "kind: must be 'article' or 'headline', got 'video'"),
        ("is:new", "is: must be 'read', 'unread', 'starred' or 'undated', got 'new'"),
        ("after:yesterday", "after: expects a date like 2024-11-01"),
        ("before:2024-13-01", "before: '2024-13-01' is not a real date"),
        ("after:2024-02-30", "after: '2024-02-30' is not a real date"),
        ("story:abc", "story: expects a story number, got 'abc'"),
        ("story:0", "story: expects a story number"),
        ("tag:", "tag: needs a value"),
        ('source:""', "source: needs a value"),
        ("kim | tag:later", "tag: filters cannot be combined with '|'"),
    ],
)
def test_malformed_filters_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["", " ", "!", "^", "'", "$", "|", "| |", "!^", "— …", "a |"])
def test_unfinished_input_is_never_an_error(text: str) -> None:
    query = parse(text)
    assert len(query.groups) <= 1


def test_unclosed_quote_is_a_phrase_with_an_unfinished_last_word() -> None:
    assert terms(parse('"stade mont')) == [[Term(("stade", "mont"), "phrase", prefix=True)]]


def test_unknown_prefixes_are_just_text() -> None:
    assert terms(parse("10:30 re:brest")) == [[Term(("10", "30"))], [Term(("re", "brest"))]]
