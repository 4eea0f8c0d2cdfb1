"""Every CLI command end to end, with its error paths (exit status, one-line messages)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import run
from reader.library import Library
from tests.cli_harness import Cli

HEADLINES = """Harbour strike enters its third week
-
Grève au port : troisième semaine de blocage
-
City council approves the new tram line
"""

ARTICLE = """Floods close the northern rail line
By Maren Holt
2026-11-03

Heavy rain overnight left the tracks between the two valley towns under water, and the operator suspended every service until at least Thursday while engineers inspect the embankments.

Officials said about four thousand commuters use the line daily, and replacement buses would run every twenty minutes from the station forecourt starting on Wednesday morning.
"""


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "library.sqlite3", capsys)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    (folder / "nested").mkdir(parents=True)
    (folder / "wire.txt").write_text(HEADLINES, encoding="utf-8")
    (folder / "nested" / "floods.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / ".hidden.txt").write_text("Hidden headline that must not be imported\n")
    return folder


@pytest.fixture
def imported(cli: Cli, inputs: Path) -> Cli:
    status, _out, err = cli("import", str(inputs))
    assert status == 0, err
    return cli


def titles(cli: Cli, *args: str) -> list[str]:
    data = cli.json("list", *args)
    assert isinstance(data, list)
    return [item["title"] for item in data]


def test_import_directory_walks_files_and_prints_summary(cli: Cli, inputs: Path) -> None:
    status, out, err = cli("import", str(inputs))
    assert status == 0, err
    assert out.strip() == "imported 4 items from 2 files (0 duplicates, 0 errors)"
    assert "Hidden headline" not in " ".join(titles(cli))
    status, out, _ = cli("import", str(inputs))
    assert out.strip() == "imported 0 items from 2 files (4 duplicates, 0 errors)"


def test_import_summary_counts_copies_of_other_sources_items(cli: Cli, tmp_path: Path) -> None:
    """The same headlines saved under another source's name are new items, and the
    summary says they were already there from another source."""
    lines = "Ferry strike ends at Kestrel Bay after ten days\nCouncil votes the harbour budget\n"
    (tmp_path / "wire.txt").write_text(lines)
    (tmp_path / "digest.txt").write_text(lines)
    _status, out, _ = cli("import", str(tmp_path / "wire.txt"))
    assert out.strip() == "imported 2 items from 1 file (0 duplicates, 0 errors)"
    _status, out, _ = cli("import", str(tmp_path / "digest.txt"))
    assert out.strip() == (
        "imported 2 items from 1 file (0 duplicates, 2 already from other sources, 0 errors)"
    )


def test_import_glob_source_and_tags(cli: Cli, inputs: Path) -> None:
    status, out, err = cli(
        "import", str(inputs / "**" / "*.txt"), "--source", "My Clips", "--tag", "later",
        "--tag", "transport",
    )  # fmt: skip
    assert status == 0, err
    assert "from 2 files" in out
    items = cli.json("list", "--source", "my clips")
    assert isinstance(items, list) and len(items) == 4
    assert all(item["source"] == "My Clips" for item in items)
    assert all(item["tags"] == ["later", "transport"] for item in items)


def test_import_reports_bad_files_and_goes_on(cli: Cli, inputs: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    status, out, err = cli(
        "import", str(tmp_path / "empty.txt"), str(inputs / "wire.txt"),
        str(tmp_path / "image.png"), str(tmp_path / "missing.txt"),
    )  # fmt: skip
    assert status == 1
    assert out.strip() == "imported 3 items from 1 file (0 duplicates, 3 errors)"
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("image.png: binary" in line for line in lines)
    assert any("missing.txt: no such file" in line for line in lines)
    assert "Traceback" not in err


def test_import_refuses_files_over_the_configured_limit(
    cli: Cli, tmp_path: Path, isolated_dirs: Path
) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[import]\nmax_file_mb = 0.001\n")
    big = tmp_path / "big.txt"
    big.write_text("A headline that repeats\n" * 200)
    status, _out, err = cli("import", str(big))
    assert status == 1
    assert "big.txt: file too large" in err
    assert cli.json("list") == []


def test_import_refuses_files_with_more_items_than_configured(
    cli: Cli, tmp_path: Path, isolated_dirs: Path
) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[import]\nmax_file_items = 50\n")
    many = tmp_path / "many.txt"
    many.write_text("".join(f"Council meets on budget item {n}\n" for n in range(51)))
    few = tmp_path / "few.txt"
    few.write_text("".join(f"Ferry timetable change {n}\n" for n in range(50)))
    status, out, err = cli("import", str(many), str(few))
    assert status == 1
    assert err.strip() == (
        f"reader: {many}: holds 51 items, more than max_file_items (50) allows;"
        " refused (raise it in config.toml [import])"
    )
    assert "imported 50 items from 1 file" in out
    assert all(item["title"].startswith("Ferry") for item in cli.json("list", "--limit", "100"))


def test_a_wrong_item_budget_is_one_line(cli: Cli, tmp_path: Path, isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    one = tmp_path / "one.txt"
    one.write_text("Ferry timetable change\n")
    for value in ("0", '"many"', "2.5"):
        config.write_text(f"[import]\nmax_file_items = {value}\n")
        _status, _out, err = cli("import", str(one))
        assert "max_file_items" in err and len(err.strip().splitlines()) == 1, value


def test_list_filters_and_text_output(imported: Cli) -> None:
    assert titles(imported, "--kind", "article") == ["Floods close the northern rail line"]
    assert len(titles(imported, "--kind", "headline")) == 3
    status, out, _ = imported("list")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 4
    # Undated headlines sort by import time (today), so the article dated 2026-11-03 is last.
    assert lines[-1].split()[1:3] == ["A*", "2026-11-03"]
    assert lines[-1].endswith("Floods close the northern rail line")
    assert all(line.split()[1] == "H*" for line in lines[:-1])


def test_list_unknown_tag_or_source_fails_with_one_line(imported: Cli) -> None:
    status, out, err = imported("list", "--tag", "nope")
    assert (status, out) == (1, "")
    assert err.strip() == "reader: no tag named 'nope' (see 'reader tags')"
    status, _, err = imported("list", "--source", "nowhere")
    assert status == 1 and "no source named 'nowhere'" in err


def test_the_read_later_list_exists_before_anything_is_in_it(imported: Cli) -> None:
    assert imported.json("list", "--tag", "later") == []
    status, out, err = imported("export", "--tag", "Later", "--format", "json")
    assert (status, err) == (0, "") and out.strip() == "[]"


def test_show_text_and_json(imported: Cli) -> None:
    article_id = imported.json("list", "--kind", "article")[0]["id"]
    status, out, _ = imported("show", str(article_id))
    assert status == 0
    assert out.startswith("Floods close the northern rail line\n")
    assert "by Maren Holt" in out and "Heavy rain overnight" in out
    data = imported.json("show", str(article_id))
    assert isinstance(data, dict)
    assert data["author"] == "Maren Holt"
    assert data["published"].startswith("2026-11-03")
    assert data["body"].startswith("Heavy rain overnight")
    assert data["body"].endswith("Wednesday morning.")
    for key in ("id", "kind", "title", "title_derived", "body", "author", "published", "source",
                "url", "tags", "story", "read"):  # fmt: skip
        assert key in data


@pytest.mark.parametrize(
    ("args", "status", "fragment"),
    [
        (["show", "999"], 1, "no item with id 999"),
        (["show", "abc"], 2, "invalid item id 'abc'"),
        (["show"], 2, "required: ID"),
        (["tag", "999", "x"], 1, "no item with id 999"),
        (["list", "--kind", "podcast"], 2, "invalid choice"),
        (["export", "--format", "pdf"], 2, "invalid choice"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_status(
    imported: Cli, args: list[str], status: int, fragment: str
) -> None:
    code, out, err = imported(*args)
    assert code == status
    assert out == ""
    assert fragment in err
    assert len(err.strip().splitlines()) == 1


def test_tag_untag_and_tags(imported: Cli) -> None:
    first, second = (item["id"] for item in imported.json("list")[:2])
    assert imported("tag", str(first), "later", "Rail")[0] == 0
    assert imported("tag", str(second), "rail")[0] == 0
    assert imported.json("tags") == [{"tag": "Rail", "items": 2}, {"tag": "later", "items": 1}]
    status, out, _ = imported("tags")
    assert out.splitlines() == ["Rail   2", "later  1"]
    assert titles(imported, "--tag", "RAIL") == titles(imported)[:2]
    assert imported("untag", str(first), "rail")[0] == 0
    assert imported.json("show", str(first))["tags"] == ["later"]
    status, _, err = imported("untag", str(first), "ghost")
    assert status == 1 and "no tag named 'ghost'" in err
    status, _, err = imported("untag", str(first), "rail")
    assert status == 1 and f"item {first} has no tag 'rail'" in err


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "csv"])
def test_export_formats(imported: Cli, tmp_path: Path, fmt: str) -> None:
    article_id = imported.json("list", "--kind", "article")[0]["id"]
    imported("tag", str(article_id), "later")
    target = tmp_path / f"out.{fmt}"
    status, _out, err = imported("export", "--format", fmt, "--tag", "later", "-o", str(target))
    assert status == 0, err
    assert "exported 1 items" in err
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        (item,) = json.loads(text)
        assert item["title"] == "Floods close the northern rail line"
        assert item["tags"] == ["later"] and item["read"] is False
        assert isinstance(item["story"], int)  # every item is grouped into a story
    elif fmt == "jsonl":
        assert [json.loads(line)["id"] for line in text.splitlines()] == [article_id]
    elif fmt == "markdown":
        assert text.startswith("# Reading list\n")
        assert "## Floods close the northern rail line" in text
        assert "by Maren Holt" in text and "`#later`" in text
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [row["title"] for row in rows] == ["Floods close the northern rail line"]
        assert rows[0]["tags"] == "later"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "csv"])
def test_an_export_imports_back_into_a_new_library(
    imported: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    first = imported.json("list")[0]["id"]
    imported("tag", str(first), "later")
    backup = tmp_path / f"backup.{fmt}"
    assert imported("export", "--format", fmt, "-o", str(backup))[0] == 0
    restored = Cli(tmp_path / "restored.sqlite3", capsys)
    status, out, err = restored("import", "--dry-run", str(backup))
    assert status == 0 and "reader export: 3 headlines, 1 articles" in out, err
    status, out, err = restored("import", str(backup))
    assert status == 0 and "imported 4 items" in out, err

    def fields(cli: Cli) -> list[tuple[object, ...]]:
        return sorted(
            (row["title"], row["source"], row["kind"], tuple(row["tags"]), row["published"])
            for row in cli.json("list")
        )

    assert fields(restored) == fields(imported)


def test_export_to_stdout_is_one_json_document(imported: Cli) -> None:
    status, out, _ = imported("export")
    assert status == 0
    assert len(json.loads(out)) == 4


def test_export_unwritable_target_fails_cleanly(imported: Cli, tmp_path: Path) -> None:
    status, _, err = imported("export", "-o", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert status == 1 and "cannot write" in err


def test_stats(imported: Cli) -> None:
    data = imported.json("stats")
    assert isinstance(data, dict)
    assert (data["items"], data["headlines"], data["articles"], data["sources"]) == (4, 3, 1, 2)
    _status, out, _ = imported("stats")
    assert "items    4 (3 headlines, 1 articles)" in out


def test_library_from_environment_variable(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "env-lib.sqlite3"
    monkeypatch.setenv("READER_LIBRARY", str(target))
    assert run(["import", str(inputs / "wire.txt")]) == 0
    assert target.exists()
    with Library.open(target) as library:
        assert library.count_items() == 3
    capsys.readouterr()


def test_library_option_after_the_command(inputs: Path, tmp_path: Path) -> None:
    target = tmp_path / "after.sqlite3"
    assert run(["import", str(inputs / "wire.txt"), "--library", str(target)]) == 0
    assert target.exists()


def test_newer_library_is_refused_by_every_command(cli: Cli) -> None:
    import sqlite3

    connection = sqlite3.connect(cli.library)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    for args in (["list"], ["stats"], ["tags"]):
        status, _, err = cli(*args)
        assert status == 1 and "newer reader" in err


def test_console_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "READER_LIBRARY": str(tmp_path / "sub.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "show", "42"], capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "reader: no item with id 42\n"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"], capture_output=True, text=True,
        env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and json.loads(done.stdout) == []


def test_a_database_failure_mid_command_is_one_line(
    imported: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Library, "list_items", broken)
    code, out, err = imported("list")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "reader: the library database failed: database disk image is malformed"
    ]


def test_import_dry_run_explain_shows_each_line_and_stores_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    page = Path(__file__).parent.parent / "data" / "pagedump" / "lynx-article-en.txt"
    status, out, err = cli("import", "--dry-run", "--explain", str(page))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].endswith(": page dump: 0 headlines, 1 articles, 30 lines left out as furniture")
    assert any(
        line.split()[:2] == ["23", "metadata:"] and "By Maren Holt" in line for line in lines
    )
    assert any("dropped: browser mark" in line and "(BUTTON) Menu" in line for line in lines)
    assert cli.json("list") == []
    status, _, err = cli("import", "--explain", str(page))
    assert status == 2 and "--explain needs --dry-run" in err


def test_import_says_how_many_lines_it_left_out(cli: Cli) -> None:
    page = Path(__file__).parent.parent / "data" / "pagedump" / "lynx-article-en.txt"
    status, out, err = cli("import", str(page))
    assert status == 0, err
    assert out.strip() == "imported 1 item from 1 file (0 duplicates, 0 errors)"
    assert "left out 30 lines of page furniture" in err


def test_a_tag_filter_is_read_like_the_tag_itself(cli: Cli, tmp_path: Path) -> None:
    """`--tag '#Later '` names the same tag as `tag ID later`: one key for both."""
    feed = tmp_path / "wire.txt"
    feed.write_text("Port strike ends after nine days\nTram line reopens\n", encoding="utf-8")
    assert cli("import", str(feed))[0] == 0
    first = cli.json("list")[-1]["id"]
    assert cli("tag", str(first), "later")[0] == 0
    assert [item["id"] for item in cli.json("list", "--tag", "#Later ")] == [first]


def test_read_unread_star_unstar_verbs(imported: Cli) -> None:
    first, second = (item["id"] for item in imported.json("list")[:2])
    status, _out, err = imported("read", str(first), str(second))
    assert status == 0 and err.strip() == "reader: marked 2 items read"
    flags = {item["id"]: item for item in imported.json("list")}
    assert flags[first]["read"] and flags[second]["read"]
    assert imported("unread", str(second))[2].strip() == "reader: marked 1 item unread"
    assert imported("star", str(first))[2].strip() == "reader: starred 1 item"
    flags = {item["id"]: item for item in imported.json("list")}
    assert (flags[first]["starred"], flags[second]["read"]) == (True, False)
    assert imported("unstar", str(first))[0] == 0
    assert not {item["id"]: item for item in imported.json("list")}[first]["starred"]
    status, out, err = imported("star", "99999")
    assert (status, out) == (1, "") and "no item with id 99999" in err
    assert len(err.strip().splitlines()) == 1


def test_export_takes_a_query_and_a_limit(imported: Cli) -> None:
    def exported(*args: str) -> list[dict[str, object]]:
        status, out, err = imported("export", *args)
        assert status == 0, err
        return list(json.loads(out))

    found = [str(item["title"]) for item in exported("rail", "line")]
    assert found and all("rail" in title.lower() for title in found)
    assert len(exported("--limit", "2")) == 2 and len(exported()) == 4
    status, _out, err = imported("export", "kind:video")
    assert status == 2 and "bad query" in err


def test_export_opml_lists_the_feed_sources(cli: Cli, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<rss version='2.0'><channel><title>Harbour &amp; Co</title>"
        "<link>https://harbour.example/</link>"
        "<item><title>Ferry strike ends</title><link>https://harbour.example/a</link></item>"
        "</channel></rss>"
    )
    (tmp_path / "notes.txt").write_text("A headline saved by hand\n")
    cli("import", str(feed), str(tmp_path / "notes.txt"))
    status, out, _err = cli("export", "--format", "opml")
    assert status == 0 and out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    outlines = [line for line in out.splitlines() if "<outline" in line]
    assert len(outlines) == 1 and 'text="Harbour &amp; Co"' in outlines[0]
    assert "notes.txt" not in out


def test_source_rename(imported: Cli) -> None:
    sources = {item["source"] for item in imported.json("list")}
    old = sorted(sources)[0]
    status, _out, err = imported("source", "rename", old.upper(), "Harbour  Post")
    assert status == 0 and err.strip() == f"reader: source {old.upper()!r} is now 'Harbour Post'"
    renamed = {item["source"] for item in imported.json("list")}
    assert "Harbour Post" in renamed and old not in renamed
    assert imported.json("list", "--source", "harbour post")
    other = sorted(sources)[1]
    status, _out, err = imported("source", "rename", other, "harbour post")
    assert status == 1 and "exists already" in err
    status, _out, err = imported("source", "rename", "nowhere", "x")
    assert status == 1 and "no source named 'nowhere'" in err


def test_views_add_edit_rename_delete(cli: Cli, isolated_dirs: Path) -> None:
    """The app's saved searches from the command line, kept in its state file."""
    from reader.state import load_state

    assert cli("views") == (0, "", "")
    assert cli("views", "add", "Rail", "rail", "is:unread")[0] == 0
    assert cli.json("views") == {"Rail": "rail is:unread"}
    status, _out, err = cli("views", "add", "Rail", "again")
    assert status == 1 and "already" in err
    assert cli("views", "edit", "Rail", "rail", "strike")[0] == 0
    status, _out, err = cli("views", "rename", "Rail", "Strikes")
    assert status == 0 and err.strip() == "reader: saved search 'Rail' is now 'Strikes'"
    assert load_state().saved_searches == {"Strikes": "rail strike"}  # what the app reads
    status, _out, err = cli("views", "edit", "Strikes", "kind:video")
    assert status == 2 and "bad query" in err
    assert cli("views", "delete", "Strikes")[0] == 0
    assert cli.json("views") == {}
    status, _out, err = cli("views", "delete", "Strikes")
    assert status == 1 and "no saved search named 'Strikes'" in err
    assert cli("views", "rename", "only-one")[0] == 2
