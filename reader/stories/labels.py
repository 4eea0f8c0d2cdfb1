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


def choose_label(members: Sequence[Member]) -> str:
    """The most representative title among a story's members (see the module docstring)."""
    if not members:
        return ""
    keys = [frozenset(member[1]) for member in members]
    sizes = [len(key) for key in keys]
    count = len(members)
    # Each pair once (Jaccard is symmetric), added to both sides in the order of the
    # other member's index, so every sum is the one a plain double loop gives.
    centrality = [0.0] * count
    for index in range(count):
        left, left_size = keys[index], sizes[index]
        if not left_size:
            continue
        for other in range(index + 1, count):
            shared = len(left & keys[other])
            if shared:
                value = shared / (left_size + sizes[other] - shared)
                centrality[index] += value
                centrality[other] += value
    best_index = 0
    best_rank: tuple[float, int, int, int] | None = None
    for index, (_, _, is_article, derived) in enumerate(members):
        rank = (round(centrality[index], 9), int(is_article), int(not derived), -index)
        if best_rank is None or rank > best_rank:
            best_rank, best_index = rank, index
    return members[best_index][0]
