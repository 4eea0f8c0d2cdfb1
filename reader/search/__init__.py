"""Search: the query language, the index and ranking. Plain Python: no Textual, no rich.

Nothing is imported here, so importing `reader.search.index` stays cheap.

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

Index (schema v2, in the library file; INDEX_FORMAT 2)
-----------------------------------------------------
Two contentless FTS5 tables (rowid = item id):

* `search_titles`: the folded title, with prefix indexes of 1-4 letters, so the first
  keystrokes (`m`, `mé`, `mén`) read one doclist instead of merging thousands. The
  as-you-type tier only ever asks this table.
* `search_index`: the folded title and body, with a prefix index of 4 letters only. A
  prefix index costs an index entry per word and length, and bodies hold ~30 times the
  words of titles: 1-4 letter indexes over bodies made FTS5 upkeep about 3x its cost
  without them. This table serves the body tier, which runs only when titles give too
  few hits; there an unfinished word of 1-3 letters matches whole words (FTS5 would
  otherwise merge the doclist of every word in the range: tens of ms for `co*` at 100k
  items), one of 4 letters reads its prefix index, and a longer one merges a narrow
  range (1-3 ms at 100k).

The text is folded in Python before FTS5 sees it, so FTS5 runs its cheapest tokenizer
(`ascii`: split on spaces) and a word means the same thing to the index and to the
Python code that computes highlight spans; folded bodies go to FTS5 as they are, without
a split and join. Contentless keeps the file small (the text lives in `items` already);
deleting a row re-folds it from `items`. Two side tables: `search_terms` (every word:
the vocabulary for typos) and `search_stems` (stem key → word).

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
3. Body tier, only when titles gave fewer than `limit` hits: the same terms anywhere
   (an unfinished word under 4 letters as a whole word, see above), weighted by bm25
   over the body; these always rank below title hits.
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
corpus (2-core machine shared with other jobs: load average 2.2-2.3 while measuring;
wall-clock p95s swing with the load, CPU time much less: the format-1 code measured
right after these runs, at load 2.7-2.9, gave CPU p95s of 22.9 and 30.7 ms).
Typing sessions: two words of a real title typed letter by letter, with a wrong letter
typed, one more, two backspaces, then the rest; 40 sessions, ~735 keystrokes, limit 50.

    items  keystroke p50 / p95 / max   CPU p50 / p95   peak RSS   naive rapidfuzz   fzf
    100k      8.3 / 18.0 / 57 ms        8.2 / 17.2 ms      61 MB       853 ms (106x)    298 ms (37x)
    1M       11.0 / 23.6 / 76 ms       10.9 / 23.4 ms     179 MB     8,835 ms (342x)  2,532 ms (98x)

(The reference columns time one full query over all titles; the ratio is against our
full query without reuse: 8.1 ms at 100k, 26 ms at 1M.) Top 10 of the final query holds
a title with both words in 100% of sessions at 100k, 98% at 1M (as with format 1).

Index upkeep, inside the import service's `store_document` in documents of 500 items:
92 µs per item at 100k (9.1 s of a 30 s load), 108 µs per item at 1M (102 s of 415 s),
against 113 and 131 µs
with format 1 (one table, 1-4 letter prefixes over bodies too); those figures leave out
the commit, where FTS5 writes its segments. Indexing plus commit, 26k corpus items in
transactions of 500, same load for both: 108-146 µs per item against 168-217 µs. The
library file: 200 MB at 100k items (240 MB with format 1), 1.97 GB at 1M (2.3 GB).
Where the time goes now (26k items): FTS5 ~50% (the body table most of it), folding
~30% (bodies take one ASCII-encode pass, `normalize._fold`: half the cost of the regex
passes), the vocabulary ~5%, reading stored bodies back from JSON ~10%.
"""
