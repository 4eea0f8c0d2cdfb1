"""Shared fixtures: every test gets its own data, config and state directories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point reader's directories at tmp_path so no test sees a developer's own library."""
    home = tmp_path / "home"
    for variable, name in (
        ("READER_DATA_DIR", "data"),
        ("READER_CONFIG_DIR", "config"),
        ("READER_STATE_DIR", "state"),
    ):
        monkeypatch.setenv(variable, str(home / name))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    return home


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite3"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library.open(library_path) as opened:
        yield opened


def headline(title: str, **fields: object) -> ParsedItem:
    return ParsedItem("headline", title, **fields)  # type: ignore[arg-type]


def article(title: str, *paragraphs: str, **fields: object) -> ParsedItem:
    blocks = tuple(Block(text) for text in paragraphs)
    return ParsedItem("article", title, blocks=blocks, **fields)  # type: ignore[arg-type]


StoreFn = Callable[..., list[int]]


@pytest.fixture
def store(library: Library) -> StoreFn:
    """Store parsed items under a source; returns the ids of the library's items, newest first."""

    def _store(
        *items: ParsedItem, source: str = "wire.txt", tags: tuple[str, ...] = ()
    ) -> list[int]:
        store_document(library, ParsedDocument(items=items), source_name=source, source_kind="file", origin=None,
            tags=tags,
        )  # fmt: skip
        return [item.id for item in library.list_items()]

    return _store
