"""The SQLite connection and its write transaction, set up in one place.

Every connection to a library file (the library's own, the searcher's) is opened by
`connect`, with the same pragmas, and every write goes through `write_transaction`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.library.errors import LibraryError, NewerSchemaError

Connection = sqlite3.Connection
"""What the engines' SQLite stores (search index, story tables) are handed."""

__all__ = ["BUSY_TIMEOUT_SECONDS", "connect", "write_transaction"]

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another one to finish before it gives up."""


def connect(path: Path, latest_version: int) -> sqlite3.Connection:
    """Open the SQLite file with our pragmas, refusing files from a newer reader (schema
    version above `latest_version`); every failure is a one-line LibraryError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(
            f"cannot create library {path}: {error.strerror or error} ({path.parent})"
        ) from error
    if path.exists() and path.is_dir():
        raise LibraryError(f"cannot open library {path}: it is a directory")
    if _read_only_file_system(path.parent):
        raise LibraryError(f"cannot open library {path}: its file system is read-only")
    if path.exists() and not os.access(path, os.W_OK):
        # Refused before SQLite touches it: even opening in WAL mode writes its header.
        raise LibraryError(f"cannot open library {path}: the file is not writable")
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise LibraryError(f"cannot open library {path}: {error}") from error
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > latest_version:
            raise NewerSchemaError(
                f"{path}: written by a newer reader (schema version {version}, this reader"
                f" knows up to {latest_version}); upgrade reader to open it, the file was not"
                " changed"
            )
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
        # 64 MB page cache (allocated only as used): the search index's b-trees stay in
        # memory during an import instead of being re-read per file (measured +20-25%).
        connection.execute("PRAGMA cache_size = -65536")
    except sqlite3.DatabaseError as error:
        connection.close()
        reason = str(error)
        if "not a database" in reason:
            reason = "not a reader library (not an SQLite database)"
        elif "readonly" in reason or "unable to open" in reason:
            reason = f"not writable ({reason})"
        raise LibraryError(f"cannot open library {path}: {reason}") from error
    except BaseException:
        connection.close()
        raise
    return connection


def _read_only_file_system(folder: Path) -> bool:
    """True on a read-only mount, which refuses even root (unlike a file's mode bits)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False  # unknown: let opening the file report what is wrong


@contextmanager
def write_transaction(connection: sqlite3.Connection, failure: str) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (`BEGIN IMMEDIATE`) so that concurrent writers
    queue instead of deadlocking; rolled back on any error. A lock or commit failure is a
    LibraryError "`failure` (reason)"."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise LibraryError(f"{failure} ({error})") from error
    try:
        yield connection
    except sqlite3.Error as error:
        _rollback(connection)
        # A full disk, an I/O error, a file damaged under us: the user's one line.
        raise LibraryError(f"{failure} ({error})") from error
    except BaseException:
        _rollback(connection)
        raise
    else:
        try:
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(connection)
            raise LibraryError(f"{failure} ({error})") from error


def _rollback(connection: sqlite3.Connection) -> None:
    """Undo the transaction, if SQLite has not already (it rolls back by itself after
    some errors, a full disk among them, and ROLLBACK then fails)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")
