"""A story's label: its most representative title.

The medoid: the member title whose keys overlap most with the other members' titles
(summed Jaccard similarity of title keys). Ties go to articles over headlines, then to
titles written by their source over titles derived from the text, then to the earliest
member. A story of one or two items is labelled by its first article, else first item.
"""

from __future__ import annotations

from collections.abc import Sequence

Member = tuple[str, tuple[str, ...], bool, bool]
"""(title, title keys, is an article, title derived from the text), in id order."""


def _jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def choose_label(members: Sequence[Member]) -> str:
    """The most representative title among a story's members (see the module docstring)."""
    if not members:
        return ""
    keys = [frozenset(member[1]) for member in members]
    best_index = 0
    best_rank: tuple[float, int, int, int] | None = None
    for index, (_, _, is_article, derived) in enumerate(members):
        centrality = sum(
            _jaccard(keys[index], keys[other]) for other in range(len(members)) if other != index
        )
        rank = (round(centrality, 9), int(is_article), int(not derived), -index)
        if best_rank is None or rank > best_rank:
            best_rank, best_index = rank, index
    return members[best_index][0]
