"""Driving the app as a user does: moving, opening, tagging, flags, help, export, safety."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest
from textual.widgets import Input

from reader.config import Config
from reader.library import Library
from reader.model import ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.screens.dialogs import PickDialog, PromptDialog
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.headline_list import HeadlineList
from tests.ui.conftest import AppFactory

EVIL = "Storm [@click=app.quit]wins[/] [b]x[/b] [type=x, v={'a[0]'}] \x1b[31mred"


def _list(app: ReaderApp) -> HeadlineList:
    return app.screen.query_one(HeadlineList)


def _reader(app: ReaderApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


async def test_moving_and_opening(app_factory: AppFactory, library_file: Path) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        items = _list(app)
        assert items.count == 12
        for _ in range(100):  # the reader pane fills in a moment after the list
            if _reader(app).text:
                break
            await pilot.pause(0.02)
        assert "Article number 0" in _reader(app).text  # the newest item is previewed
        await pilot.press("j", "j")
        assert items.current is not None and items.current.title == "Headline number 2"
        await pilot.press("G")
        assert items.cursor == 11
        await pilot.press("g")
        assert items.cursor == 0
        await pilot.press("enter")
        await pilot.pause()
        text = _reader(app).text
        assert "Lead paragraph of story 0." in text and "What happened next" in text
        assert "Inès Morel" in text
    with Library.open(library_file) as library:  # opening marked it read, on disk
        assert library.count_items(ItemFilter(unread=True)) == 11


async def test_opening_can_leave_items_unread(app_factory: AppFactory, library_file: Path) -> None:
    app = app_factory(mark_read_on_open=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
    with Library.open(library_file) as library:
        assert library.count_items(ItemFilter(unread=True)) == 12


async def test_next_unread_skips_read_items(app_factory: AppFactory, library_file: Path) -> None:
    with Library.open(library_file) as library:
        ids = [item.id for item in library.list_items()]
        library.set_read(ids[1:4])
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert _list(app).cursor == 4
        await pilot.press("p")
        assert _list(app).cursor == 0


async def test_tagging_with_completion_persists_across_restart(
    app_factory: AppFactory, library_file: Path
) -> None:
    with Library.open(library_file) as library:
        last = library.list_items()[-1].id
        library.tag([last], ["ukraine"])
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("u", "k")
        await pilot.pause()
        await pilot.press("right")  # accept the completion "ukraine"
        await pilot.press("space", "e", "c", "o", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        current = _list(app).current
        assert current is not None and current.tags == ("eco", "ukraine")
        assert "#eco #ukraine" in _reader(app).text
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "enter")  # the second tag: ukraine
        await pilot.pause()
    with Library.open(library_file) as library:
        first = library.list_items()[0]
        assert first.tags == ("eco",)


async def test_later_star_and_read_toggles_on_a_selection(
    app_factory: AppFactory, library_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "v")  # select the first two items (v moves down)
        await pilot.press("l", "s", "m")
        await pilot.pause()
        await pilot.press("escape")  # clear the selection
        await pilot.press("l")  # the cursor item (third) goes to Later too
        await pilot.pause()
    with Library.open(library_file) as library:
        assert library.count_items(ItemFilter(tag="later")) == 3
        assert library.count_items(ItemFilter(starred=True)) == 2
        assert library.count_items(ItemFilter(unread=True)) == 10


async def test_views_in_the_navigation_pane(app_factory: AppFactory, library_file: Path) -> None:
    with Library.open(library_file) as library:
        library.tag([library.list_items()[5].id], ["later"])
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        nav = app.screen.query_one("#nav")
        nav.focus()
        index = nav.get_option_index("later")  # type: ignore[attr-defined]
        nav.highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert _list(app).count == 1
        assert "Later" in str(app.screen.query_one("#status").render())


def _nav_entry(app: ReaderApp, key: str) -> str:
    nav = app.screen.query_one("#nav")
    return str(nav.get_option(key).prompt)  # type: ignore[attr-defined]


async def test_a_saved_search_is_a_view_with_its_count(
    app_factory: AppFactory, library_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"article")
        await app.workers.wait_for_complete()
        await pilot.press("enter", "S")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "Long reads"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _nav_entry(app, "saved:Long reads").split() == ["⌕", "Long", "reads", "4"]
        # The library changes (an import in another process): the count follows.
        with Library.open(library_file) as library:
            store_document(library, ParsedDocument(items=(ParsedItem("headline", "One more article title"),)),
                source_name="Wire", source_kind="file", origin=None,
            )  # fmt: skip
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _nav_entry(app, "saved:Long reads").split() == ["⌕", "Long", "reads", "5"]
    again = app_factory()
    async with again.run_test(size=(160, 45)) as pilot:  # kept across a restart
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert _nav_entry(again, "saved:Long reads").split() == ["⌕", "Long", "reads", "5"]


async def test_help_screen_lists_keys_and_syntax(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "read-later" in text and "tag:later" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_export_current_view(app_factory: AppFactory, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    exported = json.loads(target.read_text())
    assert len(exported) == 12 and exported[0]["title"] == "Article number 0"


async def test_state_remembers_view_and_item(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "z")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _list(app).cursor == 3
        assert app.screen.has_class("-zoom-reader")


async def test_markup_in_titles_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "evil.sqlite3"
    with Library.open(path) as library:
        store_document(library, ParsedDocument(items=(ParsedItem("headline", EVIL),)),
                               source_name="[red]src[/red]", source_kind="file",
                               origin=None)  # fmt: skip
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "s.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.click(HeadlineList, offset=(10, 0))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running  # the [@click=app.quit] in the title did nothing
        shown = _reader(app).text
        assert "[@click=app.quit]wins[/] [b]x[/b]" in shown and "[red]src[/red]" in shown
        assert "\x1b" not in shown
        line = _list(app).render_line(0).text
        assert "[@click=app.quit]" in line


async def test_empty_library_says_how_to_import(tmp_path: Path) -> None:
    app = ReaderApp(tmp_path / "empty.sqlite3", config=Config(), state_path=tmp_path / "s.json")
    async with app.run_test(size=(100, 30)):
        assert "reader import PATH" in _reader(app).text
        assert "press i to load the bundled sample library" in " ".join(_reader(app).text.split())


async def test_i_loads_the_sample_library_into_an_empty_one(tmp_path: Path) -> None:
    """An empty library made by any command (reader stats) still offers the samples."""
    path = tmp_path / "made-by-stats.sqlite3"
    Library.open(path).close()
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        for _ in range(300):
            if _list(app).count:
                break
            await pilot.pause(0.05)
        assert _list(app).count > 50
        assert any(n.message.startswith("Loaded the sample library:") for n in app._notifications)
        await pilot.press("i")  # not empty any more: nothing is imported twice
        await pilot.pause()
        assert any("empty library only" in n.message for n in app._notifications)
        shown = _list(app).count
    with Library.open(path) as library:
        assert library.count_items(ItemFilter()) == shown


async def test_quit_with_q(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_clicking_a_tag_shows_its_items(app_factory: AppFactory, library_file: Path) -> None:
    with Library.open(library_file) as library:
        ids = [item.id for item in library.list_items()]
        library.tag([ids[0], ids[4]], ["ukraine", "energy"])
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        reader = _reader(app)
        for _ in range(100):  # the reader pane fills in a moment after the list
            if "#ukraine" in reader.text:
                break
            await pilot.pause(0.02)
        lines = reader.text.splitlines()
        row = next(n for n, line in enumerate(lines) if "#ukraine" in line)
        column = lines[row].index("#ukraine")
        padding = reader.styles.padding.left
        assert await pilot.click(ArticleView, offset=(padding + column + 2, row))
        await pilot.pause()
        items = _list(app)
        assert items.count == 2  # the two items tagged "ukraine", not all twelve
        assert "#ukraine" in str(app.screen.query_one("#status").render())


async def test_moving_repaints_the_rows_that_changed_when_scrolled(tmp_path: Path) -> None:
    path = tmp_path / "long.sqlite3"
    with Library.open(path) as library:
        items = tuple(ParsedItem("headline", f"Headline {n:03d} about a quiet day")
                      for n in range(150))  # fmt: skip
        store_document(
            library,
            ParsedDocument(items=items),
            source_name="Wire",
            source_kind="file",
            origin=None,
        )
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(100, 24)) as pilot:
        items_list = _list(app)
        await pilot.press("G")  # to the bottom: the list scrolls
        await pilot.pause()
        assert items_list.scroll_offset.y > 0
        repainted: list[int] = []
        original = items_list.refresh

        def spy(*regions: object, **kwargs: object) -> object:
            repainted.extend(region.y for region in regions)  # type: ignore[attr-defined]
            return original(*regions, **kwargs)  # type: ignore[arg-type]

        items_list.refresh = spy  # type: ignore[method-assign, assignment]
        await pilot.press("k")
        await pilot.pause()
        # The rows of the old and the new cursor, where they are on screen.
        top = items_list.scroll_offset.y
        assert {149 - top, 148 - top} <= set(repainted)
        assert all(0 <= y < items_list.size.height for y in repainted)


def test_a_terminal_that_went_away_is_noticed() -> None:
    import os
    import pty

    from reader.ui.app import terminal_alive

    controller, terminal = pty.openpty()
    with open(terminal, "w", closefd=True) as stream:
        assert terminal_alive(stream)
        os.close(controller)  # the terminal window closes
        assert not terminal_alive(stream)
    reading, writing = os.pipe()
    with open(reading) as pipe, open(writing, "w"):
        assert not terminal_alive(pipe)  # not a terminal at all
    assert not terminal_alive(None)


async def test_copy_and_open_say_what_happened(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """y on a headline without a link copies its title and says so; o with no browser
    to start says so instead of doing nothing."""
    opened: list[str] = []

    def no_browser(url: str, *_args: object, **_kwargs: object) -> bool:
        opened.append(url)
        return False

    monkeypatch.setattr("webbrowser.open", no_browser)
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j")  # a headline: no link
        await pilot.press("y")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Copied the title (this item has no link)." in messages
        await pilot.press("g", "o")  # the article has one
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert opened == ["https://news.example/0"]
        assert any(m.startswith("No browser could be started") for m in messages)


async def test_palette_shows_keys_as_the_footer_does(app_factory: AppFactory) -> None:
    app = app_factory(keys={"tag": "ctrl+g"})
    async with app.run_test(size=(120, 40)):
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Help"].endswith("(key: ?)")  # not "question_mark"
        assert commands["Tag"].endswith("(key: ^g)")  # remapped in [keys]


async def test_zoom_keeps_the_keys_out_of_the_hidden_search_box(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)
        await pilot.press("j", "z")  # j scrolls the reader, z unzooms: nothing is typed
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == ""
        assert not app.screen.has_class("-zoom-reader")
        focused: object = app.focused  # re-read: the assert above narrowed the attribute
        assert isinstance(focused, HeadlineList)


async def test_enter_in_the_tag_prompt_takes_the_completion_shown(
    app_factory: AppFactory, library_file: Path
) -> None:
    """Typing "mé" while "météo" is offered and pressing enter tags "météo"; "mé " (a
    space after it) keeps what was typed."""
    with Library.open(library_file) as library:
        library.tag([library.list_items()[-1].id], ["météo"])
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("m", "é")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j", "t")
        await pilot.pause()
        await pilot.press("m", "é", "space", "enter")
        await pilot.pause()
    with Library.open(library_file) as library:  # the app's writes land before it exits
        first, second = library.list_items()[:2]
        assert first.tags == ("météo",)
        assert second.tags == ("mé",)


async def test_undated_rows_say_no_date_not_the_import_day(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        store_document(library, ParsedDocument(items=(ParsedItem("headline", "Undated wire note"),)),
                       source_name="Wire", source_kind="file", origin=None)  # fmt: skip
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "s.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        row = "".join(segment.text for segment in _list(app).render_line(0))
        assert "Undated wire note" in row and row.rstrip().endswith("no date")


async def test_config_problems_show_in_the_app_and_bad_keys_keep_their_defaults(
    library_file: Path, tmp_path: Path
) -> None:
    config = Config(theme="nope", keys=MappingProxyType({"quit": "ctrl+shift+banana",
                                                         "nonsense": "x"}))  # fmt: skip
    app = ReaderApp(library_file, config=config, state_path=tmp_path / "s.json",
                    problems=["config.toml: [ui] mark_read_on_open must be true or false"])  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("mark_read_on_open" in m for m in shown)
        assert any("theme 'nope' is not a theme here" in m for m in shown)
        assert any("'ctrl+shift+banana' is not a key" in m for m in shown)
        assert any("no binding is called 'nonsense'" in m for m in shown)
        await pilot.press("q")  # q still quits
        await pilot.pause()
    assert not app.is_running


async def test_help_shows_remapped_keys(app_factory: AppFactory) -> None:
    app = app_factory(keys={"tag": "ctrl+g", "star": "f"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one("#help-text").render()).splitlines()
        tag = next(line for line in lines if "add tags" in line)
        star = next(line for line in lines if "toggle star" in line)
        assert tag.split()[0] == "^g" and star.split()[0] == "f"


async def test_saved_searches_can_be_renamed_edited_and_deleted(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 1, "saved_searches": {"Long reads": "article"}}))
    app = app_factory()
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        nav = app.screen.query_one("#nav")
        nav.focus()
        nav.highlighted = nav.get_option_index("saved:Long reads")  # type: ignore[attr-defined]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "Essays"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _nav_entry(app, "saved:Essays").split() == ["⌕", "Essays", "4"]
        nav.highlighted = nav.get_option_index("saved:Essays")  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = "article 3"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert json.loads(state.read_text())["saved_searches"] == {"Essays": "article 3"}
        nav.highlighted = nav.get_option_index("saved:Essays")  # type: ignore[attr-defined]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # "Delete", the first choice
        await pilot.pause()
    assert json.loads(state.read_text())["saved_searches"] == {}
