"""A one-line progress indicator on stderr, silent when stderr is not a terminal."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from reader.cli.output import raw_stream
from reader.text.clean import strip_controls

_MIN_FILES = 5  # a handful of files imports too fast for a bar to help
_INTERVAL = 0.1


class ProgressLine:
    """Redraws `[#####-----] 12/40 name` in place; clear() erases it before other output."""

    def __init__(self, stream: TextIO, width: int = 24) -> None:
        # Its own escape codes go to the stream under the CLI's SafeOutput; the file name
        # shown is made safe here instead.
        self._stream = raw_stream(stream)
        self._width = width
        self._enabled = stream.isatty()
        self._shown = False
        self._last = 0.0

    def update(self, done: int, total: int, what: Path | str) -> None:
        """Show `done` of `total`, then the file (its name) or a phrase being worked on."""
        if not self._enabled or total < _MIN_FILES:
            return
        now = time.monotonic()
        if done < total and now - self._last < _INTERVAL:
            return
        self._last = now
        filled = self._width * done // total
        label = what.name if isinstance(what, Path) else what
        label = strip_controls(label)
        name = label if len(label) <= 40 else label[:39] + "…"
        bar = "#" * filled + "-" * (self._width - filled)
        self._stream.write(f"\r\x1b[2K[{bar}] {done}/{total} {name}")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False
