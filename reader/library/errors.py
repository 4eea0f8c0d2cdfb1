"""What the library raises; every message is meant for the user."""

from __future__ import annotations

__all__ = ["LibraryError", "NewerSchemaError", "NotFoundError"]


class LibraryError(Exception):
    """The library cannot do what was asked; the message is meant for the user."""


class NewerSchemaError(LibraryError):
    """The file was written by a newer reader; it is left untouched."""


class NotFoundError(LibraryError):
    """An item, tag or source named by the user does not exist."""
