"""A very long article opens at once and reads whole, from its first line to its last."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Config
from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import PIECE_CHARS, ArticleView, body_pieces

WORDS = [
    "harbour",
    "council",
    "ferry",
    "strike",
    "vote",
    "budget",
    "tide",
    "river",
    "lantern",
    "orchard",
]


def _long_paragraph(words: int) -> str:
    return " ".join(f"{WORDS[n % len(WORDS)]}{n}" for n in range(words))


def _visible(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.strip() for y in range(view.size.height)]


async def test_a_long_article_reads_from_top_to_bottom(tmp_path: Path) -> None:
    giant = _long_paragraph(40_000)  # about 400 kB in one paragraph
    blocks = (
        *(Block(f"Paragraph {n} opens here and ends here.") for n in range(1500)),
        Block("The long part", heading=True),
        Block(giant),
        *(Block(f"Closing paragraph {n}.") for n in range(500)),
        Block("The very last paragraph."),
    )
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        store_document(library, ParsedDocument(items=(ParsedItem("article", "A report of record length",
                                             blocks=blocks),)),
            source_name="Archive", source_kind="file", origin=None,
        )  # fmt: skip
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        # The pane fills a moment after the list; a loaded machine (CI) can take seconds.
        for _ in range(500):
            if view.item_id is not None and view.size.height and _visible(view)[0]:
                break
            await pilot.pause(0.02)
        assert "A report of record length" in _visible(view)[0]
        assert "Paragraph 0 opens here and ends here." in _visible(view)
        view.focus()
        await pilot.press("G")
        await pilot.pause()
        shown = _visible(view)
        assert "The very last paragraph." in shown
        assert "Closing paragraph 499." in shown
        # Scrolling back through the long paragraph: its words come in order, none lost.
        view.scroll_to(0, view.max_scroll_y // 2, animate=False, immediate=True)
        await pilot.pause()
        words = " ".join(_visible(view)).split()
        inside = [word for word in words if word in giant]
        assert len(inside) > 100
        start = giant.index(inside[0])
        assert giant[start:].startswith(" ".join(inside))
        await pilot.press("g")
        await pilot.pause()
        assert "A report of record length" in _visible(view)[0]


# No deadline: a loaded CI machine is slow, and this checks content, not speed.
@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab c\u00e9", min_size=0, max_size=3 * PIECE_CHARS), max_size=4))
def test_pieces_of_a_paragraph_put_back_together_give_it_whole(texts: list[str]) -> None:
    """Copying the pane's text gives the paragraphs as they are, cut or not."""
    blocks = [Block(text) for text in texts]
    pieces = body_pieces(blocks)
    rebuilt: list[str] = []
    for piece in pieces:
        if piece.joined_by is None:
            rebuilt.append(piece.text)
        else:
            rebuilt[-1] += piece.joined_by + piece.text
    assert rebuilt == texts
    view = ArticleView()
    view._pieces = pieces
    assert view.text == "".join("\n\n" + text for text in texts)
    assert all(len(piece.text) <= PIECE_CHARS for piece in pieces)
