"""The data layer: the user's library in SQLite. Knows nothing of parsing, search or stories."""

from reader.library.errors import LibraryError, NewerSchemaError, NotFoundError
from reader.library.store import Library

__all__ = ["Library", "LibraryError", "NewerSchemaError", "NotFoundError"]
