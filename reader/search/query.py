"""The query language, parsed into a small AST (see README "Search" for the user's view).

    kante fenerb          every term must match (title or body), in any order
    'exact                that whole word, no prefix, stem or typo
    "a phrase"            these words next to each other
    ^prefix  suffix$      anchored to the start / end of the title
    !word                 items containing the word are left out
    a | b                 either (binds tighter than the implicit AND, as in fzf)
    tag:later source:NAME kind:article is:unread is:read is:starred is:undated
    after:2024-11-01 before:2024-12 story:42

A query is parsed on every keystroke, so half-typed syntax (a lone `!`, an unclosed
quote, a trailing `|`) is taken as the user's unfinished input, never as an error. Only
filters whose value is wrong raise `QueryError`, whose message is one line for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from reader.text.fold import fold_words

TermKind = Literal["fuzzy", "exact", "phrase"]
FILTER_NAMES = ("tag", "source", "kind", "is", "after", "before", "story")
_FILTER = re.compile(r"(?i)^(" + "|".join(FILTER_NAMES) + r"):(.*)$", re.DOTALL)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


HELP = """\
words        all of them, in title or body, any order, each maybe unfinished
'word        that exact word only
"a phrase"   these words together, in order
^word  word$ title starts / ends with it
!word        leave out items containing it
a | b        either
tag:later  source:NAME  kind:article|headline  is:unread|read|starred|undated
after:2024-11-01  before:2024-12  story:42"""
"""The query syntax in a few lines, for the app's help and error hints."""


class QueryError(ValueError):
    """The query cannot be run; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """Words to find. Several words must be adjacent, in order (a phrase)."""

    words: tuple[str, ...]
    kind: TermKind = "fuzzy"
    # The last word may be unfinished: it matches as a prefix (fuzzy terms, `^` anchors,
    # and a phrase whose closing quote is not typed yet).
    prefix: bool = True
    at_start: bool = False
    at_end: bool = False

    @property
    def is_plain_word(self) -> bool:
        """A single fuzzy word: the only kind that gets stems and typo tolerance."""
        return self.kind == "fuzzy" and len(self.words) == 1


@dataclass(frozen=True, slots=True)
class Group:
    """Alternatives (`a | b`): at least one must match."""

    alternatives: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Filters:
    """Constraints on item fields; empty tuples and None mean no constraint."""

    tags: tuple[str, ...] = ()  # every tag must be present
    sources: tuple[str, ...] = ()  # any of these sources
    kind: Literal["headline", "article"] | None = None
    read: bool | None = None
    starred: bool | None = None
    after: str | None = None  # ISO date prefix, inclusive (publication dates only)
    before: str | None = None  # ISO date prefix, exclusive (publication dates only)
    story: int | None = None
    dated: bool | None = None  # is:dated / is:undated

    @property
    def active(self) -> bool:
        return self != Filters()


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: groups that must all match, terms that must not, and filters."""

    text: str
    groups: tuple[Group, ...] = ()
    excluded: tuple[Term, ...] = ()
    filters: Filters = field(default_factory=Filters)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded and not self.filters.active

    def plain_terms(self) -> list[Term]:
        """Terms of groups without alternatives, in order."""
        return [g.alternatives[0] for g in self.groups if len(g.alternatives) == 1]


# --------------------------------------------------------------------------- lexing
@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    quoted: bool = False
    closed: bool = True
    negated: bool = False
    at_start: bool = False
    at_end: bool = False


def _lex(text: str) -> list[_Token | str]:
    """Tokens, with "|" kept as a bare string marker between them."""
    out: list[_Token | str] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char == "|":
            out.append("|")
            index += 1
            continue
        start = index
        negated = at_start = False
        while index < length and text[index] in "!^":
            negated = negated or text[index] == "!"
            at_start = at_start or text[index] == "^"
            index += 1
        if index < length and text[index] == '"':
            close = text.find('"', index + 1)
            closed = close != -1
            end = close if closed else length
            body = text[index + 1 : end]
            index = end + 1 if closed else length
            at_end = index < length and text[index] == "$"
            index += at_end
            out.append(_Token(body, True, closed, negated, at_start, at_end))
            continue
        if index >= length or text[index].isspace() or text[index] == "|":
            continue  # a lone "!" or "^": the user is still typing
        # A bare word runs to the next space or "|"; a filter value may be quoted.
        match = None if negated else _FILTER.match(text[index:].split(None, 1)[0])
        value_start = index + len(match.group(1)) + 1 if match else index
        if match and text[value_start : value_start + 1] == '"':
            close = text.find('"', value_start + 1)
            end = close if close != -1 else length
            out.append(_Token(text[index:value_start] + text[value_start + 1 : end]))
            index = end + 1 if close != -1 else length
            continue
        while index < length and not text[index].isspace() and text[index] != "|":
            index += 1
        word = text[start:index].lstrip("!^")
        at_end = word.endswith("$")
        out.append(_Token(word.rstrip("$"), False, True, negated, at_start, at_end))
    return out


# --------------------------------------------------------------------------- parsing
def _date_bound(name: str, value: str) -> str:
    match = _DATE.match(value)
    if match is None:
        raise QueryError(
            f"{name}: expects a date like 2024-11-01 (or 2024-11, 2024), got {value!r}"
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a real date") from None
    return value


def _apply_filter(name: str, value: str, filters: dict[str, object]) -> None:
    name = name.lower()
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value (for example {_EXAMPLES[name]})")
    if name == "tag":
        filters["tags"] = (*filters.get("tags", ()), value)  # type: ignore[misc]
    elif name == "source":
        filters["sources"] = (*filters.get("sources", ()), value)  # type: ignore[misc]
    elif name == "kind":
        kind = value.lower().rstrip("s")
        if kind not in ("headline", "article"):
            raise QueryError(f"kind: must be 'article' or 'headline', got {value!r}")
        filters["kind"] = kind
    elif name == "is":
        flag = value.lower()
        if flag in ("read", "unread"):
            filters["read"] = flag == "read"
        elif flag in ("starred", "unstarred"):
            filters["starred"] = flag == "starred"
        elif flag in ("dated", "undated"):
            filters["dated"] = flag == "dated"
        else:
            raise QueryError(f"is: must be 'read', 'unread', 'starred' or 'undated', got {value!r}")
    elif name in ("after", "before"):
        filters[name] = _date_bound(name, value)
    elif name == "story":
        if not value.isdigit() or int(value) <= 0:
            raise QueryError(f"story: expects a story number, got {value!r}")
        filters["story"] = int(value)


_EXAMPLES = {
    "tag": "tag:later",
    "source": 'source:"Le Monde"',
    "kind": "kind:article",
    "is": "is:unread",
    "after": "after:2024-11-01",
    "before": "before:2024-12-01",
    "story": "story:42",
}


def _term(token: _Token) -> Term | None:
    text = token.text
    exact = False
    if not token.quoted and text.startswith("'"):
        exact, text = True, text.lstrip("'")
    words = tuple(fold_words(text))
    if not words:
        return None
    if token.quoted:
        return Term(words, "phrase", not token.closed, token.at_start, token.at_end)
    if exact:
        return Term(words, "exact", False, token.at_start, token.at_end)
    # `suffix$` means whole words at the end; an unfinished word is a prefix otherwise.
    return Term(words, "fuzzy", not token.at_end, token.at_start, token.at_end)


def parse(text: str) -> Query:
    """Parse a query; raises QueryError for a malformed filter."""
    tokens = _lex(text)
    filters: dict[str, object] = {}
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in tokens:
        if token == "|":
            join_next = bool(groups)
            continue
        assert isinstance(token, _Token)
        match = None if token.quoted or token.negated else _FILTER.match(token.text)
        if match:
            if join_next:
                raise QueryError(f"{match.group(1)}: filters cannot be combined with '|'")
            _apply_filter(match.group(1), match.group(2), filters)
            continue
        term = _term(token)
        if term is None:
            continue
        if token.negated:
            # Excluding is about whole words: no prefix, stems or typos.
            excluded.append(Term(term.words, "exact" if term.kind != "phrase" else "phrase",
                                 False, term.at_start, term.at_end))  # fmt: skip
            join_next = False
            continue
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return Query(
        text=text,
        groups=tuple(Group(tuple(alternatives)) for alternatives in groups),
        excluded=tuple(excluded),
        filters=Filters(**filters),  # type: ignore[arg-type]
    )
