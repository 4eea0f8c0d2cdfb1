"""Stories: items about one event grouped, duplicates recognised, sources compared.

Nothing here imports Textual or rich; storage lives in `reader.stories.store`.

* `features`: what an item says (folded, stemmed words, names, numbers, dates).
* `lexicon`: stop words, the bilingual news lexicon, name aliases.
* `scoring`: how alike two items are.
* `engine`: the incremental grouping decision, over an in-memory or SQLite state.
* `grouping`: grouping a whole set at once with manual fixes (rebuilds, evaluation).
* `labels`: a story's most representative title.
* `duplicates`: duplicate sets inside a story.
* `compare`: sentence-level comparison of a story's articles, and its text rendering.
* `metrics`: B-cubed and pairwise scores against labelled events.
"""

from __future__ import annotations

from reader.stories.features import Signature, StoryInput, signature
from reader.stories.grouping import group_all, group_inputs, processing_order

__all__ = [
    "Signature",
    "StoryInput",
    "group_all",
    "group_inputs",
    "processing_order",
    "signature",
]
