"""`reader import`: read many inputs and store each in its own all-or-nothing transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.files import expand_paths
from reader.ingest.reading import InputError, read_document
from reader.library import Library, LibraryError


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
    failures: list[FileFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary_line(self) -> str:
        return (
            f"imported {self.added} items from {self.files} files"
            f" ({self.duplicates} duplicates, {len(self.failures)} errors)"
        )


ProgressCallback = Callable[[int, int, Path], None]
FailureCallback = Callable[[FileFailure], None]


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
) -> ImportReport:
    """Import each file; a bad file is reported and skipped, the others go on."""
    report = report if report is not None else ImportReport()
    for index, path in enumerate(files):
        if on_progress is not None:
            on_progress(index, len(files), path)
        try:
            document = read_document(path, max_bytes=max_bytes)
            counts = library.store_document(
                document,
                source_name=source or document.source_name or path.name,
                source_kind=document.source_kind,
                origin=document.source_url or str(path.resolve()),
                tags=tags,
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
    if on_progress is not None and files:
        on_progress(len(files), len(files), files[-1])
    return report


def import_paths(
    library: Library,
    arguments: Iterable[str],
    *,
    source: str | None = None,
    tags: Sequence[str] = (),
    max_bytes: int,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
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
        report=report,
    )
