"""Opening the app: resolve the library, import the sample library on first start, run."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reader import paths
from reader.config import Config


def _seed_first_start(library_file_existed: bool, explicit: str | None) -> str | None:
    """Import the bundled samples into a brand-new default library; return what was said."""
    from reader.library import Library
    from reader.services.samples import import_samples, sample_files

    target = paths.library_path(explicit)
    if library_file_existed or target != paths.default_library_path():
        return None
    samples = sample_files()
    if not samples:
        return None
    with Library.open(target) as library:
        if not library.is_empty():
            return None
        report = import_samples(library, max_bytes=Config().max_file_bytes)
    return (
        f"First start: imported the bundled sample library ({report.added} items from"
        f" {report.files} files) into {target}"
    )


def launch_app(explicit_library: str | None, config: Config, problems: Sequence[str] = ()) -> int:
    """Run the TUI on the chosen library; returns the exit status. `problems` (what is
    wrong in config.toml) are shown in the app as it starts."""
    from reader.library import Library

    target = paths.library_path(explicit_library)
    existed = target.exists()
    with Library.open(target):  # fail here, before the screen switches, on a bad library
        pass
    greeting = _seed_first_start(existed, explicit_library)
    if greeting:
        print(f"reader: {greeting}", file=sys.stderr)
    from reader.ui.app import ReaderApp

    app = ReaderApp(target, config=config, greeting=greeting, freeze_gc=True, problems=problems)
    app.run()
    return app.return_code or 0
