"""`reader import` in a real process: killed or interrupted, it leaves no helper process
behind and prints one line, not tracebacks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import Library

ROOT = Path(__file__).resolve().parents[2]
WORDS = [
    "harbour",
    "council",
    "ferry",
    "strike",
    "budget",
    "vote",
    "flood",
    "bridge",
    "court",
    "mayor",
    "rail",
    "school",
    "storm",
    "museum",
    "election",
    "hospital",
    "airport",
    "harvest",
    "tariff",
    "festival",
]


def _write_feeds(folder: Path, files: int = 12, per_file: int = 450) -> int:
    """RSS files of distinct headlines: enough for parallel parsing and grouping."""
    folder.mkdir()
    n = 0
    for f in range(files):
        entries = []
        for _ in range(per_file):
            words = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(6))
            entries.append(f"<item><title>{words} {n}</title><guid>g{n}</guid></item>")
            n += 1
        (folder / f"feed{f:02}.xml").write_text(
            f"<rss version='2.0'><channel><title>Feed {f}</title>{''.join(entries)}"
            "</channel></rss>",
            encoding="utf-8",
        )
    return n


def _children(pid: int) -> set[int]:
    """PIDs whose parent is `pid` (from /proc: the CI machines are Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start_import(library: Path, folder: Path, *, capture: bool) -> subprocess.Popen[str]:
    # Without capture: a helper left alive would hold the pipes open, and reading them
    # would wait for it forever.
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--library", str(library), "import", str(folder)],
        cwd=ROOT,
        stdout=output,
        stderr=output,
        text=True,
        start_new_session=True,  # its own process group, as a terminal job has
    )


def _wait_for_helpers(
    process: subprocess.Popen[str], timeout: float = 30.0, other_than: frozenset[int] = frozenset()
) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        helpers = _children(process.pid) - other_than
        if helpers:
            return helpers
        time.sleep(0.02)
    return set()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_helpers_end_with_a_killed_import(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    _write_feeds(folder)
    library = tmp_path / "lib.sqlite3"
    leftovers: set[int] = set()
    for _ in range(3):
        process = _start_import(library, folder, capture=False)
        helpers = _wait_for_helpers(process)
        assert helpers, "the import finished before starting helper processes"
        process.kill()
        process.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(pid) for pid in helpers):
            time.sleep(0.05)
        leftovers |= {pid for pid in helpers if _alive(pid)}
    for pid in leftovers:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not leftovers
    with Library.open(library) as opened:
        assert opened.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("phase", ["parsing", "grouping"])
def test_ctrl_c_prints_one_line_and_no_traceback(tmp_path: Path, phase: str) -> None:
    folder = tmp_path / "feeds"
    _write_feeds(folder)
    process = _start_import(tmp_path / "lib.sqlite3", folder, capture=True)
    parsers = _wait_for_helpers(process)
    assert parsers
    if phase == "grouping":  # the parsing helpers are done: the items are being grouped
        while process.poll() is None and any(_alive(pid) for pid in parsers):
            time.sleep(0.01)
        time.sleep(0.1)
    assert process.poll() is None, "the import ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err and "Error" not in err
    assert err.strip().splitlines()[-1] == "reader: interrupted"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_during_a_rebuild_leaves_its_helpers_silent(tmp_path: Path) -> None:
    """A rebuild extracts story features in a pool of helpers (5,400 items is enough)."""
    folder = tmp_path / "feeds"
    _write_feeds(folder)
    library = tmp_path / "lib.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(library), "import", str(folder)],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    with sqlite3.connect(library) as db:  # as if grouped by an older format: no features
        db.execute("UPDATE story_state SET value = 0 WHERE key = 'format'")
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--library", str(library), "stories", "--rebuild"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    assert _wait_for_helpers(process), "no feature helpers seen"
    time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "reader: interrupted"


def test_a_ctrl_c_while_workers_fork_waits_for_the_end_of_the_fork() -> None:
    """A SIGINT inside the block is held back, then raised as KeyboardInterrupt; a child
    forked meanwhile (before its start_worker) does not die of it with a traceback."""
    from reader.worker_processes import interrupts_deferred

    reached_end = False
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        child = os.fork()
        if child == 0:  # the child: the same held-back handler, then a quiet exit
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            os._exit(0)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        reached_end = True
    _, status = os.waitpid(child, 0)
    assert reached_end and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
