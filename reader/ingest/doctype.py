"""Taking a document type declaration out of an XML document, unexpanded.

Some real feeds carry a DOCTYPE that declares entities (a leftover template, a security
test file). Such declarations are how "billion laughs" and external-entity (XXE) attacks
work, so no parser may see them; but the entries around them are still worth reading.
`without_doctype` returns the document without its DOCTYPE and with every reference to
an entity it declared removed, so nothing can be expanded and no file or URL is read.
"""

from __future__ import annotations

import re

__all__ = ["without_doctype"]

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY_NAME = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s%;<>\"']+)", re.IGNORECASE)


def without_doctype(data: bytes) -> bytes | None:
    """The document without its DOCTYPE and references to the entities it declares.

    None when that cannot be done safely: text that is not ASCII-compatible (UTF-16, 32),
    a declaration that never ends, or an entity declared outside the DOCTYPE.
    """
    if b"\x00" in data[:1024]:
        return None
    found = _DOCTYPE.search(data)
    if found is None:
        return None
    end = _declaration_end(data, found.end())
    if end is None:
        return None
    declaration = data[found.start() : end]
    rest = data[: found.start()] + data[end:]
    if b"<!entity" in rest.lower():
        return None
    names = {match[2] for match in _ENTITY_NAME.finditer(declaration) if not match[1]}
    if names:
        pattern = rb"&(?:" + b"|".join(re.escape(name) for name in sorted(names)) + rb");"
        rest = re.sub(pattern, b"", rest)
    return rest


def _declaration_end(data: bytes, start: int) -> int | None:
    """Index just past the `>` that closes a DOCTYPE whose body starts at `start`.

    Quoted strings and comments may hold `]` and `>`; the internal subset sits in
    brackets.
    """
    position = start
    in_subset = False
    length = len(data)
    while position < length:
        char = data[position : position + 1]
        if char in (b'"', b"'"):
            closing = data.find(char, position + 1)
            if closing < 0:
                return None
            position = closing + 1
            continue
        if in_subset and data.startswith(b"<!--", position):
            closing = data.find(b"-->", position + 4)
            if closing < 0:
                return None
            position = closing + 3
            continue
        if char == b"[" and not in_subset:
            in_subset = True
        elif char == b"]" and in_subset:
            in_subset = False
        elif char == b">" and not in_subset:
            return position + 1
        position += 1
    return None
