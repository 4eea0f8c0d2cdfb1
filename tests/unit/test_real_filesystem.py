"""A real small file system (tmpfs) under `reader`: filled up, then mounted read-only.

The injected SQLITE_FULL and the simulated permission tests in test_damaged_environment
run everywhere; these need the right to mount (root, as in CI here), and show the same
holds when the kernel itself says "no space left" or "read-only file system".
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _can_mount() -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"reader-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe)],
            capture_output=True,
        )
        if mounted.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], check=True)
        return True
    except OSError:
        return False
    finally:
        probe.rmdir()


pytestmark = pytest.mark.skipif(
    not _can_mount(), reason="needs root and tmpfs mounts; the injected variants still run"
)


def _mount(folder: Path, *options: str) -> None:
    subprocess.run(["mount", "-o", ",".join(options), str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs: a few hundred kilobytes of library, then 'no space left on device'."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _reader(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(library), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def _headlines(path: Path, prefix: str, count: int) -> Path:
    # Distinct words per line so that neither dedup nor the index can make them small.
    lines = [
        f"{prefix} {n} {hashlib.sha1(f'{prefix}{n}'.encode()).hexdigest()}" for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _integrity(library: Path) -> str:
    with sqlite3.connect(library) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_refuses_one_file_in_one_line_and_the_rest_goes_on(
    tmp_path: Path, small_disk: Path
) -> None:
    library = small_disk / "lib.sqlite3"
    first = _headlines(tmp_path / "a-first.txt", "Harbour ferry news", 20)
    big = _headlines(tmp_path / "b-big.txt", "Council budget line", 10_000)
    last = _headlines(tmp_path / "c-last.txt", "Tram reopening note", 20)
    assert _reader(library, "import", str(first)).returncode == 0

    done = _reader(library, "import", str(big), str(last))

    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "Traceback" not in done.stderr
    assert str(big) in errors[0] and "full" in errors[0]
    assert _integrity(library) == "ok"
    listed = _reader(library, "export", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    titles = listed.stdout
    assert titles.count("Harbour ferry news") == 20 and titles.count("Tram reopening note") == 20
    assert "Council budget line" not in titles  # all of the big file, or none of it

    _mount(small_disk, "remount", "size=128m")  # the user frees space: the same file now fits
    again = _reader(library, "import", str(big))
    assert again.returncode == 0, again.stderr
    assert "imported 10000 items" in again.stdout
    assert _integrity(library) == "ok"


def test_a_read_only_file_system_is_one_line_and_the_library_untouched(
    tmp_path: Path, small_disk: Path
) -> None:
    library = small_disk / "lib.sqlite3"
    assert (
        _reader(library, "import", str(_headlines(tmp_path / "a.txt", "Ferry", 5))).returncode == 0
    )
    assert _reader(library, "tag", "1", "later").returncode == 0
    before = _digest(library)
    _mount(small_disk, "remount", "ro")

    for command in (["list"], ["tag", "2", "later"], ["search", "ferry"], ["stories"],
                    ["import", str(tmp_path / "a.txt")]):  # fmt: skip
        done = _reader(library, *command)
        assert done.returncode == 1, command
        assert done.stderr.strip() == (
            f"reader: cannot open library {library}: its file system is read-only"
        ), command
    fresh = _reader(small_disk / "new.sqlite3", "list")  # a new library in a read-only folder
    assert fresh.returncode == 1 and len(fresh.stderr.strip().splitlines()) == 1
    assert not (small_disk / "new.sqlite3").exists()
    assert _digest(library) == before

    _mount(small_disk, "remount", "rw")
    tagged = _reader(library, "export", "--format", "json")
    assert '"later"' in tagged.stdout  # the tag made before the mount went read-only is there
