"""Search: the query language, the index and ranking. Plain Python: no Textual, no rich.

Nothing is imported here, so `reader.library` can import `reader.search.index` cheaply.

Modules, one job each
---------------------
`normalize`   folding (NFKD, marks dropped, casefold, œ→oe, ß→ss, punctuation → word
              breaks) and the map from folded words back to ORIGINAL character offsets.
`stem`        stem keys: Snowball English (PyStemmer) + a light French plural/feminine
              stemmer (Snowball French needs accents, which folding removes).
`query`       the fzf-like query language → a small AST; clear one-line errors.
`index`       the FTS5 index, updated inside the import transaction.
`vocabulary`  other forms (stems) and typo candidates, from the library's own words.
`engine`      `Searcher.search(query, limit, cancel) -> SearchResults`.

Index (schema v2, in the library file)
--------------------------------------
A contentless FTS5 table over the folded title and folded body of each item (rowid = item
id). The text is folded in Python before FTS5 sees it, so FTS5 runs its cheapest
tokenizer (`ascii`: split on spaces) and a word means the same thing to the index and to
the Python code that computes highlight spans. Prefix indexes of 1-4 letters make the
first keystrokes (`m`, `mé`, `mén`) read one doclist instead of merging thousands.
Contentless keeps the file small (the text lives in `items` already); deleting a row
re-folds it from `items`. Two side tables: `search_terms` (every word: the vocabulary
for typos) and `search_stems` (stem key → word).

Other forms are found at query time, not indexed: `élections` looks up the words sharing
its stem keys (`election`, `elections`...) in `search_stems` and ORs them into the FTS
query. That keeps phrases exact and the index half the size of indexing stems alongside.

Typos: only when the library has no word starting with what was typed (so `stade` never
turns into `state`), the vocabulary proposes its words within one edit (two from 8
letters; a swap counts as one), among words of the same first letter and a close length.
A word still being typed is compared with the library's prefixes of its length and gets
corrected prefixes (`fenerbha` → `fenerbah*`). If a query finds nothing at all, every word
gets typo candidates once more.

Per keystroke (`engine`)
------------------------
1. One or two letters: title words starting with them, newest first (a sample: ranking
   half the library for `m` helps nobody and costs seconds at 1M items).
2. Title tier: FTS5 MATCH with every term in the title, `ORDER BY rowid DESC LIMIT 300`
   (items are stored in import order, so that is roughly newest first and lets FTS5 stop
   early). FTS5's own `ORDER BY rank` would score every match: 40 ms for a common word
   at 100k items, over 400 ms at 1M.
3. Body tier, only when titles gave fewer than `limit` hits: the same terms anywhere,
   weighted by bm25 over the body; these always rank below title hits.
4. Re-rank in Python: per term the best title word (same word 1.0, other form ~0.85,
   prefix 0.7-0.95 by how much was typed, typo 0.55), terms in query order and adjacent,
   share of the title matched; ties (to 0.1) by date, newest first.
5. Spans for the hits returned: title words re-folded with their offsets; for articles,
   the first paragraph with a match, cut to ~180 characters around it.

When a keystroke extends the previous query (`fener` → `fenerb`, or a new word) and the
previous title candidates were complete (fewer than the cap), the new title hits are
filtered from them in Python with no FTS5 query; a check on each term's expansions makes
sure the new query cannot match anything the old one did not. Term expansions and folded
titles are cached until another connection commits (`PRAGMA data_version`).

Cancellation: `search(..., cancel=token)` installs an SQLite progress handler that
aborts the running statement once `token.cancel()` was called from another thread, and
the token is checked between stages; either raises `SearchCancelled`.

Measured
--------
`python benchmarks/search_bench.py --sizes 100000,1000000 --sessions 40` on the synthetic
corpus (2-core machine shared with other jobs: load average 1.9-2.1 during these runs;
an earlier run at load 3.5 gave wall-clock p95s of 38 and 69 ms, with CPU time as here).
Typing sessions: two words of a real title typed letter by letter, with a wrong letter
typed, one more, two backspaces, then the rest; 40 sessions, ~735 keystrokes, limit 50.

    items  keystroke p50 / p95 / max   CPU p50 / p95   peak RSS   naive rapidfuzz   fzf
    100k     9.9 / 26.1 / 89 ms        9.7 / 18.4 ms      61 MB     1,021 ms (79x)    414 ms (32x)
    1M      12.8 / 27.9 / 66 ms       12.6 / 26.7 ms     184 MB    13,464 ms (449x)  4,574 ms (152x)

(The reference columns time one full query over all titles; the ratio is against our
full query without reuse: 12.9 ms at 100k, 30 ms at 1M.) Index upkeep, inside
`store_document` in documents of 500 items: 113 µs per item at 100k (11.2 s of a 35 s
load), 131 µs per item at 1M (124 s of 466 s); most of it is FTS5 itself, whose 1-4 letter
prefix indexes about triple its insert cost and are what keep `m`, `mé`, `mén` fast at 1M.
The search index takes 1.1 GB of the 2.3 GB library file at 1M items (bodies included).
"""
