"""Turning the bytes of a saved file into text, or refusing them as binary.

Order of preference: a byte-order mark (UTF-8, UTF-16, UTF-32) is trusted; otherwise
strict UTF-8; otherwise a legacy single-byte code page, Windows-1252 unless the text is
clearly from another script. Files that are mostly UTF-8 with a few stray legacy bytes
(concatenated dumps) keep their UTF-8 and only the stray bytes are read as Windows-1252.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["DecodeError", "decode_bytes", "looks_binary"]


class DecodeError(ValueError):
    """The bytes are not text this reader can decode (binary file, broken UTF-16...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# UTF-32 first: its little-endian mark starts with the UTF-16 little-endian one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
)

# C0 controls that never appear in text; tab, newlines, form feed and ESC (ANSI colour
# codes in terminal dumps) are deliberately not counted.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x0B])
_SAMPLE_SIZE = 64 * 1024
_MAX_CONTROL_RATIO = 0.10

# Windows-1252 differs from Latin-1 only in 0x80-0x9F, where Latin-1 has C1 controls.
# Decoding as Latin-1 then translating that range gives a total, lossless decoder; the
# five bytes cp1252 leaves undefined stay as C1 controls, which clean() strips later.
_CP1252_C1 = {
    code: char
    for code in range(0x80, 0xA0)
    for char in [bytes([code]).decode("cp1252", errors="ignore")]
    if char
}

# Well-formed multi-byte UTF-8 sequences (used to judge "mostly UTF-8" files).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")

# Single-byte code pages charset-normalizer may choose from when cp1252 is clearly wrong.
_OTHER_SINGLE_BYTE = ["cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r"]
# Characters that legitimately sit between two letters in Western text.
_INWORD_PUNCTUATION = frozenset("’‘'-‐‑–·")


def looks_binary(data: bytes) -> bool:
    """True when the bytes are a known binary format or clearly not text."""
    return _binary_reason(data) is not None


def decode_bytes(data: bytes) -> str:
    """Decode a saved file to NFC text, or raise DecodeError if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _nfc(_decode_with_bom(data[len(bom) :], encoding))
    reason = _binary_reason(data)
    if reason is not None:
        raise DecodeError(reason)
    try:
        return _nfc(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        head = data[: err.start]
        if err.reason == "unexpected end of data" and not head.isascii():
            # A UTF-8 file cut in the middle of its last character is still UTF-8; the
            # rest of it must show UTF-8 though ("caf\xe9" is Latin-1, not a cut "é").
            return _nfc(head.decode("utf-8") + "\ufffd")
    return _nfc(_decode_legacy(data))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _decode_with_bom(body: bytes, encoding: str) -> str:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        raise DecodeError(f"invalid {encoding.upper()} text: {err.reason}") from err
    if "\x00" in text or _control_ratio(text.encode("utf-8", "surrogatepass")) > _MAX_CONTROL_RATIO:
        raise DecodeError(f"binary content behind a {encoding.upper()} byte-order mark")
    return text


def _binary_reason(data: bytes) -> str | None:
    """Why the bytes look binary, or None. Files with a UTF-16/32 mark contain NULs."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return f"binary content ({name})"
    sample = data[:_SAMPLE_SIZE]
    if b"\x00" in sample:
        return "binary content (contains NUL bytes)"
    if _control_ratio(sample) > _MAX_CONTROL_RATIO:
        return "binary content (too many control bytes)"
    return None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample)


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_C1)


def _decode_legacy(data: bytes) -> str:
    """Bytes that are not valid UTF-8: mixed UTF-8, cp1252, or another single-byte page."""
    valid_utf8 = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    stray = len(_NON_ASCII.findall(data)) - valid_utf8
    if valid_utf8 > stray:
        return _decode_mixed(data)
    text = _cp1252(data)
    if not _misread_as_cp1252(text):
        return text
    return _other_single_byte(data) or text


def _decode_mixed(data: bytes) -> str:
    """UTF-8 where it is valid, each invalid byte read as cp1252."""
    return data.decode("utf-8", errors=_CP1252_FALLBACK)


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return _cp1252(err.object[err.start : err.end]), err.end


_CP1252_FALLBACK = "reader-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _misread_as_cp1252(text: str) -> bool:
    """Whether text looks like another script read through a Latin code page.

    Two tell-tales: accented Latin letters making up much of the letters (Cyrillic or
    Greek bytes shown as À-ÿ), or symbols such as ³ ¹ ¿ glued inside words (Central
    European letters shown as cp1252 punctuation). French or German stay far below both.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    accented_latin = sum(1 for c in letters if ord(c) > 0x7F and _is_latin(c))
    if accented_latin / len(letters) > 0.4:
        return True
    non_ascii = sum(1 for c in text if ord(c) > 0x7F)
    glued = sum(
        1
        for before, char, after in zip(text, text[1:], text[2:], strict=False)
        if ord(char) > 0x7F
        and not char.isalpha()
        and char not in _INWORD_PUNCTUATION
        and before.isalpha()
        and after.isalpha()
    )
    return glued >= 2 and glued >= 0.1 * non_ascii


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _other_single_byte(data: bytes) -> str | None:
    """Ask charset-normalizer for a better single-byte page; None when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_OTHER_SINGLE_BYTE).best()
    if best is None:
        return None
    text = str(best)
    # Only switch when the candidate reads as clean text itself ("clearly helps").
    return None if _misread_as_cp1252(text) else text
