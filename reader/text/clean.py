"""Shared text tools: cleaning untrusted text for storage and display."""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-byte ESC x.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b[@-Z\\-_]?"
)
# C0/C1 controls except tab and newline, DEL, and bidi embedding/override/isolate marks
# (which can make a title display differently from what it is).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_controls(raw: str) -> str:
    """Remove terminal escape sequences and control characters, keep tabs and newlines."""
    return _CONTROLS.sub("", _ESCAPES.sub("", raw))


# What JSON leaves raw but a terminal may act on: C1 controls (0x9b starts a CSI), DEL,
# bidi overrides and the line and paragraph separators.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


def escape_for_json(encoded: str) -> str:
    """JSON text (from `json.dumps`, which escapes C0 controls) with the characters above
    escaped too: the same data, nothing a terminal acts on."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


def clean_multiline(raw: str) -> str:
    """NFC, no controls, runs of spaces folded to one, lines trimmed; newlines kept."""
    unified = raw.replace("\r\n", "\n").replace("\r", "\n")
    unified = unified.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    # Normalise after stripping: a control between a letter and its accent would otherwise
    # leave a pair that only a second pass composes, and clean() must be idempotent.
    text = unicodedata.normalize("NFC", strip_controls(unified))
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


# Anything clean() must do more than fold whitespace for: controls, escapes, odd spaces.
_NEEDS_CLEANING = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(raw: str) -> str:
    """One clean line: NFC, no controls or escapes, all whitespace collapsed to single spaces."""
    # Fast path for the common case (imports call this for every paragraph): text that is
    # already NFC and has no control character only needs its whitespace folded.
    if _NEEDS_CLEANING.search(raw) is None and unicodedata.is_normalized("NFC", raw):
        return " ".join(raw.split())
    return " ".join(clean_multiline(raw).split())
