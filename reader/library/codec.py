"""How the library writes values into its columns, in one place.

- A body is a JSON array: a paragraph is a string, a heading is ``{"h": text}``.
- A tag's key (what makes "Ukraine", "#ukraine" and " UKRAINE " one tag) is its cleaned
  name, folded: case and runs of spaces aside.

Everything that reads a stored body or compares tags goes through these functions, so
the storage format is known here only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reader.library.errors import LibraryError
from reader.model import Block
from reader.text.clean import clean

__all__ = [
    "MAX_TAG_LENGTH",
    "block_texts",
    "decode_blocks",
    "encode_blocks",
    "normalize_tag",
    "tag_key",
]

MAX_TAG_LENGTH = 64


def encode_blocks(blocks: Sequence[Block]) -> str:
    return json.dumps(
        [{"h": block.text} if block.heading else block.text for block in blocks],
        ensure_ascii=False,
    )


def decode_blocks(body: str) -> tuple[Block, ...]:
    """The blocks of a stored body; none for a body that is not ours (a hand edit)."""
    blocks: list[Block] = []
    for entry in _entries(body):
        if isinstance(entry, dict):
            blocks.append(Block(str(entry.get("h", "")), heading=True))
        else:
            blocks.append(Block(str(entry)))
    return tuple(blocks)


def block_texts(body: str) -> list[str]:
    """The text of each block of a stored body, headings included, in order."""
    return [
        str(entry.get("h", "")) if isinstance(entry, dict) else str(entry)
        for entry in _entries(body)
    ]


def _entries(body: str) -> list[object]:
    try:
        entries = json.loads(body)
    except ValueError:
        return []
    return entries if isinstance(entries, list) else []


def normalize_tag(raw: str) -> str:
    """A user-given tag as it is stored and shown: cleaned, without a leading '#'."""
    name = clean(raw).lstrip("#").strip()
    if not name:
        raise LibraryError(f"invalid tag {raw!r}: empty")
    if len(name) > MAX_TAG_LENGTH:
        raise LibraryError(f"invalid tag {raw!r}: longer than {MAX_TAG_LENGTH} characters")
    return name


def tag_key(name: str) -> str:
    """What tells tags apart: the cleaned name, case and spacing aside. Idempotent on a
    name from `normalize_tag`, so keys stored before this function existed still match."""
    return " ".join(clean(name).lstrip("#").strip().casefold().split())
