"""Escape sequences written into the library file directly (an older version, another
tool, a hand edit) never reach the terminal or an export: output is a boundary too."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reader.library import Library
from reader.library.codec import encode_blocks
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from tests.cli_harness import Cli

# Colour, an OSC 52 clipboard write, an OSC 8 link, a C1 CSI, BEL, backspace.
HOSTILE = "\x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x9b2J\x08\x07"
CONTROLS = ("\x1b", "\x07", "\x08", "\x9b")


@pytest.fixture
def hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        body = (Block("Harbour ferries halted after the crane collapse on the quay."),)
        items = tuple(
            ParsedItem(
                "article",
                f"Kestrel harbour crane collapse report {n}",
                blocks=body,
                url=f"https://example.test/{n}",
            )
            for n in range(2)
        )
        store_document(library, ParsedDocument(items=items), source_name="Wire",
                       source_kind="file", origin=None)  # fmt: skip
        library.tag([1, 2], ["harbour"])
        with library.transaction() as db:
            # What a hand edit or another tool could leave in the file: past the importer.
            db.execute("UPDATE items SET title = title || ?, author = ?, url = url || ?,"
                       " body = ?", (HOSTILE, HOSTILE, HOSTILE,
                                     encode_blocks((Block("Crane " + HOSTILE),
                                                    Block(HOSTILE, heading=True)))))  # fmt: skip
            db.execute("UPDATE sources SET name = name || ?", (HOSTILE,))
            db.execute("UPDATE tags SET name = name || ?", (HOSTILE,))
            db.execute("UPDATE stories SET label = label || ?", (HOSTILE,))
    return Cli(path, capsys)


def _assert_clean(text: str) -> None:
    found = [repr(c) for c in CONTROLS if c in text]
    assert not found, f"{found} in output: {text[:300]!r}"


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "1"],
        ["search", "kestrel"],
        ["stories"],
        ["story", "1"],
        ["compare", "1", "--items", "1,2"],
        ["tags"],
        ["export", "--format", "markdown"],
        ["export", "--format", "csv"],
        ["list", "--json"],
        ["show", "1", "--json"],
        ["export", "--format", "json"],
        ["export", "--format", "jsonl"],
    ],
)
def test_no_command_prints_a_control_sequence(hostile: Cli, command: list[str]) -> None:
    status, out, err = hostile(*command)
    assert status == 0, err
    assert "red" in out or "Kestrel" in out or "harbour" in out  # the text itself is shown
    _assert_clean(out)
    _assert_clean(err)


def test_json_output_keeps_the_stored_text_exactly(hostile: Cli) -> None:
    """JSON is data: the characters are escaped (\\u001b), not lost."""
    status, out, _ = hostile("show", "1", "--json")
    assert status == 0
    assert json.loads(out)["author"] == HOSTILE


def test_csv_and_markdown_exports_to_a_file_are_clean(hostile: Cli, tmp_path: Path) -> None:
    for fmt, name in (("csv", "out.csv"), ("markdown", "out.md")):
        target = tmp_path / name
        status, _, err = hostile("export", "--format", fmt, "--output", str(target))
        assert status == 0, err
        _assert_clean(target.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert rows[0]["author"].startswith("red")
