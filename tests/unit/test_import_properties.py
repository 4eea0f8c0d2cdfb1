"""Property-based tests over the importer's entry point: whatever the bytes, an import
either stores items or reports one clear line, never raises, and leaves a sound library."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.services.importing import FileFailure, import_files

SECONDS_PER_EXAMPLE = 5.0  # far above the milliseconds these take: catches blow-ups only
PROPERTY = settings(
    max_examples=40,
    deadline=timedelta(seconds=SECONDS_PER_EXAMPLE),
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters that break naive text handling: RTL and bidi marks, zero-width ones,
# combining marks, controls, escapes, lone surrogates (written out with surrogatepass).
AWKWARD = st.sampled_from(
    ["\u202e", "\u200f", "\u200b", "\u2066", "\ufeff", "\u0301", "\u0327", "\x1b[2J",
     "\x00", "\x07", "\r", "\u2028", "\ud800", "\udfff", "ש", "ع", "é", "<", "&", "]]>"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=20), AWKWARD), max_size=40).map("".join)


def _import(data: bytes, name: str) -> tuple[int, list[FileFailure]]:
    """Import one file into a fresh library; (files imported, failures)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        failures: list[FileFailure] = []
        with Library.open(Path(folder) / "lib.sqlite3") as library:
            report = import_files(library, [path], max_bytes=1_000_000, parallel=False,
                                  on_failure=failures.append)  # fmt: skip
            check = library.connection.execute("PRAGMA integrity_check").fetchone()[0]
            stored = library.count_items()
        assert check == "ok"
        assert report.files + len(failures) == 1  # stored, or one clear failure
        for failure in failures:
            assert (
                failure.reason and "\n" not in failure.reason and "Traceback" not in failure.reason
            )
        if report.files:
            assert stored == report.added  # what it says it stored is there
        return report.files, failures


def _timed(run: Callable[[], object]) -> None:
    started = time.perf_counter()
    run()
    assert time.perf_counter() - started < SECONDS_PER_EXAMPLE


@PROPERTY
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".xml", ".html", ".json"]))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    _timed(lambda: _import(data, "input" + suffix))


@PROPERTY
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_arbitrary_unicode_text(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass" if encoding != "latin-1" else "replace")
    _timed(lambda: _import(data, "notes.txt"))


def _nested(tags: list[str], leaf: str) -> str:
    out = leaf
    for tag in reversed(tags):
        out = f"<{tag}>{out}</{tag}>"
    return out


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """RSS or Atom with random entries, nesting inside them, and a random cut."""
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        title, body = draw(TEXT), draw(TEXT)
        nesting = draw(st.lists(st.sampled_from(["div", "p", "b", "span", "x:y"]), max_size=30))
        if atom:
            entries.append(f"<entry><title>{title}</title><content type='html'>"
                           f"{_nested(nesting, body)}</content></entry>")  # fmt: skip
        else:
            entries.append(f"<item><title>{title}</title><description>"
                           f"{_nested(nesting, body)}</description></item>")  # fmt: skip
    if atom:
        document = ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                    f"<title>{draw(TEXT)}</title>{''.join(entries)}</feed>")  # fmt: skip
    else:
        document = f"<rss version='2.0'><channel><title>t</title>{''.join(entries)}</channel></rss>"
    data = document.encode("utf-8", errors="surrogatepass")
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


@PROPERTY
@given(data=feeds())
def test_generated_feeds_with_nesting_and_truncation(data: bytes) -> None:
    _timed(lambda: _import(data, "feed.xml"))


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """HTML pages with random nesting, attributes and a random cut."""
    nesting = draw(st.lists(st.sampled_from(["div", "article", "section", "p", "table", "td",
                                             "li", "ul", "script", "main"]), max_size=60))  # fmt: skip
    attributes = " ".join(f"data-a{n}='{n}'" for n in range(draw(st.integers(0, 50))))
    paragraphs = "".join(
        f"<p {attributes}>{draw(TEXT)}</p>" for _ in range(draw(st.integers(0, 8)))
    )
    document = (f"<!doctype html><html><head><title>{draw(TEXT)}</title></head><body>"
                f"<h1>{draw(TEXT)}</h1>{_nested(nesting, paragraphs)}</body></html>")  # fmt: skip
    data = document.encode("utf-8", errors="surrogatepass")
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


@PROPERTY
@given(data=pages())
def test_generated_html_with_nesting_and_truncation(data: bytes) -> None:
    _timed(lambda: _import(data, "page.html"))
