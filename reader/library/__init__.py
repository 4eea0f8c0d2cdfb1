"""The data layer: the user's library in SQLite. Never imports the UI."""

from reader.library.models import (
    LATER_TAG,
    ImportCounts,
    Item,
    ItemFilter,
    ItemSummary,
    LibraryStats,
    SourceInfo,
    TagCount,
)
from reader.library.store import Library, LibraryError, NewerSchemaError, NotFoundError

__all__ = [
    "LATER_TAG",
    "ImportCounts",
    "Item",
    "ItemFilter",
    "ItemSummary",
    "Library",
    "LibraryError",
    "LibraryStats",
    "NewerSchemaError",
    "NotFoundError",
    "SourceInfo",
    "TagCount",
]
