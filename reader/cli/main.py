"""The `reader` command: argument parsing and the subcommands.

Kept light to start fast: the library, parsers and the Textual app are imported by the
commands that need them. Data goes to stdout, messages and progress to stderr. Exit
status: 0 success, 1 failure (missing item, bad file...), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from reader import __version__
from reader.cli.wrap import wrap

if TYPE_CHECKING:
    from reader.config import Config
    from reader.library import Library
    from reader.model import Item, ItemFilter, ItemSummary
    from reader.search.engine import SearchResults

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
PROGRAM = "reader"


class CommandError(Exception):
    """A failure to report as one line on stderr, with an exit status."""

    def __init__(self, message: str, status: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.status = status


def message(text: str) -> None:
    """A line for the user on stderr (stdout carries data only)."""
    print(f"{PROGRAM}: {text}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, text: str) -> NoReturn:
        # One line and a hint instead of argparse's full usage dump.
        raise CommandError(f"{text} (see '{self.prog} --help')", EXIT_USAGE)


def _positive_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid item id {value!r}: not a number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"invalid item id {value!r}: must be positive")
    return number


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be positive")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The full command line; `reader --help` and each `reader CMD --help` come from here."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file to use (default: $READER_LIBRARY, else the user data directory)",
    )
    parser = _Parser(
        prog=PROGRAM,
        description="A keyboard-driven terminal reader for saved headlines, articles and feeds."
        " Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text, parents=[common])

    def filters(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--tag", metavar="TAG", help="only items with this tag")
        sub.add_argument("--source", metavar="NAME", help="only items from this source")
        sub.add_argument("--kind", choices=("headline", "article"), help="only this kind")
        sub.add_argument("--unread", action="store_true", help="only unread items")

    sub = command("import", "import files, directories or globs into the library")
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--source", metavar="NAME", help="source name for every imported item")
    sub.add_argument(
        "--tag", metavar="TAG", action="append", default=[], help="tag every item (repeatable)"
    )
    sub.add_argument(
        "--dry-run",
        action="store_true",
        help="read the files and say what they give; store nothing",
    )
    sub.add_argument(
        "--explain",
        action="store_true",
        help="with --dry-run: print each line of a text file with what it became and why",
    )

    sub = command("list", "list items, newest first")
    filters(sub)
    sub.add_argument("--collapse", action="store_true",
                     help="one row per duplicate set, with a '+N sources' marker")  # fmt: skip
    sub.add_argument("--limit", type=_positive_int, metavar="N", help="at most N items")
    sub.add_argument("--json", action="store_true", help="one JSON array on stdout")

    sub = command("show", "show one item in full")
    sub.add_argument("id", type=_positive_id, metavar="ID")
    sub.add_argument("--json", action="store_true", help="one JSON object on stdout")

    sub = command("tag", "add tags to an item")
    sub.add_argument("id", type=_positive_id, metavar="ID")
    sub.add_argument("tags", nargs="+", metavar="TAG")

    sub = command("untag", "remove tags from an item")
    sub.add_argument("id", type=_positive_id, metavar="ID")
    sub.add_argument("tags", nargs="+", metavar="TAG")

    for name, what in (("read", "mark items read"), ("unread", "mark items unread"),
                       ("star", "star items"), ("unstar", "unstar items")):  # fmt: skip
        sub = command(name, f"{what} (and their copies from other sources)")
        sub.add_argument("ids", type=_positive_id, nargs="+", metavar="ID")

    sub = command(
        "views",
        "saved searches (the app's views): 'views', 'views add NAME QUERY...',"
        " 'views edit NAME QUERY...', 'views rename OLD NEW', 'views delete NAME'",
    )
    sub.add_argument("words", nargs="*", metavar="add|edit|rename|delete ...")
    sub.add_argument("--json", action="store_true", help="one JSON object on stdout")

    sub = command("source", "manage sources: 'source rename OLD NEW'")
    sub.add_argument("action", choices=("rename",))
    sub.add_argument("old", metavar="OLD")
    sub.add_argument("new", metavar="NEW")

    sub = command("tags", "list tags with how many items carry each")
    sub.add_argument("--json", action="store_true", help="one JSON array on stdout")

    sub = command(
        "export",
        "write items as JSON, JSON Lines, Markdown or CSV (the ones a search finds, with"
        " QUERY), or the feed sources as OPML",
    )
    sub.add_argument("query", nargs="*", metavar="QUERY", help="search syntax (see search)")
    filters(sub)
    sub.add_argument(
        "--format",
        choices=("json", "jsonl", "markdown", "csv", "opml"),
        default="json",
        dest="fmt",
    )
    sub.add_argument("--limit", type=_positive_int, metavar="N", help="at most N items")
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    sub = command("search", "search titles and bodies (syntax: see README, Search)")
    sub.add_argument("query", nargs="+", metavar="QUERY", help="words, operators and filters")
    sub.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N")
    sub.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="mark the matches (auto: on a terminal, unless NO_COLOR is set)",
    )
    sub.add_argument("--json", action="store_true", help="one JSON array on stdout")

    sub = command("stats", "counts of items, sources, tags and stories")
    sub.add_argument("--json", action="store_true", help="one JSON object on stdout")

    # Stories: grouping, manual fixes, side-by-side comparison.
    sub = command("stories", "stories (items about one event), most recent first")
    sub.add_argument("--min-size", type=_positive_int, default=1, metavar="N",
                     help="only stories of at least N items")  # fmt: skip
    sub.add_argument("--limit", type=_positive_int, metavar="N", help="at most N stories")
    sub.add_argument("--rebuild", action="store_true", help="regroup every item first")
    sub.add_argument("--json", action="store_true", help="one JSON array on stdout")

    sub = command(
        "story",
        "one story: 'story ID', or fix the grouping: 'story move ITEM_ID STORY_ID',"
        " 'story split ITEM_ID', 'story merge STORY_ID INTO_STORY_ID'",
    )
    sub.add_argument("words", nargs="+",
                     metavar="ID | move ITEM STORY | split ITEM | merge STORY INTO")  # fmt: skip
    sub.add_argument("--collapse", action="store_true",
                     help="one row per duplicate set, with a '+N sources' marker")  # fmt: skip
    sub.add_argument("--json", action="store_true", help="one JSON object on stdout")

    sub = command("compare", "a story's articles side by side: shared and unique passages")
    sub.add_argument("id", type=_positive_id, metavar="STORY_ID")
    sub.add_argument("--items", metavar="ID,ID,...", help="the 2 to 8 items to compare")
    sub.add_argument("--width", type=_positive_int, metavar="N",
                     help="line width (default: the terminal's)")  # fmt: skip
    sub.add_argument("--json", action="store_true", help="one JSON object on stdout")
    return parser


# --------------------------------------------------------------------------- helpers
def _load_config() -> Config:
    """The user's config; every problem in it is one line on stderr (the app, which
    shows them itself, reads the config on its own)."""
    from reader.config import load_config

    config, problems = load_config()
    for problem in problems:
        message(problem)
    return config


def _open_library(args: argparse.Namespace) -> Library:
    from reader import paths
    from reader.library import Library

    return Library.open(paths.library_path(getattr(args, "library", None)))


def _item_filter(args: argparse.Namespace, library: Library) -> ItemFilter:
    from reader.model import ItemFilter

    if args.tag is not None and not library.has_tag(args.tag):
        raise CommandError(f"no tag named {args.tag!r} (see 'reader tags')")
    if args.source is not None and not library.has_source(args.source):
        raise CommandError(f"no source named {args.source!r} (see 'reader stats')")
    return ItemFilter(
        tag=args.tag,
        source=args.source,
        kind=args.kind,
        unread=args.unread,
        collapse_duplicates=getattr(args, "collapse", False),
    )


def _print_json(data: Any) -> None:
    from reader.cli.output import raw_stream
    from reader.text.clean import escape_for_json

    # Escaped, not stripped: JSON output is data, and stays exactly what is stored.
    raw_stream(sys.stdout).write(escape_for_json(json.dumps(data, ensure_ascii=False, indent=2)))
    raw_stream(sys.stdout).write("\n")


def _terminal_width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _date(item: ItemSummary) -> str:
    moment = item.published or item.imported_at
    return moment.date().isoformat()


def _list_line(item: ItemSummary) -> str:
    marker = ("A" if item.kind == "article" else "H") + (" " if item.read else "*")
    source = item.source if len(item.source) <= 18 else item.source[:17] + "…"
    tags = "  " + " ".join(f"#{tag}" for tag in item.tags) if item.tags else ""
    copies = ""
    if item.duplicates:
        copies = f"  +{item.duplicates} source{'' if item.duplicates == 1 else 's'}"
    return f"{item.id:>6} {marker} {_date(item)}  {source:<18}  {item.title}{tags}{copies}"


def _show_text(item: Item, width: int) -> str:
    lines = [item.title + ("  (title derived from the text)" if item.title_derived else "")]
    meta = [item.source, item.kind]
    if item.published:
        meta.append(item.published.isoformat(sep=" ", timespec="minutes"))
    if item.author:
        meta.append(f"by {item.author}")
    lines.append(" · ".join(meta))
    if item.url:
        lines.append(item.url)
    flags = [flag for flag, on in (("unread", not item.read), ("starred", item.starred)) if on]
    extra = ([f"tags: {', '.join(item.tags)}"] if item.tags else []) + flags
    if item.story_id is not None:
        extra.append(f"story {item.story_id}")
    if extra:
        lines.append(" · ".join(extra))
    lines.append(f"id {item.id}")
    for block in item.blocks:
        lines.append("")
        if block.heading:
            lines.append(f"## {block.text}")
        else:
            lines.extend(wrap(block.text, width) or [""])
    return "\n".join(lines)


def _write_output(path: str | None, write: Callable[[TextIO], int]) -> int:
    """Write to stdout, or atomically to a file so a failed export never leaves half a file."""
    if path is None or path == "-":
        from reader.cli.output import raw_stream

        # Exports make their own text safe, and CSV rows end in CR LF, which SafeOutput
        # would drop.
        return write(raw_stream(sys.stdout))
    target = Path(path).expanduser()
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            count = write(handle)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


# --------------------------------------------------------------------------- commands
def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli.progress import ProgressLine
    from reader.services.importing import FileFailure, import_paths

    config = _load_config()
    if args.explain and not args.dry_run:
        raise CommandError(
            "--explain needs --dry-run (it reads files, it imports nothing)", EXIT_USAGE
        )
    if args.dry_run:
        return _dry_run(args.paths, config.max_file_bytes, explain=args.explain)
    with _open_library(args) as library:
        progress = ProgressLine(sys.stderr)

        def failed(failure: FileFailure) -> None:
            progress.clear()
            print(f"{PROGRAM}: {failure}", file=sys.stderr)

        report = import_paths(
            library,
            args.paths,
            source=args.source,
            tags=args.tag,
            max_bytes=config.max_file_bytes,
            max_items=config.max_file_items,
            on_progress=progress.update,
            on_failure=failed,
            on_grouping=lambda done, total: progress.update(done, total, "grouping stories"),
        )
        progress.clear()
    for note in report.notes:
        message(note)
    if report.feeds:
        message(f"added {report.feeds} feed subscriptions as sources")
    if report.dropped_lines:
        message(
            f"left out {report.dropped_lines} lines of page furniture (menus, buttons, credits);"
            " 'reader import --dry-run --explain FILE' shows each line"
        )
    print(report.summary_line())
    return EXIT_OK if report.ok else EXIT_FAILURE


def _dry_run(arguments: Sequence[str], max_bytes: int, *, explain: bool) -> int:
    """`reader import --dry-run [--explain]`: what each file would give, nothing stored."""
    from reader.ingest.files import expand_paths
    from reader.ingest.reading import InputError, explain_document
    from reader.text.clean import strip_controls as safe_line

    files, missing = expand_paths(arguments)
    status = EXIT_OK
    for argument, reason in missing:
        print(f"{PROGRAM}: {argument}: {reason}", file=sys.stderr)
        status = EXIT_FAILURE
    for path in files:
        try:
            document, plain, fmt = explain_document(path, max_bytes=max_bytes)
        except (InputError, RecursionError) as error:
            print(f"{PROGRAM}: {path}: {error}", file=sys.stderr)
            status = EXIT_FAILURE
            continue
        articles = sum(1 for item in document.items if item.kind == "article")
        shape = plain.shape if plain is not None else _SHAPES.get(fmt, "feed")
        print(
            f"{path}: {shape}: {len(document.items) - articles} headlines, {articles} articles"
            + (f", {document.dropped_lines} lines left out as furniture" if plain else "")
        )
        for remark in document.notes:
            print(f"{PROGRAM}: {path}: {remark}", file=sys.stderr)
        if explain and plain is not None:
            for note in plain.account.notes:
                print(f"{note.number:>6}  {note.verdict:<34}  {safe_line(note.text)}")
        if explain:
            for number, item in enumerate(document.items, 1):
                print(f"        {item.kind} {number}: {safe_line(item.title)}")
    return status


_SHAPES = {"opml": "subscription list", "html": "HTML page", "backup": "reader export"}
"""What a structured input is, in words, for `import --dry-run` (feeds otherwise)."""


def cmd_list(args: argparse.Namespace) -> int:
    from reader.services.exporting import summary_to_dict

    with _open_library(args) as library:
        item_filter = _item_filter(args, library)
        items = library.list_items(item_filter, limit=args.limit)
        if args.json and args.collapse:
            copies = library.hidden_duplicates([item.id for item in items], item_filter)
    if args.json:
        if args.collapse:
            _print_json(
                [
                    {
                        **summary_to_dict(item),
                        "duplicates": item.duplicates,
                        "duplicate_ids": copies[item.id],
                    }
                    for item in items
                ]
            )
        else:
            _print_json([summary_to_dict(item) for item in items])
    else:
        for item in items:
            print(_list_line(item))
        if not items:
            message("no items (import some with 'reader import PATH')")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from reader.services.exporting import item_to_dict

    with _open_library(args) as library:
        item = library.get_item(args.id)
    if args.json:
        _print_json(item_to_dict(item))
    else:
        print(_show_text(item, _terminal_width()))
    return EXIT_OK


def _copies_note(verb: str, item_id: int, copy_ids: Sequence[int]) -> None:
    """Say which copies from other sources a tag change also reached (duplicates_follow)."""
    if copy_ids:
        count = len(copy_ids)
        ids = ", ".join(str(copy_id) for copy_id in copy_ids)
        noun = "duplicate" if count == 1 else "duplicates"
        message(f"also {verb} {count} {noun} of item {item_id} ({ids})")


def cmd_tag(args: argparse.Namespace) -> int:
    from reader.services.tagging import add_tags

    follow = _load_config().duplicates_follow
    with _open_library(args) as library:
        tagged = add_tags(library, [args.id], args.tags, follow_duplicates=follow)
        tags = library.get_item(args.id).tags
    message(f"item {args.id} tags: {', '.join(tags)}")
    _copies_note("tagged", args.id, tagged[1:])
    return EXIT_OK


def cmd_untag(args: argparse.Namespace) -> int:
    from reader.services.tagging import UnknownTagError, remove_tags

    follow = _load_config().duplicates_follow
    with _open_library(args) as library:
        library.get_item(args.id)  # "no item with id N" before anything about tags
        try:
            changed = remove_tags(library, [args.id], args.tags, follow_duplicates=follow)
        except UnknownTagError as error:
            raise CommandError(f"{error} (see 'reader tags')") from None
        tags = library.get_item(args.id).tags
    message(f"item {args.id} tags: {', '.join(tags) if tags else '(none)'}")
    # Copies that carried none of the tags are left out of the note: nothing changed.
    _copies_note("untagged", args.id, changed[1:])
    return EXIT_OK


def cmd_flag(args: argparse.Namespace) -> int:
    """read / unread / star / unstar ID...: one line saying how many items changed."""
    from reader.services.tagging import mark_read, mark_starred
    from reader.text.wording import counted

    follow = _load_config().duplicates_follow
    ids = list(dict.fromkeys(args.ids))
    with _open_library(args) as library:
        if args.command in ("read", "unread"):
            changed = mark_read(library, ids, args.command == "read", follow_duplicates=follow)
            done = f"marked {counted(len(ids), 'item')} {args.command}"
        else:
            changed = mark_starred(library, ids, args.command == "star", follow_duplicates=follow)
            done = f"{args.command}red {counted(len(ids), 'item')}"
    copies = [item_id for item_id in changed if item_id not in ids]
    message(done + (f" and {counted(len(copies), 'item')} copies of them" if copies else ""))
    return EXIT_OK


def cmd_views(args: argparse.Namespace) -> int:
    """List or change the saved searches the app shows as views (its state file; an
    app open meanwhile keeps its own copy until it restarts)."""
    from reader.state import (
        SavedSearchError,
        delete_saved_search,
        load_state,
        rename_saved_search,
        save_state,
        state_file,
    )

    words: list[str] = args.words
    state = load_state()
    saved = state.saved_searches
    if not words:
        if args.json:
            _print_json(saved)
        else:
            for name, query in saved.items():
                print(f"{name}\t{query}")
        return EXIT_OK
    action, rest = words[0], words[1:]
    # Words each action takes: at least, at most (None: a query of any length).
    arity: dict[str, tuple[int, int | None]] = {
        "add": (2, None), "edit": (2, None), "rename": (2, 2), "delete": (1, 1),
    }  # fmt: skip
    least, most = arity.get(action, (0, -1))
    if action not in arity or len(rest) < least or (most is not None and len(rest) > most):
        raise CommandError(
            "usage: reader views [add NAME QUERY... | edit NAME QUERY... | rename OLD NEW"
            " | delete NAME]",
            EXIT_USAGE,
        )
    name = rest[0]
    try:
        if action in ("add", "edit"):
            from reader.search.query import QueryError, parse

            query = " ".join(rest[1:])
            try:
                parse(query)
            except QueryError as error:
                raise CommandError(f"bad query: {error}", EXIT_USAGE) from None
            if action == "add" and name in saved:
                raise CommandError(f"a saved search is called {name!r} already ('views edit')")
            if action == "edit" and name not in saved:
                raise SavedSearchError(f"no saved search named {name!r}")
            saved[name] = query
            said = f"saved search {name!r}: {query}"
        elif action == "rename":
            new = rename_saved_search(state, name, rest[1])
            said = f"saved search {name!r} is now {new!r}"
        else:
            delete_saved_search(state, name)
            said = f"deleted the saved search {name!r}"
    except SavedSearchError as error:
        raise CommandError(f"{error} (see 'reader views')") from None
    if not save_state(state):
        raise CommandError(f"cannot write {state_file()}")
    message(said)
    return EXIT_OK


def cmd_source(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        library.rename_source(args.old, args.new)
    message(f"source {args.old!r} is now {' '.join(args.new.split())!r}")
    return EXIT_OK


def cmd_tags(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        tags = library.tags()
    if args.json:
        _print_json([{"tag": tag.name, "items": tag.items} for tag in tags])
        return EXIT_OK
    width = max((len(tag.name) for tag in tags), default=0)
    for tag in tags:
        print(f"{tag.name:<{width}}  {tag.items}")
    if not tags:
        message("no tags yet (add one with 'reader tag ID TAG')")
    return EXIT_OK


EXPORT_SEARCH_LIMIT = 1_000_000
"""Hits asked of a search that selects what to export: all of them, in practice."""


def cmd_export(args: argparse.Namespace) -> int:
    from itertools import islice

    from reader.model import ItemFilter
    from reader.services.exporting import write_items, write_opml

    if args.fmt == "opml":
        if args.query:
            raise CommandError("--format opml exports the feed sources; it takes no QUERY",
                               EXIT_USAGE)  # fmt: skip
        with _open_library(args) as library:
            sources = library.sources()
        count = _write_output(args.output, lambda out: write_opml(sources, out))
        if args.output not in (None, "-"):
            message(f"exported {count} feed sources to {args.output}")
        return EXIT_OK
    with _open_library(args) as library:
        item_filter = _item_filter(args, library)
        items: Iterable[Item]
        if args.query:
            found = _search(args, " ".join(args.query), args.limit or EXPORT_SEARCH_LIMIT,
                            snippets=False)  # fmt: skip
            ids = [hit.id for hit in found.hits]
            if item_filter != ItemFilter():  # --tag, --source... narrow the search's finds
                allowed = {summary.id for summary in library.list_items(item_filter)}
                ids = [item_id for item_id in ids if item_id in allowed]
            items = (library.get_item(item_id) for item_id in ids)
        else:
            items = library.iter_items(item_filter)
        if args.limit is not None:
            items = islice(items, args.limit)
        count = _write_output(args.output, lambda out: write_items(items, out, args.fmt))
    if args.output not in (None, "-"):
        message(f"exported {count} items to {args.output}")
    return EXIT_OK


def _search(
    args: argparse.Namespace, text: str, limit: int, *, snippets: bool = True
) -> SearchResults:
    """What `reader search` and `reader export QUERY` run: a bad query exits with status
    2, and building the index for the first time says so."""
    from reader import paths
    from reader.search.engine import Searcher
    from reader.search.query import QueryError, parse

    try:
        query = parse(text)
    except QueryError as error:
        raise CommandError(f"bad query: {error}", EXIT_USAGE) from None

    def building(count: int) -> None:
        message(f"building the search index ({count} items, once)")

    path = paths.library_path(getattr(args, "library", None))
    with Searcher.open(path, on_build=building) as searcher:
        return searcher.search(query, limit=limit, snippets=snippets)


def cmd_stats(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        stats = library.stats()
        sources = library.sources()
        path = library.path
    size = path.stat().st_size if path.exists() else 0
    if args.json:
        _print_json(
            {
                "library": str(path),
                "bytes": size,
                "items": stats.items,
                "headlines": stats.headlines,
                "articles": stats.articles,
                "unread": stats.unread,
                "starred": stats.starred,
                "later": stats.later,
                "sources": stats.sources,
                "tags": stats.tags,
                "stories": stats.stories,
                "oldest": stats.oldest.isoformat() if stats.oldest else None,
                "newest": stats.newest.isoformat() if stats.newest else None,
                "by_source": [
                    {"source": s.name, "kind": s.kind, "items": s.items, "unread": s.unread}
                    for s in sources
                ],
            }
        )
        return EXIT_OK
    rows = [
        ("library", f"{path} ({size / 1_048_576:.1f} MB)"),
        ("items", f"{stats.items} ({stats.headlines} headlines, {stats.articles} articles)"),
        ("unread", str(stats.unread)),
        ("starred", str(stats.starred)),
        ("later", str(stats.later)),
        ("sources", str(stats.sources)),
        ("tags", str(stats.tags)),
        ("stories", str(stats.stories)),
    ]
    if stats.oldest and stats.newest:
        rows.append(("dates", f"{stats.oldest.date()} to {stats.newest.date()}"))
    for label, value in rows:
        print(f"{label:<8} {value}")
    if sources:
        print()
        width = max(len(source.name) for source in sources)
        for source in sources:
            print(
                f"  {source.name:<{width}}  {source.kind:<4}  {source.items:>6} items"
                f"  {source.unread:>6} unread"
            )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    results = _search(args, " ".join(args.query), args.limit)
    if args.json:
        _print_json([hit.to_dict() for hit in results.hits])
        return EXIT_OK
    colour = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    from reader.cli.output import raw_stream
    from reader.cli.search_text import hit_lines

    # hit_lines makes the fields safe itself; the highlight codes are its own.
    out = raw_stream(sys.stdout) if colour else sys.stdout
    for hit in results.hits:
        for line in hit_lines(hit, colour=colour):
            print(line, file=out)
    if not results.hits:
        message("no results")
    return EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    from reader.cli.stories import stories_lines, story_summary_dict
    from reader.model import ItemFilter
    from reader.services.stories import list_stories, rebuild_stories

    with _open_library(args) as library:
        if args.rebuild:
            count = rebuild_stories(library)
            message(f"regrouped {count} items")
        stories = list_stories(library, min_size=args.min_size, limit=args.limit)
        if args.json:
            _print_json(
                [
                    story_summary_dict(story, library.list_items(ItemFilter(story_id=story.id)))
                    for story in stories
                ]
            )
            return EXIT_OK
    for line in stories_lines(stories):
        print(line)
    if not stories:
        message("no stories (import some items with 'reader import PATH')")
    return EXIT_OK


def _story_id_word(word: str, what: str) -> int:
    try:
        return _positive_id(word)
    except argparse.ArgumentTypeError:
        raise CommandError(f"invalid {what} {word!r} (see 'reader story --help')",
                           EXIT_USAGE) from None  # fmt: skip


def cmd_story(args: argparse.Namespace) -> int:
    from reader.cli.stories import accounts_lines, story_dict, story_lines
    from reader.services.comparing import story_accounts
    from reader.services.stories import (
        StoryCommandError,
        merge_stories,
        move_to_story,
        split_from_story,
        story,
    )

    words: list[str] = args.words
    action = words[0]
    expected = {"move": 3, "split": 2, "merge": 3}.get(action, 1)
    if len(words) != expected:
        usage = {"move": "story move ITEM_ID STORY_ID", "split": "story split ITEM_ID",
                 "merge": "story merge STORY_ID INTO_STORY_ID"}  # fmt: skip
        raise CommandError(
            f"usage: reader {usage.get(action, 'story ID')} (see 'reader story --help')",
            EXIT_USAGE,
        )
    with _open_library(args) as library:
        if action == "move":
            item_id = _story_id_word(words[1], "item id")
            story_id = _story_id_word(words[2], "story id")
            moved = move_to_story(library, item_id, story_id)
            result = {"item": item_id, "story": story_id, "changed": moved}
            text = (f"item {item_id} moved to story {story_id}" if moved
                    else f"item {item_id} is already in story {story_id}")  # fmt: skip
        elif action == "merge":
            story_id = _story_id_word(words[1], "story id")
            into_id = _story_id_word(words[2], "story id")
            try:
                count = merge_stories(library, story_id, into_id)
            except StoryCommandError as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            result = {"story": story_id, "into": into_id, "moved": count}
            text = f"story {story_id} merged into story {into_id} ({count} items moved)"
        elif action == "split":
            item_id = _story_id_word(words[1], "item id")
            story_id = split_from_story(library, item_id)
            result = {"item": item_id, "story": story_id, "changed": True}
            text = f"item {item_id} now has story {story_id} to itself"
        else:
            detail = story(library, _story_id_word(action, "story id"))
            accounts = story_accounts(library, detail)
            if args.json:
                _print_json(story_dict(detail, accounts))
            else:
                width = _terminal_width()
                for line in story_lines(detail, collapse=args.collapse, width=width):
                    print(line)
                for line in accounts_lines(accounts, width):
                    print(line)
            return EXIT_OK
    if args.json:
        _print_json(result)
    else:
        message(text)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from reader.cli.stories import compare_dict, compare_text, parse_item_ids
    from reader.services.comparing import compare_story
    from reader.services.stories import StoryCommandError

    with _open_library(args) as library:
        try:
            items = parse_item_ids(args.items) if args.items is not None else None
            story, articles, skipped = compare_story(library, args.id, items)
        except StoryCommandError as error:
            raise CommandError(str(error), EXIT_USAGE if error.usage else EXIT_FAILURE) from None
    if args.json:
        _print_json(compare_dict(story, articles, skipped))
        return EXIT_OK
    width = args.width or max(40, shutil.get_terminal_size((100, 24)).columns)
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    from reader.cli.output import raw_stream

    # compare_text makes its fields safe itself; the colour codes are its own.
    print(compare_text(story, articles, skipped, width=width, colour=colour),
          file=raw_stream(sys.stdout) if colour else sys.stdout)  # fmt: skip
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from reader.app_launch import launch_app
    from reader.config import load_config

    config, problems = load_config()
    return launch_app(getattr(args, "library", None), config, problems)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "tag": cmd_tag,
    "untag": cmd_untag,
    "tags": cmd_tags,
    "source": cmd_source,
    "views": cmd_views,
    "read": cmd_flag,
    "unread": cmd_flag,
    "star": cmd_flag,
    "unstar": cmd_flag,
    "export": cmd_export,
    "stats": cmd_stats,
    "search": cmd_search,
    "stories": cmd_stories,
    "story": cmd_story,
    "compare": cmd_compare,
}


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run one command; return its exit status (never raises for user errors)."""
    from reader.library import LibraryError

    try:
        args = build_parser().parse_args(argv)
        command = COMMANDS.get(args.command)
        if command is None:
            return cmd_app(args)
        with _safe_output():
            return command(args)
    except CommandError as error:
        message(str(error))
        return error.status
    except LibraryError as error:
        message(str(error))
        return EXIT_FAILURE
    except sqlite3.DatabaseError as error:
        # A library damaged or changed under us mid-command: say so in one line.
        message(f"the library database failed: {error}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        message("interrupted")
        return 130
    except BrokenPipeError:
        # `reader list | head`: the reader of our output left; that is not an error.
        sys.stderr.close()
        return EXIT_OK


@contextmanager
def _safe_output() -> Iterator[None]:
    """Every command but the app prints through SafeOutput (see reader/cli/output.py)."""
    from reader.cli.output import SafeOutput

    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeOutput(stdout), SafeOutput(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def main() -> NoReturn:
    sys.exit(run())
