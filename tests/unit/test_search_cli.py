"""`reader search`: text and JSON output, spans, bad syntax."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import run

DUMP = """Kanté rejoint Fenerbahçe pour trois saisons
Kim Jong-un inspecte une usine de missiles
Grève des contrôleurs aériens : des vols annulés
"""


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "library.sqlite3"
    dump = tmp_path / "wire.txt"
    dump.write_text(DUMP, encoding="utf-8")
    assert run(["--library", str(path), "import", str(dump)]) == 0
    capsys.readouterr()
    return path


def search(library: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run(["search", "--library", str(library), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_text_output_lists_id_score_source_title(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = search(library, capsys, "kante", "fenerbache")
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].split()[0].isdigit()
    assert "wire.txt" in lines[0]
    assert lines[0].endswith("Kanté rejoint Fenerbahçe pour trois saisons")


def test_json_output(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = search(library, capsys, "jong un", "--json")
    assert status == 0
    (hit,) = json.loads(out)
    assert set(hit) == {
        "id", "title", "score", "source", "kind", "published", "title_spans", "snippet",
        "snippet_spans",
    }  # fmt: skip
    assert hit["kind"] == "headline"
    assert [hit["title"][a:b] for a, b in hit["title_spans"]] == ["Jong-un", "un"]
    assert (hit["snippet"], hit["snippet_spans"]) == ("", [])


def test_limit(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = search(library, capsys, "de | des", "--limit", "1", "--json")
    assert len(json.loads(out)) == 1


def test_no_results_is_not_an_error(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = search(library, capsys, "xylophone")
    assert (status, out) == (0, "")
    assert err == "reader: no results\n"
    _, out, _ = search(library, capsys, "xylophone", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize("query", ["kind:video", "after:2024-99-01", "is:maybe kim"])
def test_bad_syntax_is_one_line_and_exit_2(
    library: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    status, out, err = search(library, capsys, query)
    assert status == 2
    assert out == ""
    assert err.startswith("reader: bad query: ")
    assert err.count("\n") == 1


def test_matches_are_marked_only_when_colour_is_asked(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, plain, _ = search(library, capsys, "kante", "fenerbache")
    assert "\x1b[" not in plain  # piped: never
    _, coloured, _ = search(library, capsys, "kante", "fenerbache", "--color", "always")
    assert "\x1b[1;4mKanté\x1b[22;24m" in coloured
    assert coloured.replace("\x1b[1;4m", "").replace("\x1b[22;24m", "") == plain
    _, never, _ = search(library, capsys, "kante", "--color", "never")
    assert "\x1b[" not in never


def test_a_marked_title_keeps_hostile_escapes_out() -> None:
    from reader.cli.search_text import marked

    text = "Storm \x1b]52;c;aGk=\x07wins \x1b[31mred"
    out = marked(text, [(0, 5)], colour=True)
    assert out.startswith("\x1b[1;4mStorm\x1b[22;24m")
    assert "\x1b]" not in out and "\x07" not in out and "\x1b[31m" not in out
    assert marked(text, [(3, 999)], colour=True) == marked(text, [], colour=True)
