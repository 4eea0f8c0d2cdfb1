"""Importing: read many inputs and store each, searchable, in its own all-or-nothing
transaction; then put the new items into stories."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.ingest.files import expand_paths
from reader.ingest.reading import InputError, read_document
from reader.library import Library, LibraryError
from reader.model import ImportCounts, ParsedDocument, SourceKind
from reader.search import index as search_index
from reader.services.stories import copies_from_other_sources, grouping_state
from reader.services.stories import group_new_items as group_stories_of_new_items
from reader.stories import store as story_store
from reader.text.wording import counted
from reader.worker_processes import interrupts_deferred, start_worker

PARALLEL_MIN_FILES = 4
"""Below this many files a worker process costs more than it saves."""


@dataclass(frozen=True, slots=True)
class FileFailure:
    """An input that was not imported, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    """Totals of one `reader import` run."""

    files: int = 0
    added: int = 0
    duplicates: int = 0
    feeds: int = 0
    grouped: int = 0
    """Items put into stories at the end of the import."""
    copies: int = 0
    """Added items that copy an item another source had given (found by grouping)."""
    dropped_lines: int = 0
    """Lines of plain-text inputs left out as page furniture."""
    failures: list[FileFailure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """`path: note` for files imported with something the user should know."""

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary_line(self) -> str:
        copies = f", {self.copies} already from other sources" if self.copies else ""
        return (
            f"imported {counted(self.added, 'item')} from {counted(self.files, 'file')}"
            f" ({counted(self.duplicates, 'duplicate')}{copies},"
            f" {counted(len(self.failures), 'error')})"
        )


ProgressCallback = Callable[[int, int, Path], None]
GroupingCallback = Callable[[int, int], None]
"""Items grouped into stories so far, of how many."""
FailureCallback = Callable[[FileFailure], None]
ReadResult = ParsedDocument | str
"""A parsed document, or why the file could not be read."""


READ_SECONDS = 60.0
"""Time budget for reading one file: the slowest real file measured reads in about 2 s
(10 MB on one line, 1.8 s), so a file that takes 30 times that is refused rather than
holding the import hostage."""


class _ReadTimeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the reading after `seconds` (an alarm signal: main thread, Unix only;
    elsewhere the size limit alone bounds the work)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _ReadTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True, slots=True)
class _Budget:
    """What one file may cost: bytes on disk, seconds to read, items to store."""

    max_bytes: int
    max_seconds: float
    max_items: int | None  # None: no limit


def _read(path: Path, budget: _Budget) -> ReadResult:
    """Parse one file; any failure becomes its one-line reason (runs in worker processes)."""
    try:
        with _time_limit(budget.max_seconds):
            document = read_document(path, max_bytes=budget.max_bytes)
    except _ReadTimeout:
        return f"took more than {budget.max_seconds:g} s to read; refused (is it a real news file?)"
    except InputError as error:
        return str(error)
    except RecursionError:
        return "too deeply nested to read"
    except Exception as error:  # a parser bug must cost one file, never the whole import
        return f"unexpected error while reading ({type(error).__name__}: {error})"
    if budget.max_items is not None and len(document.items) > budget.max_items:
        # Refused here, in the worker: storing and grouping are what a huge file costs.
        return (
            f"holds {len(document.items):,} items, more than max_file_items"
            f" ({budget.max_items:,}) allows; refused (raise it in config.toml [import])"
        )
    return document


def _parallel_reads(files: Sequence[Path], budget: _Budget) -> Iterator[ReadResult]:
    """Parse in worker processes, a few files ahead, yielding results in file order.

    Parsing is CPU-bound Python; storing happens in this process meanwhile, so with two
    cores the two overlap. The look-ahead is bounded so parsed files never pile up.
    """
    workers = max(1, min(len(files), (os.cpu_count() or 1)))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    executor: Executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    with executor:
        pending: deque[Future[ReadResult]] = deque()
        queue = iter(files)
        with interrupts_deferred():  # the first submit forks every worker
            for path in queue:
                pending.append(executor.submit(_read, path, budget))
                if len(pending) >= 2 * workers:
                    break
        while pending:
            result = pending.popleft().result()
            for path in queue:
                pending.append(executor.submit(_read, path, budget))
                break
            yield result


def _reads(files: Sequence[Path], budget: _Budget, parallel: bool) -> Iterator[ReadResult]:
    if parallel and len(files) >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) > 1:
        yield from _parallel_reads(files, budget)
    else:
        for path in files:
            yield _read(path, budget)


def store_document(
    library: Library,
    document: ParsedDocument,
    *,
    source_name: str,
    source_kind: SourceKind,
    origin: str | None,
    tags: Sequence[str] = (),
    group_stories: bool = True,
) -> ImportCounts:
    """Store one parsed input, all of it or nothing, and make its new items searchable
    in that same transaction. With `group_stories` they are also put in stories there;
    without, they wait for `group_new_items` (an import of many files groups them once,
    at its end)."""
    with library.transaction() as connection:
        stored = library.add_document(
            document, source_name=source_name, source_kind=source_kind, origin=origin, tags=tags
        )
        search_index.sync(connection, stored.new_item_ids)
        if group_stories:
            story_store.attach_new_items(
                connection, stored.new_item_ids, cache=grouping_state(library)
            )
    return stored.counts


def import_files(
    library: Library,
    files: Sequence[Path],
    *,
    source: str | None = None,
    tags: Sequence[str] = (),
    max_bytes: int,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
    report: ImportReport | None = None,
    parallel: bool = True,
    group_stories: bool = True,
    on_grouping: GroupingCallback | None = None,
    max_seconds: float = READ_SECONDS,
    max_items: int | None = None,
) -> ImportReport:
    """Import each file; a bad file is reported and skipped, the others go on. A file
    over `max_bytes`, taking more than `max_seconds` to read or holding more than
    `max_items` items (when given) is refused.

    Each file is stored, searchable, in its own transaction. The new items are put into
    stories once all files are in (`group_stories`; else by the next import or story
    command): items can be read meanwhile, and one batch costs less than file by file
    (import_bench at 100k items: 10.7 s storing + 31.9 s grouping, against 55.7 s for
    grouping file by file, measured minutes apart on the same idle machine).
    """
    report = report if report is not None else ImportReport()
    newest_before = library.newest_item_id()
    results = _reads(files, _Budget(max_bytes, max_seconds, max_items), parallel)
    for index, (path, result) in enumerate(zip(files, results, strict=True)):
        if on_progress is not None:
            on_progress(index, len(files), path)
        try:
            if isinstance(result, str):
                raise InputError(result)
            document = result if source is None else _one_source(result)
            counts = store_document(
                library,
                document,
                source_name=source or document.source_name or path.name,
                source_kind=document.source_kind,
                origin=document.source_url or str(path.resolve()),
                tags=tags,
                group_stories=False,
            )
        except (InputError, LibraryError) as error:
            failure = FileFailure(str(path), str(error))
            report.failures.append(failure)
            if on_failure is not None:
                on_failure(failure)
            continue
        report.files += 1
        report.added += counts.added
        report.duplicates += counts.duplicates
        report.feeds += len(document.feeds)
        report.dropped_lines += document.dropped_lines
        report.notes.extend(f"{path}: {note}" for note in document.notes)
    if on_progress is not None and files:
        on_progress(len(files), len(files), files[-1])
    if group_stories:
        try:
            report.grouped = group_stories_of_new_items(library, on_grouping)
            report.copies += copies_from_other_sources(library, newest_before)
        except LibraryError as error:
            # The items are stored; the next import or story command groups them.
            failure = FileFailure("stories", f"not grouped yet ({error})")
            report.failures.append(failure)
            if on_failure is not None:
                on_failure(failure)
    return report


def _one_source(document: ParsedDocument) -> ParsedDocument:
    """The document with items' own sources (from a backup) given up for `--source`."""
    if not any(item.source for item in document.items):
        return document
    return replace(document, items=tuple(replace(item, source=None) for item in document.items))


def import_paths(
    library: Library,
    arguments: Iterable[str],
    *,
    source: str | None = None,
    tags: Sequence[str] = (),
    max_bytes: int,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
    on_grouping: GroupingCallback | None = None,
    max_items: int | None = None,
) -> ImportReport:
    """Expand files, directories and globs, then import every file found."""
    files, missing = expand_paths(arguments)
    report = ImportReport()
    for argument, reason in missing:
        failure = FileFailure(argument, reason)
        report.failures.append(failure)
        if on_failure is not None:
            on_failure(failure)
    return import_files(
        library,
        files,
        source=source,
        tags=tags,
        max_bytes=max_bytes,
        on_progress=on_progress,
        on_failure=on_failure,
        on_grouping=on_grouping,
        report=report,
        max_items=max_items,
    )
