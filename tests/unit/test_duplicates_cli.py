"""`reader list --collapse`, and `[stories] duplicates_follow` for `reader tag`/`untag`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.config import ConfigError, parse_config
from reader.library import Library
from tests.cli_harness import Cli as BaseCli
from tests.unit.test_duplicates import FLOODS, TRAM, Sample


def test_duplicates_follow_is_read_from_the_stories_table() -> None:
    path = Path("config.toml")
    assert parse_config("", path).duplicates_follow is True
    assert parse_config("[stories]\nduplicates_follow = false\n", path).duplicates_follow is False
    with pytest.raises(ConfigError, match="duplicates_follow must be true or false"):
        parse_config('[stories]\nduplicates_follow = "no"\n', path)


class Cli(BaseCli):
    """The CLI over the sample library of test_duplicates."""

    def __init__(self, path: Path, sample: Sample, capsys: pytest.CaptureFixture[str]) -> None:
        super().__init__(path, capsys)
        self.path = path
        self.sample = sample

    def tagged(self, tag: str) -> set[int]:
        status, out, err = self("list", "--tag", tag, "--json")
        assert status == 0, err
        return {item["id"] for item in json.loads(out)}


@pytest.fixture
def cli(tmp_path: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    path = tmp_path / "cli.sqlite3"
    with Library.open(path) as library:
        sample = Sample(library)
    yield Cli(path, sample, capsys)


def _write_config(isolated_dirs: Path, text: str) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")


def test_list_collapse_prints_one_line_per_set_with_a_sources_marker(cli: Cli) -> None:
    status, plain, _ = cli("list")
    assert status == 0
    assert len(plain.splitlines()) == 7 and "source" not in plain.replace("Source", "")
    status, out, _ = cli("list", "--collapse")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 3
    floods = next(line for line in lines if FLOODS in line)
    assert floods.startswith(f"{cli.sample.floods_wire:>6} ") and floods.endswith("  +2 sources")
    tram = next(line for line in lines if TRAM in line)
    assert tram.endswith(TRAM)
    status, out, _ = cli("list", "--collapse", "--source", "Harbour Post")
    assert status == 0 and "+" not in out


def test_list_collapse_json_names_the_copies(cli: Cli) -> None:
    status, out, _ = cli("list", "--json")
    assert status == 0
    assert all("duplicates" not in item for item in json.loads(out))
    status, out, _ = cli("list", "--collapse", "--json")
    assert status == 0
    rows = {item["id"]: item for item in json.loads(out)}
    sample = cli.sample
    assert set(rows) == {sample.floods_wire, sample.bridge[0], sample.tram}
    assert rows[sample.floods_wire]["duplicates"] == 2
    assert rows[sample.floods_wire]["duplicate_ids"] == [sample.floods_daily, sample.floods_post]
    assert rows[sample.bridge[0]]["duplicate_ids"] == sample.bridge[1:]
    assert rows[sample.tram]["duplicates"] == 0 and rows[sample.tram]["duplicate_ids"] == []
    assert rows[sample.tram]["title"] == TRAM  # the usual fields are all there


def test_tag_and_untag_follow_duplicates_by_default(cli: Cli) -> None:
    sample = cli.sample
    status, _, err = cli("tag", str(sample.floods_post), "rail")
    assert status == 0
    assert cli.tagged("rail") == set(sample.floods)
    copies = f"{sample.floods_wire}, {sample.floods_daily}"
    assert f"also tagged 2 duplicates of item {sample.floods_post} ({copies})" in err
    status, _, err = cli("tag", str(sample.tram), "rail")
    assert status == 0 and "also" not in err

    status, _, err = cli("untag", str(sample.floods_wire), "rail")
    assert status == 0
    assert cli.tagged("rail") == {sample.tram}
    assert f"also untagged 2 duplicates of item {sample.floods_wire}" in err


def test_tag_and_untag_touch_one_item_when_duplicates_follow_is_off(
    cli: Cli, isolated_dirs: Path
) -> None:
    _write_config(isolated_dirs, "[stories]\nduplicates_follow = false\n")
    sample = cli.sample
    status, _, err = cli("tag", str(sample.bridge[2]), "bridges")
    assert status == 0 and "also" not in err
    assert cli.tagged("bridges") == {sample.bridge[2]}
    _write_config(isolated_dirs, "")
    cli("tag", str(sample.bridge[0]), "bridges")
    assert cli.tagged("bridges") == set(sample.bridge)
    _write_config(isolated_dirs, "[stories]\nduplicates_follow = false\n")
    status, _, err = cli("untag", str(sample.bridge[1]), "bridges")
    assert status == 0 and "also" not in err
    assert cli.tagged("bridges") == {sample.bridge[0], sample.bridge[2]}
