"""Running `reader` in-process against one library, for the CLI tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli.main import run


class Cli:
    """Runs `reader --library PATH ...` in-process and captures its output."""

    def __init__(self, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.library = library
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        """(exit status, stdout, stderr) of one command."""
        status = run(["--library", str(self.library), *args])
        captured = self.capsys.readouterr()
        return status, captured.out, captured.err

    def json(self, *args: str) -> Any:
        """The JSON document a successful `... --json` prints."""
        status, out, err = self(*args, "--json")
        assert status == 0, err
        return json.loads(out)
