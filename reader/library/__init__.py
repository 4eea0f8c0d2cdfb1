"""The data layer: the user's library in SQLite. Never imports the UI."""

from reader.library.errors import LibraryError, NewerSchemaError, NotFoundError
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
from reader.library.store import Library

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
