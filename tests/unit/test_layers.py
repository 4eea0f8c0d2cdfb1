"""The data layers never import the UI, and the CLI starts without importing Textual."""

from __future__ import annotations

import subprocess
import sys

DATA_MODULES = [
    "reader.library",
    "reader.ingest.reading",
    "reader.services.importing",
    "reader.services.exporting",
    "reader.config",
    "reader.paths",
    "reader.text.clean",
    "reader.text.fold",
    "reader.text.stem",
]


def test_data_layers_do_not_import_textual_or_rich() -> None:
    script = (
        "import sys\n"
        f"for name in {DATA_MODULES!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('reader.ui'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == ""


def test_cli_commands_do_not_load_textual() -> None:
    script = (
        "import sys\nfrom reader.cli.main import build_parser\nbuild_parser()\n"
        "print(any(m.startswith('textual') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "False"
