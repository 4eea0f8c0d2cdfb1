"""Clustering quality against labelled events: B-cubed and pairwise precision/recall/F1.

B-cubed (Bagga & Baldwin) scores every item: precision is the share of its predicted
story that shares its event, recall the share of its event that shares its story,
averaged over items. It rewards getting the many one-item stories right, which
pairwise counts ignore; pairwise F1 weighs big stories more. Both are reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of one measure."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[int, Hashable], truth: Mapping[int, Hashable]) -> Scores:
    """B-cubed precision and recall of a clustering (item → cluster) against the truth."""
    items = [item for item in truth if item in predicted]
    if not items:
        return Scores(0.0, 0.0)
    joint = Counter((predicted[item], truth[item]) for item in items)
    story_sizes = Counter(predicted[item] for item in items)
    event_sizes = Counter(truth[item] for item in items)
    precision = recall = 0.0
    for (story, event), both in joint.items():
        precision += both * both / story_sizes[story]
        recall += both * both / event_sizes[event]
    return Scores(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[int, Hashable], truth: Mapping[int, Hashable]) -> Scores:
    """Precision and recall over item pairs put together (1.0 when there are none)."""
    items = [item for item in truth if item in predicted]
    joint = Counter((predicted[item], truth[item]) for item in items)
    same_story = sum(n * (n - 1) // 2 for n in Counter(predicted[i] for i in items).values())
    same_event = sum(n * (n - 1) // 2 for n in Counter(truth[i] for i in items).values())
    both = sum(n * (n - 1) // 2 for n in joint.values())
    return Scores(
        both / same_story if same_story else 1.0, both / same_event if same_event else 1.0
    )


def clusters(assignment: Mapping[int, Hashable]) -> dict[Hashable, list[int]]:
    """Items of each cluster, in id order."""
    out: dict[Hashable, list[int]] = defaultdict(list)
    for item in sorted(assignment):
        out[assignment[item]].append(item)
    return dict(out)
