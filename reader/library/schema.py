"""The library's SQLite schema as an ordered list of migrations (PRAGMA user_version)."""

from __future__ import annotations

# Each entry moves the schema from version N to N+1. Never edit a released entry: append.
MIGRATIONS: tuple[str, ...] = (
    # v1: sources, items, tags, stories.
    """
    CREATE TABLE sources (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        -- casefolded name: source names are unique regardless of case
        key         TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('file', 'feed', 'site')),
        origin      TEXT,
        created_at  TEXT NOT NULL
    );

    CREATE TABLE stories (
        id          INTEGER PRIMARY KEY,
        label       TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );

    CREATE TABLE items (
        id             INTEGER PRIMARY KEY,
        source_id      INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        kind           TEXT NOT NULL CHECK (kind IN ('headline', 'article')),
        title          TEXT NOT NULL,
        title_derived  INTEGER NOT NULL DEFAULT 0 CHECK (title_derived IN (0, 1)),
        -- JSON list of blocks: ["paragraph", ...] or {"h": "heading"}
        body           TEXT NOT NULL DEFAULT '[]',
        author         TEXT,
        published      TEXT,
        url            TEXT,
        guid           TEXT,
        content_hash   TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        -- published when known, else imported_at: the order of every list
        sort_date      TEXT NOT NULL,
        read           INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        starred        INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        story_id       INTEGER REFERENCES stories (id) ON DELETE SET NULL,
        UNIQUE (source_id, content_hash)
    );
    CREATE INDEX items_by_date ON items (sort_date DESC, id DESC);
    CREATE INDEX items_by_source ON items (source_id, sort_date DESC, id DESC);
    CREATE INDEX items_by_story ON items (story_id);
    CREATE INDEX items_unread ON items (read, sort_date DESC, id DESC);
    -- a feed entry seen again (same GUID) is the same item even if its text was edited
    CREATE INDEX items_by_guid ON items (source_id, guid) WHERE guid IS NOT NULL;

    CREATE TABLE tags (
        id    INTEGER PRIMARY KEY,
        name  TEXT NOT NULL,
        -- casefolded name: "Later" and "later" are one tag
        key   TEXT NOT NULL UNIQUE
    );

    CREATE TABLE item_tags (
        item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        tagged_at  TEXT NOT NULL,
        PRIMARY KEY (item_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX item_tags_by_tag ON item_tags (tag_id, item_id);
    """,
    # v2: the search index, filled and kept in step by reader/search/index.py; a library
    # upgraded from v1 is indexed in full on its first search or import.
    """
    -- titles, with prefix indexes: the as-you-type tier
    CREATE VIRTUAL TABLE search_titles USING fts5 (
        title, content = '', tokenize = 'ascii', prefix = '1 2 3 4'
    );
    -- titles and bodies, one prefix index (4 letters): the body tier
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, body, content = '', tokenize = 'ascii', prefix = '4'
    );
    CREATE TABLE search_terms (
        id    INTEGER PRIMARY KEY,
        term  TEXT NOT NULL UNIQUE
    );
    CREATE TABLE search_stems (
        stem  TEXT NOT NULL,
        term  TEXT NOT NULL,
        PRIMARY KEY (stem, term)
    ) WITHOUT ROWID;
    CREATE TABLE search_state (
        key    TEXT PRIMARY KEY,
        value  INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # v3: counts for the sidebar and `reader stats` read this index instead of scanning
    # rows that carry whole article bodies (0.5 s -> ~20 ms at 100k items).
    """
    CREATE INDEX items_counts ON items (source_id, read, starred, kind, published);
    """,
    # Stories: the grouping index, kept in step by reader/stories/store.py.
    # IF NOT EXISTS throughout so the entry is safe wherever it lands in this list; a
    # library upgraded from before it is grouped in full on its next import.
    """
    CREATE TABLE IF NOT EXISTS story_profiles (
        item_id   INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        -- JSON signature and fixed key weights (reader/stories/features.py, scoring.py)
        features  TEXT NOT NULL,
        dup_root  INTEGER NOT NULL,
        -- 0: placed by hand (story_fixes), outside automatic grouping
        indexed   INTEGER NOT NULL DEFAULT 1 CHECK (indexed IN (0, 1))
    );
    CREATE INDEX IF NOT EXISTS story_profiles_by_root ON story_profiles (dup_root);
    CREATE TABLE IF NOT EXISTS story_postings (
        key      TEXT NOT NULL,
        bucket   INTEGER NOT NULL,
        item_id  INTEGER NOT NULL,
        PRIMARY KEY (key, bucket, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS story_df (
        key  TEXT PRIMARY KEY,
        n    INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS story_groups (
        story_id   INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
        members    INTEGER NOT NULL,
        -- publication span of the dated members, in days since 1970 (NULL: none dated)
        first_day  REAL,
        last_day   REAL
    );
    CREATE TABLE IF NOT EXISTS story_names (
        story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        n         INTEGER NOT NULL,
        PRIMARY KEY (story_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS story_fixes (
        item_id    INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        anchor_id  INTEGER REFERENCES items (id) ON DELETE SET NULL,
        fixed_at   TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS story_fixes_by_anchor ON story_fixes (anchor_id);
    CREATE TABLE IF NOT EXISTS story_state (
        key    TEXT PRIMARY KEY,
        value  INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # v4: a headline's identity keeps its case (store.headline_hash); the function is
    # registered on every connection.
    """
    UPDATE items SET content_hash = reader_headline_hash(title) WHERE kind = 'headline';
    """,
)

LATEST_VERSION = len(MIGRATIONS)
