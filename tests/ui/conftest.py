"""Fixtures for Pilot tests: small libraries built through the real storage API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import Config
from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp

BASE = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)


def make_items(count: int = 12) -> list[ParsedItem]:
    """Newest first in the list: item 0 is the most recent."""
    items = []
    for n in range(count):
        published = BASE - timedelta(hours=n)
        if n % 3 == 0:
            blocks = (Block(f"Lead paragraph of story {n}."), Block("What happened next", True),
                      Block(f"Closing paragraph {n}."))  # fmt: skip
            items.append(ParsedItem("article", f"Article number {n}", blocks=blocks,
                                    author="Inès Morel", published=published,
                                    url=f"https://news.example/{n}"))  # fmt: skip
        else:
            items.append(ParsedItem("headline", f"Headline number {n}", published=published))
    return items


AppFactory = Callable[..., ReaderApp]


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        store_document(
            library,
            ParsedDocument(items=tuple(make_items())),
            source_name="Wire",
            source_kind="file",
            origin=None,
        )
    return path


@pytest.fixture
def app_factory(library_file: Path, tmp_path: Path) -> AppFactory:
    def make(path: Path | None = None, **config: object) -> ReaderApp:
        return ReaderApp(path or library_file, config=Config(**config),  # type: ignore[arg-type]
                         state_path=tmp_path / "state.json")  # fmt: skip

    return make
