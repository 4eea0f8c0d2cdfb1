"""Expanding the paths a user gives to `reader import` into the files to read."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

_GLOB_CHARS = frozenset("*?[")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(directory: Path) -> Iterator[Path]:
    """Regular files below a directory, sorted, skipping hidden files and folders."""
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not _is_hidden(path, directory):
            yield path


def expand_paths(arguments: Iterable[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files named by arguments (files, directories, globs) and (argument, reason) misses.

    Each file appears once, in the order the arguments name them.
    """
    files: dict[Path, None] = {}
    missing: list[tuple[str, str]] = []
    for argument in arguments:
        path = Path(argument).expanduser()
        if path.is_dir():
            files.update(dict.fromkeys(_walk(path)))
        elif path.exists() or path.is_symlink():
            files[path] = None
        elif _GLOB_CHARS & set(argument):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                missing.append((argument, "no file matches this pattern"))
            for match in map(Path, matches):
                files.update(dict.fromkeys(_walk(match) if match.is_dir() else [match]))
        else:
            missing.append((argument, "no such file or directory"))
    return list(files), missing
