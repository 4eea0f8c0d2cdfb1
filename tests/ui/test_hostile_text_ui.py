"""Markup and escape sequences in every field, written into the library file directly
(past the importer's cleaning), are shown as text in every widget: list, reader pane,
sidebar, compare columns, tag prompt and notifications."""

from __future__ import annotations

import html
from pathlib import Path

from textual.notifications import Notification

from reader.config import Config
from reader.library import Library
from reader.library.codec import encode_blocks
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.dialogs import PromptDialog

MARKUP = "[b]bold[/b] [@click=app.quit]quit[/]"
ESCAPES = "\x1b[31mred\x1b[0m\x1b]52;c;ZXZpbA==\x07\x9b2J\x08"
BODY = (
    "Kestrel Bay ferries halted after the harbour crane collapse on Monday morning, "
    "the port authority said, and the inquiry opens next week with the council."
)


def _library(path: Path) -> None:
    with Library.open(path) as library:
        items = tuple(
            ParsedItem(
                "article",
                f"Kestrel Bay crane collapse halts ferries {n}",
                blocks=(Block(BODY), Block(BODY.replace("Monday", "Tuesday"))),
            )
            for n in range(2)
        )
        for n, item in enumerate(items):
            store_document(library, ParsedDocument(items=(item,)), source_name=f"Wire {n}",
                           source_kind="file", origin=None, tags=["harbour"])  # fmt: skip
        with library.transaction() as db:
            db.execute("UPDATE items SET title = title || ?, author = ?",
                       (f" {MARKUP} {ESCAPES}", MARKUP + ESCAPES))  # fmt: skip
            db.execute("UPDATE items SET body = ?", (encode_blocks((
                Block(BODY + " " + MARKUP + ESCAPES), Block(MARKUP + ESCAPES, heading=True))),))  # fmt: skip
            db.execute("UPDATE sources SET name = name || ?", (f" {MARKUP}{ESCAPES}",))
            db.execute("UPDATE tags SET name = ?", (f"harbour{MARKUP}{ESCAPES}",))
            db.execute("UPDATE stories SET label = label || ?", (MARKUP + ESCAPES,))


def _screen_text(app: ReaderApp) -> str:
    """What the screen shows, as the characters drawn (the SVG's text, unescaped)."""
    return html.unescape(app.export_screenshot()).replace("\u00a0", " ")


def _assert_shown_literally(svg: str) -> None:
    for control in ("\x1b", "\x07", "\x9b", "\x08"):
        assert control not in svg
    assert "[b]bold[/b]" in svg  # markup shown as the characters it is


async def test_markup_and_escapes_are_text_in_every_widget(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _library(path)
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(200, 50)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # open the first item: list, reader pane, sidebar
        await pilot.pause(0.2)
        assert app.is_running  # [@click=app.quit] did nothing
        main = _screen_text(app)
        _assert_shown_literally(main)
        assert "Wire 0" in main and "harbour" in main

        await pilot.press("t")  # the tag prompt lists the existing (hostile) tag
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        _assert_shown_literally(_screen_text(app))
        await pilot.press(*"[b]bold[/b]", "enter")  # the notification repeats the tag
        notes: list[Notification] = []
        for _ in range(50):  # the write lands on the writer thread, then it notifies
            await pilot.pause(0.1)
            notes = [n for n in app._notifications if n.message.startswith("Tagged")]
            if notes:
                break
        assert [(n.message, n.markup) for n in notes] == [("Tagged this item: [b]bold[/b]", False)]
        _assert_shown_literally(_screen_text(app))

        await pilot.press("c")  # compare columns: titles, sources, sentences
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        assert isinstance(app.screen, CompareScreen)
        compared = _screen_text(app)
        _assert_shown_literally(compared)
        assert "Kestrel Bay crane collapse" in compared
        assert app.is_running
