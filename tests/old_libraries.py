"""Libraries as earlier readers left them, built from the recorded migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library.schema import MIGRATIONS
from reader.library.store import headline_hash

STORIES_VERSION = 4  # the schema version that added story_fixes and the grouping tables


def library_at(path: Path, version: int) -> None:
    """A library as a reader of schema `version` left it: its migrations, and a user's
    items, flags, tags and (once stories existed) a story fixed by hand."""
    db = sqlite3.connect(path)
    db.create_function("reader_headline_hash", 1, headline_hash)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    now = "2026-11-01T08:00:00+00:00"
    db.execute("INSERT INTO sources VALUES (1, 'Harbour Post', 'harbour post', 'file', NULL, ?)",
               (now,))  # fmt: skip
    rows = [
        (1, "headline", "Ferry strike ends at Kestrel Bay", "[]", 1, 0),
        (2, "headline", "FERRY STRIKE ENDS AT KESTREL BAY", "[]", 0, 1),
        (3, "article", "Crane collapse halts the harbour", '["The crane fell.", {"h": "Next"}]', 0, 0),
        (4, "article", "Harbour reopens after the crane inquiry", '["Work resumed."]', 0, 0),
    ]  # fmt: skip
    for item_id, kind, title, body, read, starred in rows:
        db.execute(
            "INSERT INTO items (id, source_id, kind, title, body, content_hash, imported_at,"
            " sort_date, read, starred) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item_id, kind, title, body, f"old-hash-{item_id}", now, now, read, starred),
        )
    db.execute("INSERT INTO tags VALUES (1, 'later', 'later'), (2, 'Port', 'port')")
    db.execute("INSERT INTO item_tags VALUES (3, 1, ?), (3, 2, ?), (1, 2, ?)", (now,) * 3)
    if version >= STORIES_VERSION:
        db.execute("INSERT INTO stories VALUES (1, 'Crane', ?, ?)", (now, now))
        db.execute("UPDATE items SET story_id = 1 WHERE id IN (3, 4)")
        db.execute("INSERT INTO story_fixes VALUES (4, NULL, ?)", (now,))  # split by hand
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
