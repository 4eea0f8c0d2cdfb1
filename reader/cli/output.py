"""The CLI's output boundary: nothing the library holds reaches the terminal as a
control sequence, even when the file was written by an older version, another tool or
a hand edit (imports clean text, but output must not rely on that)."""

from __future__ import annotations

import io
from typing import TextIO

from reader.text.clean import strip_controls


class SafeOutput(io.TextIOBase):
    """A text stream that drops escape sequences and control characters (tabs and
    newlines stay) from everything written; `raw` is the stream itself, for the colour
    codes the CLI adds to text it has already made safe."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(strip_controls(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a SafeOutput (or the stream itself)."""
    return stream.raw if isinstance(stream, SafeOutput) else stream
