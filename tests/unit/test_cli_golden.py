"""The CLI contract, pinned: every `--json` command's output and every exit status on the
bundled sample library, compared with golden files under tests/data/golden/.

These are what scripts built on `reader` rely on (ids, field names, order), so a refactor
must leave them byte for byte as they are. A deliberate change regenerates them:

    READER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_cli_golden.py

and the commit that does so says what changed for users.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.cli.main import run
from reader.library import Library
from reader.library import store as store_module
from reader.services.samples import import_samples

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UPDATE = os.environ.get("READER_UPDATE_GOLDEN") == "1"
CLOCK = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
"""Import and tag times are the clock's: fixed, so that undated items sort the same way."""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("golden") / "library.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "now_utc", lambda: CLOCK)
        opened = Library.open(path)
        try:
            import_samples(opened, max_bytes=50_000_000)
        finally:
            opened.close()
        # Some state a user builds up: tags, a read and a starred item.
        for command in (["tag", "3", "later", "ukraine"], ["tag", "12", "later"]):
            assert run(["--library", str(path), *command]) == 0
        yield path


def _run(
    library: Path, capsys: pytest.CaptureFixture[str], *args: str, stderr: bool = False
) -> tuple[int, str]:
    """(exit status, stdout) of one command, and its stderr after stdout if asked."""
    capsys.readouterr()
    try:
        status = run(["--library", str(library), *args])
    except SystemExit as stop:  # argparse's usage errors
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    out = captured.out + (f"--- stderr\n{captured.err}" if stderr else "")
    out = out.replace(str(library), "<library>")
    # The file's size depends on SQLite's page reuse, not on what reader promises.
    return status, re.sub(r'"bytes": \d+', '"bytes": "<size>"', out)


def _check(name: str, status: int, out: str) -> None:
    """Compare (exit status, stdout) with the golden file `name`, or write it."""
    path = GOLDEN / f"{name}.golden"
    got = f"exit {status}\n{out}"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got.encode())  # bytes: CSV's CRLF line ends are part of it
        return
    assert path.is_file(), f"no golden file {path.name}: run with READER_UPDATE_GOLDEN=1"
    want = path.read_bytes().decode()
    assert got == want, f"{path.name} changed"


JSON_COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "list-collapsed": ("list", "--collapse"),
    "list-filtered": ("list", "--kind", "article", "--unread", "--limit", "5"),
    "list-tag": ("list", "--tag", "later"),
    "show": ("show", "3"),
    "tags": ("tags",),
    "search": ("search", "tempete", "ophelie"),
    "search-typo": ("search", "goncour"),
    "search-filter": ("search", "kind:article", "aquilon"),
    "stats": ("stats",),
    "stories": ("stories",),
    "stories-large": ("stories", "--min-size", "3"),
    "story": ("story", "1"),
    "compare": ("compare", "1"),
}


@pytest.mark.parametrize("name", sorted(JSON_COMMANDS))
def test_json_output_is_unchanged(
    name: str, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(library, capsys, *JSON_COMMANDS[name], "--json")
    json.loads(out)  # one document, whatever else
    _check(f"json-{name}", status, out)


EXPORTS = ("json", "jsonl", "csv", "markdown")


@pytest.mark.parametrize("fmt", EXPORTS)
def test_exports_are_unchanged(fmt: str, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(library, capsys, "export", "--format", fmt, "--tag", "later")
    _check(f"export-{fmt}", status, out)


FAILURES: dict[str, tuple[str, ...]] = {
    "show-missing": ("show", "99999"),
    "tag-missing": ("tag", "99999", "later"),
    "story-missing": ("story", "99999"),
    "compare-missing": ("compare", "99999"),
    "import-missing": ("import", "/nonexistent/reader-golden.txt"),
    "story-bad-verb": ("story", "join", "1", "2"),
}


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_failures_keep_their_exit_status(
    name: str, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(library, capsys, *FAILURES[name], stderr=True)
    assert status != 0
    _check(f"fail-{name}", status, out)
